"""The records and hand-written pages of a synthetic project (the second pass, after `World`).

Every method draws from the world's seeded generator in a fixed order: moving a call changes
every generated project.
"""

from __future__ import annotations

import textwrap
from typing import Any

from vocabulary import (
    AUTHORS,
    BUREAUS,
    EVENT_KINDS,
    HANGUL,
    HEADLINE_OBJECTS,
    KANJI,
    LEADS,
    ORDINALS,
    PLACES,
    STATUSES,
    VENUES,
)
from world import LAST_YEAR, Entity, World, slug


class Generator(World):
    """Phase 2: the records, as plain data in the schema's shape, and the hand-written pages."""

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
            events = sorted(
                in_topic.get(topic.id, []), key=lambda e: _sort_key(e.data["date"]) + (e.id,)
            )
            number = 0
            for event in events:
                if topic.data["type"] == "series" and rng.random() < 0.8:
                    number += 1
                    ordinal = ORDINALS.get(number if number < 20 else 0, f"{number}th")
                    event.data.update(kind="meeting", round=number, noun=f"{ordinal} round")
                    event.name = f"{ordinal} round of the {topic.data['short']}"
                elif topic.data["type"] != "series" and rng.random() < 0.5:
                    event.data.update(
                        kind=rng.choice(["signing", "notice", "decision"]),
                        status=rng.choice(STATUSES),
                        noun="milestone",
                    )
                    status = event.data["status"].lower()
                    event.name = f"{topic.data['short'].capitalize()}: {status}"
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
            record["native"] = {
                "ko" if d["country"] == "KR" else "ja": self.native_word(
                    HANGUL if d["country"] == "KR" else KANJI, 4
                )
            }
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
        record: dict[str, Any] = {
            "id": e.id,
            "type": d["type"],
            "name": e.name,
            "short_name": d["short"],
        }
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
            end_day = min(28, int(d["date"][8:]) + rng.randint(1, 3))
            record["end_date"] = d["date"][:8] + f"{end_day:02d}"
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
            said = "We agreed to develop future-oriented security cooperation"
            record["quotes"] = [
                {
                    "text": said,
                    "by": self.pick("people", e.story).id,
                    "source": self.pick("sources", e.story).id,
                }
            ]
        if rng.random() < 0.2:
            participants = []
            for person in self.pick_many("people", e.story, 2, 4):
                participant: dict[str, Any] = {"person": person, "side": rng.choice(["KR", "JP"])}
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
        record["short"] = (
            f"A {e.name} between the two governments, as the sources describe it, "
            f"used for {self.rng.choice(HEADLINE_OBJECTS)}."
        )
        record["definition"] = self.prose(e.story, e.id, (4, 5))
        see_also = self.pick_many("terms", e.story, 1, 2, e.id) + self.pick_many(
            "topics", e.story, 0, 1
        )
        if see_also:
            record["see_also"] = see_also
        record["sources"] = self.sources(e.story)
        return record

    # -- hand-written pages -----------------------------------------------------------------
    def docs(self, records: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
        charts = self._chart_topics(records)
        titles = {
            "index.md": "Korea and Japan's security talks, explained",
            "why-the-talks-stopped.md": "Why the talks stopped",
            "gsomia-explained.md": "The information agreement, explained",
            "whos-who.md": "Who's who",
        }
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


def _wrap_markdown(line: str) -> str:
    if line.startswith(("#", "[[chart:")) or len(line) <= 100:
        return line
    indent = "  " if line.startswith("- ") else ""
    return textwrap.fill(
        line, 100, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
