"""Finding who speaks: subjects, pronouns, roles and titles, unnamed and group sources,
and quotations that continue the last speaker."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.tokens import Token

from ner.aliases import ORG_TYPES
from ner.attribution.common import (
    ANONYMOUS_ROLES,
    BOUND_VOTES,
    COUNSEL,
    COUNSEL_WORDS,
    FENCE_MARKS,
    FINITE_TAGS,
    GENDERED_PRONOUNS,
    GENDERED_TITLES,
    GROUP_PRONOUNS,
    MAX_INSERT_TOKENS,
    MAX_SOURCE_TOKENS,
    MAX_SPEAKER_TOKENS,
    MOUTHPIECES,
    NORM_NOUNS,
    OBJECT_PRONOUNS,
    PERSON_PRONOUNS,
    POLL_NOUNS,
    POSSESSIVE_PRONOUNS,
    PRONOUN_GENDER,
    PRONOUN_WINDOW,
    QUOTE_CLOSERS,
    QUOTE_PAIRS,
    SOURCE_QUANTIFIERS,
    SPEAKER_TYPES,
    SUBJECT_DEPS,
    SURNAME_DOMINANCE,
    TITLE_VOTES,
    Quote,
    _is_passive,
    _subject,
    collective_nouns,
    described_speakers,
    reference_kinds,
    reference_nouns,
    role_nouns,
    source_nouns,
    title_nouns,
    unnamed_cues,
)
from ner.cleanup import match_key


class SpeakerFinder:
    """Who speaks; a mixin of :class:`~ner.attribution.Attributor`, reading the state its
    ``__init__`` sets."""

    def _genders(self) -> dict[str, str]:
        """The grammatical gender the document gives each person key, where it gives one.

        Evidence: an honorific before a mention ("Mr Braun", "Ms Lee"), a possessive or
        reflexive pronoun in a clause whose subject is the person ("Braun apologised for his
        conduct") or the subject of what the person reports ("Lee said she would appeal"),
        weighed above sentences that name exactly one person and use pronouns of one gender
        only ("Lee said her firm …", where "her" may be someone the sentence does not name).
        A key whose votes disagree is left ungendered (compatible with either pronoun).
        """
        votes: dict[str, Counter] = defaultdict(Counter)
        for m in self.mentions.items:
            if m["type"] != "person":
                continue
            before = self.text[max(0, m["start"] - 8) : m["start"]].split()
            own = (m.get("text") or m["name"]).split()[:1]  # "Ms Eva Marsh": a title inside the mention
            title = " ".join(
                [before[-1].lower() if before else "", m["name"].split()[0].lower(), *own]
            ).lower()
            for gender, titles in GENDERED_TITLES.items():
                if any(word in titles for word in title.split()):
                    votes[m["key"]][gender] += TITLE_VOTES
        for t in self.doc:  # "Braun apologised for his conduct", "Lee said she would appeal"
            if t.lower_ in PRONOUN_GENDER and not self._in_quote(t.idx):
                key = self._bound_person(t)
                if key is not None:
                    votes[key][PRONOUN_GENDER[t.lower_]] += BOUND_VOTES
        people: dict[int, set[str]] = defaultdict(set)  # sentence index → person keys named there
        first: dict[int, int] = {}  # sentence index → where its first person is named
        for m in self.mentions.items:
            if m["type"] == "person" and not self._in_quote(m["start"]):
                people[m["sent_index"]].add(m["key"])
                first.setdefault(m["sent_index"], m["start"])
        for i, sent in enumerate(self.doc.sents):
            if len(people.get(i, ())) != 1:
                continue
            genders = {  # a pronoun before the name is someone else's: "she criticised Ruiz's acts"
                PRONOUN_GENDER[t.lower_]
                for t in sent
                if t.lower_ in PRONOUN_GENDER and not self._in_quote(t.idx) and t.idx > first[i]
            }
            if len(genders) == 1:
                votes[next(iter(people[i]))][genders.pop()] += 1
        return {
            key: count.most_common(1)[0][0]
            for key, count in votes.items()
            if len(count) == 1 or count.most_common(2)[0][1] >= 2 * count.most_common(2)[1][1]
        }

    def _bound_person(self, pronoun: Token) -> str | None:
        """The person key a pronoun is bound to by the parse, if any: the subject of the clause
        a possessive or reflexive sits in, or the speaker of the report whose subject it is."""
        if pronoun.tag_ == "PRP$" or pronoun.lower_ in ("himself", "herself"):
            node = pronoun.head  # up to the verb of the pronoun's own clause
            while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                node = node.head
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.i > pronoun.i:
                return None
            between = self.mentions.within(subject.idx + len(subject.text), pronoun.idx)
            if any(m["type"] == "person" for m in between):
                return None  # "Rubiales kissed Hermoso on her cheek": her is Hermoso's
        elif pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "ccomp":
            report = pronoun.head.head
            if report.lemma_ not in self.verbs:
                return None
            subject = next((c for c in report.children if c.dep_ == "nsubj"), None)
        else:
            return None
        if subject is None:
            return None
        m = self.mentions.at(subject.idx)
        return m["key"] if m is not None and m["type"] == "person" else None

    @staticmethod
    def _anaphoric(head: Token) -> bool:
        """ "the Labour MP", "the minister": one person named before, not a new one."""
        definite = any(c.lower_ == "the" and c.dep_ == "det" for c in head.children)
        return head.tag_ in ("NN", "NNP") and definite

    def _role_owner(self, role: Token) -> str | None:
        """Whose role it is: "Kaili's lawyer", "Microsoft president", "the lawyer for Tarabella"."""
        for c in role.children:
            if c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("for", "of", "at")):
                for t in c.subtree if c.dep_ == "prep" else [c]:
                    m = self.mentions.at(t.idx)
                    if m is not None:
                        return m["key"]
        return None

    def _role_index(self) -> list[tuple[str, str, str | None]]:
        """``(role noun, person key, owner key)`` for every person the text names with a role:
        "Kaili's Brussels lawyer, Andre Risopoulos", "Microsoft president Brad Smith"."""
        found = []
        for t in self.doc:
            if t.pos_ != "NOUN" and t.lower_ not in title_nouns():
                continue
            if t.lemma_.lower() not in role_nouns():
                continue
            m = self._appositive_person(t)
            if m is None and t.dep_ in ("appos", "compound") and t.head.pos_ == "PROPN":
                m = self.mentions.at(t.head.idx)
            if m is not None and m["type"] == "person":
                found.append((t.lemma_.lower(), m["key"], self._role_owner(t)))
        return found

    def _appositive_person(self, role: Token) -> dict | None:
        """The person set beside a role noun by apposition, wherever the parser hung it
        ("Kaili's lawyer in Athens, Michalis Dimitrakopoulos": on "Athens")."""
        for t in role.subtree:
            if t.dep_ != "appos":
                continue
            m = self.mentions.at(t.idx)
            on = self.mentions.at(t.head.idx) if t.head is not role else None
            if m is not None and m["type"] == "person" and (on is None or on["type"] != "person"):
                return m
        return None

    def _holder(self, role: Token) -> dict | None:
        """The one person the document names with this role (and owner, if given), if just one:
        "her lawyer said" once "Kaili's Brussels lawyer, Andre Risopoulos" is named."""
        if role.tag_ not in ("NN", "NNP"):
            return None  # "lawyers", "officials": a group
        if any(c.lower_ in ("a", "an", "another", "one") for c in role.children):
            return None  # "a senior officer at the council": someone not named
        owner = self._role_owner(role)
        lemma = role.lemma_.lower()
        # "Switzerland's finance minister" is the minister named without an owner ("Swiss Finance
        # Minister Karin Keller-Sutter"): a country owns its ministers, a company its officers
        place = owner is not None and (self.mentions.at_key(owner) or {}).get("type") == "place"
        held = {
            p
            for r, p, o in self.roles
            if r == lemma and (owner is None or o == owner or (o is None and place))
        }
        if owner is None:
            possessive = next((c.lower_ for c in role.children if c.dep_ == "poss" and c.pos_ == "PRON"), "")
            held = {p for p in held if possessive in ("", "his", "her", "its", "their")}
        if len(held) != 1:
            return None
        return self.mentions.at_key(next(iter(held)))

    def _in_quote(self, char: int) -> bool:
        """True when ``char`` lies inside a quotation (quotations do not overlap: a bisect)."""
        i = bisect_right(self.quote_starts, char) - 1
        return i >= 0 and self.quotes[i].contains(char)

    def _agrees(self, mention: dict | None, pronoun: str) -> bool:
        """True when ``mention`` is a person ``pronoun`` can stand for (an ungendered one can)."""
        if mention is None or mention["type"] != "person":
            return False
        gender = self.gender.get(mention["key"])
        return gender is None or not pronoun or pronoun in GENDERED_PRONOUNS[gender]

    def _owned_mentions(self, head: Token) -> list[dict]:
        """Mentions that modify ``head`` (compound, possessive, appositive), not clauses on it.

        "A document reviewed by The Bureau" is not The Bureau's document, so
        mentions inside relative and participle clauses are left out.
        """
        found: list[dict] = []
        authored = (
            head.lemma_.lower() in self.rules["document_nouns"]
            or head.lemma_.lower() in self.rules["role_nouns"]
            or head.lower_ in ("researchers", "analysts", "officials")
        )
        speaks_for = head.lemma_.lower() in MOUTHPIECES  # "a spokesperson for Thames Water"
        skip = {
            t.i
            for c in head.children
            if c.dep_ in ("acl", "relcl", "prep")
            and not (
                authored and (c.lower_ in ("by", "from", "of", "at") or (speaks_for and c.lower_ == "for"))
            )
            for t in c.subtree
        }
        for t in head.subtree:
            if t.i in skip and not (authored and _on_behalf_of(t)):
                continue
            m = self.mentions.at(t.idx)
            if m is not None and m not in found:
                found.append(m)
        return found

    def _speaker_from_noun(self, head: Token) -> tuple[dict | None, dict | None]:
        """Speaker and affiliation for a subject noun phrase."""
        found = self.mentions.at(head.idx)
        inside = self._owned_mentions(head)
        if found is not None:
            affiliation = next((m for m in inside if m["key"] != found["key"]), None)
            return found, affiliation
        lemma = head.lemma_.lower()
        people = [m for m in inside if m["type"] == "person"]
        others = [m for m in inside if m["type"] in ("agency", "outlet", "organization")]
        appositive = [
            self.mentions.at(c.idx) for c in head.children if c.dep_ == "appos" and self.mentions.at(c.idx)
        ]
        if appositive:  # "Canada’s public broadcaster, CBC, explained"
            return appositive[0], None
        if lemma in role_nouns():
            person = self._appositive_person(head)
            if person is not None:  # "Kaili's lawyer in Athens, Michalis Dimitrakopoulos, insisted"
                return person, others[0] if others else None
        for child in head.children:  # "The September 13 analysis by RRM Canada says"
            if child.dep_ == "appos" and child.lemma_.lower() in self.rules["document_nouns"]:
                return self._speaker_from_noun(child)
        if lemma in self.rules["role_nouns"] and lemma not in ANONYMOUS_ROLES:
            if people and lemma not in COUNSEL:  # "Braun's lawyers" speak for him, not as him
                return people[0], others[0] if others else None
            holder = self._holder(head)
            if holder is not None:  # "Microsoft's president said", "her lawyer said"
                return holder, others[0] if others else None
            if not people and lemma not in COUNSEL and self._anaphoric(head):
                # "Mr Gardiner received … The Labour MP said": the person just named
                person = self._titled(head) or self._previous_subject(head)
                if person is not None:
                    return person, others[0] if others else None
            if others:
                return others[0], None
        elif lemma in source_nouns() and lemma not in ANONYMOUS_ROLES and others and not people:
            return others[0], None  # "CSIS investigators said", "BaFin officials said"
        if lemma in self.rules["document_nouns"] and (others or people):
            return (others or people)[0], None  # "a statement released on Sinner's behalf"
        if lemma in self.rules["document_nouns"] and not inside:
            return self._speaker_from_reference(head), None
        return None, None

    def _speaker_from_reference(self, token: Token) -> dict | None:
        """Resolve "he", "she", "it", "they" (or "his", "her", "its", "their": "his claims that …")
        or "the agency" to an entity."""
        lower = POSSESSIVE_PRONOUNS.get(token.lower_, token.lower_) if token.tag_ == "PRP$" else token.lower_
        if token.dep_ == "pobj":
            lower = OBJECT_PRONOUNS.get(lower, lower)  # "according to him"
        sent = self.sent_index.get(token.sent.start, 0)
        recent = self.last_speaker if sent - self.last_speaker_sent <= PRONOUN_WINDOW else None
        if lower in PERSON_PRONOUNS:
            person = self._person_pronoun(token, lower, recent)
            if person is not None and person["key"] not in self.gender:
                # "He has ignored calls …, despite Hermoso … in which she said": once "he" stands
                # for someone, "she" does not
                self.gender[person["key"]] = PRONOUN_GENDER[lower]
            return person
        return self._group_reference(token, lower, recent)

    def _person_pronoun(self, token: Token, lower: str, recent: dict | None) -> dict | None:
        """The person "he" or "she" (or "his", "her") stands for."""
        if token.tag_ == "PRP$":  # "a suit against Olberg over his claims": the nearest person
            sent = token.sent
            near = self.mentions.before_matching(
                token.idx, lambda m: m["start"] >= sent.start_char and self._agrees(m, lower)
            )
            if near is not None:
                return near
        if self._parenthetical(token.head):  # "Mr Omtzigt pulled out after …, he said, …"
            own = _subject(token.sent.root)
            named = self.mentions.at(own.idx) if own is not None and own.i < token.i else None
            if self._agrees(named, lower):
                return named
        own = self._sentence_subject(token)
        if self._agrees(own, lower):  # "Mr Vos is likely to … as he has admitted …"
            return own
        previous = self._previous_subject(token)
        if self._agrees(previous, lower):
            return previous
        if self._agrees(recent, lower):
            return recent
        if self.last_person is not None:  # "Gardiner added, … MI5 assured him. He also said …"
            person, said = self.last_person
            here = self.sent_index.get(token.sent.start, 0)
            if here - said <= PRONOUN_WINDOW and self._agrees(person, lower):
                return person
        # the nearest person the text has given this gender, else the nearest ungendered one
        gendered = self.mentions.before_matching(
            token.idx, lambda m: self._agrees(m, lower) and m["key"] in self.gender
        )
        return gendered or self.mentions.before_matching(token.idx, lambda m: self._agrees(m, lower))

    def _group_reference(self, token: Token, lower: str, recent: dict | None) -> dict | None:
        """The body "it" or "they" stands for, or the entity "the agency" refers to."""
        if lower in GROUP_PRONOUNS:
            previous = self._previous_subject(token, ORG_TYPES)
            if previous is not None and not self._in_quote(token.idx):
                return previous  # "WADA on Thursday appealed the case. “…,” it said": not the last speaker
            if recent is not None and recent["type"] != "person":
                return recent
            if lower == "it" and recent is not None and self.document_owner is not None:
                return self.document_owner
            return previous  # "The Civic Union met. It said …" (inside a quotation too)
        definite = any(c.lower_ == "the" for c in token.children)
        national = any(  # "Brazil's prosecutor-general": the one of that country
            c.dep_ == "poss" and (m := self.mentions.at(c.idx)) is not None and m["type"] == "place"
            for c in token.children
        )
        titled = self._titled(token) if definite or national else None
        if titled is not None:
            return titled
        kind = reference_kinds().get(token.lemma_.lower())
        if kind is not None and definite:

            def headed(m: dict) -> bool:
                return token.lemma_.lower() in m["key"].lower().split() and m["type"] in SPEAKER_TYPES

            # "the Board": "European Data Protection Board"
            named = self.mentions.before_matching(token.idx, headed)
            if named is None:  # "…, the police said. … “…,” the Federal Police said": the one so named
                named = self._only_one_after(token, headed)
            if named is not None:
                return named
            last = self.mentions.before(token.idx, frozenset({kind}))
            return last if last is not None and _describes(token, last) else None
        determined = any(c.lower_ in ("the", "this", "that") for c in token.children)
        # "The Coast Guard issued a report … A 300-page report finds": that report
        determined = determined or (
            token.lemma_.lower() == self.document_noun
            and any(c.lower_ in ("a", "an") for c in token.children)
        )
        if token.lemma_.lower() in self.rules["document_nouns"] and determined:
            if self.document_owner is not None:
                return self.document_owner  # "the document says": the last named document's author
            # "…, the Tribunal announced on Monday. “…,” the statement read": the body that just spoke
            return recent if recent is not None and recent["type"] != "person" else None
        if definite and self._anaphoric_description(token):
            return self._previous_subject(token)  # "Orth signed off. … , the executive said"
        return None

    def _sentence_subject(self, pronoun: Token) -> dict | None:
        """The person its own sentence's main clause has for a subject, for a pronoun that is
        the subject of a clause under that main clause ("Mr Vos is likely to face a milder
        sentence as he has admitted wrongdoing"), when no other person is named between them."""
        sent = pronoun.sent
        root = sent.root
        if pronoun.head.i == root.i or pronoun.dep_ not in SUBJECT_DEPS or self._in_quote(pronoun.idx):
            return None
        if root not in pronoun.head.ancestors or root.pos_ not in ("VERB", "AUX"):
            return None
        own = _subject(root)
        if own is None or own.i >= pronoun.i or self._in_quote(own.idx):
            return None
        named = self.mentions.at(own.idx)
        if named is None or named["type"] != "person":
            return None
        end = own.idx + len(own.text)
        if any(m["type"] == "person" for m in self.mentions.within(end, pronoun.idx)):
            return None
        return named

    def _described_subject(self, token: Token) -> dict | None:
        """ "Peter Vos met voters. The GOP presidential candidate says …": a definite singular
        description with its own modifiers ("the Wisconsin Republican", "the billionaire real
        estate magnate") that names no entity is the person the sentence before has for a
        subject, when that sentence names no other person. Records, bodies, norms and people
        who speak about someone else (judges, lawyers, officials) are left out."""
        if token.tag_ not in ("NN", "NNP") or self._in_quote(token.idx) or self.mentions.at(token.idx):
            return None
        lemma = token.lemma_.lower()
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
            return None
        if not any(c.dep_ in ("amod", "compound", "nmod", "nummod") for c in children):
            return None
        if any(c.dep_ in ("prep", "relcl", "acl", "poss", "appos") for c in children):
            return None
        excluded = (
            self.rules["document_nouns"],
            self.rules["third_party_nouns"],
            COUNSEL_WORDS,
            NORM_NOUNS,
            POLL_NOUNS,
            reference_nouns(),
            collective_nouns(),
            source_nouns(),
        )
        if any(lemma in words for words in excluded):
            return None
        previous = self._previous_subject(token)
        if previous is None:
            return None
        before = self.doc[token.sent.start - 1].sent
        named = self.mentions.within(before.start_char, before.end_char)
        people = {m["key"] for m in named if m["type"] == "person"}
        return previous if people == {previous["key"]} else None

    def _anaphoric_description(self, token: Token) -> bool:
        """True for "the executive", "the midfielder": a bare definite description of a person
        (no owner or modifier phrase) that is no one speaking about another party (a
        spokesman, a lawyer, a judge: ``speaker_nouns``, counsel, ``third_party_nouns``), so
        the subject of the sentence before is who it is."""
        lemma = token.lemma_.lower()
        if token.tag_ != "NN" or lemma not in described_speakers():
            return False
        if (
            lemma in self.rules["speaker_nouns"]
            or lemma in COUNSEL_WORDS
            or lemma in self.rules["third_party_nouns"]
        ):
            return False
        return not any(c.dep_ in ("prep", "relcl", "acl", "poss", "appos") for c in token.children)

    def _titled(self, token: Token) -> dict | None:
        """ "said the Minister", "Brazil's prosecutor-general said": the last person named with
        that title."""
        title = _title_text(token)
        if title not in title_nouns() and title.split("-")[0] not in title_nouns():
            return None
        # "the PM said": the one titled "Prime Minister"
        wanted = self.rules["title_abbreviations"].get(token.text, title).lower().split()
        # "the former president" is one named "former President X", not the current one
        qualifiers = {c.lower_ for c in token.children if c.dep_ == "amod" and c.lower_ in TENURE_WORDS}

        def titled(m: dict) -> bool:
            if m["type"] != "person":
                return False
            role = (m.get("role") or "").lower().split()
            if set(wanted) <= set(role) and qualifiers <= set(role):
                return True
            # the capitalised words just before the name: "Minister of Justice Dr. Teresa Albuquerque"
            line_start = self.text.rfind("\n", 0, m["start"]) + 1
            words = self.text[line_start : m["start"]].split()[-5:]
            before = {w.lower() for w in words}
            if not qualifiers <= before:
                return False
            popped = set()
            while words and (words[-1][:1].isupper() or words[-1] in ("of", "for", "the", "and")):
                popped.add(words.pop().lower())
                if set(wanted) <= popped:
                    return True
            return bool(words) and words[-1].lower().rstrip(",") == title  # "the judge, Kathaleen …"

        before = self.mentions.before_matching(token.idx, titled)
        if before is not None:
            return before
        # "“…,” the judge said. … The judge, Kathaleen McCormick, said": the one person the
        # document gives that title, named after it
        return self._only_one_after(token, titled)

    def _only_one_after(self, token: Token, fits: Callable[[dict], bool]) -> dict | None:
        """The one entity named after ``token`` that ``fits``, if exactly one is."""
        later = {m["key"]: m for m in self.mentions.items if m["start"] > token.idx and fits(m)}
        return next(iter(later.values())) if len(later) == 1 else None

    def _previous_subject(self, token: Token, types: frozenset[str] = frozenset({"person"})) -> dict | None:
        """The person (or entity of ``types``) who is the main subject of the sentence before
        ``token``'s ("The Civic Union met on Monday. It said …").

        "Justin Trudeau defended his caucus member. “…,” he said." — the
        previous sentence's subject is who "he" most likely is.
        """
        sent = token.sent
        if sent.start == 0:
            return None
        previous = self.doc[sent.start - 1].sent
        opening = next((q for q in self.quotes if q.start < sent.start_char < q.end), None)
        while opening is not None and opening.start <= previous.start_char and previous.start > 0:
            # "Kyrgios didn't hold back. “So WADA come out … Sinner's team … does not exist,” he
            # wrote": the sentences of the quote this one closes are skipped
            previous = self.doc[previous.start - 1].sent
        if any(q.start <= previous.start_char and previous.end_char <= q.end for q in self.quotes):
            return None  # the previous sentence is itself a quotation
        subject = _subject(previous.root)
        if subject is None:
            return None
        m = self.mentions.at(subject.idx)
        return m if m is not None and m["type"] in types else None

    def _named_by_surname(self, token: Token) -> dict | None:
        """A capitalised subject the model left untagged that is the surname of the person the
        document names with it ("Johnson said" after "Secretary Jeh Johnson"). Of two people
        with that surname, only one mentioned at least three times as often as the other is
        meant ("Clinton" in a story about Hillary Clinton that names Bill Clinton once)."""
        word = token.text
        if not word[:1].isupper() or len(word) < 2 or token.lower_ in title_nouns():
            return None
        key = match_key(word)
        people = Counter(
            m["key"]
            for m in self.mentions.items
            if m["type"] == "person" and match_key(m["key"]).split()[-1:] == [key]
        )
        ranked = people.most_common(2)
        if not ranked:
            return None
        if len(ranked) == 2 and ranked[0][1] < SURNAME_DOMINANCE * ranked[1][1]:
            key = self._namesake(token, set(people))
            return self.mentions.at_key(key) if key is not None else None
        return self.mentions.at_key(ranked[0][0])

    def _namesake(self, token: Token, keys: set[str]) -> str | None:
        """Which of several people with one surname a bare surname means: the one of the
        honorific's gender ("Mrs. Clinton" beside Bill and Hillary Clinton), else the one who
        spoke in this sentence or the one before ("Ted Cruz said …. “…,” Mr. Cruz wrote.")."""
        before = token.nbor(-1).lower_ if token.i > token.sent.start else ""
        gender = next((g for g, titles in GENDERED_TITLES.items() if before in titles), None)
        if gender is not None:
            fits = {k for k in keys if getattr(self, "gender", {}).get(k) == gender}
            if len(fits) == 1:
                return fits.pop()
        last = self.last_speaker
        near = self.sent_index.get(token.sent.start, 0) - self.last_speaker_sent <= 1
        if last is not None and near and last["key"] in keys:
            return last["key"]
        return None

    def speaker(self, subject: Token) -> tuple[dict | None, dict | None]:
        """The entity behind a subject token, with its affiliation if a role phrase gave one."""
        found, affiliation = self._speaker_from_noun(subject)
        titled = subject.lower_ in title_nouns() and any(c.lower_ == "the" for c in subject.children)
        if found is None and (subject.pos_ in ("PRON", "NOUN") or subject.is_lower or titled):
            # a lower-case word is a noun, whatever its tag; so is "the PM", "the Minister"
            found = self._speaker_from_reference(subject)
        if found is None and subject.pos_ in ("PROPN", "NOUN") and not self._owned_mentions(subject):
            found = self._named_by_surname(subject) or self._described_subject(subject)
        if found is not None and found["type"] not in SPEAKER_TYPES:
            return None, None
        return found, affiliation

    def _continued_quotes(self) -> list[dict]:
        """Quotations with no speaker of their own.

        One followed by a credit line ("— Dr. Sofia Lindgren, research director") is the
        credited person's: a new claim. One that follows a claim with nothing but a paragraph
        break between (“The NSC, he said, could not …” ¶ “You do not build on sand.”) continues
        it, whether its source is named or not: the claim's quote and targets grow.
        """
        found: list[dict] = []
        headings = set(self.doc._.linkchart_headings or ())
        for quote in self.quotes:
            if quote in self.used_quotes or self._attributed(quote) or self._reported_after(quote):
                continue
            span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None:
                continue
            credited, credit_line = self._credit_after(quote)
            if credited is not None:
                whole = (quote.start, quote.end, "quote", [quote])
                record = self._record(credited, None, "say", "states", whole, span[0].sent, credited["name"])
                record["sentence"] += "\n" + credit_line  # the evidence names who said it
                found.append(record)
                continue
            ends = [
                (e, r) for e, r in self.claim_ends if e <= quote.start and r["sent_index"] not in headings
            ]
            if not ends:
                continue
            last = max(e for e, _ in ends)
            claim = next(r for e, r in ends if e == last)  # the outermost claim that ends there
            if self.text[last : quote.start].strip():
                continue
            claim["quote"] += " … " + self.text[quote.start : quote.end]
            for m in self._targets_in(quote.start, quote.end):
                if m["key"] != claim["speaker"] and m["key"] not in claim["targets"]:
                    claim["targets"].append(m["key"])
            self.used_quotes.add(quote)
            self.claim_ends.append((quote.end, claim))
        return found

    def _credit_after(self, quote: Quote) -> tuple[dict | None, str]:
        """The person a line like "— Dr. Sofia Lindgren, NIDD research director" right after
        ``quote`` credits, and that line; ``(None, "")`` if there is none."""
        rest = self.text[quote.end :]
        line_break = len(rest) - len(rest.lstrip())
        if "\n" not in rest[:line_break] or rest.lstrip()[:1] not in ("—", "–", "-"):
            return None, ""
        line_start = quote.end + line_break
        line_end = self.text.find("\n", line_start)
        line_end = len(self.text) if line_end == -1 else line_end
        people = [m for m in self.mentions.within(line_start, line_end) if m["type"] == "person"]
        return (people[0], self.text[line_start:line_end].strip()) if people else (None, "")

    def _subject_after_quote(self, verb: Token) -> Token | None:
        """“…,” CSIS reported: the name between a closing quote and the verb is the speaker,
        whatever the parser attached it to."""
        doc, i = self.doc, verb.i - 1
        between: list[Token] = []
        while (
            i >= 0
            and doc[i].text not in QUOTE_CLOSERS
            and doc[i].text != ","
            and len(between) < MAX_SPEAKER_TOKENS
        ):
            between.insert(0, doc[i])
            i -= 1
        if i < 0 or not between:
            return None
        closed = doc[i].text in QUOTE_CLOSERS or (
            i > 0 and doc[i].text == "," and doc[i - 1].text in QUOTE_CLOSERS
        )
        if not closed or "\n" in self.text[doc[i].idx : verb.idx]:
            return None  # a quotation that ends a paragraph does not name the next one's speaker
        named = [t for t in between if self.mentions.at(t.idx) is not None]
        if named:
            owner = named[-1]
            if owner.dep_ == "poss" and owner.head in between:
                return owner.head  # “…,” Kaili's lawyers said: the lawyers speak
            return owner
        pronouns = [t for t in between if t.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS]
        return pronouns[-1] if len(between) == 1 and pronouns else None

    def _continued_source(self, pronoun: Token) -> tuple[str, str] | None:
        """ "A senior banker said … He added …": a pronoun right after a source that spoke
        without a name, with no named speaker since, continues that source (a singular one
        for "he"/"she"), rather than going to a person named earlier."""
        lower = pronoun.lower_
        if lower not in (*PERSON_PRONOUNS, "they") or self.last_unnamed is None:
            return None
        sent_i, kind, phrase = self.last_unnamed
        here = self.sent_index.get(pronoun.sent.start, 0)
        if not 0 <= here - sent_i <= 1 or self.last_speaker_sent >= sent_i:
            return None
        if lower in PERSON_PRONOUNS and kind != "unnamed":
            return None
        return kind, phrase

    def _they_antecedent(self, they: Token) -> tuple[dict | None, tuple[str, str] | None]:
        """Who "they" are when no entity spoke just before: the nearest plural subject before
        it, in its sentence or the one before, that can speak ("Supporters have urged Congress
        to keep the program, although they say ..."): an entity, or a group source."""
        sent = they.sent
        previous = self.doc[sent.start - 1].sent if sent.start > 0 else None
        tokens = [t for t in sent if t.i < they.i] + (list(previous) if previous is not None else [])
        tokens.sort(key=lambda t: -t.i)
        for t in tokens:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.tag_ not in ("NNS", "NNPS") or self._in_quote(t.idx):
                continue
            m = self.mentions.at(t.idx)
            if m is not None:
                return (m, None) if m["type"] in SPEAKER_TYPES else (None, None)
            return None, self._unnamed_source(t)
        return None, None

    def _subject_outside_quotes(self, verb: Token) -> Token | None:
        """ "“… it will at some point,” said James Acton": a verb outside the quotation is not
        spoken by a subject inside it; its other subject (after it, inverted) speaks."""
        return next(
            (c for c in verb.children if c.dep_ in SUBJECT_DEPS and not self._in_quote(c.idx)),
            None,
        )

    def _fenced_subject(self, verb: Token) -> Token | None:
        """The subject of a finite verb the parser left without one because an appositive or
        relative clause stands between them: "Ramby Holt, a barrister representing Ms Lee and
        her son Dan Wilkes, said …", "The Kestrel Bank (KB), which was its largest shareholder,
        announced …". The subject is the first speaker named at the clause's start (after a mark
        or the sentence's start) and followed by a comma or bracket; the verb comes right after
        the comma that closes the inserted words (adverbs like "last week" aside). A name in
        brackets right before the verb speaks too ("…, Italian anti-doping authorities (NADO)
        told AFP"), when the parser left the verb no subject at all."""
        doc, sent = verb.doc, verb.sent
        finite = verb.tag_ in FINITE_TAGS or any(c.dep_ == "aux" for c in verb.children)
        # "…, which was its largest shareholder, announced on Monday that …" with no verb for a
        # root: the parser read the main verb as a participle on the inserted clause's noun
        finite = finite or (
            verb.tag_ == "VBN"
            and verb.dep_ == "acl"
            and sent.root.pos_ not in ("VERB", "AUX")
            and not _is_passive(verb)
            and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        )
        if not finite or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
            return None
        skip = {
            t.i
            for c in verb.children
            if c.i < verb.i and c.dep_ in ("advmod", "npadvmod", "aux")
            for t in c.subtree
        }
        i = verb.i - 1
        while i > sent.start and i in skip:
            i -= 1
        if doc[i].text not in (",", ")") or self._in_quote(verb.idx):
            return None
        named = self.mentions.at(doc[i - 1].idx) if doc[i].text == ")" and i > sent.start else None
        opened = (
            named is not None
            and doc[i - 1].i > sent.start
            and self.text[named["start"] - 1 : named["start"]] == "("
        )
        if opened and named["type"] in SPEAKER_TYPES:  # "…, Italian anti-doping authorities (NADO) told AFP"
            return doc[i - 1]
        for m in self.mentions.within(sent.start_char, doc[i].idx):
            if m["type"] not in SPEAKER_TYPES or self._in_quote(m["start"]):
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None or span.end > i or i - span.end > MAX_INSERT_TOKENS:
                continue
            before = doc[span.start - 1] if span.start > sent.start else None
            if before is not None and before.lower_ == "the":
                before = doc[before.i - 1] if before.i > sent.start else None
            opens = before is None or before.text in FENCE_MARKS or before.text == ":"
            if not opens or doc[span.end].text not in (",", "("):
                continue
            if any(t.text in QUOTE_CLOSERS or t.text in QUOTE_PAIRS for t in doc[span.end : i]):
                continue
            return span.root
        return None

    def _joint_speakers(self, subject: Token, speaker: dict) -> list[dict]:
        """The other named members of a coordinated subject ("Steve Scalise and Jim Jordan
        announced …"), or of the owners of a record that speaks ("a statement from the
        regulator and the central bank said …"): each speaks, so each gets the claim."""
        found: list[dict] = []
        members = list(subject.conjuncts)
        if subject.pos_ == "NOUN" and self.mentions.at(subject.idx) is None:
            for prep in subject.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by"):
                    members += [c for o in prep.children if o.dep_ == "pobj" for c in o.conjuncts]
        for t in members:
            if self._in_quote(t.idx):
                continue
            m = self.mentions.at(t.idx)
            if m is not None and m["type"] in SPEAKER_TYPES and m["key"] != speaker["key"] and m not in found:
                found.append(m)
        return found

    def _named_pair(self, subject: Token) -> list[dict]:
        """ "The companies said", "both steel companies said", "the two firms said": a definite
        plural of a kind of body stands for the two of that kind the document has named before
        it, when it has named exactly two."""
        if subject.tag_ != "NNS" or self.mentions.at(subject.idx) is not None:
            return []
        kind = reference_kinds().get(subject.lemma_.lower())
        determiners = {c.lower_ for c in subject.children if c.dep_ in ("det", "predet", "nummod")}
        owned = any(c.dep_ == "poss" for c in subject.children)
        if kind is None or not determiners & PAIR_DETERMINERS or owned:
            return []
        named = {m["key"]: m for m in self.mentions.items if m["start"] < subject.idx and m["type"] == kind}
        return list(named.values()) if len(named) == 2 else []

    def _joint_sources(self, subject: Token, verb: Token) -> list[tuple[str, str]]:
        """``(kind, phrase)`` of each member of a coordinated subject that speaks without a
        name: "Matt Gaetz and other conservatives say" gives the conservatives a claim too."""
        found: list[tuple[str, str]] = []
        for t in subject.conjuncts:
            if self._in_quote(t.idx) or self.mentions.at(t.idx) is not None or self._owned_mentions(t):
                continue
            source = self._unnamed_source(t) or self._speaking_noun(t, verb)
            if source is not None and source not in found:
                found.append(source)
        return found

    def _unnamed_source(self, subject: Token) -> tuple[str, str] | None:
        """``(kind, phrase)`` for a subject that describes who speaks without naming them.

        "unnamed": a source kept anonymous ("a person familiar with the talks", "three sources",
        "a senior official who asked not to be named"); "group": a collective the text does not
        tie to a named entity ("analysts", "critics", "prosecutors", "his lawyers").
        """
        lemma = subject.lemma_.lower()
        if subject.pos_ not in ("NOUN", "PROPN"):
            return None
        owners = [
            c for c in subject.children if c.dep_ in ("compound", "poss") and c.pos_ in ("PROPN", "NOUN")
        ]
        # "an architect who said …": "who" says the noun is a person
        personal = any(
            c.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.lower_ == "who" for w in c.children)
            for c in subject.children
        )
        described = (
            (lemma in described_speakers() or personal)
            and subject.tag_ in ("NN", "NNS")
            # "Wirecard's former boss" is someone named; "the Florida senator" may not be
            and all(m["type"] == "place" for m in self._owned_mentions(subject))
            and not any(
                c.pos_ == "PROPN" and (c.dep_ == "poss" or self.mentions.at(c.idx) is None) for c in owners
            )
            # one person needs a determiner: "the former governor", not a headline's "Infowars host"
            and (subject.tag_ == "NNS" or any(c.dep_ in ("det", "poss") for c in subject.children))
        )
        # "Trump's campaign said", "a major civil rights group says": a body the text does not name
        collective = (
            lemma in collective_nouns()
            and subject.tag_ in ("NN", "NNS")
            and any(c.dep_ in ("det", "poss", "compound") for c in subject.children)
            and not any(c.lower_ in ("the", "this", "that") for c in subject.children)
        )
        if collective:
            return "group", self._source_phrase(subject)
        # an active subject only: "was told by the court that …" stays unattributed
        definite = subject.dep_ == "nsubj" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children
        )
        if (
            lemma in reference_nouns()
            and subject.tag_ in ("NN", "NNS")
            and subject.pos_ == "NOUN"
            and definite
        ):
            return "group", self._source_phrase(subject)  # "The tribunal said", no tribunal named
        if lemma in POLL_NOUNS and subject.pos_ == "NOUN":  # "the new poll shows", "exit polls"
            return ("unnamed" if subject.tag_ == "NN" else "group"), self._source_phrase(subject)
        if not described and subject.lower_ not in source_nouns():
            return None
        if not described and subject.lower_ != lemma and lemma not in source_nouns():
            return None
        phrase = self._source_phrase(subject)
        singular = subject.tag_ in ("NN", "NNP") and any(
            t.lower_ in ("a", "an", "one", "another", "the", "this", "that") or t.dep_ == "poss"
            for t in subject.children
        )
        counted = any(t.dep_ == "nummod" for t in subject.children)
        described_as = subject.doc[subject.left_edge.i : subject.right_edge.i + 1].text.lower()
        anonymous = any(cue in described_as for cue in unnamed_cues())  # "… who asked not to be named"
        kind = "unnamed" if anonymous or singular or counted else "group"
        return kind, phrase

    def _unowned_record(self, subject: Token) -> tuple[str, str] | None:
        """``(kind, phrase)`` for a record that reports with no author the text names ("records
        show", "new filings show", "the letter says" when no letter's writer was named): an
        unnamed source (singular) or a group (plural), kept with its phrase."""
        if subject.dep_ != "nsubj" or subject.pos_ != "NOUN" or subject.tag_ not in ("NN", "NNS"):
            return None
        if subject.lemma_.lower() not in self.rules["document_nouns"] or self._in_quote(subject.idx):
            return None
        if self.mentions.at(subject.idx) or self._owned_mentions(subject):
            return None
        if any(c.dep_ == "poss" for c in subject.children):
            return None  # "his letter says": its owner's, left to the pronoun rules
        return ("group" if subject.tag_ == "NNS" else "unnamed"), self._source_phrase(subject)

    def _speaking_noun(self, subject: Token, verb: Token) -> tuple[str, str] | None:
        """``(kind, phrase)`` for a common noun the text does not tie to an entity that is the
        active subject of a speech verb (``parenthetical_verbs`` and ``adverbial_verbs``: "say",
        "allege", "accuse"): whoever says something is a source, whatever the noun ("a
        whistleblower alleged", "security specialists say"), and so is a quantifier standing for
        people ("some accused Gaetz", "most of them said", "another said") or a counted share
        of them ("74 percent said", "six in 10 say", both groups; "one said" is unnamed). A
        plural is a group; a singular needs an indefinite determiner ("an attendee said"; "the
        man said" is someone the text named before). Norms ("the rules say"), records (see
        :meth:`_unowned_record`) and nouns owned by a named body or person ("Grange's former
        boss") are left to the other rules."""
        speech = (
            verb.lemma_ in self.rules["parenthetical_verbs"] or verb.lemma_ in self.rules["adverbial_verbs"]
        )
        if not speech or subject.dep_ not in ("nsubj", "conj") or self._in_quote(subject.idx):
            return None
        if subject.lower_ in SOURCE_QUANTIFIERS and subject.pos_ != "PROPN":  # "some accused Gaetz"
            return ("unnamed" if subject.lower_ == "another" else "group"), self._source_phrase(subject)
        counted = subject.tag_ == "CD" or (
            subject.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in subject.children)
        )
        if counted and not self.mentions.at(subject.idx):  # "Six in 10 say", "74 percent said"
            return ("unnamed" if subject.lower_ == "one" else "group"), self._source_phrase(subject)
        if subject.pos_ != "NOUN" or subject.tag_ not in ("NN", "NNS"):
            return None
        lemma = subject.lemma_.lower()
        if lemma in NORM_NOUNS or lemma in self.rules["document_nouns"] or self.mentions.at(subject.idx):
            return None
        if any(m["type"] != "place" for m in self._owned_mentions(subject)):
            return None
        if any(c.dep_ == "poss" for c in subject.children):
            return None  # "his lawyer", "the company's staff": the owner's, not an unnamed source
        if subject.tag_ == "NNS":
            return "group", self._source_phrase(subject)
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in subject.children):
            return "unnamed", self._source_phrase(subject)
        return None

    @staticmethod
    def _source_phrase(subject: Token) -> str:
        """The words that describe a source, without a relative clause ("a campaign surrogate
        who said …"), cut to its head noun when long."""
        left, right = subject.left_edge.i, subject.right_edge.i
        clauses = [c.left_edge.i for c in subject.children if c.dep_ == "relcl" and c.i > subject.i]
        right = min([right, *(i - 1 for i in clauses)])
        tokens = list(subject.doc[left : right + 1])
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        if not tokens or len(tokens) > MAX_SOURCE_TOKENS:
            tokens = [t for t in subject.doc[left : subject.i + 1] if not t.is_punct]
        while (
            len(tokens) > 1 and tokens[-1].i > subject.i and tokens[-1].pos_ not in ("NOUN", "PROPN", "NUM")
        ):
            tokens.pop()  # "the 2 sources mentioned, including" → "the 2 sources mentioned"
        return "".join(t.text_with_ws for t in tokens).strip()


def _on_behalf_of(token: Token) -> bool:
    """The token names whom a statement or a spokesperson speaks for: "released on [Sinner]'s
    behalf", "issued on behalf of [Harbourlock]" (inside a clause on the noun, which is
    otherwise not the noun's owner)."""
    head = token.head
    if token.dep_ == "poss" and head.lower_ == "behalf":
        return True
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "behalf"


#: Determiners of a plural that names a pair: "the companies", "both firms", "the two banks".
PAIR_DETERMINERS = frozenset({"the", "both", "two"})
#: Words that say which holder of a title is meant ("the former president").
TENURE_WORDS = frozenset({"former", "current", "then", "late", "incoming", "outgoing", "ex"})


def _describes(noun: Token, mention: dict) -> bool:
    """Whether the words that qualify a definite noun all name ``mention``: "the ministry" or
    "the foreign ministry" can be the Ministry of Foreign Affairs, not "the civil aviation
    authority" the Sudanese army nor "the foreign ministry of South Sudan" the RSF."""
    words = set(match_key(mention["key"]).split())
    qualifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and not c.is_stop]
    qualifiers += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    return all(q.lower_ in words for q in qualifiers)


def _title_text(token: Token) -> str:
    """The title a noun is, lower case, with the word its hyphen joins before it ("prosecutor-general")."""
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].head.i == i and doc[i - 2].dep_ == "compound":
        return f"{doc[i - 2].lower_}-{token.lower_}"
    return token.lower_
