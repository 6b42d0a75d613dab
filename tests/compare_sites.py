"""Compare the site two revisions build: the files that differ, byte for byte.

    .venv/bin/python tests/compare_sites.py BASE [OTHER]

builds BASE (and OTHER, default: the working tree) with `mkdocs build --strict` and the tests'
SOURCE_DATE_EPOCH, each from a temporary `git worktree` (the working tree as it is), and prints
every file that is missing on one side or differs. JSON files that differ only in layout are
listed as such. Exit status 0 when the sites are byte-identical, 1 otherwise. A refactoring
that must not change what readers see is checked with it against the revision before it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1796083200"  # tests/support.py's SOURCE_DATE_EPOCH


def build(source: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=source,
        env=env,
        check=True,
    )


def checkout(revision: str, folder: Path) -> Path:
    subprocess.run(
        ["git", "worktree", "add", "--detach", "-q", str(folder), revision], cwd=ROOT, check=True
    )
    return folder


def differences(first: Path, second: Path) -> list[str]:
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    others = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    found = [f"only in the first: {p}" for p in sorted(files - others)]
    found += [f"only in the second: {p}" for p in sorted(others - files)]
    for path in sorted(files & others):
        a, b = (first / path).read_bytes(), (second / path).read_bytes()
        if a == b:
            continue
        if path.suffix == ".json" and json.loads(a) == json.loads(b):
            found.append(f"same JSON, other layout: {path}")
        else:
            found.append(f"differs: {path}")
    return found


def main(base: str, other: str | None) -> int:
    with tempfile.TemporaryDirectory(prefix="compare-sites-") as work:
        folder = Path(work)
        trees = [checkout(base, folder / "base")]
        trees.append(checkout(other, folder / "other") if other else ROOT)
        try:
            for name, tree in zip(("first", "second"), trees, strict=True):
                build(tree, folder / f"site-{name}")
            found = differences(folder / "site-first", folder / "site-second")
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
    print("\n".join(found) or "byte-identical")
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None))
