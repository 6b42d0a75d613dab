"""Translations: the words of records in another edition's language, kept beside the facts.

Facts (dates, numbers, ids, sources, relations) are stored once, in the English data; a kind
declares which of its fields are words (`fact(..., translated=True)`, model.py). A translation
file holds, per record id, the translated text of such fields, each with the fingerprint of the
English text it translates:

    language: ko
    translations:
      spc-round-12:
        title: {of: 5e1f0c2a, text: 제12차 한일 안보정책협의회}
        participants:
          - title: {of: 1a2b3c4d, text: 외교부 아시아태평양국장}

When the English changes, its fingerprint no longer matches: the translation is reported as out
of date (a warning that never fails a build) and the edition shows it with a note. A name field
may instead take its native-script form in the edition's language (`native.ko`, an official
name as its government writes it); people's names always do (their edition shows `native`,
else the romanized name). Nothing here is rendered: `localize()` hands render.py a model whose
words are the edition's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits
from .assemble import link_problems
from .diagnostics import Diagnostic, Position, Severity, did_you_mean
from .kinds import Person
from .load import FieldPath, LoadedFile
from .model import LANGUAGE, TRANSLATIONS, Model, Native, Part, Prose, Record, data_fields
from .text import quoted
from .wording import TRANSLATED_LANGUAGES

FieldRef = tuple[str | int, ...]
"""A translated field of a record: `("summary",)`, or `("roles", 0, "title")` inside a part."""


def fingerprint(text: str) -> str:
    """What a translation records of the English it translates: 8 hex digits of SHA-256 of the
    text with its whitespace collapsed (so refolding a YAML block changes nothing)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def is_translation_file(data: Any) -> bool:
    return isinstance(data, dict) and TRANSLATIONS in data


def shown(ref: FieldRef) -> str:
    """A field as messages name it: `summary`, `roles[2].title` (items counted from 1)."""
    text = str(ref[0])
    for part in ref[1:]:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return text


@dataclass(frozen=True)
class Entry:
    """One translated field, as a translation file gives it."""

    language: str
    record_id: str
    ref: FieldRef
    text: str
    of: str
    position: Position
    """Where the translated text starts."""
    of_position: Position
    raw: str
    """The text's source as written (for locating `[[id]]` inside it)."""


def entries(loaded: LoadedFile) -> list[Entry]:
    """Every translated field of a schema-valid translation file."""
    language = loaded.data[LANGUAGE]
    found: list[Entry] = []
    for record_id, fields in loaded.data[TRANSLATIONS].items():
        for key, value in fields.items():
            if isinstance(value, list):
                for index, item in enumerate(value):
                    for sub, given in item.items():
                        inner: FieldPath = (TRANSLATIONS, record_id, key, index, sub)
                        ref = (key, index, sub)
                        found.append(_entry(loaded, language, record_id, ref, inner, given))
            else:
                path: FieldPath = (TRANSLATIONS, record_id, key)
                found.append(_entry(loaded, language, record_id, (key,), path, value))
    return found


def _entry(
    loaded: LoadedFile,
    language: str,
    record_id: str,
    ref: FieldRef,
    path: FieldPath,
    node: dict[str, str],
) -> Entry:
    """One field's translation; `node` is its `{of, text}` at `path` in the file."""
    return Entry(
        language,
        record_id,
        ref,
        node["text"],
        node["of"],
        loaded.position(path + ("text",)),
        loaded.position(path + ("of",)),
        loaded.source_text(path + ("text",)),
    )


@dataclass(frozen=True)
class English:
    """One field of a record an edition translates: its English text, whether it is Markdown,
    and the native-script forms that may stand in for a translation."""

    ref: FieldRef
    text: str
    markdown: bool
    native: Native | None = None


def translatable(record: Record) -> list[English]:
    """The record's words: every translated field that holds text, parts' fields included."""
    return list(_words(record, ()))


def _words(obj: Any, base: FieldRef) -> Iterable[English]:
    cls: type = type(obj)
    for declared in data_fields(cls):
        value = getattr(obj, declared.name)
        if declared.is_list and isinstance(declared.value_type, type):
            if issubclass(declared.value_type, Part):
                for index, part in enumerate(value):
                    yield from _words(part, (*base, declared.key, index))
            continue
        if declared.spec.translated and isinstance(value, str) and value:
            native = getattr(obj, declared.spec.native) if declared.spec.native else None
            yield English((*base, declared.key), value, declared.is_markdown, native)


@dataclass(frozen=True)
class Coverage:
    """How much of one language's words are translated."""

    translated: int = 0
    out_of_date: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.out_of_date + self.missing

    def __str__(self) -> str:
        share = 100 * self.translated / self.total if self.total else 100
        return (
            f"{self.translated:,} of {self.total:,} translated ({share:.0f} %), "
            f"{self.out_of_date:,} out of date, {self.missing:,} missing"
        )


@dataclass(frozen=True)
class Translations:
    """Every language's translations, checked against the English model."""

    by_field: dict[str, dict[tuple[str, FieldRef], Entry]] = field(default_factory=dict)
    """Language → (record id, field) → its translation (out-of-date ones included)."""
    out_of_date: frozenset[tuple[str, str, FieldRef]] = frozenset()
    """(language, record id, field) of each translation older than its English."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Mistakes in translation files (errors: they fail the build like any data error)."""
    warnings: tuple[Diagnostic, ...] = ()
    """Translations older than their English (never fail a build, not even a strict one)."""
    coverage: dict[str, Coverage] = field(default_factory=dict)
    prose: tuple[Prose, ...] = ()
    """Translated Markdown fields, whose `[[id]]` references are checked like the English."""
    pages: dict[str, Coverage] = field(default_factory=dict)
    """Language → how many hand-written pages are translated."""


EnglishWords = dict[str, dict[FieldRef, English]]
"""Record id → its translatable words (`english_words`)."""


def english_words(records: Iterable[Record]) -> EnglishWords:
    return {record.id: {e.ref: e for e in translatable(record)} for record in records}


def compare(
    model: Model, found: list[Entry], skipped_ids: set[str], known: EnglishWords | None = None
) -> Translations:
    """Check every translation against the record it translates, and count what is missing.
    `known` may hold the words of records already walked (those of unchanged files)."""
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    prose: list[Prose] = []
    marks: dict[str, int] = {}
    out_of_date: set[tuple[str, str, FieldRef]] = set()
    by_field: dict[str, dict[tuple[str, FieldRef], Entry]] = {
        language: {} for language in TRANSLATED_LANGUAGES
    }
    english = {
        record.id: (known or {}).get(record.id) or english_words([record])[record.id]
        for record in model.records.values()
    }
    for entry in found:
        what = f"{entry.language} translation of '{shown(entry.ref)}' of {entry.record_id}"
        words = english.get(entry.record_id)
        if words is None:
            if entry.record_id not in skipped_ids:  # a record with errors of its own: no echo
                problems.append(
                    Diagnostic(
                        entry.position,
                        f"{entry.language} translation of unknown id '{quoted(entry.record_id)}'",
                        did_you_mean(entry.record_id, english)
                        or "translate a record that exists, by its id",
                    )
                )
            continue
        source = words.get(entry.ref)
        if source is None:
            fields = sorted({shown(ref) for ref in words})
            problems.append(
                Diagnostic(
                    entry.position,
                    f"{what}: the record has no English '{shown(entry.ref)}' to translate",
                    did_you_mean(shown(entry.ref), fields)
                    or f"its words are: {', '.join(fields) or 'none'}",
                )
            )
            continue
        key = (entry.record_id, entry.ref)
        first = by_field[entry.language].get(key)
        if first is not None:
            problems.append(
                Diagnostic(
                    entry.position, f"{what} is given twice", f"the first is at {first.position}"
                )
            )
            continue
        by_field[entry.language][key] = entry
        now = fingerprint(source.text)
        if entry.of != now:
            out_of_date.add((entry.language, *key))
            warnings.append(
                Diagnostic(
                    entry.of_position,
                    f"{what} is older than the English",
                    f"the English now reads '{quoted(source.text, 60)}': update the translation, "
                    f"then set `of: {now}`",
                    Severity.WARNING,
                )
            )
        if source.markdown:
            problems += _markdown_problems(entry, marks, prose)
    coverage = {
        language: _coverage(english, by_field[language], out_of_date, language)
        for language in TRANSLATED_LANGUAGES
    }
    return Translations(
        by_field,
        frozenset(out_of_date),
        tuple(problems),
        tuple(warnings),
        coverage,
        tuple(prose),
    )


def _markdown_problems(entry: Entry, marks: dict[str, int], prose: list[Prose]) -> list[Diagnostic]:
    """A translated Markdown field is bounded and checked like the English one (limits.py)."""
    text = Prose(entry.record_id, shown(entry.ref), entry.text, entry.position, entry.raw)
    counted = limits.marks(entry.text)
    too_costly = limits.field_problems(text, counted)
    if too_costly:
        return too_costly
    path = entry.position.path
    marks[path] = marks.get(path, 0) + counted
    over = limits.file_problem(entry.position, marks[path])
    if over is not None:
        return [over] if marks[path] - counted <= limits.MAX_FILE_MARKS else []
    prose.append(text)
    return link_problems(text)


def _coverage(
    english: dict[str, dict[FieldRef, English]],
    given: dict[tuple[str, FieldRef], Entry],
    older: set[tuple[str, str, FieldRef]],
    language: str,
) -> Coverage:
    translated = out_of_date = missing = 0
    for record_id, words in english.items():
        for ref, source in words.items():
            if (record_id, ref) in given:
                if (language, record_id, ref) in older:
                    out_of_date += 1
                else:
                    translated += 1
            elif _native_form(source.native, language):
                translated += 1
            else:
                missing += 1
    return Coverage(translated, out_of_date, missing)


def _native_form(native: Native | None, language: str) -> str | None:
    return getattr(native, language, None) if native is not None else None


# -- hand-written pages ----------------------------------------------------------------------

TRANSLATION_OF = "translation_of"
"""Front matter of a translated page: the fingerprint of the English page it translates."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


def page_language(path: Path | str) -> str | None:
    """The edition a hand-written page is written for (`index.ko.md` → ko); None for English."""
    stem = Path(path).name.removesuffix(".md")
    suffix = stem.rpartition(".")[2] if "." in stem else ""
    return suffix if suffix in TRANSLATED_LANGUAGES else None


def english_page(path: str) -> str:
    """The English page a translated one translates (`docs/index.ko.md` → `docs/index.md`)."""
    language = page_language(path)
    return path.removesuffix(f".{language}.md") + ".md" if language else path


def front_matter(markdown: str) -> dict[str, tuple[str, int]]:
    """A page's front matter as simple `key: value` lines, with each line's number."""
    found = _FRONT_MATTER.match(markdown)
    if not found:
        return {}
    result = {}
    for number, line in enumerate(found.group(1).splitlines(), start=2):
        key, colon, value = line.partition(":")
        if colon and key.strip() and not key.startswith((" ", "\t")):
            result[key.strip()] = (value.strip().strip("\"'"), number)
    return result


def is_translated(markdown: str) -> bool:
    """False for an English page marked `translate: false` (a maintainers' page the editions
    show in English only)."""
    return front_matter(markdown).get("translate", ("", 0))[0].lower() != "false"


def compare_pages(
    english: dict[str, str], translated: list[tuple[str, str, str]]
) -> tuple[list[Diagnostic], dict[str, Coverage]]:
    """Out-of-date translated pages (a warning at their `translation_of:` line) and each
    language's page coverage. `english` maps a page's path to its text; `translated` holds
    (language, path, text) of every translated page."""
    warnings: list[Diagnostic] = []
    done: dict[str, dict[str, bool]] = {language: {} for language in TRANSLATED_LANGUAGES}
    for language, path, markdown in translated:
        original = english.get(english_page(path))
        if original is None:
            continue  # orphan_pages() reports it
        stated, line = front_matter(markdown).get(TRANSLATION_OF, ("", 1))
        now = fingerprint(original)
        what = f"{language} translation of {english_page(path)}"
        if stated != now:
            message = (
                f"{what} is older than the English"
                if stated
                else f"{what} does not say which English text it translates"
            )
            warnings.append(
                Diagnostic(
                    Position(path, line, 1),
                    message,
                    f"bring it up to date, then set `{TRANSLATION_OF}: {now}` in its front matter",
                    Severity.WARNING,
                )
            )
        done[language][english_page(path)] = stated == now
    coverage = {}
    for language, pages in done.items():
        wanted = [path for path, text in english.items() if is_translated(text)]
        fresh = sum(1 for path in wanted if pages.get(path))
        stale = sum(1 for path in wanted if path in pages and not pages[path])
        coverage[language] = Coverage(fresh, stale, len(wanted) - fresh - stale)
    return warnings, coverage


def orphan_pages(
    english: dict[str, str], translated: list[tuple[str, str, str]]
) -> list[Diagnostic]:
    """A translated page whose English page does not exist (renamed, or a typo)."""
    names = {Path(page).name: page for page in english}
    return [
        Diagnostic(
            Position(path, 1, 1),
            f"{language} page {path} translates {english_page(path)}, which does not exist",
            did_you_mean(Path(english_page(path)).name, names)
            or "name it after the English page it translates",
        )
        for language, path, _ in translated
        if english_page(path) not in english
    ]


def with_pages(
    checked: Translations, warnings: list[Diagnostic], pages: dict[str, Coverage]
) -> Translations:
    return dataclasses.replace(
        checked,
        warnings=tuple(sorted([*checked.warnings, *warnings], key=lambda d: d.sort_key)),
        pages=pages,
    )


# -- an edition's model ----------------------------------------------------------------------

NOT_TRANSLATED = "not_translated"
OUT_OF_DATE = "out_of_date"


@dataclass(frozen=True)
class Localized:
    """A model whose words are one edition's, and what it could not translate."""

    model: Model
    gaps: dict[str, str]
    """Record id → NOT_TRANSLATED or OUT_OF_DATE, for records showing English (or older) words
    somewhere on their page; their page says so."""


def localize(model: Model, translations: Translations, language: str) -> Localized:
    """The model with every translated field in `language`: the translation, else a native
    form that stands in for it, else the English (noted in `gaps`)."""
    given = translations.by_field.get(language, {})
    records: dict[str, Record] = {}
    gaps: dict[str, str] = {}
    for record_id, record in model.records.items():
        state: list[str] = []
        local = _translated(record, (), record_id, given, translations.out_of_date, language, state)
        if isinstance(local, Person):
            local = dataclasses.replace(local, shown_name=person_name(local, language))
        records[record_id] = local
        if state:
            gaps[record_id] = NOT_TRANSLATED if NOT_TRANSLATED in state else OUT_OF_DATE
    return Localized(Model(records), gaps)


def _translated(
    obj: Any,
    base: FieldRef,
    record_id: str,
    given: dict[tuple[str, FieldRef], Entry],
    older: frozenset[tuple[str, str, FieldRef]],
    language: str,
    state: list[str],
) -> Any:
    changes: dict[str, Any] = {}
    cls: type = type(obj)
    for declared in data_fields(cls):
        value = getattr(obj, declared.name)
        ref = (*base, declared.key)
        if declared.is_list and isinstance(declared.value_type, type):
            if issubclass(declared.value_type, Part) and value:
                changes[declared.name] = tuple(
                    _translated(part, (*ref, index), record_id, given, older, language, state)
                    for index, part in enumerate(value)
                )
            continue
        if not (declared.spec.translated and isinstance(value, str) and value):
            continue
        entry = given.get((record_id, ref))
        if entry is not None:
            changes[declared.name] = entry.text
            if (language, record_id, ref) in older:
                state.append(OUT_OF_DATE)
            continue
        native = getattr(obj, declared.spec.native) if declared.spec.native else None
        form = _native_form(native, language)
        if form:
            changes[declared.name] = form
        else:
            state.append(NOT_TRANSLATED)
    return dataclasses.replace(obj, **changes) if changes else obj


def person_name(person: Person, language: str) -> str | None:
    """A person's name as the edition's press writes it, from the recorded native forms: in
    Korean the Hangul; in Japanese the kanji of a Japanese name, and for a Korean name the
    Hanja with the katakana reading, "尹錫悦（ユン・ソクヨル）" (either alone when only one is
    recorded). None: the romanized name."""
    native = person.native
    if language == "ko":
        return native.ko
    if language == "ja":
        if person.country == "KR" and native.hanja and native.ja:
            return f"{native.hanja}（{native.ja}）"
        return native.ja or (native.hanja if person.country == "KR" else None)
    return None


# -- for translators -------------------------------------------------------------------------


def translation_file(data_path: str, language: str, data_dir: str = "data") -> str:
    """Where a data file's translations go by convention: `data/X.yaml` →
    `data/translations/<language>/X.yaml`."""
    relative = data_path.removeprefix(f"{data_dir}/")
    return f"{data_dir}/{TRANSLATIONS}/{language}/{relative}"


def skeleton(model: Model, checked: Translations, language: str, only: str | None = None) -> str:
    """YAML for every field of `language` that is missing or out of date, grouped by the
    translation file it belongs in, each with its fingerprint and the English as a comment:
    what a translator fills in (under the file's `translations:`). `only`: the records of one
    data file."""
    given = checked.by_field.get(language, {})
    older = checked.out_of_date
    by_file: dict[str, list[str]] = {}
    for record in model.records.values():
        if only is not None and record.origin.path != only:
            continue
        wanted: list[English] = []
        for english in translatable(record):
            entry = given.get((record.id, english.ref))
            current = entry is not None and (language, record.id, english.ref) not in older
            if not current and not (entry is None and _native_form(english.native, language)):
                wanted.append(english)
        if wanted:
            target = translation_file(record.origin.path, language)
            by_file.setdefault(target, []).append(_skeleton_record(record, wanted, given))
    return "".join(
        f"# --- {target} ---\n" + "".join(records) for target, records in sorted(by_file.items())
    )


def _skeleton_record(
    record: Record, wanted: list[English], given: dict[tuple[str, FieldRef], Entry]
) -> str:
    lines = [f"  {record.id}:"]
    lists: dict[str, dict[int, list[English]]] = {}
    for english in wanted:
        if len(english.ref) == 1:
            lines += _skeleton_field(english, given.get((record.id, english.ref)), "    ")
        else:
            name, index = str(english.ref[0]), int(english.ref[1])
            lists.setdefault(name, {}).setdefault(index, []).append(english)
    for name, items in lists.items():
        # A list part: one entry per English item, `{}` for those with nothing to fill in.
        lines.append(f"    {name}:")
        count = max(i for i in items) + 1
        for index in range(count):
            fields = items.get(index, [])
            if not fields:
                lines.append("      - {}")
                continue
            for position, english in enumerate(fields):
                entry = given.get((record.id, english.ref))
                field_lines = _skeleton_field(english, entry, "        ")
                if position == 0:
                    field_lines[-3] = "      - " + field_lines[-3].lstrip()
                lines += field_lines
    return "\n".join(lines) + "\n"


def _skeleton_field(english: English, entry: Entry | None, indent: str) -> list[str]:
    comments = [f"{indent}# {line}".rstrip() for line in english.text.splitlines()]
    text = json.dumps(entry.text, ensure_ascii=False) if entry else ""
    return [
        *comments,
        f"{indent}{english.ref[-1]}:",
        f'{indent}  of: "{fingerprint(english.text)}"',
        f"{indent}  text: {text}".rstrip(),
    ]
