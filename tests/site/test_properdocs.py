"""ProperDocs, the continuation of MkDocs 1.x, builds the same site as MkDocs: every file byte for
byte but the generator tag, which names the engine. `make test` runs the engine's tests on both
(the whole suite in .venv, with MkDocs; ENGINE_TESTS again in .venv-properdocs); this test builds
the real site with the other engine and compares, so what the HTML and browser tests find on one
engine's site holds for the other's."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from support import ENGINE, ROOT, BuildRun, mkdocs_build

PROPERDOCS_PYTHON = ROOT / ".venv-properdocs" / "bin" / "python"
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def pinned(requirements: str, package: str) -> str:
    """The exact version a requirements file pins a package to."""
    text = (ROOT / requirements).read_text(encoding="utf-8")
    [version] = re.findall(rf"^{re.escape(package)}==(\S+)$", text, re.MULTILINE)
    return version


def other_engine() -> tuple[str, ...] | None:
    """The command of the engine this run does not build with, if it is installed."""
    if ENGINE == "properdocs":
        return (sys.executable, "-m", "mkdocs")  # installed beside it, as Material's dependency
    if PROPERDOCS_PYTHON.exists():
        return (str(PROPERDOCS_PYTHON), "-m", "properdocs")
    return None


def site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_mkdocs_and_properdocs_build_the_same_site(real_site: BuildRun, tmp_path: Path) -> None:
    engine = other_engine()
    if engine is None:
        reason = "no .venv-properdocs (`make test` creates it)"
        if os.environ.get("FACTBOOK_REQUIRE_PROPERDOCS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    other = mkdocs_build(ROOT, tmp_path / "site", engine=engine, editions=None)  # as real_site
    assert other.returncode == 0, other.output
    ours, theirs = site_files(real_site.site), site_files(other.site)
    assert sorted(ours) == sorted(theirs)
    differ = [
        name
        for name, data in ours.items()
        if GENERATOR.sub(b"", data) != GENERATOR.sub(b"", theirs[name])
    ]
    assert differ == []
    # Each site was built by the engine it says: the pinned MkDocs and the pinned ProperDocs.
    generators = {
        match[1].decode()
        for data in (ours["index.html"], theirs["index.html"])
        if (match := GENERATOR.search(data))
    }
    material = pinned("requirements.txt", "mkdocs-material")
    assert generators == {
        f"mkdocs-{pinned('requirements.txt', 'mkdocs')}, mkdocs-material-{material}",
        f"mkdocs-ProperDocs {pinned('requirements-properdocs.txt', 'properdocs')}, "
        f"mkdocs-material-{material}",
    }
