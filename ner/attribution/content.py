"""The reported span: the quotation or clause a cue reports, and the entities it targets."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ner.aliases import ORG_TYPES
from ner.attribution.common import (
    ADDRESSEE_VERBS,
    BARE_REPORT_WORDS,
    CONTENT_DEPS,
    FENCE_MARKS,
    FINITE_TAGS,
    INVERSION_MARKS,
    MIN_QUOTE_WORDS,
    OBJECT_CONTENT_STANCES,
    PHRASE_DEPS,
    PRONOUN_GENDER,
    SUBJECT_DEPS,
    XCOMP_VERBS,
    Quote,
    _is_passive,
    parataxis_like,
    reference_kinds,
)


class ContentFinder:
    """What is reported and whom it names; a mixin of :class:`~ner.attribution.Attributor`,
    reading the state its ``__init__`` sets."""

    def _quotes_for(self, verb: Token) -> list[Quote]:
        sent = verb.sent
        inside = [q for q in self.quotes if q.start < sent.end_char and q.end > sent.start_char]
        if not inside and sent.text.rstrip().endswith(":"):
            inside = [q for q in self.quotes if 0 <= q.start - sent.end_char <= 3][:1]
        if not inside and self._bare_report(verb):  # “…,” ¶ split off by the parser: Trump said.
            inside = [
                q
                for q in self.quotes
                if 0 <= sent.start_char - q.end <= 2 and not self._attributed(q) and q not in self.used_quotes
            ]
        if not inside and self._bare_report(verb):  # Lau said in a statement. “There are no …”
            inside = [
                q
                for q in self.quotes
                if 0 <= q.start - sent.end_char <= 3 and not self._attributed(q) and q not in self.used_quotes
            ][:1]
        if not inside:
            return []
        result = list(inside)
        end = max(result[-1].end, sent.end_char)
        for q in self.quotes:  # "…,” he said. “And …”: a continuation with no speaker of its own
            if q.start >= end and not self.text[end : q.start].strip() and not self._attributed(q):
                if self._reported_after(q):
                    break  # “…?” ¶ Green said.: the next speaker's, split off by the parser
                result.append(q)
                end = q.end
            elif q.start >= end:
                break
        return result

    @staticmethod
    def _bare_report(verb: Token) -> bool:
        """True for a sentence that is only an attribution: "Trump said.", "he told the crowd.",
        "Sam Lau, the party's communications director, said in a statement." (the subject's words
        are not counted; the object of "told" is who was told, not what)."""
        sent = verb.sent
        who = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
        words = [t for t in sent if not t.is_punct and not t.is_space and t.i not in who]
        said = (
            (*CONTENT_DEPS, "xcomp") if verb.lemma_ in ADDRESSEE_VERBS else (*CONTENT_DEPS, "xcomp", "dobj")
        )
        own = {t.i for t in verb.subtree}
        if any(t.i not in own for t in words):
            return False  # "The union, he said, could not …": the sentence says more than who spoke
        return len(words) <= BARE_REPORT_WORDS and not any(c.dep_ in said for c in verb.children)

    def _reported_after(self, quote: Quote) -> bool:
        """True when the parser split a quotation from the attribution after it (“Is it over?”
        Green said.): the next sentence starts right after the closing mark and only says who
        spoke, so the quotation is that speaker's, not a continuation of the claim before."""
        gap = self.text[quote.end : quote.end + 3]
        start = quote.end + len(gap) - len(gap.lstrip(" "))
        if start - quote.end > 2 or start >= len(self.text) or self.text[start] == "\n":
            return False
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or span[0].sent.start != span[0].i:
            return False  # the same sentence: :meth:`_attributed` reads it
        return any(
            t.pos_ == "VERB"
            and t.lemma_ in self.verbs
            and any(c.dep_ in SUBJECT_DEPS for c in t.children)
            and self._bare_report(t)
            for t in span[0].sent
        )

    def _attributed(self, quote: Quote) -> bool:
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return False
        for sent in {t.sent for t in span}:
            for t in sent:
                if t.lemma_ in self.verbs and not quote.contains(t.idx) and t.pos_ == "VERB":
                    return True
        return False

    def content(self, verb: Token, stance: str) -> tuple[int, int, str, list[Quote]] | None:
        """Character span and kind of what the verb reports, or ``None``."""
        quotes = [q for q in self._quotes_for(verb) if not q.contains(verb.idx)]
        if quotes:
            start, end = quotes[0].start, quotes[-1].end
            around = self._clause_around(verb, stance, start, end)
            if around is not None:  # "Lee said the board's plan was “a mistake”": the clause counts
                start, end = min(start, around[0]), max(end, around[1])
            return start, end, "quote", quotes
        if verb.lemma_ in self.rules["quote_only_verbs"]:
            return None
        clauses = [
            c
            for c in verb.children
            if (c.dep_ in CONTENT_DEPS and not self._is_inverted_attribution(c, verb))
            or (c.dep_ == "xcomp" and verb.lemma_ in XCOMP_VERBS)
        ]
        clauses += self._listed_infinitives(verb, clauses)
        if not clauses and verb.lemma_ in XCOMP_VERBS:  # "admitted to having given €120,000 to …"
            clauses = [
                c
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pcomp" for g in c.children)
            ]
        if not clauses and (stance in OBJECT_CONTENT_STANCES or verb.lemma_ in self.rules["object_verbs"]):
            clauses = [
                c for c in verb.children if c.dep_ in ("dobj", "oprd") and not _complementizer(c, verb)
            ]
            if not clauses:  # "… that SNB had ruled out providing any further funding"
                clauses = [c for c in verb.children if c.i > verb.i and c.dep_ == "advcl" and c.tag_ == "VBG"]
            # "accusing Lee of facilitating donations": what she is accused of goes with her
            clauses += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" and clauses]
        if not clauses and _is_passive(verb) and any(c.dep_ == "agent" for c in verb.children):
            # "Dragan is accused by the Justice Department of laundering …"
            clauses = [c for c in verb.children if c.dep_ in ("nsubjpass", "prep")]
        as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        inverted = verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i
        # "… that Kestrel had ruled out more funding" is reported, not an inverted attribution
        inverted = inverted and not any(c.dep_ == "mark" or _complementizer(c, verb) for c in verb.children)
        trailing = inverted or self._parenthetical(verb)
        if not clauses and (as_clause or trailing) and verb.head is not verb:
            # "Chinese agents moderated their support, the CSIS report says": the head clause
            own = {t.i for t in verb.subtree}
            tokens = [t for t in verb.head.subtree if t.i not in own and not t.is_punct]
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "indirect", []
        if not clauses:
            clauses = self._that_clause(verb)
        if not clauses and (block := self._colon_block(verb)) is not None:
            return block
        fenced = self._fenced_report(verb) if not clauses else None
        if fenced is not None:
            return fenced
        if not clauses:  # "China’s support was refined across Canada, the document adds"
            clauses = [
                c
                for c in verb.children
                if c.i < verb.i
                and c.dep_ in ("advcl", "ccomp", "parataxis")
                and c.pos_ in ("VERB", "AUX")
                and verb.doc[c.right_edge.i + 1].text == ","
            ]
        if not clauses:
            return None
        tokens = [t for c in clauses for t in c.subtree]
        if all(t.pos_ in ("PRON", "PUNCT", "DET") for t in tokens):
            return None  # "CSIS reported that": nothing is said about anyone
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        return start, end, "indirect", []

    def _clause_around(self, verb: Token, stance: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of the verb's own complement clause when it holds part of the quotation
        (a quoted fragment inside what was reported), else ``None``."""
        clauses = [
            c
            for c in verb.children
            if (c.dep_ in CONTENT_DEPS and not self._is_inverted_attribution(c, verb))
            or (c.dep_ == "xcomp" and verb.lemma_ in XCOMP_VERBS)
            or (c.dep_ in ("dobj", "oprd") and stance in OBJECT_CONTENT_STANCES)
        ] or self._that_clause(verb)
        if clauses:  # "insisted she was innocent and “did not know of” the cash at her home"
            clauses += [c for c in verb.children if self._quoted_conjunct(c, verb, start, end)]
        tokens = [t for c in clauses for t in c.subtree if t.sent == verb.sent and not t.is_punct]
        if not tokens:
            return None
        left, right = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        # "told Sky News he had been liaising with MI5 regarding Lee “and they have …”": a clause
        # that runs on into the quotation is one report with it
        runs_on = left < start and not self.text[right:start].strip(" ,")
        return (left, right) if (left < end and start < right) or runs_on else None

    def _quoted_conjunct(self, c: Token, verb: Token, start: int, end: int) -> bool:
        """True for a verb coordinated with the reporting verb, sharing its subject, that
        holds the quotation and is no report of its own: what the quoted fragment says
        goes on the reported clause ("insisted she was innocent and “did not know …”")."""
        if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX") or c.lemma_ in self.verbs:
            return False
        if any(g.dep_ in SUBJECT_DEPS for g in c.children):
            return False
        return any(start <= t.idx < end for t in c.subtree)

    @staticmethod
    def _listed_infinitives(verb: Token, clauses: list[Token]) -> list[Token]:
        """ "vowed to halt immigration, slash payments and block …": bare verbs after the
        infinitive that the parser coordinated with the reporting verb continue the list."""
        xcomps = [c for c in clauses if c.dep_ == "xcomp"]
        if not xcomps:
            return []
        return [
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.tag_ == "VB"
            and c.i > xcomps[-1].i
            and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)
        ]

    def _colon_block(self, verb: Token) -> tuple[int, int, str, list[Quote]] | None:
        """ "Hewitt writes:", "CNN noted the sparse attendance:" ending a paragraph: the next
        paragraph is what was written or said (a block quotation without marks)."""
        sent = verb.sent
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is None or last.text != ":" or last.i < verb.i or self._in_quote(verb.idx):
            return None
        line_end = self.text.find("\n", last.idx)
        if line_end == -1 or self.text[last.idx + 1 : line_end].strip():
            return None  # the colon does not end its paragraph
        start = line_end
        while start < len(self.text) and self.text[start].isspace():
            start += 1
        end = self.text.find("\n", start)
        end = len(self.text) if end == -1 else end
        block = self.text[start:end].rstrip()
        if len(block.split()) < MIN_QUOTE_WORDS:
            return None
        return start, start + len(block), "quote", []

    def _fenced_report(self, verb: Token) -> tuple[int, int, str, list[Quote]] | None:
        """What an attribution phrase set off by punctuation reports, however the parser hung
        the clauses around it: "If rates rise, Mr. Holt argued, lenders would suffer", "In both
        cases, Holt said, the donations paid for …", "Sales fell, his aide, Ann Holt, told The
        Journal.", "…, said Ann Holt, a director at Kestrel, the bank wants …".

        The phrase is the verb, its subject and its adverbials ("on Tuesday in a statement"),
        up to the first mark after the verb (and an appositive after an inverted subject); it
        must be fenced by marks or stand at the sentence's start or end. What the sentence
        holds outside the phrase is the content, when a clause with a verb is among it and no
        other source reports it. Only verbs used parenthetically (``parenthetical_verbs``: "said",
        "argued", not "agreed") count."""
        doc, sent = verb.doc, verb.sent
        if self._in_quote(verb.idx) or verb.lemma_ not in self.rules["parenthetical_verbs"]:
            return None
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not self._in_quote(c.idx)]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        start = subject.left_edge.i if subject.i < verb.i else verb.i
        if any(t.tag_ in FINITE_TAGS and t.i != verb.i for t in doc[start : verb.i]):
            return None  # a clause between the subject and the verb: not a bare phrase
        end = verb.i
        while end + 1 < sent.end and doc[end + 1].text not in FENCE_MARKS:
            t = doc[end + 1]
            node = t  # each token must hang from the verb through phrase words only
            while node.head.i != verb.i and node.head.i != node.i and node.head.i > verb.i:
                node = node.head
            allowed = PHRASE_DEPS | ({"dobj"} if verb.lemma_ in ADDRESSEE_VERBS else frozenset())
            stray = node.head.i != verb.i or node.dep_ not in allowed or t.pos_ in ("VERB", "AUX")
            if stray and not (t.is_punct and t.i == sent.end - 1):
                return None
            end += 1
        if any(
            verb.i < c.i <= end and c.right_edge.i > end and not c.is_punct and c.i != subject.i
            for c in verb.children
        ):
            return None  # the mark falls inside a phrase word's constituent: not the phrase's end
        if subject.i > verb.i and end + 1 < sent.end:  # "said Ann Holt, a director at Kestrel, …"
            after = doc[end + 2 : sent.end]
            mark = next((t.i for t in after if t.text in FENCE_MARKS), None)
            if mark is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc[end + 2 : mark]):
                end = mark - 1
        first = next((t.i for t in sent if not (t.is_punct or t.is_space)), sent.start)
        fenced_left = start == first or (start > sent.start and doc[start - 1].text in FENCE_MARKS)
        if not fenced_left or subject.i < start or subject.i > end:
            return None
        kept = [
            t
            for t in sent
            if (t.i < start - 1 or t.i > end + 1 or (t.i == start - 1 and start == first))
            and not (t.is_punct or t.is_space)
        ]
        after = [t for t in kept if t.i > end]
        if after and after[0].dep_ == "cc":
            return None  # "Holt defended the plan, and the firm grew": a coordination
        clause = [t for t in kept if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" and t.dep_ != "prep"]
        if not clause or len(kept) < 3:  # "According to a release, …" is not a clause
            return None
        if any(t.lemma_ in self.verbs and any(c.dep_ in SUBJECT_DEPS for c in t.children) for t in kept):
            return None  # "…, The Journal reported, …": the rest is another source's report
        self.fenced[(kept[0].idx, kept[-1].idx + len(kept[-1].text))] = (doc[start].idx, doc[end].idx)
        return kept[0].idx, kept[-1].idx + len(kept[-1].text), "indirect", []

    @staticmethod
    def _parenthetical(verb: Token) -> bool:
        """ "The NSC, he said, could not …": a comma-fenced report inside what it reports."""
        doc = verb.doc
        left, right = verb.left_edge.i, verb.right_edge.i
        if verb.dep_ != "parataxis" or right + 1 >= len(doc):
            return False
        fenced_outside = left > 0 and doc[left - 1].text == "," and doc[right + 1].text == ","
        fenced_inside = doc[left].text == "," and doc[right].text == ","
        return fenced_outside or fenced_inside

    def _is_inverted_attribution(self, clause: Token, verb: Token) -> bool:
        """ "…agreed to terms, The Journal reported": the trailing clause is a source, not content."""
        if clause.lemma_ not in self.verbs or clause.i < verb.i:
            return False
        edge = clause.left_edge
        while edge.is_space or (edge.is_punct and edge.i < clause.i):
            if edge.text in INVERSION_MARKS:
                return True
            edge = clause.doc[edge.i + 1]
        before = clause.doc[edge.i - 1] if edge.i > 0 else None
        return parataxis_like(clause) or (before is not None and before.text in INVERSION_MARKS)

    @staticmethod
    def _that_clause(verb: Token) -> list[Token]:
        """A "that" clause the parser hung elsewhere: "wrote in an announcement that …", "said
        at the time that Bermuda had 66 fintech companies" (a whole clause, read as a relative
        clause of "time")."""
        for t in verb.subtree:
            if (
                t.i > verb.i
                and t.dep_ == "mark"
                and t.lower_ == "that"
                and t.head.pos_ in ("VERB", "AUX", "ADJ")
            ):
                return [t.head]
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                for clause in (c for c in noun.children if c.dep_ == "relcl"):
                    opens = verb.doc[clause.left_edge.i].lower_ == "that"
                    subject = any(
                        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in clause.children
                    )
                    if opens and subject:
                        return [clause]
        return []

    def _record(
        self,
        speaker: dict | None,
        affiliation: dict | None,
        verb: str,
        stance: str,
        span: tuple[int, int, str, list[Quote]],
        sent: Span,
        subject_text: str,
        speaker_kind: str = "named",
        addressed: list[dict] | None = None,
    ) -> dict:
        """One assertion; ``speaker`` is ``None`` for an unnamed source or a group, whose
        ``subject_text`` is the phrase that describes it; ``addressed``: the entities the verb
        names outside its content ("accused Mundine of “…”"), targets too."""
        start, end, kind, quotes = span
        text = " … ".join(self.text[q.start : q.end] for q in quotes) if quotes else (self.text[start:end])
        own = speaker["key"] if speaker else None
        targets: list[str] = []
        phrase = self.fenced.get((start, end), (0, -1))
        found = self._targets_in(start, end) + self._pronoun_targets(start, end, speaker)
        found += self._own_bodies(start, end, speaker, affiliation) + (addressed or [])
        for m in found:
            if phrase[0] <= m["start"] <= phrase[1]:
                continue
            if m["key"] != own and m["key"] not in targets:
                targets.append(m["key"])
        sent_i = self.sent_index.get(sent.start, 0)
        if speaker is not None:
            self.last_speaker, self.last_speaker_sent = speaker, sent_i
            if speaker["type"] == "person":
                self.last_person = (speaker, sent_i)
        else:
            self.last_unnamed = (sent_i, speaker_kind, subject_text)
        self.used_quotes.update(quotes)
        record = {
            "speaker_kind": speaker_kind,
            "speaker": own or "",
            "speaker_type": speaker["type"] if speaker else "",
            "verb": verb,
            "stance": stance,
            "quote": text.strip(),
            "targets": targets,
            "sent_index": sent_i,
            "sentence": sent.text.strip(),
            "kind": kind,
            "speaker_text": subject_text,
            "affiliation": affiliation["key"] if affiliation else None,
        }
        self.claim_ends.append((max(sent.end_char, end if quotes else 0), record))
        return record

    def _targets_in(self, start: int, end: int) -> list[dict]:
        """The entities a span names, in reading order: its mentions, and the definite short
        forms the document's own names resolve ("the federation" after "Royal Kestrel Football
        Federation", "the council" after "Federal Council", "the prime minister" after "Prime
        Minister X")."""
        found = self.mentions.within(start, end)
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return found
        for t in span:
            if t.pos_ != "NOUN" or t.tag_ != "NN" or self.mentions.at(t.idx) is not None:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
                continue
            m = self._named_by_head(t) or self._named_by_kind(t) or self._titled(t)  # "the prime minister"
            if m is not None:
                found.append({**m, "start": t.idx})
        return sorted(found, key=lambda m: m["start"])

    def _pronoun_targets(self, start: int, end: int, speaker: dict | None) -> list[dict]:
        """People a reported span names by "he" or "she" that cannot be its speaker ("Kaili's
        lawyer, Michalis Holt, insisted she was innocent"): the speaker is a body or a person of
        the other gender, and one person only of the pronoun's gender is named in that sentence
        and the one before."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None or (
            speaker is not None and speaker["type"] == "person" and speaker["key"] not in self.gender
        ):
            return []
        found = []
        for t in span:
            if t.lower_ not in ("he", "she") or t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            gender = PRONOUN_GENDER[t.lower_]
            if speaker is not None and self.gender.get(speaker["key"]) == gender:
                continue
            sent = t.sent
            window = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
            people = {
                m["key"]: m
                for m in self.mentions.within(window, t.idx)
                if m["type"] == "person"
                and self.gender.get(m["key"], gender) == gender
                and (speaker is None or m["key"] != speaker["key"])
            }
            if len(people) == 1:
                found.append({**next(iter(people.values())), "start": t.idx})
        return found

    def _own_bodies(self, start: int, end: int, speaker: dict | None, affiliation: dict | None) -> list[dict]:
        """The speaker's own body named by a possessive ("Hufeld conceded that his agency …",
        "Kelleher highlighted his bank's culture"): a reference noun owned by "his" or "her"
        for a person speaker is the one body of that noun's kind the speaker is tied to, by the
        claim's role phrase or a role the text gives them ("BaFin president Felix Hufeld")."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None or speaker is None or speaker["type"] != "person":
            return []
        found = []
        for t in span:
            kind = reference_kinds().get(t.lower_)
            owner = next((c for c in t.children if c.dep_ == "poss"), None)
            if kind is None or owner is None or owner.lower_ not in ("his", "her"):
                continue
            if self.gender.get(speaker["key"], PRONOUN_GENDER[owner.lower_]) != PRONOUN_GENDER[owner.lower_]:
                continue
            keys = {o for _, p, o in self.roles if p == speaker["key"] and o is not None}
            if affiliation is not None:
                keys.add(affiliation["key"])
            bodies = [m for m in map(self.mentions.at_key, keys) if m is not None and m["type"] == kind]
            if len(bodies) == 1:
                found.append({**bodies[0], "start": t.idx})
        return found

    def _named_by_kind(self, noun: Token) -> dict | None:
        """ "the regulator", "the electronic payments firm": the one body of that noun's kind
        (``reference_nouns``) the document names before it, when it names just one."""
        kind = reference_kinds().get(noun.lower_)
        if kind is None:
            return None
        bodies = {m["key"]: m for m in self.mentions.within(0, noun.idx) if m["type"] == kind}
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _named_by_head(self, noun: Token) -> dict | None:
        """The entity named last before ``noun`` whose name ends in that noun, when it is not a
        person or place: "the federation" → "Royal Kestrel Football Federation"."""
        word = noun.lower_

        def ends_in(m: dict) -> bool:
            words = m["key"].lower().split()
            return m["type"] in ORG_TYPES and len(words) > 1 and words[-1] == word

        return self.mentions.before_matching(noun.idx, ends_in)


def _complementizer(token: Token, verb: Token) -> bool:
    """True for a "that" the parser made the verb's object though it opens the verb's clause
    ("told journalists that SNB had ruled out …": "that" before the subject)."""
    return (
        token.lower_ == "that"
        and verb.dep_ != "relcl"  # "an accusation that Kovrig denies": a relative pronoun
        and token.i < verb.i
        and any(c.dep_ in SUBJECT_DEPS and token.i < c.i < verb.i for c in verb.children)
    )
