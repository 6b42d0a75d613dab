"""`run.py --profile`: where a cold engine build spends more than the floor's build.

Profiles one cold engine build and one floor build with cProfile (times are inflated by
profiling, so only the differences between the two mean much) and keeps the functions with the
most extra cumulative time, and the engine's own functions by own time. (Not named profile.py:
that would shadow the standard library module cProfile imports.)
"""

from __future__ import annotations

import pstats
import shutil
from pathlib import Path
from typing import Any

from builds import run_build
from phases import CACHE_FOLDER
from results import Profile

EXTRA_ROWS = 40
OWN_ROWS = 25


def profile(
    project: Path, floor: Path, sites: Path, work: Path, n: int, strip: tuple[Path, ...]
) -> Profile:
    """`strip`: folders whose prefix is left off function names (the core's snapshot, the
    repository), so the names read as paths in the repository."""
    engine_prof, floor_prof = work / "engine.prof", work / "floor.prof"
    shutil.rmtree(project / CACHE_FOLDER, ignore_errors=True)
    run_build(project, sites / "profile-engine", profile=engine_prof)
    run_build(floor, sites / "profile-floor", profile=floor_prof)
    engine: dict[Any, Any] = pstats.Stats(str(engine_prof)).stats  # type: ignore[attr-defined]
    plain: dict[Any, Any] = pstats.Stats(str(floor_prof)).stats  # type: ignore[attr-defined]
    prefixes = [str(path) + "/" for path in strip]

    def name(key: tuple[str, int, str]) -> str:
        path = key[0].split("site-packages/")[-1]
        for prefix in prefixes:
            path = path.replace(prefix, "")
        return f"{path}:{key[1]}({key[2]})"

    extra = []
    for key, (_, calls, tottime, cumtime, _) in engine.items():
        other = plain.get(key, (0, 0, 0.0, 0.0, {}))
        extra.append((cumtime - other[3], tottime - other[2], calls, other[1], name(key)))
    extra.sort(reverse=True)
    own = sorted(
        ((v[2], v[3], v[1], name(k)) for k, v in engine.items() if "hooks/" in k[0]), reverse=True
    )
    return Profile(
        n,
        max(v[3] for v in engine.values()),
        max(v[3] for v in plain.values()),
        tuple(extra[:EXTRA_ROWS]),
        tuple(own[:OWN_ROWS]),
    )
