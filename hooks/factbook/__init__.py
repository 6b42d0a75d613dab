"""factbook: YAML facts → validated, cross-linked Markdown pages. Knows nothing of MkDocs.

The pipeline, one module per step:

    load      YAML files → plain data with the position of every value      (load.py)
    validate  each file against the JSON Schema                              (schema.py)
    assemble  valid records → frozen model                                   (assemble.py, model.py)
    resolve   references, cross-record rules, backlinks                      (resolve.py, links.py)
    render    model → Markdown pages from templates                          (render.py, templates/)

`check()` runs the first four and reports every problem at once; `build()` also renders.
`publish()` is `build()` for a site engine: plain-data `Output` (output.py), read from the build
cache (cache.py) when no input changed since the last good build.
The glossary's Python-Markdown extension (glossary.py) marks term mentions in rendered pages.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, limits, output, resolve
from .assemble import assemble
from .dates import PartialDate
from .diagnostics import Diagnostic, Severity, errors
from .load import FieldPath, LoadedFile, load_file
from .model import Event, Model, Reference
from .output import Addresses, Output
from .render import DocPage, Site
from .schema import validate

__all__ = ["Project", "Result", "Output", "Addresses", "check", "build", "publish", "Diagnostic",
           "Model", "STYLESHEET"]

STYLESHEET = Path(__file__).parent / "assets" / "factbook.css"
"""Styles for generated pages (timeline, native names, glossary marks)."""


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


@dataclass(frozen=True)
class Result:
    model: Model
    diagnostics: tuple[Diagnostic, ...]
    doc_pages: dict[str, DocPage] = field(default_factory=dict)
    """Hand-written pages by their path in `docs/` (e.g. `index.md`)."""
    references: tuple[Reference, ...] = ()
    pages: dict[str, str] = field(default_factory=dict)
    """Generated pages: path inside the docs tree → Markdown. Empty when there are errors."""
    figures: dict[str, str] = field(default_factory=dict)
    """Topic id → its pictures as one raw-HTML block, for `[[chart:id]]` in hand-written pages."""
    glossary_locations: dict[str, str] = field(default_factory=dict)
    """Term id → the generated page that holds its glossary entry."""

    @property
    def ok(self) -> bool:
        return not errors(list(self.diagnostics))

    def expand_page(self, src_uri: str, markdown: str) -> str:
        """Turn `[[id]]` in a hand-written page into relative Markdown links."""
        return output.expand_page(src_uri, markdown, output.link_targets(self.model), self.figures)


def data_files(project: Project) -> list[Path]:
    """Every data file, in a stable order (sorted by path) so output never depends on the disk."""
    folder = project.root / project.data_dir
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def doc_files(project: Project) -> list[Path]:
    folder = project.root / project.docs_dir
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


def check(project: Project) -> Result:
    """Load, validate, assemble and resolve; every problem is reported, none raised."""
    diagnostics: list[Diagnostic] = []
    loaded_files: list[LoadedFile] = []
    invalid: set[tuple[str, FieldPath]] = set()
    for path in data_files(project):
        loaded, problems = load_file(path, project.display(path))
        diagnostics += problems
        if loaded is None:
            continue
        schema_problems, bad_records = validate(loaded)
        diagnostics += schema_problems
        if not isinstance(loaded.data, dict):
            continue
        loaded_files.append(loaded)
        invalid.update((loaded.path, record) for record in bad_records)

    assembly = assemble(loaded_files, invalid)
    model = assembly.model
    diagnostics += assembly.diagnostics
    references = list(assembly.references)
    for prose in assembly.prose:
        references += resolve.prose_references(prose)

    doc_pages: dict[str, DocPage] = {}
    docs_root = project.root / project.docs_dir
    for path in doc_files(project):
        src_uri = path.relative_to(docs_root).as_posix()
        markdown = path.read_text(encoding="utf-8-sig")
        display = project.display(path)
        doc_pages[display] = DocPage(src_uri, _title(markdown, src_uri))
        references += resolve.page_references(display, markdown)
        diagnostics += limits.page_problems(display, markdown)

    # Only records in the model can be targets; references from skipped records are still checked.
    diagnostics += resolve.check_references(model, references, assembly.skipped_ids)
    diagnostics += resolve.check_records(model)
    diagnostics += resolve.check_charts(model, references)
    if project.today is not None:
        diagnostics += _future_dates(model, project.today)
    ordered = tuple(sorted(diagnostics, key=lambda d: d.sort_key))
    return Result(model, ordered, doc_pages, tuple(references))


def build(project: Project) -> Result:
    """check(), then render every page when there is no error."""
    with _collector_paused():
        result = check(project)
        if not result.ok:
            return result
        backlinks = resolve.backlinks(result.model, list(result.references))
        site = Site(result.model, backlinks, result.doc_pages)
        figures = {topic_id: site.figure(topic_id) for topic_id in site.charts}
        return Result(result.model, result.diagnostics, result.doc_pages, result.references,
                      site.pages(), figures, site.glossary_locations)


def publish(project: Project, addresses: Addresses) -> Output:
    """What a site engine needs: from the cache when no input changed, else from `build()`."""
    before = cache.key(project, addresses, _inputs(project))
    stored = cache.load(project, before)
    if stored is not None:
        return stored
    with _collector_paused():
        result = output.output_of(build(project), addresses)
    # Store only what was built from the inputs the key describes: an editor may save a file
    # while the build runs (under `mkdocs serve`), and that build must not be filed under it.
    after = cache.key(project, addresses, _inputs(project))
    if result.ok and after == before:
        cache.store(project, before, result)
    return result


def _inputs(project: Project) -> list[Path]:
    """Every file a build reads: the data and the hand-written pages."""
    return [*data_files(project), *doc_files(project)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Everything built in here lives until the site is written, so the cycle collector would
    only rescan it again and again (measured: a third of the engine's cost at 10,000 records)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _title(markdown: str, src_uri: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return src_uri


def _future_dates(model: Model, today: PartialDate) -> list[Diagnostic]:
    warnings = []
    for record in model.records.values():
        if isinstance(record, Event):
            date = record.date
            # Compare at the event's precision: "2026-11" is not in the future during November.
            known = (date.year, date.month or 0, date.day or 0)
            now = (today.year, (today.month or 0) if date.month else 0,
                   (today.day or 0) if date.day else 0)
            if known > now:
                warnings.append(Diagnostic(
                    record.origin, f"event '{record.id}' is dated {date}, which is in the future",
                    "check the date; planned events are fine", Severity.WARNING))
    return warnings
