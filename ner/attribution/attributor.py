"""The ``linkchart_attribution`` component: who said, claimed, reported or denied what.

Works over spaCy's dependency parse. For every reporting verb (a general lexicon
matched by lemma, in ``rules.json``) it finds the speaker (the verb's subject,
a passive agent, or "according to X"), resolves pronouns and "the agency"-style
references, takes what was said (the quotation the sentence holds or the verb's
complement clause) and lists the entities mentioned in it. Results are stored as
plain dicts in ``doc._.linkchart_assertions``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ner.attribution.common import (
    CITING_VERBS,
    DECLINING,
    FINITE_TAGS,
    NOMINAL_CUES,
    NOMINAL_DEPS,
    SPEAKER_TYPES,
    Quote,
    _is_negated,
    _Mentions,
    _subject,
    find_quotes,
)
from ner.attribution.content import ContentFinder
from ner.attribution.cues import CueFinder
from ner.attribution.speakers import SpeakerFinder
from ner.cleanup import rules as packaged_rules
from ner.layout import doc_text

if not Doc.has_extension("linkchart_assertions"):
    Doc.set_extension("linkchart_assertions", default=None)


class Attributor(CueFinder, SpeakerFinder, ContentFinder):
    """Finds assertions in one parsed document: cues (:class:`CueFinder`), speakers
    (:class:`SpeakerFinder`) and what they report (:class:`ContentFinder`)."""

    def __init__(self, doc: Doc, mentions: list[dict], rules: dict | None = None):
        self.doc = doc
        self.mentions = _Mentions(mentions)
        self.text = doc_text(doc)
        self.quotes = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.rules = rules if rules is not None else packaged_rules()
        self.verbs: dict[str, str] = self.rules["reporting_verbs"]
        self.sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        self.last_speaker: dict | None = None
        self.document_owner: dict | None = None
        self.document_noun = ""  # what the owner's last document was ("report"): "a report finds"
        self.last_speaker_sent = -(10**9)
        #: The last person who spoke, with the sentence index: "he said" after a body spoke.
        self.last_person: tuple[dict, int] | None = None
        #: The last source that spoke without a name: ``(sentence index, kind, phrase)``.
        self.last_unnamed: tuple[int, str, str] | None = None
        #: Where each claim's sentence (or quotation) ends, for quotations that continue it.
        self.claim_ends: list[tuple[int, dict]] = []
        self.used_quotes: set[Quote] = set()
        #: Content spans cut around an attribution phrase, with that phrase's characters: its
        #: names (an inverted speaker's employer) are not what was said.
        self.fenced: dict[tuple[int, int], tuple[int, int]] = {}
        self.gender = self._genders()
        self.roles = self._role_index()

    def run(self) -> list[dict]:
        """Every assertion in the document, in reading order."""
        found: list[dict] = []
        for token in self.doc:
            self._note_document_owner(token)
            if token.lower_ == "according" and token.dep_ in ("prep", "advmod", "ROOT", "pcomp"):
                record = self._according_to(token)
                if record:
                    found.append(record)
                continue
            if token.pos_ == "NOUN" and token.lemma_.lower() in NOMINAL_CUES:
                record = self._nominal_cue(token)
                if record:
                    found.append(record)
                continue
            if token.lemma_ in CITING_VERBS and (record := self._citing(token)) is not None:
                found.append(record)  # "…, citing a court spokesperson": the cited source reports
                continue
            if token.lower_ in self.rules["stance_adjectives"] and token.pos_ in ("ADJ", "VERB"):
                found.extend(self._stance_adjective(token))  # "Holt was adamant that …"
                continue
            cue = self._phrasal(token)  # "pointed out that …", "ruled out providing …"
            if token.pos_ != "VERB" or (cue is None and token.lemma_ not in self.verbs):
                continue
            if _is_negated(token) or (cue is None and any(c.dep_ == "prt" for c in token.children)):
                continue
            issuer = self._issuer(token)  # "Trump issued a statement saying …": Trump says it
            if token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS and issuer is None:
                continue  # "ignored CSIS warning on …", "a video saying …"
            if token.dep_ == "xcomp" and token.head.lemma_ in self.rules["implicative_negatives"]:
                if token.head.lemma_ in DECLINING and not _is_negated(token.head):
                    found.extend(self._declined(token))  # "X declined to comment": on record
                continue  # "Brightwave failed to tell parents": nothing was told
            if self._inside_denial(token):
                continue  # "Dong denied that he advised …": the advice is what is denied
            stance = self.rules["phrasal_reporting_verbs"][cue] if cue else self.verbs[token.lemma_]
            cue = cue or token.lemma_
            adverbial_ok = token.lemma_ in self.rules["adverbial_verbs"] or token.tag_ in FINITE_TAGS
            subject = issuer or self._subject_after_quote(token) or _subject(token, adverbial_ok=adverbial_ok)
            lost = subject is None  # "Beck, who backed Cruz, last week said …": the parser lost Beck
            if lost:
                subject = self._fenced_subject(token) or self._inverted_object(token)
            quoted = self._in_quote(token.idx)
            if subject is not None and not quoted and self._in_quote(subject.idx):
                subject = self._subject_outside_quotes(token)
            if subject is None:
                continue
            if quoted and self.mentions.at(subject.idx) is None and not self._owned_mentions(subject):
                continue  # inside a quotation only a named speaker counts ("I think" does not)
            unnamed = self._continued_source(subject) if not quoted else None
            pair = self._named_pair(subject) if unnamed is None and not quoted else []
            speaker, affiliation = self.speaker(subject) if unnamed is None and not pair else (None, None)
            if pair:  # "the companies said in a joint statement": the two the document names
                span = self.content(token, stance)
                for member in pair if span is not None else []:
                    found.append(self._record(member, None, cue, stance, span, token.sent, subject.text))
                continue
            if speaker is None and unnamed is None and not quoted:
                unnamed = self._unnamed_source(subject)
            if speaker is None and unnamed is None and subject.lower_ == "they" and not quoted:
                speaker, unnamed = self._they_antecedent(subject)
            if speaker is None and unnamed is None and not quoted:
                unnamed = self._speaking_noun(subject, token) or self._unowned_record(subject)
            if speaker is None and unnamed is None:
                continue
            span = self.content(token, stance)
            if span is None:
                continue
            if unnamed is not None:
                kind, phrase = unnamed
                found.append(self._record(None, None, cue, stance, span, token.sent, phrase, kind))
                continue
            addressed = self._addressed(token)  # "Langton accused Mundine of “…”"
            found.append(
                self._record(
                    speaker, affiliation, cue, stance, span, token.sent, subject.text, addressed=addressed
                )
            )
            for member in (
                [] if lost else self._joint_speakers(subject, speaker)
            ):  # "Scalise and Jordan announced"
                found.append(self._record(member, None, cue, stance, span, token.sent, subject.text))
            for member in [] if lost or quoted else self._joint_sources(subject, token):
                kind, phrase = member  # "Gaetz and other conservatives say": the conservatives too
                found.append(self._record(None, None, cue, stance, span, token.sent, phrase, kind))
        found.extend(self._continued_quotes())
        found.extend(self._headline_claim(found))
        found.extend(r for r in map(self._colon_line, self.doc.sents) if r is not None)
        return _one_claim_per_quote(sorted(found, key=lambda r: r["sent_index"]))

    def _addressed(self, verb: Token) -> list[dict]:
        """The entity an object verb of speech names as its direct object, when what was said is a
        quotation or clause beside it: "accused Mundine of “…”", "blamed the utility, saying …"."""
        if verb.lemma_ not in self.rules["object_verbs"]:
            return []
        found = []
        for child in verb.children:
            m = self.mentions.at(child.idx) if child.dep_ == "dobj" else None
            if m is not None and m["type"] in SPEAKER_TYPES:
                found.append(m)
        return found

    def _headline_claim(self, found: list[dict]) -> list[dict]:
        """ "Prigozhin Says Revolt Sought to Save Wagner", "Ishiba tells Biden of strong
        concerns": on the article's first line, a speaker named right before a present-tense verb
        of speech claims the rest of the line (headlines in title case, or with a bare object,
        defeat the parse). Not when that line already gave a claim."""
        end = self.text.find("\n")
        end = len(self.text) if end < 0 else end
        if any(r["sent_index"] == 0 for r in found):
            return []
        for token in self.doc:
            if token.idx >= end:
                break
            lemma = next((w for w in _present_lemmas(token.lower_) if w in self.verbs), None)
            after = token.idx + len(token.text)
            if lemma is None or len(self.text[after:end].split()) < 2:
                continue
            at = token.idx
            speaker = self.mentions.before_matching(at, lambda m, at=at: m["end"] <= at)
            said = self.text[speaker["start"] : speaker["end"]] if speaker is not None else ""
            if speaker is None or self.text[speaker["end"] : token.idx].strip():
                # a surname the model did not tag in title case: "Prigozhin Says …"
                before = token.nbor(-1) if token.i > 0 else None
                speaker = self._named_by_surname(before) if before is not None else None
                said = before.text if before is not None else ""
            if speaker is None or speaker["type"] not in SPEAKER_TYPES:
                continue
            start = after + len(self.text[after:end]) - len(self.text[after:end].lstrip())
            span = (start, end, "indirect", [])
            return [
                {
                    **self._record(speaker, None, lemma, self.verbs[lemma], span, token.sent, said),
                    "headline": True,
                }
            ]
        return []

    def _inverted_object(self, verb: Token) -> Token | None:
        """ "… was not intentional, reported AP, if …": an inverted source the parser took for
        the object of a subjectless verb set off by a comma after the clause it reports."""
        doc = verb.doc
        if verb.i == 0 or doc[verb.i - 1].text != "," or verb.i + 1 >= len(doc):
            return None
        obj = doc[verb.i + 1]
        if (
            obj.dep_ != "dobj"
            or obj.head.i != verb.i
            or not any(c.i < verb.i and c.dep_ == "ccomp" for c in verb.children)
        ):
            return None
        m = self.mentions.at(obj.idx)
        return obj if m is not None and m["type"] in SPEAKER_TYPES else None

    def _issuer(self, verb: Token) -> Token | None:
        """Who put out the record a participle describes: "Trump issued a statement saying …",
        "the campaign sent out a press release saying …" (the subject of an ``issuing_verbs`` verb
        whose object is the record), so the record's words are that subject's."""
        record = verb.head
        if verb.tag_ != "VBG" or verb.dep_ != "acl" or record.i > verb.i:
            return None
        if record.lemma_.lower() not in self.rules["document_nouns"] or record.dep_ != "dobj":
            return None
        if record.head.lemma_ not in self.rules["issuing_verbs"]:
            return None  # "read a report saying …": the reader does not say it
        if any(c.dep_ == "poss" for c in record.children) or self._in_quote(verb.idx):
            return None  # "released Smith's statement saying …": Smith's own words
        return _subject(record.head, adverbial_ok=False)


def _present_lemmas(word: str) -> list[str]:
    """What a present-tense third-person verb may be the lemma of: "says" → "say", "denies" →
    "deny", "apologises" → "apologise"."""
    if not word.endswith("s") or len(word) < 4:
        return []
    return [word[:-3] + "y", word[:-1], word[:-2]] if word.endswith("ies") else [word[:-1], word[:-2]]


def _one_claim_per_quote(found: list[dict]) -> list[dict]:
    """One claim per speaker, sentence and content, whatever number of cue verbs it has ("Smith
    said and added that …"): the first keeps its verb and stance, ``verbs`` lists them all
    and ``targets`` the names any of their contents holds."""
    kept: dict[tuple, dict] = {}
    for record in found:
        key = (
            record["speaker"],
            record["speaker_text"] if not record["speaker"] else "",
            record["sent_index"],
            record["quote"],
        )
        if key in kept:
            if record["verb"] not in kept[key]["verbs"]:
                kept[key]["verbs"].append(record["verb"])
            targets = kept[key]["targets"]  # "Writing …, Smith said X was “…”": said's clause names X
            targets.extend(t for t in record["targets"] if t not in targets)
        else:
            kept[key] = {**record, "verbs": [record["verb"]]}
    return list(kept.values())


def linkchart_attribution(doc: Doc, rules: dict | None = None) -> Doc:
    """Find assertions with ``rules`` (``None``: the packaged ones); needs ``linkchart_entities`` to
    have run first. Registered as a factory in :mod:`ner.components`."""
    mentions = doc._.linkchart_mentions or []
    headings = set(doc._.linkchart_headings or ())  # subheads, bylines, credits: no assertions
    found = Attributor(doc, mentions, rules).run()
    doc._.linkchart_assertions = [
        {k: v for k, v in a.items() if k != "headline"}
        for a in found
        if a["sent_index"] not in headings or a.get("headline")  # a headline's own claim counts
    ]
    return doc
