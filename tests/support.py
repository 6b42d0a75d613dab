"""What tests share: where things are, and running real MkDocs builds of fixture projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOOK = ROOT / "hooks" / "mkdocs_adapter.py"


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
