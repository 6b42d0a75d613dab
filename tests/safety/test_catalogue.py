"""Bad data gets one clear message, fast, and nothing is lost.

The catalogue is tests/safety/cases/: one file per case (`<name>.yaml`, the input) with the exact
lines it must produce (`<name>.txt`, as `file:line:col: message (hint)`; empty when the input is
accepted). Each case is added as `data/new/<name>.yaml` to a copy of the good mini fixture, then

- checked through the core (`factbook.check`, with the build date set so future dates warn),
  in-process, or in a child process for inputs that could crash or hang a broken loader;
- built for real (`mkdocs build --strict`) over a copy of a previously built site, when the case
  has errors: the build must fail with exactly the same lines, no traceback, and leave the
  previous site/ and everything outside it byte-for-byte (and mtime) as it was.

A new case is two new files; `GENERATED` in safety.py holds the few inputs too big to keep.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factbook import Project, check
from factbook.dates import PartialDate
from factbook.load import MAX_FILE_BYTES
from safety import ALL_CASES, Case, build
from support import ROOT, BuildRun, copy_fixture, good_build, reported, snapshot

TODAY = PartialDate(2026, 12, 1)  # the day of support.SOURCE_DATE_EPOCH

IN_CHILD = {"alias-bomb", "deep-flow", "deep-block"}
"""Inputs that would take the test process down (stack overflow, exponential expansion) if the
protection against them were missing: checked in a child process with a time and memory limit."""

CHILD = """
import json, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from factbook import Project, check
from factbook.dates import PartialDate
started = time.perf_counter()
result = check(Project(Path(sys.argv[1]), today=PartialDate(2026, 12, 1)))
print(json.dumps([time.perf_counter() - started, [str(d) for d in result.diagnostics]]))
"""
FAST = 2.0
"""Seconds any case may take to check (they take milliseconds; the margin is for busy machines)."""


def project_with(case: Case, tmp_path: Path) -> Path:
    project = copy_fixture("mini", tmp_path)
    case.add_to(project)
    return project


def check_in_child(project: Path) -> tuple[float, list[str]]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, str(project)],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )
    assert completed.returncode == 0, (
        f"the check crashed ({completed.returncode}): {completed.stderr[-2000:]}"
    )
    seconds, messages = json.loads(completed.stdout)
    return seconds, messages


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_case_through_the_core(case: Case, tmp_path: Path) -> None:
    project = project_with(case, tmp_path)
    if case.name in IN_CHILD:
        seconds, messages = check_in_child(project)
        assert messages == case.expected
        assert seconds < FAST
        return
    started = time.perf_counter()
    result = check(Project(project, today=TODAY))
    assert time.perf_counter() - started < FAST
    assert [str(d) for d in result.diagnostics] == case.expected
    if not case.expected:  # accepted: its records are in the model
        assert any(r.origin.path == case.relative for r in result.model.records.values())


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good build of the mini fixture, copied under every failing case."""
    return good_build("mini", tmp_path_factory.mktemp("previous"))


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.fails], ids=str)
def test_case_fails_the_build_and_keeps_the_previous_site(
    case: Case, tmp_path: Path, previous_site: Path
) -> None:
    project = project_with(case, tmp_path)
    site = project / "site"
    shutil.copytree(previous_site, site)
    site_before, project_before = snapshot(site), snapshot(project, skip=site)

    run: BuildRun = build(project, site)

    assert run.returncode == 1, run.output
    assert "Traceback" not in run.output
    assert reported(run) == case.expected
    assert snapshot(site) == site_before, "a failed build must leave the previous site untouched"
    assert snapshot(project, skip=site) == project_before, "the build wrote outside site/"


def test_every_case_has_an_input_and_an_expectation() -> None:
    from safety import CASES, GENERATED

    inputs = {p.stem for p in CASES.glob("*.yaml")} | set(GENERATED)
    assert inputs == {c.name for c in ALL_CASES}
    assert len(ALL_CASES) >= 30


# -- limits: fast, bounded, and exact ------------------------------------------------------------

BOMB_CHILD = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from factbook.load import load_file
tracemalloc.start()
started = time.perf_counter()
loaded, problems = load_file(Path(sys.argv[1]), "bomb.yaml")
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "peak": tracemalloc.get_traced_memory()[1],
                  "problems": [str(p) for p in problems]}))
"""


def test_billion_laughs_is_refused_in_milliseconds_with_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_bytes(Case("alias-bomb").data)
    completed = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, str(bomb)],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    measured = json.loads(completed.stdout)
    assert measured["seconds"] < 0.5
    assert measured["peak"] < 5 * 1024 * 1024  # bytes: the file is under 1 kB
    assert measured["problems"] == [
        "bomb.yaml:3:8: anchors and aliases (&name, *name) are not supported "
        "(write the value out in full; 80 more aliases in this file)"
    ]


def test_the_size_limit_is_exact_and_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture("mini", tmp_path)
    at_limit = project / "data" / "at-limit.yaml"
    at_limit.write_bytes(b"events: []\n".ljust(MAX_FILE_BYTES, b"#"))
    assert check(Project(project)).ok

    over = project / "data" / "over.yaml"
    over.write_bytes(b"events: []\n".ljust(MAX_FILE_BYTES + 1, b"#"))
    read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert path != over, "a file over the limit must not be read"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    started = time.perf_counter()
    messages = [str(d) for d in check(Project(project)).diagnostics]
    assert time.perf_counter() - started < 1
    assert messages == [
        f"data/over.yaml:1:1: file is too large ({MAX_FILE_BYTES + 1:,} bytes; the "
        f"limit is {MAX_FILE_BYTES:,}) (split the records over several files)"
    ]


def test_future_dates_warn_only_when_the_build_date_is_known(tmp_path: Path) -> None:
    project = project_with(Case("future-date"), tmp_path)
    assert check(Project(project)).diagnostics == ()
    warned = check(Project(project, today=PartialDate(2027, 3, 31)))  # same month: not future
    assert warned.diagnostics == ()
    result = check(Project(project, today=TODAY))
    assert result.ok and [str(d) for d in result.diagnostics] == Case("future-date").expected


def test_a_warning_fails_a_strict_build_before_site_is_touched(tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = snapshot(site)
    facts = project / "data" / "facts.yaml"
    future = facts.read_text(encoding="utf-8").replace("date: 2019-11\n", "date: 2099-11\n")
    facts.write_text(future, encoding="utf-8")
    run = build(project, site)
    assert run.returncode == 1
    assert reported(run) == [
        "data/facts.yaml:49:5: warning: event 'round-one' is dated "
        "November 2099, which is in the future (check the date; planned "
        "events are fine)"
    ]
    assert snapshot(site) == before
