"""Imports only point down the pipeline: a module may use the modules before it in `ORDER`,
never one after it (nor the package root), so each step can be read, tested and replaced
knowing only what comes before it."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

CORE = ROOT / "hooks" / "factbook"

ORDER = [
    # Basics: what every step uses.
    "diagnostics",
    "wording",
    "dates",
    "urls",
    "collector",
    "links",
    "text",
    # load → the declared model and kinds → the schema derived from them → assemble → resolve.
    "load",
    "model",
    "kinds",
    "schema",
    "limits",
    "assemble",
    "translations",
    "resolve",
    # render (charts, pages, glossary marks) → output for site engines → its cache.
    "charts",
    "render",
    "glossary",
    "export",
    "output",
    "plaindata",
    "cache",
    # The pipeline, the package's API, the command line.
    "project",
    "incremental",
    "__init__",
    "__main__",
]


def imported(path: Path) -> set[str]:
    """The core modules a module imports (`from .x import`, `from . import x`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:  # a module of the package, or a name from the package root
                found.update(
                    alias.name if (CORE / f"{alias.name}.py").exists() else "__init__"
                    for alias in node.names
                )
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] == "factbook"
        ):
            found.add(node.module.split(".")[1] if "." in node.module else "__init__")
    return found


def test_every_core_module_has_a_place_in_the_order() -> None:
    assert sorted(p.stem for p in CORE.glob("*.py")) == sorted(ORDER)


def test_imports_only_point_down_the_pipeline() -> None:
    upward = []
    for path in sorted(CORE.glob("*.py")):
        place = ORDER.index(path.stem)
        for module in imported(path):
            if module not in ORDER or ORDER.index(module) >= place:
                upward.append(f"{path.stem} imports {module}")
    assert upward == []


def test_the_package_root_only_names_the_api() -> None:
    source = (CORE / "__init__.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 60
    tree = ast.parse(source)
    assert not [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
