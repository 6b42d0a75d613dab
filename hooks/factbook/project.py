"""The pipeline, top to bottom: a project's files in, every problem and every page out.

    load      YAML files → plain data with the position of every value      (load.py)
    validate  each file against the JSON Schema of the declared kinds        (schema.py)
    assemble  records from every value the schema did not refuse             (assemble.py)
    resolve   references, cross-record rules, backlinks                      (resolve.py)
    render    model → Markdown pages from templates                          (render.py)
    output    what a site engine needs, as plain data                        (output.py)

`check()` runs the first four and reports every problem at once; `build()` also renders;
`publish()` is `build()` read from the build cache (cache.py) when no input changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import cache, charts, collector, kinds, limits, resolve
from .assemble import assemble
from .dates import PartialDate
from .diagnostics import Diagnostic, errors
from .load import FieldPath, LoadedFile, load_file
from .model import Model, Reference
from .output import Output, output_of
from .render import DocPage, Site
from .schema import validate
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

    @property
    def ok(self) -> bool:
        return not errors(self.diagnostics)


def check(project: Project) -> Checked:
    """Load, validate, assemble and resolve; every problem is reported, none raised."""
    diagnostics: list[Diagnostic] = []
    loaded_files: list[LoadedFile] = []
    reported: dict[str, set[FieldPath]] = {}
    for path in project.data_files():
        loaded, problems = load_file(path, project.display(path))
        diagnostics += problems
        if loaded is None:
            continue
        schema_problems, reported[loaded.path] = validate(loaded)
        diagnostics += schema_problems
        if isinstance(loaded.data, dict):
            loaded_files.append(loaded)

    assembly = assemble(loaded_files, reported)
    model = assembly.model
    diagnostics += assembly.diagnostics
    references = list(assembly.references)
    for prose in assembly.prose:
        references += resolve.prose_references(prose)

    doc_pages: dict[str, DocPage] = {}
    page_texts: list[tuple[str, str]] = []
    docs_root = project.root / project.docs_dir
    for path in project.doc_files():
        markdown = path.read_text(encoding="utf-8-sig")
        display = project.display(path)
        doc_pages[display] = DocPage.read(path.relative_to(docs_root).as_posix(), markdown)
        page_refs, citation_problems = resolve.page_references(display, markdown)
        references += page_refs
        diagnostics += citation_problems
        diagnostics += limits.page_problems(display, markdown)
        page_texts.append((display, markdown))

    # Only records in the model can be targets; references from left-out records are checked too.
    diagnostics += resolve.check_references(model, references, assembly.skipped_ids)
    diagnostics += resolve.check_records(model)
    diagnostics += charts.problems(model, references)
    diagnostics += resolve.retyped_dates(model, page_texts)
    if project.today is not None:
        diagnostics += resolve.future_dates(model, project.today)
    ordered = tuple(sorted(diagnostics, key=lambda d: d.sort_key))
    return Checked(model, ordered, doc_pages, tuple(references))


def build(project: Project, addresses: Addresses = Addresses()) -> Output:
    """check(), then render every page when there is no error."""
    with collector.paused():
        checked = check(project)
        if not checked.ok:
            return Output(checked.diagnostics)
        backlinks = resolve.backlinks(checked.model, list(checked.references))
        site = Site(checked.model, backlinks, checked.doc_pages)
        figures = {topic_id: site.figure(topic_id) for topic_id in site.charts}
        return output_of(
            checked.model,
            checked.diagnostics,
            site.pages(),
            figures,
            site.glossary_locations,
            addresses,
        )


def publish(project: Project, addresses: Addresses) -> Output:
    """What a site engine needs: from the cache when no input changed, else from `build()`."""
    before = _cache_key(project, addresses)
    with collector.paused():  # reading back builds as many objects as a build keeps
        stored = cache.load(project.root, before)
    if stored is not None:
        return stored
    result = build(project, addresses)
    # Store only what was built from the inputs the key describes: an editor may save a file
    # while the build runs (under `mkdocs serve`), and that build must not be filed under it.
    if result.ok and _cache_key(project, addresses) == before:
        with collector.paused():  # encoding makes as many objects as the output holds
            cache.store(project.root, before, result)
    return result


def _cache_key(project: Project, addresses: Addresses) -> str:
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
        (str(project.root), project.data_dir, project.docs_dir, project.today, addresses, declared)
    )
    return cache.key(settings, [*project.data_files(), *project.doc_files(), *templates])
