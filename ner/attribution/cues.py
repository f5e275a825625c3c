"""Finding reporting cues beyond a reporting verb's own clause: "according to", nominal cues
("his claim that …"), phrasal verbs, "declined to comment", colon lines, and the cues
that do not count (inside a denial)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ner.attribution.common import (
    INFINITIVE_NOUNS,
    MAX_SPEAKER_TOKENS,
    NOMINAL_CUES,
    NORM_NOUNS,
    QUOTE_PAIRS,
    SPEAKER_TYPES,
    _is_negated,
    _subject,
)

#: What a body publishes on, cited "according to the website of X".
SITE_NOUNS = frozenset({"website", "site", "page", "account", "profile", "blog"})


class CueFinder:
    """Reporting cues other than a verb's own clause; a mixin of :class:`~ner.attribution.Attributor`,
    reading the state its ``__init__`` sets."""

    def _according_to(self, token: Token) -> dict | None:
        """ "…, according to X." → X reports the rest of the sentence."""
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None:
            return None
        speaker, affiliation = self.speaker(obj)
        owned = speaker is None
        if owned:  # "according to Axelrod's memoir", "… a CNN tally", "… a count by AP"
            speaker = self._cited_owner(obj)
        unnamed = self._cited_source(obj) if speaker is None else None
        if speaker is None and unnamed is None:
            return None
        sent = token.sent
        skip = {t.i for t in token.subtree}
        kept = [t for t in sent if t.i not in skip and not (t.is_punct or t.is_space)]
        if not kept:
            return None
        span = (kept[0].idx, kept[-1].idx + len(kept[-1].text), "indirect", [])
        in_quotes = [q for q in self._quotes_for(token) if q.start >= sent.start_char]
        if in_quotes:
            span = (span[0], span[1], "quote", [])
        if unnamed is not None:
            kind, phrase = unnamed
            return self._record(None, None, "according to", "reports", span, sent, phrase, kind)
        last = (self.last_speaker, self.last_speaker_sent)
        record = self._record(speaker, affiliation, "according to", "reports", span, sent, obj.text)
        if owned:  # the author of a cited memoir or tally is not who "he" or "she" goes on to be
            self.last_speaker, self.last_speaker_sent = last
        return record

    def _citing(self, token: Token) -> dict | None:
        """ "…, citing a court spokesperson", "citing Reuters": a participle of "cite" or
        "quote" whose object is a source (a speaker entity or an unnamed source, not a reason
        or a record: "citing low growth", "citing CSIS studies") makes that source report the
        clause the participle hangs on."""
        if (
            token.tag_ != "VBG"
            or token.dep_ not in ("advcl", "xcomp", "conj", "acl")
            or self._in_quote(token.idx)
        ):
            return None
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() in self.rules["document_nouns"]:
            return None  # "citing CSIS studies": what a record says is its own report's evidence
        speaker, affiliation = self.speaker(obj)
        unnamed = self._unnamed_source(obj) if speaker is None else None
        if speaker is None and unnamed is None:
            return None
        head = token.head
        skip = {t.i for t in token.subtree}
        if head.lemma_ in self.verbs:  # "The Journal, citing internal documents, reported that …"
            skip |= {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        kept = [t for t in head.subtree if t.i not in skip and not (t.is_punct or t.is_space)]
        if len(kept) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in kept):
            return None
        span = (kept[0].idx, kept[-1].idx + len(kept[-1].text), "indirect", [])
        verb, sent = token.lemma_, token.sent
        if unnamed is not None:
            kind, phrase = unnamed
            return self._record(None, None, verb, "reports", span, sent, phrase, kind)
        return self._record(speaker, affiliation, verb, "reports", span, sent, obj.text)

    def _cited_owner(self, obj: Token) -> dict | None:
        """Who owns what "according to" cites, when it is a thing: the speaker named as its
        possessor or modifier ("Axelrod's memoir", "the RealClearPolitics average") or after
        "by", "from" or "in" ("a count by The Associated Press", "an article in Politico"), or
        "of" for what it publishes ("the website of SETI")."""
        if obj.pos_ not in ("NOUN", "PROPN") or self._in_quote(obj.idx) or obj.lemma_.lower() in NORM_NOUNS:
            return None
        owners = [c for c in obj.children if c.dep_ in ("poss", "compound") and c.i < obj.i]
        # "of" for what a body publishes: "the website of SETI", "a statement of the ministry"
        published = obj.lemma_.lower() in self.rules["document_nouns"] or obj.lemma_.lower() in SITE_NOUNS
        owners += [
            g
            for c in obj.children
            if c.dep_ == "prep" and (c.lower_ in ("by", "from", "in") or (published and c.lower_ == "of"))
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for owner in owners:  # the owner itself before names inside it ("DAZN's Alex Ibaceta")
            for t in sorted(owner.subtree, key=lambda t: t.i != owner.i):
                m = self.mentions.at(t.idx)
                if m is not None and m["type"] in SPEAKER_TYPES:
                    return m
        return None

    def _cited_source(self, obj: Token) -> tuple[str, str] | None:
        """``(kind, phrase)`` for what "according to" cites when it names no entity: people
        ("Democratic officials", "the officer in charge of the base", "an attendee"), a poll
        ("exit polls") or a record nobody is named as writing ("a court filing", "multiple
        reports", "the results"). Norms ("House rules", "the schedule") are left out."""
        if obj.pos_ != "NOUN" or self._in_quote(obj.idx):
            return None
        found = self._unnamed_source(obj)
        if found is not None or obj.lemma_.lower() in NORM_NOUNS or obj.tag_ not in ("NN", "NNS"):
            return found
        if any(c.dep_ == "poss" for c in obj.children):
            return None  # "according to his biography": its owner's, left to the pronoun rules
        phrase = self._source_phrase(obj)
        if obj.tag_ == "NNS":  # "according to multiple reports", "… the results", "… media trackers"
            return "group", phrase
        indefinite = any(c.lower_ in ("a", "an", "one", "another") for c in obj.children)
        if indefinite or obj.lemma_.lower() in self.rules["document_nouns"]:
            return "unnamed", phrase  # "according to a court filing", "… an attendee"
        return None

    def _nominal_cue(self, noun: Token) -> dict | None:
        """ "Sanders's argument that superdelegates should switch", "his promise to be neutral",
        "a warning from the regulator that ...": a claim noun whose owner speaks and whose
        "that" clause or infinitive is what was said."""
        if self._in_quote(noun.idx):
            return None
        # no denial check: a claim someone rejects was still made ("rejected Collins's claim that …")
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            if prep is None:  # "accusations made by Panzeri that …": the agent of a participle on it
                made = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
                prep = next((g for c in made for g in c.children if g.dep_ == "agent"), None)
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if owner is None and noun.dep_ == "pobj" and noun.head.lower_ == "over":
            acting = noun.head.head  # "the CMA blocked the bid over concerns that …": the CMA's
            while acting.pos_ in ("NOUN", "PROPN") and acting.dep_ in ("dobj", "pobj", "prep"):
                acting = acting.head  # through the object the phrase hangs on
            owner = _subject(acting) if acting.pos_ == "VERB" and not self._in_quote(acting.idx) else None
        if owner is None:
            return None
        clauses = [
            c
            for c in noun.children
            if c.i > noun.i
            and c.dep_ in ("acl", "ccomp")
            and c.pos_ in ("VERB", "AUX")
            and any(
                (m.dep_ == "mark" and m.lower_ == "that")
                or (m.dep_ == "aux" and m.lower_ == "to" and noun.lemma_.lower() in INFINITIVE_NOUNS)
                for m in c.children
            )
        ]
        if not clauses:
            clauses = self._clause_after(noun)
        if not clauses:
            return None
        speaker, affiliation = self.speaker(owner)
        unnamed = self._unnamed_source(owner) if speaker is None else None
        if speaker is None and unnamed is None:
            return None
        tokens = [t for c in clauses for t in c.subtree if not t.is_punct and t.i > noun.i]
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "indirect", [])
        lemma, sent = noun.lemma_.lower(), noun.sent
        if unnamed is not None:
            kind, phrase = unnamed
            return self._record(None, None, lemma, NOMINAL_CUES[lemma], span, sent, phrase, kind)
        return self._record(speaker, affiliation, lemma, NOMINAL_CUES[lemma], span, sent, owner.text)

    def _clause_after(self, noun: Token) -> list[Token]:
        """The clause a claim noun opens with the next word when the parser hung it elsewhere:
        "a response following Rubiales' claims that she lifted him" (on "response"), "his claim
        that the Authority is “not only unelected …”" (through an auxiliary), "Rubiales' vow to
        “fight”" (on the main verb). An auxiliary is climbed to the word it serves."""
        doc = noun.doc
        after = doc[noun.i + 1] if noun.i + 1 < noun.sent.end else None
        infinitive = noun.lemma_.lower() in INFINITIVE_NOUNS
        if after is None or not (
            (after.lower_ == "that" and after.dep_ == "mark")
            or (after.lower_ == "to" and after.dep_ == "aux" and infinitive)
        ):
            return []
        node = after.head
        while node.dep_ in ("aux", "auxpass") and node.head.i > noun.i:
            node = node.head
        if node.pos_ not in ("VERB", "AUX", "ADJ") or node.i < noun.i:
            return []
        if after.lower_ == "that" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in after.head.children
        ):
            return []  # "the claim that was made": a relative clause, not what was claimed
        return [node]

    def _inside_denial(self, token: Token) -> bool:
        """True when the verb sits in what another verb denies or negates, or in a question.

        "Dong denied that he advised …", "CSIS deliberated whether … he believed …".
        """
        for node in (token, *token.ancestors):
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in node.children):
                return True
        node = token
        while node.head.i != node.i:
            ancestor, coordinated = node.head, node.dep_ == "conj"
            node = ancestor
            if coordinated:
                continue  # "denied any wrongdoing and said he would appeal": said beside, not inside
            lemma = ancestor.lemma_
            if lemma in self.verbs and (self.verbs[lemma] == "denies" or _is_negated(ancestor)):
                return True
        return False

    def _note_document_owner(self, token: Token) -> None:
        """Remember who wrote the last named document ("the June 2019 CSIS report", "Juventus
        issued a statement")."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.rules["document_nouns"]:
            return
        by = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
        candidates = [t for t in token.subtree if t.i < token.i] + [
            t for prep in by for t in prep.subtree if t.dep_ == "pobj" or t.head.dep_ == "pobj"
        ]
        if token.dep_ == "dobj":  # "Juventus issued a statement": the subject of its verb
            subject = _subject(token.head, adverbial_ok=False)
            candidates += [subject] if subject is not None else []
        for t in candidates:
            m = self.mentions.at(t.idx)
            if m is not None and m["type"] in ("agency", "organization", "outlet"):
                self.document_owner, self.document_noun = m, token.lemma_.lower()

    def _phrasal(self, verb: Token) -> str | None:
        """The phrasal reporting verb ("point out", "rule out") a verb and its particle make, if any."""
        particle = next((c for c in verb.children if c.dep_ == "prt"), None)
        if particle is None:
            return None
        phrase = f"{verb.lemma_} {particle.lower_}"
        return phrase if phrase in self.rules["phrasal_reporting_verbs"] else None

    def _colon_line(self, sent: Span) -> dict | None:
        """A line that opens with a name and a colon is that speaker's: a headline ("Pence:
        Flowers won't be at the debate") or an interview transcript ("WALLACE: Let's start").
        The name must be all that precedes the colon; what follows, to the end of the line
        (or the next line, when the name stands alone), is the claim."""
        start = sent.start_char
        if start > 0 and self.text[start - 1] != "\n":
            return None
        words = [t for t in sent[: MAX_SPEAKER_TOKENS + 2] if not (t.is_punct and t.text != ":")]
        colon = next((i for i, t in enumerate(words) if t.text == ":"), None)
        if not colon:
            return None
        name = words[:colon]
        if not all(t.text[:1].isupper() for t in name) or len(name) > 4:
            return None  # "Former AG Mukasey at RNC:", "Wait, it gets better:": more than a name
        speaker = self.mentions.at(name[-1].idx) or self._named_by_surname(name[-1])
        if speaker is None or speaker["type"] not in SPEAKER_TYPES or self._in_quote(name[0].idx):
            return None
        begin = words[colon].idx + 1
        line_end = self.text.find("\n", begin)
        line_end = len(self.text) if line_end == -1 else line_end
        if not self.text[begin:line_end].strip():  # "JOEL BENENSON:" ¶ what he said
            begin = line_end + 1
            line_end = self.text.find("\n", begin)
            line_end = len(self.text) if line_end == -1 else line_end
        content = self.text[begin:line_end]
        if len(content.split()) < 2:
            return None
        begin += len(content) - len(content.lstrip())
        end = begin + len(content.strip())
        kind = "quote" if content.lstrip()[:1] in QUOTE_PAIRS or content.lstrip()[:1] in "‘'" else "indirect"
        return self._record(speaker, None, "say", "states", (begin, end, kind, []), sent, name[-1].text)

    def _stance_adjective(self, adjective: Token) -> list[dict]:
        """ "Holt was adamant that …", "… is convinced the bank lied", "Holt made (it) clear
        that …": a stance adjective (``stance_adjectives``) predicated of a speaker with a
        finite clause is that speaker's claim; "clear" only after "make" ("it is clear that"
        has no speaker)."""
        head = adjective.head
        linking = (
            ("be", "remain", "seem", "appear", "sound", "make") if adjective.lower_ != "clear" else ("make",)
        )
        if (
            adjective.dep_ not in ("acomp", "oprd", "ccomp")
            or head.lemma_ not in linking
            or self._in_quote(adjective.idx)
            or _is_negated(head)
            or _is_negated(adjective)
        ):
            return []
        clauses = [
            c
            for node in (adjective, head)
            for c in node.children
            if c.i > adjective.i
            and c.dep_ in ("ccomp", "csubj", "advcl")
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
        ]
        subject = _subject(head)
        if not clauses or subject is None or subject.lower_ in ("it", "this", "that"):
            return []
        speaker, affiliation = self.speaker(subject)
        unnamed = self._unnamed_source(subject) if speaker is None else None
        if speaker is None and unnamed is None:
            return []
        tokens = [t for t in clauses[0].subtree if not t.is_punct]
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "indirect", [])
        verb, sent = f"{head.lemma_} {adjective.lower_}", adjective.sent  # "be adamant", "make clear"
        if unnamed is not None:
            kind, phrase = unnamed
            return [self._record(None, None, verb, "states", span, sent, phrase, kind)]
        return [self._record(speaker, affiliation, verb, "states", span, sent, subject.text)]

    def _declined(self, token: Token) -> list[dict]:
        """ "Lee declined to comment", "BaFin refused to confirm the report": stance ``declines``,
        the refused report as content (its names are the claim's targets)."""
        refusal = token.head
        subject = _subject(refusal)
        if subject is None or self._in_quote(refusal.idx):
            return []
        speaker, affiliation = self.speaker(subject)
        unnamed = self._unnamed_source(subject) if speaker is None else None
        if speaker is None and unnamed is None:
            return []
        tokens = [t for t in token.subtree if not t.is_punct]
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), "indirect", [])
        if unnamed is not None:
            kind, phrase = unnamed
            return [self._record(None, None, refusal.lemma_, "declines", span, token.sent, phrase, kind)]
        verb, sent = refusal.lemma_, token.sent
        return [self._record(speaker, affiliation, verb, "declines", span, sent, subject.text)]
