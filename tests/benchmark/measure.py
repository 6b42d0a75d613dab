"""Measuring one size: generate, time the engine's phases, build in rounds, measure the pages.

For each N:

1. Generate a synthetic project of N records (generate.py) and **the floor**: the very Markdown
   the engine generates for it, as ordinary pages of a plain MkDocs project with the same
   configuration and navigation and no hook (what MkDocs + Material cost with no engine).
2. Time the engine's own figures (phases.py), the fastest of `phase_runs` runs.
3. Build in rounds: the engine **cold** (build cache deleted: a first build, or one after any
   data change), the floor, the engine **warm** (the cache the cold build left), then the
   engine cold again making **all three editions** (English, Korean, Japanese), as a plain
   `mkdocs build` does. Every other build makes the English edition only (builds.py), so the
   engine, the floor and a baseline compare like for like. With a baseline, its engine builds
   cold and warm in the same rounds, on a copy of the project; which engine goes first
   alternates from round to round, so neither always runs right after the floor.
4. Measure the HTML of the engine's site and of the floor's (the English).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import phases
from builds import expect_cache, page_sizes, run_build
from generate import REPO, copy_for_core, generate, write_floor
from results import Build, SizeResult

LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pyyaml", "jinja2", "jsonschema")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Plan:
    """What to measure at each size (from the command line)."""

    seed: int
    rounds: int
    phase_runs: int
    sites: Path
    """Where builds write their sites (a RAM disk when there is one)."""
    core: Path
    """The snapshot of the current hooks/ the whole run measures."""
    baseline: Path | None = None
    """The other revision's hooks/, with --baseline."""


def _engine(
    project: Path,
    site: Path,
    cold: bool,
    what: str,
    strict: bool = True,
    all_editions: bool = False,
) -> Build:
    if cold:
        shutil.rmtree(project / phases.CACHE_FOLDER, ignore_errors=True)
    build = run_build(project, site, all_editions=all_editions)
    return expect_cache(build, not cold, what, strict=strict)


def measure_size(n: int, work: Path, plan: Plan, warm_up: bool) -> SizeResult:
    folder, sites = work / f"n{n}", plan.sites
    project, floor, other = folder / "project", folder / "floor", folder / "baseline"
    log(f"N={n:,}: generating the project and the floor")
    summary = generate(n, project, plan.seed, hooks=plan.core)
    generated = write_floor(project, floor, hooks=plan.core)
    if plan.baseline is not None:
        copy_for_core(project, other, plan.baseline)
    log(f"N={n:,}: engine phases ({plan.phase_runs} runs)")
    figures = phases.measure(project, plan.phase_runs, plan.core)
    for probe in phases.missing_probes(figures):
        log(f"warning: the probe {probe} never ran: update phases.py for the core's new layout")
    engines = [(project, sites / f"n{n}-engine", "current", True)]
    if plan.baseline is not None:
        engines.append((other, sites / f"n{n}-baseline", "baseline", False))
    editions_site = sites / f"n{n}-editions"
    if warm_up:
        log(f"N={n:,}: warm-up builds (not counted)")
        for path, site, _, _ in engines:
            run_build(path, site)
        run_build(floor, sites / f"n{n}-floor")
        run_build(project, editions_site, all_editions=True)
    cold: dict[str, list[Build]] = {name: [] for _, _, name, _ in engines}
    warm: dict[str, list[Build]] = {name: [] for _, _, name, _ in engines}
    floors: list[Build] = []
    editions: list[Build] = []
    for number in range(1, plan.rounds + 1):
        order = engines if number % 2 else engines[::-1]
        for path, site, name, strict in order:
            cold[name].append(_engine(path, site, True, f"{name} cold", strict))
        floors.append(run_build(floor, sites / f"n{n}-floor"))
        for path, site, name, strict in order:
            warm[name].append(_engine(path, site, False, f"{name} warm", strict))
        editions.append(_engine(project, editions_site, True, "three editions cold", True, True))
        line = (
            f"N={n:,}: round {number}/{plan.rounds}: engine cold {cold['current'][-1].wall:.2f}"
            f" s, floor {floors[-1].wall:.2f} s, engine warm {warm['current'][-1].wall:.2f} s,"
            f" three editions cold {editions[-1].wall:.2f} s (CPU {editions[-1].cpu:.2f} s)"
        )
        if plan.baseline is not None:
            line += (
                f"; baseline cold {cold['baseline'][-1].wall:.2f} s, "
                f"warm {warm['baseline'][-1].wall:.2f} s"
            )
        log(line)
    records = generated.records
    return SizeResult(
        n,
        summary.counts,
        summary.data_files,
        len(generated.pages),
        summary.doc_pages,
        figures,
        tuple(cold["current"]),
        tuple(warm["current"]),
        tuple(floors),
        page_sizes(sites / f"n{n}-engine", set(generated.pages), records),
        page_sizes(sites / f"n{n}-floor", set(generated.pages), records),
        tuple(cold.get("baseline", ())),
        tuple(warm.get("baseline", ())),
        tuple(editions),
    )


# --- the facts of the run -------------------------------------------------------------------


def snapshot_core(work: Path) -> Path:
    """A copy of hooks/ for the whole run: every size, the floor, the phases and `mkdocs serve`
    measure the same core even if hooks/ changes meanwhile."""
    core = work / "core" / "hooks"
    if core.exists():
        shutil.rmtree(core)
    shutil.copytree(REPO / "hooks", core, ignore=shutil.ignore_patterns("__pycache__"))
    return core


def core_version() -> str:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "hooks")
    return f"hooks/ at commit {commit}" + (" with uncommitted changes" if dirty else "")


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in LIBRARIES)
    return (
        f"{os.cpu_count()} cores ({cpu or 'unknown CPU'}), {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; {versions}"
    )
