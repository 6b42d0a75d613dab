"""Broken data fails the build with every problem as file:line:col, and loses nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from support import FIXTURES, copy_fixture, mkdocs_build, reported, snapshot


def test_broken_data_reports_everything_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = snapshot(site)
    data_before = snapshot(FIXTURES / "broken" / "data")
    docs_before = snapshot(FIXTURES / "broken" / "docs")

    for folder in ("data", "docs"):
        shutil.rmtree(project / folder)
        shutil.copytree(FIXTURES / "broken" / folder, project / folder)
    run = mkdocs_build(project, site)

    assert run.returncode != 0
    expected = (FIXTURES / "broken" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert reported(run) == expected
    assert "Traceback" not in run.output
    assert snapshot(site) == before, "a failed build must leave the previous site untouched"
    assert snapshot(FIXTURES / "broken" / "data") == data_before
    assert snapshot(FIXTURES / "broken" / "docs") == docs_before


def test_cli_check_prints_the_same_lines(tmp_path: Path) -> None:
    import subprocess
    import sys

    from support import ROOT

    completed = subprocess.run(
        [sys.executable, "-m", "factbook", "--root", str(FIXTURES / "broken"), "check"],
        env={"PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
    )
    expected = (FIXTURES / "broken" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [*expected, f"{len(expected)} errors"]
