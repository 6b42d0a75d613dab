"""Shared fixtures: fixture projects and the real site, built once per session with real MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOT, BuildRun, copy_fixture, mkdocs_build


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected pages under tests/golden/ from the current output",
    )


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
    """The real explainer, all three editions, built from the repository's own files into a
    temporary folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    run = mkdocs_build(ROOT, site, editions=None)
    assert run.returncode == 0, run.output
    return run
