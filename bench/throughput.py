"""Throughput: raw spaCy ``nlp.pipe`` vs ``linkchart.pipeline.build``, 1 and 2 processes.

Every measurement runs in a fresh Python process over the same synthetic corpus
(``bench/synthetic.py``) with the same model, so peak memory is per run:

- raw 1 proc     ``spacy.load(MODEL).pipe(texts)`` (spaCy's default batch size), pipe time only
- raw 2 procs    the same with ``n_process=2`` and a batch size that gives both workers work
- raw, exclude   raw 1 proc with ``exclude=[...]`` (what dropping components would save; measurement only)
- analyze 1 proc ``ner.pipeline.load_pipeline`` + ``analyze`` (linkchart's components, no store),
                 pipe time only
- build jobs=N   ``linkchart.pipeline.build(paths, fresh_db, jobs=N)`` end to end (model load, corpus
                 load, parse, store, graph) — the time the user waits for

Targets (project issue): build jobs=1 ≥ 0.85 × raw 1 proc; build jobs=2 ≥ 1.7 × build jobs=1.

    python bench/throughput.py [--quick] [--docs N] [--repeats R] [--profile]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    MODEL,
    PYTHON,
    cpu_seconds,
    drop_snapshot,
    median,
    run_measured,
    table,
    tmpdir,
    use_snapshot,
    wait_for_quiet,
)

# -- workers (run in a fresh process each) ----------------------------------------------------


def _texts(corpus: str) -> list[str]:
    from linkchart.corpus import load_corpus

    return [d.text for d in load_corpus([corpus])]


def _rss() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_maxrss_mb": own, "children_maxrss_mb": children}


def worker_raw(corpus: str, n_process: int, batch_size: int | None, exclude: list[str]) -> dict:
    from ner.pipeline import load_model

    texts = _texts(corpus)
    t0 = time.perf_counter()
    nlp = load_model(MODEL, exclude=exclude)
    t1, c1 = time.perf_counter(), cpu_seconds()
    kwargs = {"n_process": n_process}
    if batch_size:
        kwargs["batch_size"] = batch_size
    tokens = sum(len(doc) for doc in nlp.pipe(texts, **kwargs))
    t2, c2 = time.perf_counter(), cpu_seconds()
    return {
        "docs": len(texts),
        "tokens": tokens,
        "load_s": t1 - t0,
        "seconds": t2 - t1,
        "cpu_s": c2 - c1,
        "batch_size": batch_size or nlp.batch_size,
        "pipes": nlp.pipe_names,
        **_rss(),
    }


def worker_analyze(corpus: str, n_process: int, batch_size: int) -> dict:
    from linkchart.corpus import load_corpus
    from ner.pipeline import analyze, load_pipeline

    documents = list(load_corpus([corpus]))
    t0 = time.perf_counter()
    nlp = load_pipeline()
    t1, c1 = time.perf_counter(), cpu_seconds()
    tokens = sum(a.n_tokens for a in analyze(nlp, documents, n_process=n_process, batch_size=batch_size))
    t2, c2 = time.perf_counter(), cpu_seconds()
    return {
        "docs": len(documents),
        "tokens": tokens,
        "load_s": t1 - t0,
        "seconds": t2 - t1,
        "cpu_s": c2 - c1,
        "batch_size": batch_size,
        "pipes": nlp.pipe_names,
        **_rss(),
    }


def worker_build(corpus: str, jobs: int, batch_size: int | None, profile: str | None) -> dict:
    from linkchart.pipeline import build
    from ner.version import DEFAULT_BATCH_SIZE, PARALLEL_BATCH_SIZE

    folder = tmpdir("throughput-db")
    db = folder / "bench.db"
    kwargs = {
        "jobs": jobs,
        "batch_size": batch_size or (DEFAULT_BATCH_SIZE if jobs == 1 else PARALLEL_BATCH_SIZE),
    }
    c0 = cpu_seconds()
    try:
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            t0 = time.perf_counter()
            summary = profiler.runcall(build, [corpus], db, **kwargs)
            seconds = time.perf_counter() - t0
            profiler.dump_stats(profile)
        else:
            t0 = time.perf_counter()
            summary = build([corpus], db, **kwargs)
            seconds = time.perf_counter() - t0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "docs": summary.documents,
        "parsed": summary.parsed,
        "tokens": summary.tokens,
        "seconds": seconds,
        "cpu_s": cpu_seconds() - c0,
        "batch_size": kwargs["batch_size"],
        "entities": sum(summary.entities.values()),
        "edges": sum(summary.edges.values()),
        **_rss(),
    }


def worker_components(corpus: str, n_docs: int, rounds: int) -> dict:
    """Per-component cost, one process: (1) each pipeline component called doc by doc and timed,
    plus ``to_analysis``; (2) raw ``nlp.pipe`` with and without lemmatizer/attribute_ruler,
    interleaved over ``rounds`` after a warm-up, best round kept (other load only slows a round)."""
    from ner.pipeline import load_model, load_pipeline, to_analysis

    texts = _texts(corpus)[:n_docs]
    nlp = load_pipeline()
    spent: dict[str, float] = {}
    for _ in range(rounds):
        this: dict[str, float] = {}
        for i, text in enumerate(texts):
            t0 = time.perf_counter()
            doc = nlp.make_doc(text)
            this["tokenizer"] = this.get("tokenizer", 0.0) + time.perf_counter() - t0
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                this[name] = this.get(name, 0.0) + time.perf_counter() - t0
            t0 = time.perf_counter()
            to_analysis(str(i), doc)
            this["to_analysis"] = this.get("to_analysis", 0.0) + time.perf_counter() - t0
        spent = {k: min(v, spent.get(k, v)) for k, v in this.items()}
    variants = {
        "raw (all components)": [],
        "raw, exclude lemmatizer": ["lemmatizer"],
        "raw, exclude lemmatizer+attribute_ruler": ["lemmatizer", "attribute_ruler"],
    }
    models = {label: load_model(MODEL, exclude=exclude) for label, exclude in variants.items()}
    best: dict[str, float] = {}
    tokens = 0
    for model in models.values():  # warm-up
        tokens = sum(len(d) for d in model.pipe(texts[:2]))
    order = list(models.items())
    for round_ in range(rounds):
        for label, model in order[round_ % len(order) :] + order[: round_ % len(order)]:  # rotate
            t0 = time.perf_counter()
            tokens = sum(len(d) for d in model.pipe(texts))
            best[label] = min(best.get(label, float("inf")), time.perf_counter() - t0)
    return {"docs": len(texts), "tokens": tokens, "components": spent, "variants": best}


def worker(args: argparse.Namespace) -> None:
    exclude = [x for x in (args.exclude or "").split(",") if x]
    if args.worker == "components":
        print(json.dumps(worker_components(args.corpus, args.batch_size or 20, args.n_process)))
        return
    if args.worker == "raw":
        result = worker_raw(args.corpus, args.n_process, args.batch_size, exclude)
    elif args.worker == "analyze":
        result = worker_analyze(args.corpus, args.n_process, args.batch_size or 32)
    else:
        result = worker_build(args.corpus, args.n_process, args.batch_size, args.profile_out)
    print(json.dumps(result))


# -- driver -----------------------------------------------------------------------------------


def component_tables(corpus: Path, n_docs: int = 20, rounds: int = 5) -> str:
    """Where a build's parse time goes, component by component, and what exclusions would save."""
    wait_for_quiet(max_wait=120)
    cmd = [
        PYTHON,
        __file__,
        "--worker",
        "components",
        "--corpus",
        str(corpus),
        "--n-process",
        str(rounds),
        "--batch-size",
        str(n_docs),
    ]
    m = run_measured(cmd, timeout=3600)
    if m.returncode != 0:
        return f"(component measurement failed: {m.stderr.strip()[-500:]})"
    r = m.json()
    total = sum(r["components"].values())
    linkchart = sum(v for k, v in r["components"].items() if k.startswith("linkchart_") or k == "to_analysis")
    rows = [[name, seconds, f"{seconds / total:.1%}"] for name, seconds in r["components"].items()]
    rows.append(["total (linkchart's share: " + f"{linkchart / total:.1%})", total, "100%"])
    first = table(
        ["component (doc by doc, best of rounds)", "s", "share"],
        rows,
        title=f"Parse time by component ({r['docs']} docs, {r['tokens']:,} tokens, background load "
        f"{m.background_cores:.2f} cores)",
    )
    base = r["variants"]["raw (all components)"]
    rows = [
        [
            label,
            seconds,
            round(r["tokens"] / seconds),
            f"{1 - seconds / base:+.1%}" if seconds != base else "",
        ]
        for label, seconds in r["variants"].items()
    ]
    second = table(
        ["raw nlp.pipe, one process, interleaved", "best s", "tokens/s", "time saved"],
        rows,
        title="Excluding components (measurement only: linkchart's attribution matches verbs by lemma)",
    )
    return first + "\n\n" + second


def measure(
    corpus: Path,
    kind: str,
    n_process: int,
    *,
    batch_size: int | None = None,
    exclude: str = "",
    profile_out: str | None = None,
) -> dict:
    cmd = [PYTHON, __file__, "--worker", kind, "--corpus", str(corpus), "--n-process", str(n_process)]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    if exclude:
        cmd += ["--exclude", exclude]
    if profile_out:
        cmd += ["--profile-out", profile_out]
    m = run_measured(cmd, timeout=3600)
    if m.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({m.returncode}):\n{m.stderr[-3000:]}")
    result = m.json()
    result.update(
        wall_s=m.wall, maxrss_mb=m.maxrss_mb, tree_peak_mb=m.tree_peak_mb, background_cores=m.background_cores
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small corpus (smoke run, < 1 min)")
    parser.add_argument("--docs", type=int, help="corpus size (default 80, quick 10)")
    parser.add_argument(
        "--repeats", type=int, help="runs per main measurement, median kept (default 3, quick 1)"
    )
    parser.add_argument("--profile", action="store_true", help="also cProfile build jobs=1 and print the top")
    parser.add_argument("--worker", choices=("raw", "analyze", "build", "components"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--exclude", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    snap = use_snapshot()
    from synthetic import write_corpus

    n_docs = args.docs or (10 if args.quick else 80)
    repeats = args.repeats or (1 if args.quick else 3)
    folder = tmpdir("throughput-corpus")
    try:
        write_corpus(folder, n_docs)
        # (label, processes, batch size, exclude, worker, repeated)
        runs = [
            ("raw nlp.pipe", 1, None, "", "raw", True),
            ("raw nlp.pipe, batch 32 (as build)", 1, 32, "", "raw", True),
            ("raw nlp.pipe", 2, 8, "", "raw", True),
            ("build", 1, None, "", "build", True),
            ("build", 2, None, "", "build", True),
            ("raw, exclude lemmatizer", 1, None, "lemmatizer", "raw", False),
            ("raw, exclude lemmatizer+attribute_ruler", 1, None, "lemmatizer,attribute_ruler", "raw", False),
            ("analyze (linkchart components, no store)", 1, 32, "", "analyze", False),
            ("build, --batch-size 32", 2, 32, "", "build", False),
        ]
        if args.quick:
            runs = [r for r in runs if r[5]]
        samples: dict[int, list[dict]] = {i: [] for i in range(len(runs))}
        for round_ in range(repeats):  # interleaved, so drifting background load hits every run alike
            for i, (label, n, batch, exclude, kind, repeated) in enumerate(runs):
                if round_ and not repeated:
                    continue
                quiet = wait_for_quiet(max_wait=0 if args.quick else 120)
                r = measure(folder, kind, n, batch_size=batch, exclude=exclude)
                samples[i].append(r)
                print(
                    f"  {label} x{n}: {r['tokens'] / r['seconds']:,.0f} tokens/s (background load "
                    f"{quiet:.2f} cores before, {r['background_cores']:.2f} during)",
                    file=sys.stderr,
                )
        results = []
        for i, (label, n, _, _, kind, _) in enumerate(runs):
            runs_i = sorted(samples[i], key=lambda r: r["seconds"])
            r = dict(runs_i[len(runs_i) // 2])  # the median run
            r["n"] = len(runs_i)
            r["spread"] = (runs_i[-1]["seconds"] - runs_i[0]["seconds"]) / r["seconds"]
            r["cpu_s"] = median([x["cpu_s"] for x in runs_i])
            r["maxrss_mb"] = max(x["maxrss_mb"] for x in runs_i)
            r["tree_peak_mb"] = max(x["tree_peak_mb"] for x in runs_i)
            r["bg"] = max(x["background_cores"] for x in runs_i)
            r["best_s"] = runs_i[0]["seconds"]  # other load only ever slows a run down
            results.append((label, n, kind, r))

        # the baseline is the faster of the two one-process raw runs (spaCy's default batch of 256
        # documents holds the whole corpus at once and can be the slower one): the stricter target
        raw_rows = [r for label, n, kind, r in results if kind == "raw" and n == 1 and "exclude" not in label]
        raw1 = min(raw_rows, key=lambda r: r["seconds"])
        raw1_best = min(raw_rows, key=lambda r: r["best_s"])
        raw_tps = raw1["tokens"] / raw1["seconds"]
        raw_cpu = raw1["tokens"] / raw1["cpu_s"]
        rows = []
        for label, n, kind, r in results:
            tps = r["tokens"] / r["seconds"]
            what = "end to end" if kind == "build" else f"pipe only (+{r['load_s']:.1f} s load)"
            rows.append(
                [
                    label,
                    n,
                    r["batch_size"],
                    r["docs"],
                    r["tokens"],
                    what,
                    r["n"],
                    r["seconds"],
                    f"{r['spread']:.0%}",
                    round(tps),
                    round(tps / raw_tps, 2),
                    round(r["tokens"] / r["best_s"]),
                    round((r["tokens"] / r["best_s"]) / (raw1_best["tokens"] / raw1_best["best_s"]), 2),
                    r["cpu_s"],
                    round(r["tokens"] / r["cpu_s"]),
                    round(r["tokens"] / r["cpu_s"] / raw_cpu, 2),
                    r["bg"],
                    round(r["maxrss_mb"]),
                    round(r["tree_peak_mb"]),
                ]
            )
        headers = [
            "run",
            "procs",
            "batch",
            "docs",
            "tokens",
            "timed",
            "runs",
            "wall s (median)",
            "spread",
            "tokens/s (median)",
            "× raw 1-proc (median)",
            "tokens/s (best run)",
            "× raw 1-proc (best runs)",
            "CPU s",
            "tokens/CPU-s",
            "CPU efficiency × raw",
            "max bg load (cores)",
            "peak RSS MB (largest process)",
            "peak RSS MB (sum of processes)",
        ]
        title = f"Throughput ({n_docs} synthetic docs, model {MODEL}, {raw1['tokens']:,} tokens)"
        print(table(headers, rows, title=title))
        build1 = next(r for label, n, _, r in results if label == "build" and n == 1)
        build2 = next(r for label, n, _, r in results if label == "build" and n == 2)
        raw2 = next(r for label, n, _, r in results if label == "raw nlp.pipe" and n == 2)
        baseline = f"raw batch {raw1['batch_size']}"

        def tps(r: dict, key: str) -> float:
            return r["tokens"] / r[key]

        def verdict(value: float, target: float) -> str:
            return "met" if value >= target else "NOT met"

        m1, m2 = (
            tps(build1, "seconds") / tps(raw1, "seconds"),
            tps(build2, "seconds") / tps(build1, "seconds"),
        )
        x1, x2 = (
            tps(build1, "best_s") / tps(raw1_best, "best_s"),
            tps(build2, "best_s") / tps(build1, "best_s"),
        )
        raw_with_load = raw1["tokens"] / (raw1["seconds"] + raw1["load_s"])
        cpu_ratio = (build1["tokens"] / build1["cpu_s"]) / raw_cpu
        summary = [
            [
                f"build jobs=1 / {baseline} 1-proc (wall, pipe only), medians",
                round(m1, 3),
                "≥ 0.85",
                verdict(m1, 0.85),
            ],
            [
                f"build jobs=1 / raw batch {raw1_best['batch_size']} 1-proc (wall, pipe only), best runs",
                round(x1, 3),
                "≥ 0.85",
                verdict(x1, 0.85),
            ],
            [
                f"build jobs=1 / {baseline} 1-proc incl. its model load, medians",
                round(tps(build1, "seconds") / raw_with_load, 3),
                "(reference)",
                "",
            ],
            [
                f"build jobs=1 / {baseline} 1-proc in tokens per CPU-second",
                round(cpu_ratio, 3),
                "(reference, insensitive to other load)",
                "",
            ],
            ["build jobs=2 / build jobs=1 (wall), medians", round(m2, 3), "≥ 1.7", verdict(m2, 1.7)],
            ["build jobs=2 / build jobs=1 (wall), best runs", round(x2, 3), "≥ 1.7", verdict(x2, 1.7)],
            [
                f"raw 2-proc / {baseline} 1-proc (wall), medians",
                round(tps(raw2, "seconds") / tps(raw1, "seconds"), 3),
                "(what spaCy itself reaches here)",
                "",
            ],
            [
                f"raw 2-proc / raw batch {raw1_best['batch_size']} 1-proc (wall), best runs",
                round(tps(raw2, "best_s") / tps(raw1_best, "best_s"), 3),
                "(what spaCy itself reaches here)",
                "",
            ],
        ]
        print()
        print(table(["ratio", "value", "target", "status"], summary, title="Throughput targets"))
        if not args.quick:
            print()
            print(component_tables(folder))
        if args.profile:
            prof = folder / "build.prof"
            measure(folder, "build", 1, profile_out=str(prof))
            import pstats

            print("\n```")
            pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(25)
            pstats.Stats(str(prof)).sort_stats("tottime").print_stats(20)
            print("```")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        drop_snapshot(snap)


if __name__ == "__main__":
    main()
