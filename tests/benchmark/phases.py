"""The engine's own time per phase, measured by calling the core's phase functions directly.

`measure(project)` runs the same steps as `factbook.build()` (see hooks/factbook/__init__.py),
each under its own clock, and returns seconds per phase:

    load      data_files + load_file (YAML → plain data with positions)
    validate  schema.validate per file (JSON Schema)
    assemble  assemble() (valid records → frozen model, relation references)
    link      `[[id]]` in prose and pages, reference/record/chart checks, backlinks (also
              timed alone, as `backlinks`: the part of linking that only rendering needs)
    render    Site(...), chart figures, Site.pages() (templates → Markdown)

`measure_whole(project)` times one call of `factbook.build()` itself — what the adapter runs —
as a cross-check that the steps above still add up to it (same pages, about the same time).
`measure_cached(project, addresses)` times `factbook.publish()` when its cache is current: what
the engine costs when no input changed since the last build. `measure_publish(project,
addresses)` times the steps of `factbook.publish()` without a cache (what a cold build's hook
runs): hashing the inputs, `build()`, deriving the site engine's output, storing it.

Run as a script (`python phases.py PROJECT [--whole | --cached | --publish]`) it prints the
times as JSON; run.py starts it in a fresh interpreter per run, as MkDocs would start, so no run
inherits another's memory.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import yaml

# The core to measure: the repository's, or the snapshot run.py passes in FACTBOOK_HOOKS.
HOOKS = Path(os.environ.get("FACTBOOK_HOOKS") or Path(__file__).resolve().parents[2] / "hooks")
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))

import factbook  # noqa: E402
from factbook import cache, output, resolve  # noqa: E402
from factbook.assemble import assemble  # noqa: E402
from factbook.load import load_file  # noqa: E402
from factbook.render import DocPage, Site  # noqa: E402
from factbook.schema import validate  # noqa: E402

PHASES = ("load", "validate", "assemble", "link", "render")


def measure(root: Path) -> dict[str, float]:
    project = factbook.Project(root)
    clock = time.perf_counter
    times = dict.fromkeys(PHASES, 0.0)
    diagnostics = []

    started = clock()
    loaded_files = []
    for path in factbook.data_files(project):
        loaded, problems = load_file(path, project.display(path))
        diagnostics += problems
        if loaded is not None:
            loaded_files.append(loaded)
    times["load"] = clock() - started

    started = clock()
    invalid = set()
    valid_files = []
    for loaded in loaded_files:
        problems, bad_records = validate(loaded)
        diagnostics += problems
        if isinstance(loaded.data, dict):
            valid_files.append(loaded)
            invalid.update((loaded.path, record) for record in bad_records)
    times["validate"] = clock() - started

    started = clock()
    assembly = assemble(valid_files, invalid)
    model = assembly.model
    diagnostics += assembly.diagnostics
    times["assemble"] = clock() - started

    started = clock()
    references = list(assembly.references)
    for prose in assembly.prose:
        references += resolve.prose_references(prose)
    doc_pages = {}
    docs_root = project.root / project.docs_dir
    for path in factbook.doc_files(project):
        src_uri = path.relative_to(docs_root).as_posix()
        markdown = path.read_text(encoding="utf-8-sig")
        display = project.display(path)
        doc_pages[display] = DocPage(src_uri, factbook._title(markdown, src_uri))
        references += resolve.page_references(display, markdown)
    diagnostics += resolve.check_references(model, references, assembly.skipped_ids)
    diagnostics += resolve.check_records(model)
    diagnostics += resolve.check_charts(model, references)
    computing_backlinks = clock()  # only rendering needs them: timed apart for run.py
    backlinks = resolve.backlinks(model, references)
    times["backlinks"] = clock() - computing_backlinks
    times["link"] = clock() - started

    if diagnostics:
        raise SystemExit("the project has problems:\n" + "\n".join(map(str, diagnostics[:20])))

    started = clock()
    site = Site(model, backlinks, doc_pages)
    figures = {topic_id: site.figure(topic_id) for topic_id in site.charts}
    pages = site.pages()
    times["render"] = clock() - started
    assert figures is not None and pages

    times["records"] = len(model.records)
    times["pages"] = len(pages)
    return times


def measure_whole(root: Path) -> dict[str, float]:
    started = time.perf_counter()
    result = factbook.build(factbook.Project(root))
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("the project has problems:\n" + "\n".join(map(str, result.diagnostics[:20])))
    return {"build": elapsed, "records": len(result.model.records), "pages": len(result.pages)}


def measure_cached(root: Path, addresses: factbook.Addresses) -> dict[str, float]:
    """`factbook.publish()` when nothing changed since the last build: what a build from the
    cache costs the engine (the first call fills the cache and is not timed)."""
    project = factbook.Project(root)
    factbook.publish(project, addresses)
    started = time.perf_counter()
    output = factbook.publish(project, addresses)
    elapsed = time.perf_counter() - started
    if not output.ok:
        raise SystemExit("the project has problems:\n" + "\n".join(map(str, output.diagnostics[:20])))
    return {"cached": elapsed, "pages": len(output.pages)}


def measure_publish(root: Path, addresses: factbook.Addresses) -> dict[str, float]:
    """The steps of `factbook.publish()` with no cache, as it runs them (see its code): the
    cache key before and after, `build()`, deriving the Output, storing it."""
    project = factbook.Project(root)
    shutil.rmtree(root / cache.FOLDER, ignore_errors=True)
    clock = time.perf_counter
    started = clock()
    before = cache.key(project, addresses, factbook._inputs(project))
    hashed = clock()
    with factbook._collector_paused():
        result = factbook.build(project)
        built = clock()
        derived_output = output.output_of(result, addresses)
    derived = clock()
    after = cache.key(project, addresses, factbook._inputs(project))
    rehashed = clock()
    if not derived_output.ok or after != before:
        raise SystemExit("the project has problems, or changed while it was measured")
    cache.store(project, before, derived_output)
    stored = clock()
    return {"publish": stored - started, "hash": (hashed - started) + (rehashed - derived),
            "publish_build": built - hashed, "derive": derived - built, "store": stored - rehashed,
            "pages": len(derived_output.pages)}


def project_addresses(root: Path) -> factbook.Addresses:
    """The addresses MkDocs will ask for, so a cache entry is the one the engine's builds use."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return factbook.Addresses(config.get("site_url") or "/", config.get("use_directory_urls", True))


if __name__ == "__main__":
    root = Path(sys.argv[1])
    if "--whole" in sys.argv[2:]:
        print(json.dumps(measure_whole(root)))
    elif "--cached" in sys.argv[2:]:
        print(json.dumps(measure_cached(root, project_addresses(root))))
    elif "--publish" in sys.argv[2:]:
        print(json.dumps(measure_publish(root, project_addresses(root))))
    else:
        print(json.dumps(measure(root)))
