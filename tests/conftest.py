"""Shared test helpers: fixture projects copied into tmp_path and built with the real MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOOK = ROOT / "hooks" / "mkdocs_adapter.py"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the expected pages under tests/golden/ from the current output")


@dataclass
class BuildRun:
    returncode: int
    output: str
    site: Path

    def lines(self) -> list[str]:
        return self.output.splitlines()


def mkdocs_build(project: Path, site: Path, *extra: str) -> BuildRun:
    """`mkdocs build --strict` in a subprocess, as a maintainer would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return BuildRun(completed.returncode, completed.stdout + completed.stderr, site)


def copy_fixture(name: str, destination: Path) -> Path:
    """Copy a fixture project and point its mkdocs.yml at the real hook file."""
    project = destination / name
    shutil.copytree(FIXTURES / name, project)
    config = project / "mkdocs.yml"
    if not config.exists():
        shutil.copyfile(FIXTURES / "mini" / "mkdocs.yml", config)
    if not (project / "docs").exists():
        shutil.copytree(FIXTURES / "mini" / "docs", project / "docs")
    text = config.read_text(encoding="utf-8").replace("../../../hooks/mkdocs_adapter.py", str(HOOK))
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return copy_fixture("mini", tmp_path)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    base = tmp_path_factory.mktemp("mini")
    project = copy_fixture("mini", base)
    run = mkdocs_build(project, base / "site")
    assert run.returncode == 0, run.output
    return run


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The real explainer, built from the repository's own files into a temporary folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    run = mkdocs_build(ROOT, site)
    assert run.returncode == 0, run.output
    return run
