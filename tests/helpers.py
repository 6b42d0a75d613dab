"""Helpers for core tests: write YAML into a temporary project and run the core on it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from factbook import Checked, Project, check

SOURCE = """\
sources:
  - id: src
    title: A report
    publisher: A paper
"""


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(root: Path, files: dict[str, str]) -> Checked:
    (root / "docs").mkdir(exist_ok=True)
    for relative, text in files.items():
        write(root, relative, text)
    return check(Project(root))


def messages(result: Checked) -> list[str]:
    return [str(d) for d in result.diagnostics]
