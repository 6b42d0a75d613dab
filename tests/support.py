"""What tests share: where things are, and running real MkDocs builds of fixture projects."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOOK = ROOT / "hooks" / "mkdocs_adapter.py"
CACHE = Path(".cache") / "factbook"
"""The build cache's folder in a project (hooks/factbook/cache.py)."""
SOURCE_DATE_EPOCH = "1796083200"
"""Builds in tests are reproducible: MkDocs takes its dates from here."""
ENGINE = "properdocs" if importlib.util.find_spec("properdocs") else "mkdocs"
"""The site engine the tests build with: MkDocs in .venv, ProperDocs in .venv-properdocs (where
`mkdocs` is installed too, as Material's dependency, so the engine is chosen by what is there)."""
ADDRESS_VARIABLES = ("SITE_URL", "EDIT_URI")
EDITIONS = "FACTBOOK_EDITIONS"
"""Which editions a build makes (hooks/mkdocs_adapter.py); unset: English, Korean, Japanese."""
"""What mkdocs.yml reads the site's address and edit links from (`!ENV`). Builds in tests start
without them, whatever the shell running the tests has set, and are given them explicitly."""


@dataclass
class BuildRun:
    returncode: int
    output: str
    site: Path

    def lines(self) -> list[str]:
        return self.output.splitlines()


def free_port() -> int:
    """A localhost port no one listens on (for `mkdocs serve` in tests)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def build_env(
    addresses: Mapping[str, str] | None = None, editions: str | None = "en"
) -> dict[str, str]:
    """The environment of a build or `serve` in tests: this process's, without the address
    variables unless `addresses` gives them, reproducible and without Material's banner.
    `editions`: FACTBOOK_EDITIONS (the English only, unless a test is about the editions:
    each one is a build of its own; None builds all)."""
    env = {k: v for k, v in os.environ.items() if k not in (*ADDRESS_VARIABLES, EDITIONS)}
    if editions is not None:
        env[EDITIONS] = editions
    return {
        **env,
        **(addresses or {}),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
    }


def mkdocs_build(
    project: Path,
    site: Path,
    *extra: str,
    timeout: float = 300,
    addresses: Mapping[str, str] | None = None,
    engine: tuple[str, ...] = (sys.executable, "-m", ENGINE),
    editions: str | None = "en",
) -> BuildRun:
    """`mkdocs build --strict` (or `properdocs build --strict`, see ENGINE) in a subprocess, as a
    maintainer would run it. `addresses` sets SITE_URL and EDIT_URI; `engine` is the command that
    runs another engine. A build that hangs past `timeout` comes back as a failed run (return
    code -1) instead of stalling the suite."""
    env = build_env(addresses, editions)
    try:
        completed = subprocess.run(
            [
                *engine,
                "build",
                "--strict",
                "-f",
                str(project / "mkdocs.yml"),
                "-d",
                str(site),
                *extra,
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as expired:
        return BuildRun(-1, f"timed out after {timeout} s\n{expired.output or ''}", site)
    return BuildRun(completed.returncode, completed.stdout + completed.stderr, site)


def good_build(fixture: str, base: Path) -> Path:
    """Copy a fixture project under `base`, build it, and return its site (the build must pass)."""
    run = mkdocs_build(copy_fixture(fixture, base), base / "site")
    assert run.returncode == 0, run.output
    return run.site


def reported(run: BuildRun) -> list[str]:
    """The problems factbook logged in a build (its warnings and errors), without the level."""
    return [
        line.split("factbook: ", 1)[1]
        for line in run.lines()
        if "factbook: " in line and not line.startswith("INFO")
    ]


def snapshot(folder: Path, skip: Path | tuple[Path, ...] = ()) -> dict[str, tuple[str, int]]:
    """Every file under `folder` (but not under `skip`): its content hash and modification time."""
    skipped = (skip,) if isinstance(skip, Path) else skip
    result = {}
    for path in sorted(folder.rglob("*")):
        if any(path == s or s in path.parents for s in skipped):
            continue
        if path.is_file() and "__pycache__" not in path.parts:
            result[path.relative_to(folder).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                path.stat().st_mtime_ns,
            )
    return result


def cache_entries(project: Path) -> list[str]:
    """What the build cache holds (the only thing a good build may write besides the site)."""
    folder = project / CACHE
    return (
        sorted(p.relative_to(project).as_posix() for p in folder.rglob("*"))
        if folder.exists()
        else []
    )


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


def copy_project(destination: Path) -> Path:
    """The real project (data, pages, hooks, configuration) copied to change and build."""
    project = destination / "project"
    project.mkdir()
    for name in ("data", "docs", "hooks"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project
