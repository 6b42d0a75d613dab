"""The core must stay usable without MkDocs (another engine, a plain command line)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from support import ROOT

CORE = ROOT / "hooks" / "factbook"


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_mkdocs() -> None:
    for path in sorted(CORE.glob("*.py")):
        assert not imported(path) & {"mkdocs", "material"}, path.name


def test_core_runs_with_mkdocs_unimportable(tmp_path: Path) -> None:
    # Shadow mkdocs with a package that fails on import, then run the whole pipeline.
    (tmp_path / "mkdocs").mkdir()
    (tmp_path / "mkdocs" / "__init__.py").write_text("raise ImportError('no mkdocs here')\n")
    code = (
        "import factbook, factbook.glossary, factbook.__main__, sys; "
        "r = factbook.build(factbook.Project(__import__('pathlib').Path(sys.argv[1]))); "
        "assert r.ok and r.pages, r.diagnostics; print(len(r.pages))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "tests" / "fixtures" / "mini")],
        env={"PYTHONPATH": f"{tmp_path}:{ROOT / 'hooks'}"},
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert int(completed.stdout) > 10


def test_no_core_module_can_read_code_as_data() -> None:
    # The build cache is read from disk, where anyone may have put anything: no pickle.
    for path in sorted(CORE.glob("*.py")):
        assert not imported(path) & {"pickle", "marshal", "shelve", "dill"}, path.name
