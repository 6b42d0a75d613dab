"""The synthetic world: record ids, names, stories and the prose that links them.

`World` makes the first pass of a generated project (see generate.py): it decides every
record's id, name and story up front, so that prose written later can refer to any record.
`records.Generator` extends it with the records themselves. All randomness comes from one
seeded `random.Random`, and the order of its calls is the order below: moving a call changes
every generated project.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from vocabulary import (
    BUREAUS,
    COUNTRY_ADJ,
    FIELDS,
    HANGUL,
    HEADLINE_OBJECTS,
    HEADLINE_SUBJECTS,
    HEADLINE_VERBS,
    JA_FAMILY,
    JA_GIVEN,
    JA_TITLES,
    KANJI,
    KO_FAMILY,
    KO_GIVEN,
    KO_TITLES,
    LEADS,
    ORG_KINDS,
    PLACES,
    PUBLISHERS,
    SENTENCES,
    TERM_ADJECTIVES,
    TERM_NOUNS,
    US_NAMES,
)

KIND_WEIGHTS = {
    "sources": 25,
    "organizations": 14,
    "people": 21,
    "topics": 4,
    "events": 36,
    "terms": 13,
}
"""Records per kind in the real data/ (113 records), the proportions every N keeps."""

LOCAL = 0.8
"""Share of references that stay inside the record's own story."""
LAST_YEAR = 2024
"""No date after this year, so builds never warn about future dates."""


@dataclass
class Entity:
    """A record being made. Mutable on purpose: its id and name are settled in later steps."""

    kind: str
    id: str
    story: int
    name: str
    data: dict[str, Any] = field(default_factory=dict)


def counts_for(n: int) -> dict[str, int]:
    """N split over the kinds in the real proportions (largest remainder), at least 1 each and
    2 topics (a series and an agreement)."""
    total = sum(KIND_WEIGHTS.values())
    exact = {kind: n * weight / total for kind, weight in KIND_WEIGHTS.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - counts[k]), k))
    for kind in by_remainder[: n - sum(counts.values())]:
        counts[kind] += 1
    minimum = {"topics": 2}
    for kind in counts:
        while counts[kind] < minimum.get(kind, 1):
            largest = max(counts, key=lambda k: counts[k])
            counts[largest] -= 1
            counts[kind] += 1
    return counts


def slug(text: str) -> str:
    kept = "".join(c if c.isascii() and c.isalnum() else " " for c in text.lower())
    return "-".join(kept.split())


class World:
    """Phase 1: every record's id, name and story; the helpers prose and records are made with."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self.rng = random.Random(f"factbook-benchmark:{seed}:{n}")
        self.counts = counts_for(n)
        self.stories = self.counts["topics"]
        self.ids: set[str] = set()
        self.by_kind: dict[str, list[Entity]] = {kind: [] for kind in KIND_WEIGHTS}
        self.by_story: dict[tuple[str, int], list[Entity]] = {}
        self.term_forms: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------
    def unique_id(self, base: str) -> str:
        base = slug(base)[:60].strip("-") or "record"
        candidate, number = base, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{base}-{number}"
        self.ids.add(candidate)
        return candidate

    def add(self, kind: str, index: int, name: str, base_id: str) -> Entity:
        story = index * self.stories // self.counts[kind] if kind != "topics" else index
        entity = Entity(kind, self.unique_id(base_id), story, name)
        self.by_kind[kind].append(entity)
        self.by_story.setdefault((kind, story), []).append(entity)
        return entity

    def pick(self, kind: str, story: int, exclude: str | None = None) -> Entity:
        pool = self.by_story.get((kind, story)) if self.rng.random() < LOCAL else None
        pool = pool or self.by_kind[kind]
        choice = self.rng.choice(pool)
        if choice.id == exclude and len(pool) > 1:
            choice = pool[(pool.index(choice) + 1) % len(pool)]
        return choice

    def pick_many(
        self, kind: str, story: int, low: int, high: int, exclude: str | None = None
    ) -> list[str]:
        wanted = self.rng.randint(low, high)
        chosen: list[str] = []
        for _ in range(wanted * 3):
            if len(chosen) >= wanted:
                break
            candidate = self.pick(kind, story, exclude).id
            if candidate not in chosen and candidate != exclude:
                chosen.append(candidate)
        return chosen

    def date(self, story: int, precision: str | None = None) -> str | int:
        base = 1990 + (story * 7) % 25
        year = min(LAST_YEAR, base + self.rng.randint(0, 10))
        precision = precision or self.rng.choices(["day", "month", "year"], [6, 3, 1])[0]
        if precision == "year":
            return year
        month = self.rng.randint(1, 12)
        if precision == "month":
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{self.rng.randint(1, 28):02d}"

    # -- names ------------------------------------------------------------------------------
    def person_name(self) -> tuple[str, dict[str, str], str]:
        roll = self.rng.random()
        if roll < 0.55:
            family = self.rng.choice(list(KO_FAMILY))
            first, second = self.rng.choice(list(KO_GIVEN)), self.rng.choice(list(KO_GIVEN))
            name = f"{family} {first}-{second.lower()}"
            return name, {"ko": KO_FAMILY[family] + KO_GIVEN[first] + KO_GIVEN[second]}, "KR"
        if roll < 0.95:
            given, family = self.rng.choice(list(JA_GIVEN)), self.rng.choice(list(JA_FAMILY))
            return (
                f"{given} {family}",
                {
                    "ja": JA_FAMILY[family][0] + JA_GIVEN[given][0],
                    "ja_reading": f"{JA_FAMILY[family][1]} {JA_GIVEN[given][1]}",
                },
                "JP",
            )
        return self.rng.choice(US_NAMES), {}, "US"

    def native_word(self, alphabet: str, length: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    # -- phase 1: ids and names -------------------------------------------------------------
    def create(self) -> None:
        rng = self.rng
        types = ["series", "agreement", "arrangement", "policy"]
        for i in range(self.counts["topics"]):
            kind = types[i % len(types)] if i >= 2 else types[i]
            field_name = rng.choice(FIELDS)
            noun = {
                "series": "Security Policy Consultation",
                "agreement": "Information Agreement",
                "arrangement": "Sharing Arrangement",
                "policy": "Export Policy",
            }[kind]
            name = f"Korea–Japan {field_name} {noun}"
            entity = self.add("topics", i, name, f"{field_name} {noun.split()[0]} {i + 1}")
            entity.data["type"] = kind
            entity.data["short"] = f"{field_name.lower()} {'talks' if kind == 'series' else kind}"
        for i in range(self.counts["organizations"]):
            country = rng.choice(["KR", "KR", "JP", "JP", "US"])
            entity = self.add("organizations", i, "", "org")
            story_orgs = self.by_story[("organizations", entity.story)]
            parent = (
                story_orgs[rng.randrange(len(story_orgs) - 1)]
                if len(story_orgs) > 1 and rng.random() < 0.5
                else None
            )
            if parent is not None:
                bureau = rng.choice(BUREAUS)
                entity.name = f"{bureau} ({parent.name})"
                entity.data.update(parent=parent.id, short=bureau, country=parent.data["country"])
            else:
                org_kind, org_field = rng.choice(ORG_KINDS), rng.choice(FIELDS)
                entity.name = f"{COUNTRY_ADJ[country]} {org_kind} of {org_field}"
                entity.data.update(short=entity.name.split(" of ")[0], country=country)
            self._rename(entity, entity.name)
        for i in range(self.counts["people"]):
            name, native, country = self.person_name()
            entity = self.add("people", i, name, name)
            entity.data.update(native=native, country=country)
        for i in range(self.counts["sources"]):
            publisher, language = rng.choice(PUBLISHERS)
            date = self.date(i * self.stories // self.counts["sources"], "day")
            outlet = publisher.removeprefix("The ").split()[0]
            entity = self.add("sources", i, "", f"{outlet} {date}")
            if language == "ko":
                title, title_en = rng.choice(KO_TITLES), self.headline()
            elif language == "ja":
                title, title_en = rng.choice(JA_TITLES), self.headline()
            else:
                title, title_en = self.headline(), None
            entity.name = title
            entity.data.update(publisher=publisher, language=language, date=date, title_en=title_en)
        self._create_terms()
        for i in range(self.counts["events"]):
            entity = self.add("events", i, "", "event")
            entity.data["date"] = self.date(entity.story)

    def _rename(self, entity: Entity, name: str) -> None:
        self.ids.discard(entity.id)
        entity.id = self.unique_id(name)

    def headline(self) -> str:
        rng = self.rng
        subject = rng.choice(HEADLINE_SUBJECTS)
        verb, thing = rng.choice(HEADLINE_VERBS), rng.choice(HEADLINE_OBJECTS)
        return f"{subject[0].upper()}{subject[1:]} {verb} {thing}"

    def _create_terms(self) -> None:
        combos = [(a, b) for a in TERM_ADJECTIVES for b in TERM_NOUNS]
        self.rng.shuffle(combos)
        count = self.counts["terms"]
        if count > len(combos):  # beyond ~1,600 terms, add a qualifier
            combos += [(f"{a} {q}", b) for q in ("naval", "cyber", "space") for a, b in combos[:]]
        for i in range(count):
            adjective, noun = combos[i]
            headword = f"{adjective} {noun}"
            entity = self.add("terms", i, headword, headword)
            self.term_forms.add(headword)
            aliases = []
            acronym = "".join(word[0] for word in re.split(r"[\s-]+", headword)).upper()
            if len(acronym) >= 3 and acronym not in self.term_forms and self.rng.random() < 0.6:
                aliases.append(acronym)
                self.term_forms.add(acronym)
            if not noun.endswith("s") and self.rng.random() < 0.5:
                aliases.append(f"{headword}s")
            native: dict[str, str] = {}
            if self.rng.random() < 0.7:
                for key, alphabet in (("ko", HANGUL), ("ja", KANJI)):
                    word = self.native_word(alphabet, 5)
                    if word not in self.term_forms:
                        native[key] = word
                        self.term_forms.add(word)
            entity.data.update(aliases=aliases, native=native)

    # -- prose ------------------------------------------------------------------------------
    def ref(self, entity: Entity, label_chance: float = 0.5) -> str:
        if self.rng.random() < label_chance:
            label = entity.data.get("short") or entity.name
            if entity.kind == "events":
                date = entity.data["date"]
                year = date if isinstance(date, int) else str(date)[:4]
                label = f"{year} {entity.data.get('noun', 'meeting')}"
            return f"[[{entity.id}|{_md_escape(label)}]]"
        return f"[[{entity.id}]]"

    def term_mention(self, story: int) -> str:
        term = self.pick("terms", story)
        forms = [term.name] * 4 + term.data["aliases"] + list(term.data["native"].values())[:1]
        return self.rng.choice(forms)

    def sentence(self, story: int, owner: str) -> str:
        template = self.rng.choice(SENTENCES)
        place = self.rng.choice(PLACES)[0]
        values = {
            "p": self.ref(self.pick("people", story, owner), 0.2),
            "p2": self.ref(self.pick("people", story, owner), 0.2),
            "o": self.ref(self.pick("organizations", story, owner)),
            "o2": self.ref(self.pick("organizations", story, owner)),
            "e": self.ref(self.pick("events", story, owner), 0.7),
            "t": self.ref(self.pick("topics", story, owner)),
            "s": self.ref(self.pick("sources", story, owner), 0.8),
            "r": self.ref(self.pick(self.rng.choice(list(KIND_WEIGHTS)), story, owner)),
            "term": self.term_mention(story),
            "term2": self.term_mention(story),
            "place": place,
            "year": 1990 + (story * 7) % 25 + self.rng.randint(0, 9),
            "minutes": self.rng.choice([60, 90, 120, 150, 180]),
        }
        needed = set(re.findall(r"\{(\w+)\}", template))
        text = template.format(**{k: v for k, v in values.items() if k in needed})
        return text[0].upper() + text[1:] if text[0].islower() else text

    def prose(self, story: int, owner: str, sentences: tuple[int, int]) -> str:
        return " ".join(self.sentence(story, owner) for _ in range(self.rng.randint(*sentences)))

    def paragraphs(self, story: int, owner: str, count: int) -> str:
        leads = self.rng.sample(LEADS, count)
        return "\n\n".join(f"**{lead}** {self.prose(story, owner, (3, 4))}" for lead in leads)

    def sources(self, story: int, low: int = 1, high: int = 3) -> list[str]:
        return self.pick_many("sources", story, low, high)


def _md_escape(text: str) -> str:
    return text.replace("[", "(").replace("]", ")").replace("|", "/")
