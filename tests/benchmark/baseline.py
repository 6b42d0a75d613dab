"""`run.py --baseline REV`: the engine of another git revision, for an A/B comparison.

The revision is checked out in a temporary `git worktree` (detached, outside the repository);
its hooks/ build a copy of each generated project (same data and pages, its own build cache),
in the same rounds as the current engine. The worktree is removed at the end, also when the run
fails; `git worktree prune` clears the record of one whose removal was interrupted.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Revision:
    hooks: Path
    """The revision's hooks/ (the adapter and the core)."""
    label: str
    """How the page names it, e.g. "hooks/ at commit abc1234 (main)"."""
    commit: str
    """The abbreviated commit: what `--baseline` names in the page's command, since a branch
    or HEAD~1 moves on."""


def git(repo: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, timeout=120
    )
    if completed.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed:\n{completed.stderr.strip()}")
    return completed.stdout.strip()


@contextmanager
def checked_out(repo: Path, rev: str) -> Iterator[Revision]:
    """REV's hooks/ in a temporary worktree, for the duration."""
    commit = git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    short = git(repo, "rev-parse", "--short", commit)
    folder = Path(tempfile.mkdtemp(prefix="factbook-benchmark-baseline-"))
    tree = folder / "tree"
    git(repo, "worktree", "add", "--detach", str(tree), commit)
    try:
        hooks = tree / "hooks"
        if not (hooks / "mkdocs_adapter.py").is_file():
            raise SystemExit(f"{rev} has no hooks/mkdocs_adapter.py to compare with")
        label = f"hooks/ at commit {short}" + (f" ({rev})" if rev not in (short, commit) else "")
        yield Revision(hooks, label, short)
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(tree)],
            cwd=repo,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(["git", "worktree", "prune"], cwd=repo, capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)
