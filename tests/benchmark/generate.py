"""Synthetic but realistic factbook projects for the benchmark, deterministic from a seed.

`generate(n, out, seed)` writes a whole project into `out/`:

- `data/` — N records of the six kinds in the real site's proportions (counted in `data/`:
  25 sources, 14 organizations, 21 people, 4 topics, 36 events, 13 terms). Records are grouped
  in stories, one per topic, like the real data: a story's events, people, organizations and
  sources mostly refer to one another (80 %), sometimes to any record (20 %), so the number of
  links to a record — and so the size of its page — does not grow with N. Prose fields carry
  `[[id]]` / `[[id|label]]` references and mentions of glossary terms at about the real rates
  (≈ 5 references per record that has prose). Series topics get numbered rounds and agreements
  get status changes, so topic pages draw charts as they do on the real site.
  Files are split as a growing site would split them: events by topic, other kinds in files of
  at most 250 records.
- `docs/` — the four hand-written pages of the real site's navigation (home and three
  explainers), with `[[id]]` references and two `[[chart:…]]` lines.
- `mkdocs.yml` — the real `mkdocs.yml` (theme, extensions, plugins, validation, strict) with
  this project's navigation and the adapter hook by absolute path.

`write_floor(project, floor)` writes "the floor": the very Markdown the engine generates for
`project`, as ordinary hand-written pages of a plain MkDocs project with the same configuration
and navigation, minus the hook.

Command line: `python tests/benchmark/generate.py N OUT [--seed S]`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
HOOKS = REPO / "hooks"
ADAPTER = HOOKS / "mkdocs_adapter.py"
REAL_CONFIG = REPO / "mkdocs.yml"
SCHEMA_LINE = "# yaml-language-server: $schema={}hooks/factbook/schema/facts.schema.json\n"

KIND_WEIGHTS = {"sources": 25, "organizations": 14, "people": 21, "topics": 4, "events": 36,
                "terms": 13}
"""Records per kind in the real data/ (113 records), the proportions every N keeps."""

LOCAL = 0.8
"""Share of references that stay inside the record's own story."""
FILE_RECORDS = 250
"""At most this many records per generated data file (events: one file per topic)."""
LAST_YEAR = 2024
"""No date after this year, so builds never warn about future dates."""

NAV = [
    {"Home": "index.md"},
    {"Explainers": [{"Why the talks stopped": "why-the-talks-stopped.md"},
                    {"GSOMIA explained": "gsomia-explained.md"},
                    {"Who's who": "whos-who.md"}]},
    {"Timeline": "timeline.md"},
    {"Glossary": "glossary/index.md"},
    {"Records": [{"Topics": "topics/index.md"}, {"Events": "events/index.md"},
                 {"People": "people/index.md"}, {"Organizations": "organizations/index.md"},
                 {"Sources": "sources/index.md"}]},
]
"""The real site's navigation (listing pages only; record pages are reached from listings)."""


# --- vocabulary -----------------------------------------------------------------------------

KO_FAMILY = {"Kim": "김", "Lee": "이", "Park": "박", "Choi": "최", "Jung": "정", "Kang": "강",
             "Cho": "조", "Yoon": "윤", "Jang": "장", "Lim": "임", "Han": "한", "Oh": "오",
             "Seo": "서", "Shin": "신", "Kwon": "권", "Hwang": "황", "Ahn": "안", "Song": "송",
             "Yoo": "유", "Hong": "홍"}
KO_GIVEN = {"Min": "민", "Jun": "준", "Seo": "서", "Ji": "지", "Hyun": "현", "Woo": "우",
            "Young": "영", "Sung": "성", "Jae": "재", "Dong": "동", "Hye": "혜", "Eun": "은",
            "Soo": "수", "Kyung": "경", "Hoon": "훈", "Chul": "철", "Ho": "호", "Jin": "진",
            "Yeon": "연", "Sang": "상", "Jung": "정"}
JA_FAMILY = {"Funakoshi": ("船越", "ふなこし"), "Ando": ("安藤", "あんどう"),
             "Suzuki": ("鈴木", "すずき"), "Tanaka": ("田中", "たなか"), "Sato": ("佐藤", "さとう"),
             "Watanabe": ("渡辺", "わたなべ"), "Ito": ("伊藤", "いとう"),
             "Yamamoto": ("山本", "やまもと"), "Nakamura": ("中村", "なかむら"),
             "Kobayashi": ("小林", "こばやし"), "Kato": ("加藤", "かとう"),
             "Yoshida": ("吉田", "よしだ"), "Yamada": ("山田", "やまだ"),
             "Sasaki": ("佐々木", "ささき"), "Matsumoto": ("松本", "まつもと"),
             "Inoue": ("井上", "いのうえ"), "Kimura": ("木村", "きむら"),
             "Hayashi": ("林", "はやし"), "Shimizu": ("清水", "しみず"), "Mori": ("森", "もり")}
JA_GIVEN = {"Takehiro": ("健裕", "たけひろ"), "Atsushi": ("篤", "あつし"),
            "Hiroshi": ("博", "ひろし"), "Kenji": ("健二", "けんじ"), "Yuko": ("裕子", "ゆうこ"),
            "Akira": ("明", "あきら"), "Masato": ("正人", "まさと"), "Shigeru": ("茂", "しげる"),
            "Naoki": ("直樹", "なおき"), "Kazuo": ("和夫", "かずお"), "Taro": ("太郎", "たろう"),
            "Fumio": ("文雄", "ふみお"), "Tomoko": ("智子", "ともこ"), "Keiko": ("恵子", "けいこ"),
            "Makoto": ("誠", "まこと"), "Satoshi": ("聡", "さとし"), "Junko": ("順子", "じゅんこ"),
            "Koichi": ("浩一", "こういち"), "Yasumasa": ("康正", "やすまさ"),
            "Takeshi": ("武", "たけし")}
US_NAMES = ["John Miller", "Sarah Davis", "Robert Wilson", "Emily Clark", "David Lewis",
            "Laura Walker", "James Young", "Karen Hall", "Michael Allen", "Susan King"]

COUNTRY_ADJ = {"KR": "ROK", "JP": "Japan", "US": "US"}
ORG_KINDS = ["Ministry", "Agency", "Office", "Committee", "Council", "Institute"]
FIELDS = ["Foreign Affairs", "National Defense", "Defense", "Unification", "Maritime Affairs",
          "Economy and Trade", "Intelligence", "Justice", "Public Security", "Science and Technology",
          "Land and Transport", "Finance", "Home Affairs", "Education", "Environment",
          "Fisheries", "Coast Guard Affairs", "Cyber Security", "Strategic Planning", "Energy"]
BUREAUS = ["Asian and Pacific Affairs", "International Policy", "Defense Policy", "North American Affairs",
           "Treaties and Law", "Northeast Asian Affairs", "Policy Planning", "Intelligence Analysis",
           "Legal Affairs", "Strategy", "Operations", "Personnel", "Procurement", "Cooperation",
           "Security Policy", "Arms Control", "Consular Affairs", "Public Diplomacy"]
PUBLISHERS = [("Yonhap News Agency", "en"), ("Korea JoongAng Daily", "en"), ("The Korea Herald", "en"),
              ("KBS World", "en"), ("Jiji Press", "ja"), ("Kyodo News", "en"), ("NHK World", "en"),
              ("The Japan Times", "en"), ("Asahi Shimbun", "ja"), ("Mainichi Shimbun", "ja"),
              ("Chosun Ilbo", "ko"), ("Hankyoreh", "ko"), ("Newsis", "ko"), ("Edaily", "ko"),
              ("Seoul Economic Daily", "ko"), ("Ministry of Foreign Affairs of Japan", "en"),
              ("ROK Ministry of Foreign Affairs", "ko"), ("China Daily", "en"),
              ("The Christian Science Monitor", "en"), ("Nodong Sinmun", "ko")]
AUTHORS = ["Sarah Kim", "Choi Ji-won", "Park Boram", "Kaori Tanaka", "Ko Hirano", "Lee Ha-young",
           "Jun Ji-hye", "Daisuke Kikuchi", "Shin Ji-hye", "Kwon Hyuk-chul"]
HEADLINE_SUBJECTS = ["security talks", "defense officials", "foreign ministers", "intelligence pact",
                     "trilateral drills", "export controls", "summit", "vice-ministerial dialogue",
                     "maritime hotline", "missile launch", "court ruling", "joint statement"]
HEADLINE_VERBS = ["resume", "agree on", "discuss", "review", "end", "restore", "expand", "suspend",
                  "reaffirm", "criticize", "welcome", "postpone"]
HEADLINE_OBJECTS = ["future-oriented cooperation", "information sharing", "a new framework",
                    "talks after five years", "the pact", "working-level channels", "regional security",
                    "the renewal deadline", "military communication", "export curbs"]
KO_TITLES = ["한일 안보대화 재개", "외교안보 국장급 협의", "군사정보보호협정 연장", "한미일 안보협력 강화",
             "국방정책 실무회의 개최", "수출규제 철회 논의", "정상회담 후속 조치", "해양 안보 협력 합의"]
JA_TITLES = ["日韓、安保対話を再開", "外務・防衛当局の協議", "情報保護協定を延長", "日米韓の安保協力を強化",
             "防衛政策の実務者協議", "輸出規制の見直し", "首脳会談の後続措置", "海洋安全保障で協力"]
TERM_ADJECTIVES = ["bilateral", "trilateral", "reciprocal", "standing", "maritime", "strategic",
                   "extended", "provisional", "conditional", "collective", "forward", "integrated",
                   "classified", "operational", "preventive", "regional", "unilateral", "interim",
                   "working-level", "director-general", "vice-ministerial", "ministerial", "summit-level",
                   "informal", "formal", "automatic", "mutual", "confidential", "graduated", "joint",
                   "combined", "allied", "tactical", "naval", "aerial", "coastal", "northern", "civilian",
                   "sovereign", "binding"]
TERM_NOUNS = ["consultation", "framework", "protocol", "dialogue", "arrangement", "mechanism",
              "channel", "review", "accord", "hotline", "deterrence", "notification", "renewal clause",
              "note verbale", "shuttle diplomacy", "white list", "intelligence sharing", "early warning",
              "air defense zone", "rules of engagement", "status agreement", "readiness posture",
              "liaison office", "command structure", "exercise", "patrol", "roadmap", "declaration",
              "memorandum", "working group", "task force", "steering committee", "action plan",
              "joint statement", "annex", "reservation", "ratification", "suspension", "termination notice",
              "confidence-building measure"]
HANGUL = "가나다라마바사아자차카타파하국방외교안보정책협의회군사정보보호협정한미일대화실무"
KANJI = "日韓安全保障対話協議外務防衛政策情報軍事保護協定実務会議局長次長首脳声明"
PLACES = [("Seoul", "KR"), ("Tokyo", "JP"), ("Busan", "KR"), ("Osaka", "JP"), ("Jeju", "KR"),
          ("Washington", "US"), ("Fukuoka", "JP"), ("Incheon", "KR"), ("Hiroshima", "JP")]
VENUES = ["the Foreign Ministry", "the Defense Ministry", "the Prime Minister's Office",
          "the Blue House", "a government guesthouse", "the Embassy", "a hotel conference hall"]
STATUSES = ["Negotiated", "In force", "Termination notified", "Termination conditionally suspended",
            "Fully normalized", "Extended", "Under review"]
EVENT_KINDS = ["meeting", "summit", "signing", "ruling", "policy", "notice", "decision", "other"]
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}

# Sentence templates for prose. Slots: {p} person, {o} organization, {e} event, {t} topic,
# {s} source, {r} any record, {term}/{term2} glossary mentions, {place}, {year}, {minutes}.
SENTENCES = [
    "{p} of {o} raised the {term} with counterparts from {o2}.",
    "The talks covered the {term} and the {term2}, according to {s}.",
    "Officials reviewed progress on the {term} since {e}.",
    "Both sides agreed to hold the next round in {place} ({e}).",
    "{p} said the {term} would remain in place for another year.",
    "The meeting lasted about {minutes} minutes and ended with a statement on the {term}.",
    "Reports by {s} describe the {term} as a turning point for {t}.",
    "It followed {e} and preceded further talks on the {term}.",
    "{o} took part for the first time, represented by {p}.",
    "The {term} was first discussed in {year}, when {p} proposed it ({e}).",
    "Critics in {place} argued that the {term} gave {o} too little say.",
    "Under the {term}, each side informs the other before any change ({r}).",
    "{p} and {p2} signed the joint record on behalf of their ministries.",
    "The decision is described in {s} and in later reporting on {t}.",
]
LEADS = ["How it began.", "Who attends.", "Rhythm.", "What changed.", "Why it matters.", "Outcome."]


# --- the project ----------------------------------------------------------------------------

@dataclass
class Entity:
    kind: str
    id: str
    story: int
    name: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Summary:
    n: int
    seed: int
    counts: dict[str, int]
    data_files: int
    doc_pages: int
    root: Path

    @property
    def describe(self) -> str:
        return ", ".join(f"{self.counts[kind]:,} {kind}" for kind in KIND_WEIGHTS)


def counts_for(n: int) -> dict[str, int]:
    """N split over the kinds in the real proportions (largest remainder), at least 1 each and
    2 topics (a series and an agreement)."""
    total = sum(KIND_WEIGHTS.values())
    exact = {kind: n * weight / total for kind, weight in KIND_WEIGHTS.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    for kind in sorted(exact, key=lambda k: (-(exact[k] - counts[k]), k))[: n - sum(counts.values())]:
        counts[kind] += 1
    minimum = {"topics": 2}
    for kind in counts:
        while counts[kind] < minimum.get(kind, 1):
            largest = max(counts, key=lambda k: counts[k])
            counts[largest] -= 1
            counts[kind] += 1
    return counts


def slug(text: str) -> str:
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in text.lower()).split())


class _Generator:
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

    def pick_many(self, kind: str, story: int, low: int, high: int,
                  exclude: str | None = None) -> list[str]:
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
            return (f"{given} {family}",
                    {"ja": JA_FAMILY[family][0] + JA_GIVEN[given][0],
                     "ja_reading": f"{JA_FAMILY[family][1]} {JA_GIVEN[given][1]}"}, "JP")
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
            noun = {"series": "Security Policy Consultation", "agreement": "Information Agreement",
                    "arrangement": "Sharing Arrangement", "policy": "Export Policy"}[kind]
            name = f"Korea–Japan {field_name} {noun}"
            entity = self.add("topics", i, name, f"{field_name} {noun.split()[0]} {i + 1}")
            entity.data["type"] = kind
            entity.data["short"] = f"{field_name.lower()} {'talks' if kind == 'series' else kind}"
        for i in range(self.counts["organizations"]):
            country = rng.choice(["KR", "KR", "JP", "JP", "US"])
            entity = self.add("organizations", i, "", "org")
            story_orgs = self.by_story[("organizations", entity.story)]
            parent = story_orgs[rng.randrange(len(story_orgs) - 1)] if len(story_orgs) > 1 \
                and rng.random() < 0.5 else None
            if parent is not None:
                bureau = rng.choice(BUREAUS)
                entity.name = f"{bureau} ({parent.name})"
                entity.data.update(parent=parent.id, short=bureau, country=parent.data["country"])
            else:
                entity.name = f"{COUNTRY_ADJ[country]} {rng.choice(ORG_KINDS)} of {rng.choice(FIELDS)}"
                entity.data.update(short=entity.name.split(" of ")[0], country=country)
            self._rename(entity, entity.name)
        for i in range(self.counts["people"]):
            name, native, country = self.person_name()
            entity = self.add("people", i, name, name)
            entity.data.update(native=native, country=country)
        for i in range(self.counts["sources"]):
            publisher, language = rng.choice(PUBLISHERS)
            date = self.date(i * self.stories // self.counts["sources"], "day")
            entity = self.add("sources", i, "", f"{publisher.removeprefix('The ').split()[0]} {date}")
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
        return f"{subject[0].upper()}{subject[1:]} {rng.choice(HEADLINE_VERBS)} {rng.choice(HEADLINE_OBJECTS)}"

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
                label = f"{entity.data['date'] if isinstance(entity.data['date'], int) else str(entity.data['date'])[:4]} {entity.data.get('noun', 'meeting')}"
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
            "term": self.term_mention(story), "term2": self.term_mention(story),
            "place": place, "year": 1990 + (story * 7) % 25 + self.rng.randint(0, 9),
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

    # -- phase 2: records -------------------------------------------------------------------
    def records(self) -> dict[str, list[dict[str, Any]]]:
        self._plan_events()
        out: dict[str, list[dict[str, Any]]] = {}
        out["sources"] = [self._source(e) for e in self.by_kind["sources"]]
        out["organizations"] = [self._organization(e) for e in self.by_kind["organizations"]]
        out["people"] = [self._person(e) for e in self.by_kind["people"]]
        out["topics"] = [self._topic(e) for e in self.by_kind["topics"]]
        out["events"] = [self._event(e) for e in self.by_kind["events"]]
        out["terms"] = [self._term(e) for e in self.by_kind["terms"]]
        return out

    def _plan_events(self) -> None:
        """Titles, topics, rounds and statuses, decided before any prose refers to events."""
        rng = self.rng
        topics = self.by_kind["topics"]
        in_topic: dict[str, list[Entity]] = {}
        for event in self.by_kind["events"]:
            topic = topics[event.story] if rng.random() < 0.75 else None
            event.data["topic"] = topic.id if topic else None
            if topic:
                in_topic.setdefault(topic.id, []).append(event)
        for topic in topics:
            events = sorted(in_topic.get(topic.id, []),
                            key=lambda e: _sort_key(e.data["date"]) + (e.id,))
            number = 0
            for event in events:
                if topic.data["type"] == "series" and rng.random() < 0.8:
                    number += 1
                    ordinal = ORDINALS.get(number if number < 20 else 0, f"{number}th")
                    event.data.update(kind="meeting", round=number, noun=f"{ordinal} round")
                    event.name = f"{ordinal} round of the {topic.data['short']}"
                elif topic.data["type"] != "series" and rng.random() < 0.5:
                    event.data.update(kind=rng.choice(["signing", "notice", "decision"]),
                                      status=rng.choice(STATUSES), noun="milestone")
                    event.name = f"{topic.data['short'].capitalize()}: {event.data['status'].lower()}"
        for event in self.by_kind["events"]:
            if not event.name:
                kind = rng.choice(EVENT_KINDS)
                event.data.update(kind=kind, noun=kind)
                event.name = f"{self.headline()} ({kind})"
            year = str(event.data["date"])[:4]
            self._rename(event, f"{event.name.split(':')[0].split('(')[0]} {year}")

    def _source(self, e: Entity) -> dict[str, Any]:
        d = e.data
        record: dict[str, Any] = {"id": e.id, "title": e.name}
        if d["title_en"]:
            record["title_en"] = d["title_en"]
        record["publisher"] = d["publisher"]
        if self.rng.random() < 0.4:
            record["author"] = self.rng.choice(AUTHORS)
        record["date"] = d["date"]
        if self.rng.random() < 0.85:
            record["url"] = f"https://news.example.org/{slug(d['publisher'])}/{e.id}"
        record["kind"] = "government" if "Ministry" in d["publisher"] else "news"
        record["language"] = d["language"]
        if self.rng.random() < 0.88:
            record["note"] = self.prose(e.story, e.id, (1, 1))
        return record

    def _organization(self, e: Entity) -> dict[str, Any]:
        d = e.data
        record: dict[str, Any] = {"id": e.id, "name": e.name, "short_name": d["short"]}
        if self.rng.random() < 0.5:
            record["native"] = {"ko" if d["country"] == "KR" else "ja":
                                self.native_word(HANGUL if d["country"] == "KR" else KANJI, 4)}
        if self.rng.random() < 0.4:
            record["aliases"] = [f"{d['short']} ({d['country']})"]
        record["country"] = d["country"]
        if d.get("parent"):
            record["parent"] = d["parent"]
        record["summary"] = self.prose(e.story, e.id, (2, 2))
        record["sources"] = self.sources(e.story)
        return record

    def _person(self, e: Entity) -> dict[str, Any]:
        d = e.data
        record: dict[str, Any] = {"id": e.id, "name": e.name}
        if d["native"]:
            record["native"] = d["native"]
        if self.rng.random() < 0.3:
            record["aliases"] = [e.name.replace("-", " ")] if "-" in e.name else [e.name.upper()]
        record["country"] = d["country"]
        record["summary"] = self.prose(e.story, e.id, (2, 2))
        roles = []
        for _ in range(self.rng.choice([0, 0, 1, 1, 1, 2])):
            role: dict[str, Any] = {"title": f"Director-General for {self.rng.choice(BUREAUS)}"}
            if self.rng.random() < 0.5:
                role["native_title"] = {"ko": self.native_word(HANGUL, 6)}
            role["organization"] = self.pick("organizations", e.story).id
            start = self.date(e.story, "year")
            if self.rng.random() < 0.5:
                role["from"] = start
                role["to"] = min(LAST_YEAR, int(start) + self.rng.randint(1, 4))
            else:
                role["as_of"] = self.date(e.story, "day")
            role["sources"] = self.sources(e.story)
            roles.append(role)
        if roles:
            record["roles"] = roles
        record["sources"] = self.sources(e.story)
        return record

    def _topic(self, e: Entity) -> dict[str, Any]:
        d = e.data
        record: dict[str, Any] = {"id": e.id, "type": d["type"], "name": e.name,
                                  "short_name": d["short"]}
        if self.rng.random() < 0.6:
            record["native"] = {"ko": self.native_word(HANGUL, 8), "ja": self.native_word(KANJI, 8)}
        record["aliases"] = [d["short"].replace(" talks", " dialogue"), f"{e.name} ({e.story + 1})"]
        record["parties"] = ["KR", "JP"] if self.rng.random() < 0.8 else ["US", "JP", "KR"]
        record["summary"] = self.prose(e.story, e.id, (3, 3))
        if self.rng.random() < 0.75:
            record["details"] = self.paragraphs(e.story, e.id, 3)
        if d["type"] == "agreement" and self.rng.random() < 0.3:
            record["terms"] = self.prose(e.story, e.id, (3, 3))
        record["sources"] = self.sources(e.story, 2, 6)
        return record

    def _event(self, e: Entity) -> dict[str, Any]:
        d, rng = e.data, self.rng
        record: dict[str, Any] = {"id": e.id, "title": e.name, "date": d["date"]}
        if rng.random() < 0.1 and isinstance(d["date"], str) and len(d["date"]) == 10:
            record["end_date"] = d["date"][:8] + f"{min(28, int(d['date'][8:]) + rng.randint(1, 3)):02d}"
        record["kind"] = d["kind"]
        if d.get("status"):
            record["status"] = d["status"]
        if d["topic"]:
            record["topic"] = d["topic"]
        if d.get("round"):
            record["round"] = d["round"]
        if d.get("round") or rng.random() < 0.3:
            place, country = rng.choice(PLACES)
            record["place"] = place
            record["country"] = country
            if rng.random() < 0.3:
                record["venue"] = rng.choice(VENUES)
        if rng.random() < 0.15:
            record["duration_minutes"] = rng.choice([60, 90, 120, 150, 180])
        record["summary"] = self.prose(e.story, e.id, (1, 2))
        if rng.random() < 0.4:
            record["details"] = self.prose(e.story, e.id, (3, 5))
        if rng.random() < 0.05:
            record["outcome"] = self.prose(e.story, e.id, (2, 3))
        if rng.random() < 0.08:
            record["quotes"] = [{"text": "We agreed to develop future-oriented security cooperation",
                                 "by": self.pick("people", e.story).id,
                                 "source": self.pick("sources", e.story).id}]
        if rng.random() < 0.2:
            participants = []
            for person in self.pick_many("people", e.story, 2, 4):
                participant: dict[str, Any] = {"person": person,
                                               "side": rng.choice(["KR", "JP"])}
                if rng.random() < 0.5:
                    participant["title"] = f"Director-General for {rng.choice(BUREAUS)}"
                    participant["organization"] = self.pick("organizations", e.story).id
                participant["role"] = rng.choice(["head of delegation", "delegate", "signatory"])
                participant["sources"] = self.sources(e.story, 1, 1)
                participants.append(participant)
            record["participants"] = participants
        related = []
        for _ in range(rng.choice([0, 1, 2, 2, 3])):
            kind = rng.choice(["events", "events", "events", "terms", "topics"])
            target = self.pick(kind, e.story, e.id).id
            if target not in related and target != e.id:
                related.append(target)
        if related:
            record["related"] = related
        record["sources"] = self.sources(e.story)
        return record

    def _term(self, e: Entity) -> dict[str, Any]:
        d = e.data
        record: dict[str, Any] = {"id": e.id, "term": e.name}
        if d["aliases"]:
            record["aliases"] = d["aliases"]
        if d["native"]:
            record["native"] = d["native"]
        record["short"] = (f"A {e.name} between the two governments, as the sources describe it, "
                           f"used for {self.rng.choice(HEADLINE_OBJECTS)}.")
        record["definition"] = self.prose(e.story, e.id, (4, 5))
        see_also = self.pick_many("terms", e.story, 1, 2, e.id) + \
            self.pick_many("topics", e.story, 0, 1)
        if see_also:
            record["see_also"] = see_also
        record["sources"] = self.sources(e.story)
        return record

    # -- hand-written pages -----------------------------------------------------------------
    def docs(self, records: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
        charts = self._chart_topics(records)
        titles = {"index.md": "Korea and Japan's security talks, explained",
                  "why-the-talks-stopped.md": "Why the talks stopped",
                  "gsomia-explained.md": "The information agreement, explained",
                  "whos-who.md": "Who's who"}
        pages = {}
        for number, (name, title) in enumerate(titles.items()):
            story = (number * self.stories) // len(titles)
            parts = [f"# {title}", "", self.prose(story, name, (4, 4)), ""]
            for heading in self.rng.sample(LEADS, 3):
                parts += [f"## {heading.rstrip('.')}", "", self.prose(story, name, (4, 6)), ""]
                parts += [f"- {self.sentence(story, name)}" for _ in range(3)] + [""]
            if name == "index.md" and charts.get("series"):
                parts += ["## The rounds at a glance", "", f"[[chart:{charts['series']}]]", ""]
            if name == "gsomia-explained.md" and charts.get("status"):
                parts += ["## Status over time", "", f"[[chart:{charts['status']}]]", ""]
            if name == "whos-who.md":
                parts += ["Write `[[id]]` in a page to link a record; code is left alone.", ""]
            pages[name] = "\n".join(_wrap_markdown(line) for line in parts)
        return pages

    @staticmethod
    def _chart_topics(records: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
        rounds: dict[str, int] = {}
        status: dict[str, int] = {}
        for event in records["events"]:
            if event.get("round"):
                rounds[event["topic"]] = rounds.get(event["topic"], 0) + 1
            if event.get("status") and event.get("topic"):
                status[event["topic"]] = status.get(event["topic"], 0) + 1
        result = {}
        series = [t for t, count in rounds.items() if count >= 2]
        if series:
            result["series"] = series[0]
        if status:
            result["status"] = next(iter(status))
        return result


def _sort_key(date: str | int) -> tuple[int, int, int]:
    parts = [int(p) for p in str(date).split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def _md_escape(text: str) -> str:
    return text.replace("[", "(").replace("]", ")").replace("|", "/")


def _wrap_markdown(line: str) -> str:
    if line.startswith(("#", "[[chart:")) or len(line) <= 100:
        return line
    indent = "  " if line.startswith("- ") else ""
    return textwrap.fill(line, 100, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


# --- YAML writing ---------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9\u0080-\uffff][^:#\[\]{}\n\"'`]*")
_NUMBER = re.compile(r"[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[\d:]+")
_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
MARKDOWN_KEYS = {"summary", "details", "outcome", "definition", "note", "terms"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    if _DATE.fullmatch(value):
        return value
    if _PLAIN.fullmatch(value) and not value.endswith(" ") and value.lower() not in _YAML_WORDS \
            and not _NUMBER.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _block(key: str, text: str, indent: str) -> list[str]:
    inner = indent + "  "
    if "\n" in text:  # paragraphs: a literal block, wrapped like the real data
        lines = [f"{indent}{key}: |"]
        for paragraph in text.split("\n\n"):
            lines += textwrap.wrap(paragraph, 88, initial_indent=inner, subsequent_indent=inner,
                                   break_long_words=False, break_on_hyphens=False)
            lines.append("")
        return lines[:-1]
    return [f"{indent}{key}: >-", *textwrap.wrap(text, 88, initial_indent=inner,
                                                 subsequent_indent=inner, break_long_words=False,
                                                 break_on_hyphens=False)]


def _mapping(record: dict[str, Any], indent: str, first: str = "") -> list[str]:
    lines: list[str] = []
    for i, (key, value) in enumerate(record.items()):
        lead = first if i == 0 and first else indent
        if key in MARKDOWN_KEYS and isinstance(value, str):
            lines += _block(key, value, lead) if lead == indent else \
                [f"{lead}{key}: {_scalar(value)}"]
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines += _mapping(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{lead}{key}:")
            for item in value:
                lines += _mapping(item, indent + "    ", indent + "  - ")
        elif isinstance(value, list):
            lines.append(f"{lead}{key}: [{', '.join(_flow(v) for v in value)}]")
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
    return lines


def _flow(value: str) -> str:
    text = _scalar(value)
    return text if text.startswith('"') or "," not in text else json.dumps(value, ensure_ascii=False)


def dump_records(kind: str, records: list[dict[str, Any]], depth: int) -> str:
    lines = [SCHEMA_LINE.format("../" * depth).rstrip("\n"), f"{kind}:"]
    for record in records:
        lines += _mapping(record, "    ", "  - ")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- configuration --------------------------------------------------------------------------

def base_config() -> dict[str, Any]:
    """The real mkdocs.yml (theme, extensions, plugins, validation, strict) without its hooks,
    watch list and navigation."""
    config = yaml.safe_load(REAL_CONFIG.read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "nav", "docs_dir", "site_dir"):
        config.pop(key, None)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):  # theme overrides live in the repo
        theme["custom_dir"] = str(REPO / theme["custom_dir"])
    return config


def engine_config(hooks: Path = HOOKS) -> dict[str, Any]:
    config = base_config()
    config.update(docs_dir="docs", site_dir="site", hooks=[str(hooks / ADAPTER.name)],
                  watch=["data"], nav=NAV)
    return config


def floor_config() -> dict[str, Any]:
    """Plain MkDocs: no hook. What the adapter adds by code is written out by hand: the required
    extensions (already in the real config), the stylesheet, and the pages that are not in the
    navigation marked as such (`not_in_nav`, the hand-written equivalent of the adapter's
    NOT_IN_NAV; pages listed in `nav` stay in it, so one pattern covers them all)."""
    config = base_config()
    extensions = config.setdefault("markdown_extensions", [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    for name in ("attr_list", "footnotes", "tables", "md_in_html", "toc"):
        if name not in names:
            extensions.append(name)
    config.update(docs_dir="docs", site_dir="site", nav=NAV,
                  extra_css=[*config.get("extra_css", []), "assets/factbook.css"],
                  not_in_nav="*.md\n")
    return config


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100),
                    encoding="utf-8")


# --- entry points ---------------------------------------------------------------------------

def generate(n: int, out: Path, seed: int = 1, hooks: Path = HOOKS) -> Summary:
    """Write a project of N records into `out` (replaced if it exists); its mkdocs.yml uses the
    adapter in `hooks` (the repository's by default)."""
    if n < 10:
        raise ValueError("N must be at least 10")
    generator = _Generator(n, seed)
    generator.create()
    records = generator.records()
    docs = generator.docs(records)
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    files = 0
    for kind, items in records.items():
        if kind == "events":
            groups: dict[str, list[dict[str, Any]]] = {}
            for record in items:
                groups.setdefault(record.get("topic") or "context", []).append(record)
            for name, group in groups.items():
                for start in range(0, len(group), FILE_RECORDS):
                    suffix = f"-{start // FILE_RECORDS + 1}" if len(group) > FILE_RECORDS else ""
                    _write(out / "data" / "events" / f"{name}{suffix}.yaml",
                           dump_records(kind, group[start:start + FILE_RECORDS], 2))
                    files += 1
        elif len(items) <= FILE_RECORDS:
            _write(out / "data" / f"{kind}.yaml", dump_records(kind, items, 1))
            files += 1
        else:
            for start in range(0, len(items), FILE_RECORDS):
                _write(out / "data" / kind / f"{kind}-{start // FILE_RECORDS + 1:03d}.yaml",
                       dump_records(kind, items[start:start + FILE_RECORDS], 2))
                files += 1
    for name, text in docs.items():
        _write(out / "docs" / name, text)
    write_config(out / "mkdocs.yml", engine_config(hooks))
    return Summary(n, seed, {kind: len(items) for kind, items in records.items()}, files, len(docs),
                   out)


@dataclass
class Floor:
    pages: dict[str, str]
    """Every generated page: path in docs/ → Markdown."""
    records: set[str]
    """The paths of the generated pages that show one record (the rest are listings)."""


def write_floor(project: Path, floor: Path, hooks: Path = HOOKS) -> Floor:
    """The engine's Markdown for `project` as a plain MkDocs project in `floor`, rendered by the
    core in `hooks` (which must be the first core this process imports)."""
    if str(hooks) not in sys.path:
        sys.path.insert(0, str(hooks))
    import factbook

    if Path(factbook.__file__).resolve().parent != (hooks / "factbook").resolve():
        raise RuntimeError(f"factbook was already imported from {factbook.__file__}")

    result = factbook.build(factbook.Project(project))
    if not result.ok:
        raise RuntimeError("\n".join(str(d) for d in result.diagnostics))
    if floor.exists():
        shutil.rmtree(floor)
    docs = project / "docs"
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        _write(floor / "docs" / src_uri,
               result.expand_page(src_uri, path.read_text(encoding="utf-8-sig")))
    for src_uri, markdown in result.pages.items():
        _write(floor / "docs" / src_uri, markdown)
    (floor / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(factbook.STYLESHEET, floor / "docs" / "assets" / "factbook.css")
    write_config(floor / "mkdocs.yml", floor_config())
    return Floor(result.pages, {record.src_uri for record in result.model.records.values()})


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("out", type=Path, help="project folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--floor", type=Path, help="also write the floor project here")
    args = parser.parse_args(argv)
    summary = generate(args.n, args.out, args.seed)
    print(f"wrote {summary.n:,} records ({summary.describe}) in {summary.data_files} data files "
          f"to {args.out}")
    if args.floor:
        floor = write_floor(args.out, args.floor)
        print(f"wrote the floor ({len(floor.pages):,} generated pages as plain Markdown) to "
              f"{args.floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
