"""The benchmark's only door to the factbook core: every use of `factbook` is in this module.

The core is being refactored; keep this module small so that adapting to it is one edit here.
It calls only the core's public API (`factbook.Project`, `factbook.Addresses`,
`factbook.build`, `factbook.publish`, `factbook.STYLESHEET` and the `Output` they return).
The finer figures (load, validate, assemble, … ; hashing, deriving, storing) come from
*probes*: while a public call runs, the core functions named in `BUILD_PROBES` and
`PUBLISH_PROBES` are wrapped with a clock. Nothing re-implements the core's steps, so the
figures are always those of the real `build()`/`publish()`. A probe whose function has moved
simply does not fire: its figure is left out (the page shows "n/a") and run.py says which
probe to update, instead of the benchmark measuring code the core no longer runs.

Figures (seconds), the fastest of several runs, each run in a fresh interpreter:

    build       one `factbook.build()` (what a cold build's hook runs before deriving output)
    check       its `check()`: load, validate, assemble, references (everything MkDocs waits for)
    load        every `load_file` (YAML → plain data with positions)
    validate    every schema `validate` (JSON Schema)
    assemble    `assemble` (valid records → frozen model)
    link        check − load − validate − assemble + backlinks (references, record and chart
                checks, and backlinks, which only rendering needs)
    backlinks   `resolve.backlinks` alone
    render      build − check − backlinks (templates → Markdown, chart figures)
    publish     `factbook.publish()` without a cache (a cold build's hook), and its steps:
                hash (the cache key, computed before and after), publish_build, derive
                (`output_of`: JSON-LD, facts.json, …), store (writing the cache)
    cached      `factbook.publish()` reading a current cache (a warm build's hook)

Command line (run.py starts it, as MkDocs would start, in a fresh interpreter per run):
`python phases.py PROJECT build|publish|cached` prints the figures as JSON; the core is the
one in $FACTBOOK_HOOKS (run.py's snapshot), else the repository's hooks/.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
CACHE_FOLDER = ".cache"
"""Where builds keep their caches under the project root (the core's and Material's): deleting
it makes the next build cold."""
TIMEOUT = 3600

BUILD_PROBES: dict[str, tuple[str, str]] = {
    "check": ("factbook.project", "check"),
    "load": ("factbook.project", "load_file"),
    "validate": ("factbook.project", "validate"),
    "assemble": ("factbook.project", "assemble"),
    "backlinks": ("factbook.resolve", "backlinks"),
}
"""Figure → (module, function) that `factbook.build()` calls for that step."""
PUBLISH_PROBES: dict[str, tuple[str, str]] = {
    "publish_build": ("factbook.project", "build"),
    "derive": ("factbook.project", "output_of"),
    "hash": ("factbook.cache", "key"),
    "store": ("factbook.cache", "store"),
}
"""Figure → (module, function) that `factbook.publish()` calls, with no cache, for that step."""
PHASES = ("load", "validate", "assemble", "link", "render")
"""The engine's own phases, in the order they run (their sum is one `build()`)."""
CHECK_STEPS = ("load", "validate", "assemble", "link")


def use_core(hooks: Path = HOOKS) -> ModuleType:
    """The `factbook` package of `hooks`; it must be the first core this process imports (two
    cores in one interpreter would measure a mix)."""
    if str(hooks) not in sys.path:
        sys.path.insert(0, str(hooks))
    factbook = importlib.import_module("factbook")
    if Path(factbook.__file__).resolve().parent != (hooks / "factbook").resolve():
        raise RuntimeError(f"factbook was already imported from {factbook.__file__}")
    return factbook


def _core() -> ModuleType:
    return use_core(Path(os.environ.get("FACTBOOK_HOOKS") or HOOKS))


def _ok(result: Any) -> None:
    if not result.ok:
        problems = "\n".join(map(str, result.diagnostics[:20]))
        raise SystemExit(f"the project has problems:\n{problems}")


@contextmanager
def _probes(table: dict[str, tuple[str, str]]) -> Iterator[dict[str, float]]:
    """Wrap each probed function with a clock for the duration; yields the time per figure,
    summed over calls (only figures whose function ran appear)."""
    times: dict[str, float] = {}
    patched: list[tuple[ModuleType, str, Callable[..., Any]]] = []

    def clocked(figure: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                times[figure] = times.get(figure, 0.0) + time.perf_counter() - started

        return wrapper

    try:
        for figure, (module_name, name) in table.items():
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            original = getattr(module, name, None)
            if callable(original):
                patched.append((module, name, original))
                setattr(module, name, clocked(figure, original))
        yield times
    finally:
        for module, name, original in reversed(patched):
            setattr(module, name, original)


def time_build(root: Path) -> dict[str, float]:
    """One `factbook.build()` and its steps."""
    factbook = _core()
    with _probes(BUILD_PROBES) as steps:
        started = time.perf_counter()
        result = factbook.build(factbook.Project(root))
        elapsed = time.perf_counter() - started
    _ok(result)
    times = {"build": elapsed, **steps}
    if {"check", "load", "validate", "assemble", "backlinks"} <= set(steps):
        times["link"] = (
            steps["check"]
            - steps["load"]
            - steps["validate"]
            - steps["assemble"]
            + steps["backlinks"]
        )
        times["render"] = elapsed - steps["check"] - steps["backlinks"]
    return {**times, "records": len(result.defined_at), "pages": len(result.pages)}


def time_publish(root: Path, addresses: Any) -> dict[str, float]:
    """`factbook.publish()` with no cache (what a cold build's hook runs), and its steps."""
    factbook = _core()
    shutil.rmtree(root / CACHE_FOLDER, ignore_errors=True)
    with _probes(PUBLISH_PROBES) as steps:
        started = time.perf_counter()
        output = factbook.publish(factbook.Project(root), addresses)
        elapsed = time.perf_counter() - started
    _ok(output)
    return {"publish": elapsed, **steps, "pages": len(output.pages)}


def time_cached(root: Path, addresses: Any) -> dict[str, float]:
    """`factbook.publish()` when nothing changed since the last build (the first call fills the
    cache and is not timed)."""
    factbook = _core()
    project = factbook.Project(root)
    factbook.publish(project, addresses)
    started = time.perf_counter()
    output = factbook.publish(project, addresses)
    elapsed = time.perf_counter() - started
    _ok(output)
    return {"cached": elapsed, "pages": len(output.pages)}


def project_addresses(root: Path) -> Any:
    """The addresses MkDocs will ask for, so a cache entry is the one the engine's builds use."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return _core().Addresses(config.get("site_url") or "/", config.get("use_directory_urls", True))


MEASURES: dict[str, Callable[[Path], dict[str, float]]] = {
    "build": time_build,
    "publish": lambda root: time_publish(root, project_addresses(root)),
    "cached": lambda root: time_cached(root, project_addresses(root)),
}


def measure(project: Path, runs: int, hooks: Path) -> dict[str, float]:
    """Every figure, the fastest of `runs` runs each (the least disturbed by other work on the
    machine), each run in a fresh interpreter so none inherits another's memory."""

    def sample(what: str) -> dict[str, float]:
        completed = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), str(project), what],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "FACTBOOK_HOOKS": str(hooks)},
        )
        if completed.returncode != 0:
            raise SystemExit(f"phases.py failed:\n{completed.stdout}{completed.stderr}")
        figures: dict[str, float] = json.loads(completed.stdout)
        return figures

    result: dict[str, float] = {}
    for what in MEASURES:
        samples = [sample(what) for _ in range(runs)]
        for key in sorted(set().union(*samples)):
            values = [s[key] for s in samples if key in s]
            if len(values) == runs:  # a figure some runs lack is not comparable: left out
                result[key] = min(values)
    return result


def missing_probes(figures: dict[str, float]) -> list[str]:
    """Probed figures that did not appear: the core no longer calls that function by that
    name, and BUILD_PROBES / PUBLISH_PROBES need updating."""
    return [
        f"{figure} ({module}.{name})"
        for figure, (module, name) in {**BUILD_PROBES, **PUBLISH_PROBES}.items()
        if figure not in figures
    ]


@dataclass(frozen=True)
class EnginePages:
    """What the engine makes of a project, as Markdown: the floor is built from it."""

    generated: dict[str, str]
    """Every generated page: path in docs/ → Markdown."""
    records: frozenset[str]
    """The paths of the generated pages that show one record (the rest are listings)."""
    hand_written: dict[str, str]
    """Each hand-written page with its `[[id]]` references expanded, as the adapter does."""
    stylesheet: Path


def engine_pages(root: Path, hooks: Path = HOOKS) -> EnginePages:
    """`factbook.build()` of the project at `root` with the core in `hooks`, in this process."""
    factbook = use_core(hooks)
    result = factbook.build(factbook.Project(root))
    if result.diagnostics:  # warnings too: the benchmark's builds are strict
        raise RuntimeError("\n".join(str(d) for d in result.diagnostics))
    docs = root / "docs"
    hand_written = {}
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        hand_written[src_uri] = result.expand_page(src_uri, path.read_text(encoding="utf-8-sig"))
    records = frozenset(result.defined_at)  # one record per record page
    return EnginePages(dict(result.pages), records, hand_written, Path(factbook.STYLESHEET))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in MEASURES:
        raise SystemExit(f"usage: phases.py PROJECT {'|'.join(MEASURES)}")
    print(json.dumps(MEASURES[sys.argv[2]](Path(sys.argv[1]))))
