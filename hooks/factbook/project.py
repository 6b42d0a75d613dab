"""The pipeline, top to bottom: a project's files in, every problem and every page out.

    load      YAML files → plain data with the position of every value      (load.py)
    validate  each file against the JSON Schema of the declared kinds        (schema.py)
    assemble  records from every value the schema did not refuse             (assemble.py)
    translate translations checked against the English they translate       (translations.py)
    resolve   references, cross-record rules, backlinks                      (resolve.py)
    render    model → Markdown pages from templates, in one edition's words  (render.py)
    output    what a site engine needs, as plain data                        (output.py)

`check()` runs the first five and reports every problem at once; `build()` also renders one
edition (English, or a translated one: the same facts in another language's words);
`publish()` is `build()` read from the build cache (cache.py) when no input changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import cache, charts, collector, kinds, limits, resolve, translations, wording
from .assemble import Assembly, assemble, merge
from .dates import PartialDate
from .diagnostics import Diagnostic, errors
from .load import load_file
from .model import Model, Reference
from .output import Output, output_of
from .render import DocPage, Site
from .schema import validate
from .translations import Translations, english_page, page_language
from .urls import Addresses


@dataclass(frozen=True)
class Project:
    """Where things are. Paths in messages are shown relative to `root`."""

    root: Path
    data_dir: str = "data"
    docs_dir: str = "docs"
    today: PartialDate | None = None
    """The build's date, for warning about future dates; None skips that check."""

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def data_files(self) -> list[Path]:
        """Every data file, sorted by path so output never depends on the disk's order."""
        folder = self.root / self.data_dir
        return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())

    def doc_files(self) -> list[Path]:
        folder = self.root / self.docs_dir
        return sorted(p for p in folder.rglob("*.md") if p.is_file())


@dataclass(frozen=True)
class Checked:
    """What `check()` found: the model of every valid record, and every problem."""

    model: Model
    diagnostics: tuple[Diagnostic, ...]
    doc_pages: dict[str, DocPage] = field(default_factory=dict)
    """Hand-written pages by their path as messages show it (e.g. `docs/index.md`)."""
    references: tuple[Reference, ...] = ()
    """References of the English: they make the backlinks of every edition."""
    translations: Translations = Translations()
    translated_pages: dict[str, dict[str, DocPage]] = field(default_factory=dict)
    """Language → the English page's path as messages show it → its translation."""
    translated_references: tuple[Reference, ...] = ()
    """References in translations (of every language): checked, shown, but no backlinks."""

    @property
    def ok(self) -> bool:
        return not errors(self.diagnostics)


@dataclass(frozen=True)
class DataFile:
    """One data file read, validated and assembled on its own: while its bytes stay the same,
    a later check can use it as it is (`FileMemo`, under `mkdocs serve`)."""

    diagnostics: tuple[Diagnostic, ...] = ()
    assembly: Assembly | None = None
    """Its records, references and prose (None for a translation file or an unreadable one)."""
    prose_references: tuple[Reference, ...] = ()
    entries: tuple[translations.Entry, ...] = ()
    """A translation file's entries (checked against the English once every file is read)."""
    english: translations.EnglishWords = field(default_factory=dict)
    """Its records' translatable words."""


FileMemo = dict[Path, tuple[str, DataFile]]
"""Data file → (digest of its bytes, what reading it gave)."""


def read_data_file(project: Project, path: Path) -> DataFile:
    """Load, validate and assemble one file (the steps that need no other file)."""
    loaded, problems = load_file(path, project.display(path))
    if loaded is None:
        return DataFile(tuple(problems))
    schema_problems, reported = validate(loaded)
    diagnostics = (*problems, *schema_problems)
    if translations.is_translation_file(loaded.data):
        # A file with mistakes is reported, not half read.
        found = () if schema_problems else tuple(translations.entries(loaded))
        return DataFile(diagnostics, entries=found)
    if not isinstance(loaded.data, dict):
        return DataFile(diagnostics)
    assembly = assemble([loaded], {loaded.path: reported})
    prose_refs = tuple(ref for prose in assembly.prose for ref in resolve.prose_references(prose))
    english = translations.english_words(assembly.records.values())
    return DataFile(diagnostics, assembly, prose_refs, english=english)


def _read_data(project: Project, memo: FileMemo | None) -> list[DataFile]:
    if memo is None:
        return [read_data_file(project, path) for path in project.data_files()]
    found = []
    paths = project.data_files()
    for path in paths:
        digest = cache.digest(path.read_bytes())
        known = memo.get(path)
        if known is None or known[0] != digest:
            known = memo[path] = (digest, read_data_file(project, path))
        found.append(known[1])
    for gone in memo.keys() - set(paths):
        del memo[gone]
    return found


def check(project: Project, memo: FileMemo | None = None) -> Checked:
    """Load, validate, assemble and resolve; every problem is reported, none raised. With a
    `memo`, files whose bytes it knows are not read again (and it learns the others)."""
    files = _read_data(project, memo)
    diagnostics: list[Diagnostic] = [d for file in files for d in file.diagnostics]
    entries = [entry for file in files for entry in file.entries]
    assembly = merge([file.assembly for file in files if file.assembly is not None])
    model = assembly.model
    diagnostics += assembly.diagnostics
    # Fields' references first, then those in prose, each in file order (backlinks keep it).
    references = list(assembly.references)
    references += [ref for file in files for ref in file.prose_references]

    # Translations are checked like the English (their references too) but make no backlinks:
    # every edition lists the same pages under "Mentioned in".
    known: translations.EnglishWords = {}
    for file in files:  # the first record of an id is the one in the model (assemble.merge)
        for record_id, words in file.english.items():
            known.setdefault(record_id, words)
    checked_translations = translations.compare(model, entries, assembly.skipped_ids, known)
    diagnostics += checked_translations.diagnostics
    translated_refs = [
        reference
        for prose in checked_translations.prose
        for reference in resolve.prose_references(prose)
    ]

    doc_pages: dict[str, DocPage] = {}
    page_texts: list[tuple[str, str]] = []
    english_texts: dict[str, str] = {}
    translated_texts: list[tuple[str, str, str]] = []
    translated_pages: dict[str, dict[str, DocPage]] = {}
    docs_root = project.root / project.docs_dir
    for path in project.doc_files():
        markdown = path.read_text(encoding="utf-8-sig")
        display = project.display(path)
        src_uri = path.relative_to(docs_root).as_posix()
        page_refs, citation_problems = resolve.page_references(display, markdown)
        language = page_language(path)
        if language is None:
            doc_pages[display] = DocPage.read(src_uri, markdown)
            english_texts[display] = markdown
            references += page_refs
        else:
            page = DocPage.read(english_page(src_uri), markdown)
            translated_pages.setdefault(language, {})[english_page(display)] = page
            translated_texts.append((language, display, markdown))
            translated_refs += page_refs
        diagnostics += citation_problems
        diagnostics += limits.page_problems(display, markdown)
        page_texts.append((display, markdown))
    page_warnings, page_coverage = translations.compare_pages(english_texts, translated_texts)
    checked_translations = translations.with_pages(
        checked_translations, page_warnings, page_coverage
    )
    diagnostics += translations.orphan_pages(english_texts, translated_texts)

    # Only records in the model can be targets; references from left-out records are checked too.
    diagnostics += resolve.check_references(
        model, [*references, *translated_refs], assembly.skipped_ids
    )
    diagnostics += resolve.check_records(model)
    diagnostics += charts.problems(model, [*references, *translated_refs])
    diagnostics += resolve.retyped_dates(model, page_texts)
    if project.today is not None:
        diagnostics += resolve.future_dates(model, project.today)
    ordered = tuple(sorted(diagnostics, key=lambda d: d.sort_key))
    return Checked(
        model,
        ordered,
        doc_pages,
        tuple(references),
        checked_translations,
        translated_pages,
        tuple(translated_refs),
    )


def build(project: Project, addresses: Addresses = Addresses(), language: str = "en") -> Output:
    """check(), then render every page of one edition when there is no error."""
    with collector.paused():
        checked = check(project)
        if not checked.ok:
            return Output(checked.diagnostics, notices=checked.translations.warnings)
        backlinks = resolve.backlinks(checked.model, list(checked.references))
        model, gaps, doc_pages = checked.model, {}, checked.doc_pages
        if language != "en":
            localized = translations.localize(model, checked.translations, language)
            model, gaps = localized.model, localized.gaps
            titles = checked.translated_pages.get(language, {})
            doc_pages = {path: titles.get(path, page) for path, page in doc_pages.items()}
        with wording.speaking(language):
            site = Site(model, backlinks, doc_pages, gaps)
            figures = {topic_id: site.figure(topic_id) for topic_id in site.charts}
            return output_of(
                model,
                checked.diagnostics,
                site.pages(),
                figures,
                site.glossary_locations,
                addresses,
                notices=checked.translations.warnings,
            )


def publish(project: Project, addresses: Addresses, language: str = "en") -> Output:
    """What a site engine needs: from the cache when no input changed, else from `build()`."""
    before = _cache_key(project, addresses, language)
    with collector.paused():  # reading back builds as many objects as a build keeps
        stored = cache.load(project.root, before, language)
    if stored is not None:
        return stored
    result = build(project, addresses, language)
    # Store only what was built from the inputs the key describes: an editor may save a file
    # while the build runs (under `mkdocs serve`), and that build must not be filed under it.
    if result.ok and _cache_key(project, addresses, language) == before:
        with collector.paused():  # encoding makes as many objects as the output holds
            cache.store(project.root, before, result, language)
    return result


def _cache_key(project: Project, addresses: Addresses, language: str = "en") -> str:
    """Every file a build reads (the data, the hand-written pages, templates of kinds declared
    outside the core) and every setting it depends on, the declared kinds included."""
    declared = [
        (k.key, k.name, k.folder, k.rank, k.listing, k.record.__qualname__)
        for k in kinds.KINDS.values()
    ]
    templates = sorted(
        p
        for k in kinds.KINDS.values()
        if k.templates
        for p in k.templates.rglob("*")
        if p.is_file()
    )
    settings = repr(
        (
            str(project.root),
            project.data_dir,
            project.docs_dir,
            project.today,
            addresses,
            declared,
            language,
        )
    )
    return cache.key(settings, [*project.data_files(), *project.doc_files(), *templates])
