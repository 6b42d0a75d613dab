"""Wording: every phrase a reader sees that does not come from the data, in one table.

Templates hold layout and name phrases by key (`{{ words.mentioned_in }}`); Python code that
writes text for readers (charts, dates, the error page) reads the same table. An edition in
another language is this table translated. Phrases with `{placeholders}` are filled in with
`str.format`; every key must be present (templates fail on a missing one).

Editors' messages (`file:line:col: ...`) are not here: they speak to the people who write the
data, in the terms of the data files.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

EDITIONS = ("en", "ko", "ja")
"""The site's editions by language code, English (the source of every translation) first."""
TRANSLATED_LANGUAGES = EDITIONS[1:]

EDITION_TABLES = Path(__file__).parent / "editions"
"""`<code>.yaml` per edition: the phrases below translated (`words`), and the months,
countries, languages, kinds' listing titles, navigation and site texts in that language."""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

COUNTRIES: Mapping[str, str] = MappingProxyType(
    {
        "KR": "South Korea",
        "JP": "Japan",
        "US": "United States",
        "KP": "North Korea",
        "CN": "China",
    }
)

LANGUAGES: Mapping[str, str] = MappingProxyType(
    {
        "en": "English",
        "ko": "Korean",
        "ja": "Japanese",
        "zh": "Chinese",
        "de": "German",
        "fr": "French",
    }
)
"""Sources' languages by code (an unknown code is shown as it is)."""

ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        "ROK": "Republic of Korea (South Korea)",
    }
)
"""Abbreviations that names in the data use as they are ("ROK Ministry of Foreign Affairs"),
spelled out on every page where they appear (glossary.py marks them)."""

ENGLISH_WORDS: Mapping[str, str] = MappingProxyType(
    {
        # Dates (see dates.py): precision decides the form.
        "date_day": "{day} {month} {year}",
        "date_month": "{month} {year}",
        "date_year": "{year}",
        "span_same_month": "{first_day}–{last}",
        "span": "{first} – {last}",
        "span_since": "{first} –",
        "span_until": "? – {last}",
        "as_of": "as of {date}",
        # What a table cell says when the data holds no value for it (the same everywhere).
        "not_recorded": "not recorded",
        # Record pages: infobox tables.
        "fact": "Fact",
        "detail": "Detail",
        "date": "Date",
        "kind": "Kind",
        "part_of": "Part of",
        "round_of": "round {round}",
        "place": "Place",
        "length": "Length",
        "name": "Name",
        "family_name": "Family name",
        "given_name": "Given name",
        "short_name": "Short name",
        "country": "Country",
        "also_called": "Also called",
        "also_written": "Also written",
        "parties": "Parties",
        "publisher": "Publisher",
        "headline": "Headline",
        "headline_not_recorded": "headline not recorded",
        "title_in_english": "Title in English",
        "author": "Author",
        "language": "Language",
        "address": "Address",
        "duration_hours": "{minutes} minutes ({hours} h {rest:02d} min)",
        "duration_minutes": "{minutes} minutes",
        "duration_hours_about": "about {minutes} minutes (about {hours} h {rest:02d} min)",
        "duration_minutes_about": "about {minutes} minutes",
        # Record pages: sections.
        "what_happened": "What happened",
        "outcome": "Outcome",
        "in_their_words": "In their words",
        "participants": "Participants",
        "side": "Side",
        "person": "Person",
        "title": "Title",
        "organization": "Organization",
        "related": "Related",
        "previous_round": "Previous round",
        "next_round": "Next round",
        "previous_milestone": "Previous milestone",
        "next_milestone": "Next milestone",
        "mentioned_in": "Mentioned in",
        "cited_by": "Cited by",
        # "Mentioned in" lists, grouped by kind; a collapsed group shows its count.
        "backlinks_page": "Pages",
        "backlinks_topic": "Topics",
        "backlinks_event": "Events",
        "backlinks_person": "People",
        "backlinks_organization": "Organizations",
        "backlinks_source": "Sources",
        "backlinks_term": "Glossary terms",
        "backlinks_collapsed": "{label} ({count})",
        "backlink_dated": "{link} ({date})",
        "backlink_relations": "{link} — {relations}",
        "roles": "Roles",
        "parts": "Parts",
        "over_time": "Over time",
        "background": "Background",
        "how_it_works": "How it works",
        "rounds": "Rounds",
        "round": "Round",
        "meeting": "Meeting",
        "milestones": "Milestones",
        "other_milestones": "Other milestones",
        "event": "Event",
        "also": "Also:",
        "see_also": "See also:",
        "korean_japanese": "Korean / Japanese:",
        "all_terms": "All terms in the glossary",
        "where_term_used": "Where this term is used",
        "original": "Original ↗",
        "reviewed": "Facts last checked against their sources: {date}.",
        "page_description": "{kind}: {name}",
        # Kinds of event (timeline labels, event pages and the events listing).
        "event_kind_meeting": "Meeting",
        "event_kind_summit": "Summit",
        "event_kind_signing": "Signing",
        "event_kind_ruling": "Ruling",
        "event_kind_policy": "Policy",
        "event_kind_notice": "Notice",
        "event_kind_decision": "Decision",
        "event_kind_other": "Other",
        # Kinds of source (a source's page; "other" gets no label there).
        "source_kind_news": "News",
        "source_kind_government": "Government publication",
        "source_kind_treaty": "Treaty text",
        "source_kind_database": "Database",
        "source_kind_other": "Other",
        # Native-script forms.
        "native_ko": "Korean",
        "native_hanja": "Hanja",
        "native_ja": "Japanese",
        "native_ja_reading": "Japanese reading",
        # Topic types.
        "topic_series": "Meeting series",
        "topic_agreement": "Agreement",
        "topic_arrangement": "Arrangement",
        "topic_policy": "Policy",
        # Listings.
        "glossary": "Glossary",
        "timeline": "Timeline",
        "glossary_intro": "Terms used on this site, in alphabetical order. Wherever they appear in "
        "the text, hovering over\nthem shows the short definition.",
        "timeline_intro": "Every dated event, oldest first. Dates are shown as precisely as the "
        "sources give them.",
        "events_intro": "All events in date order; the [timeline]({timeline}) shows them by year.",
        "people_intro": "Everyone named in the facts, with the names their own languages use.",
        "sources_intro": "Every fact on this site cites at least one of these sources.",
        "native_name": "Native name",
        "native_names": "Native names",
        "source": "Source",
        "parts_intro": "There are too many entries for one page; they are listed in parts:",
        "entry": "entry",
        "entries": "entries",
        "part_title": "{title}: {key}",
        # Relations, as backlinks show them ("Seo Min-jung — participant").
        "relation_participant": "participant",
        "relation_represented_at": "represented at",
        "relation_staff": "staff",
        "relation_part_of": "part of",
        "relation_milestone": "milestone",
        "relation_quoted": "quoted",
        "relation_cited_by": "cited by",
        "relation_related": "related",
        "relation_see_also": "see also",
        # Charts.
        "chart_rounds_title": "Rounds of the {name} over time",
        "chart_rounds_description": (
            "{count} rounds of the {name} from {first} to {last}: {counts}."
        ),
        "chart_rounds_in": "{count} in {place}",
        "chart_rounds_elsewhere": ", {count} elsewhere ({places})",
        "chart_pauses": " Longest pauses: {pauses}.",
        "chart_pause": "from {first} to {last}",
        "chart_gap": "{years}-year gap",
        "chart_round": "Round {round}: {date}, {place}",
        "chart_place_unknown": "place unknown",
        "chart_elsewhere": "elsewhere",
        "chart_status_title": "Status of the {name} over time",
        "chart_status_description": "Status of the {name} over time. {changes}.",
        "chart_status_until": "{status}: from {first} to {last}",
        "chart_status_since": "{status}: from {first} on",
        "chart_figures": "The figures in the picture",
        "chart_status": "Status",
        "chart_period": "Period",
        "chart_period_since": "from {first} on",
        # Editions in other languages (translations.py): where a page still shows English.
        "translation_note": "Translation",
        "not_translated": "Part of this page is not yet translated and is shown in English.",
        "out_of_date": "The English text of this page has changed since it was translated: the "
        "translation may be out of date.",
        "page_not_translated": "This page is not yet translated; it is shown in English.",
        "page_out_of_date": "The English page has changed since this translation was made: it "
        "may be out of date.",
        "english_only": "This page is written for the project's maintainers and is available in "
        "English only.",
        "translated_from": "This edition is translated from the English edition; the facts, "
        "dates and sources are the same. [Read this page in English]({link})",
        "quoted": "“{quote}”",
        "quoted_in_translation": "“{quote}” (translated from {language})",
        # The page shown under `mkdocs serve` while the data has errors.
        "error_title_one": "The data has 1 problem",
        "error_title_many": "The data has {count} problems",
        "error_intro": (
            "The site is not rebuilt until they are fixed. Each line names the file, line and "
            "column; fix them and save, and this page turns back into the site."
        ),
    }
)


_speaking: ContextVar[str] = ContextVar("edition", default="en")


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Render in an edition's language: every phrase, month and country name looked up while
    this is active comes from its table (the core builds one edition at a time)."""
    token = _speaking.set(language)
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> str:
    """The language being rendered."""
    return _speaking.get()


@cache
def edition_table(language: str) -> Mapping[str, Any]:
    """An edition's translated tables (empty for English, whose tables are in this file)."""
    path = EDITION_TABLES / f"{language}.yaml"
    if language == "en" or not path.is_file():
        return MappingProxyType({})
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return MappingProxyType(loaded if isinstance(loaded, dict) else {})


def edition_text(section: str, key: str, english: str) -> str:
    """One entry of a section of the active edition's table (`nav`, `site`, ...), else the
    English."""
    found = edition_table(language()).get(section) or {}
    value = found.get(key) if isinstance(found, dict) else None
    return value if isinstance(value, str) and value else english


class _Phrases(Mapping[str, str]):
    """WORDS as the active edition says them; a phrase its table lacks stays English (a test
    requires every table to be complete)."""

    def __getitem__(self, key: str) -> str:
        english = ENGLISH_WORDS[key]
        if _speaking.get() == "en":
            return english
        return edition_text("words", key, english)

    def __iter__(self) -> Iterator[str]:
        return iter(ENGLISH_WORDS)

    def __len__(self) -> int:
        return len(ENGLISH_WORDS)


WORDS: Mapping[str, str] = _Phrases()


def month_name(month: int) -> str:
    """A month as dates show it in the active edition ("April"; "4" in ko and ja)."""
    names = edition_table(language()).get("months")
    if isinstance(names, list) and len(names) == 12:
        return str(names[month - 1])
    return MONTHS[month - 1]


def _named(section: str, english: Mapping[str, str], code: str) -> str:
    return edition_text(section, code, english.get(code, code))


def country_name(code: str | None) -> str:
    """A country's name from its code; an unknown code is shown as it is."""
    return _named("countries", COUNTRIES, code or "")


def language_name(code: str | None) -> str:
    """A language's name from its code; an unknown code is shown as it is."""
    return _named("languages", LANGUAGES, code or "")


def abbreviations() -> Mapping[str, str]:
    """The abbreviations the active edition spells out (see ABBREVIATIONS)."""
    table = edition_table(language())
    if language() == "en" or not isinstance(table.get("abbreviations"), dict):
        return ABBREVIATIONS
    return MappingProxyType(table["abbreviations"])


def relation_label(name: str) -> str:
    """How a relation reads in "Mentioned in" lists; a kind declared outside the core may bring
    relations this table does not name, shown by their own name ("signed_by" → "signed by")."""
    return WORDS.get(f"relation_{name}", name.replace("_", " "))
