"""What one benchmark run measured, and its JSON file.

Only measurements live here (every build of every round, the engine's figures, page sizes, the
`mkdocs serve` timings, the profile) and the facts needed to reproduce them. Everything shown
on the page (medians, ratios, targets, explanations) is derived from these by stats.py and
targets.py, so the page can be rendered again from the JSON at any time (`run.py --from-json`).
The JSON also carries those derived figures under "derived", for readers; loading ignores them.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1
"""Changes when the layout of the JSON changes."""


@dataclass(frozen=True)
class Build:
    """One `mkdocs build` process."""

    wall: float
    cpu: float
    """User + system time."""
    max_rss: int
    """Peak memory, bytes."""
    reported: float | None
    """MkDocs' own "Documentation built in X seconds" (excludes interpreter start-up)."""
    hook: float | None = None
    """The factbook hook's on_config (the core's publish), from its log line; None for the
    floor, or a core whose log line reads differently."""
    from_cache: bool | None = None
    """Whether that log line says the core's output was read from the build cache."""


@dataclass(frozen=True)
class Pages:
    """The HTML of one built site."""

    count: int
    median_record: int
    largest_record: tuple[int, str]
    """(bytes, URL)."""
    listings: tuple[tuple[int, str], ...]
    """Every listing page (bytes, URL): generated pages that show no single record; largest
    first."""
    search_index: int
    site_total: int

    @property
    def largest_listing(self) -> tuple[int, str]:
        return self.listings[0]


@dataclass(frozen=True)
class SizeResult:
    """Everything measured at one N. Build lists are per round, in round order."""

    n: int
    counts: dict[str, int]
    """Records per kind."""
    data_files: int
    generated_pages: int
    hand_written: int
    phases: dict[str, float]
    """The engine's own figures (phases.py), seconds; "records" and "pages" are counts."""
    cold: tuple[Build, ...]
    """Engine builds without the build cache (first build, or any input changed)."""
    warm: tuple[Build, ...]
    """Engine builds with the cache the cold build before left (unchanged input)."""
    floor: tuple[Build, ...]
    pages: Pages
    floor_pages: Pages
    baseline_cold: tuple[Build, ...] = ()
    """With --baseline: the other revision's engine, cold, in the same rounds."""
    baseline_warm: tuple[Build, ...] = ()
    editions: tuple[Build, ...] = ()
    """The current engine, cold, making all three editions (English, Korean, Japanese) in one
    `mkdocs build`, once per round; every other build makes the English only. Its CPU time
    includes the Korean and Japanese builds, processes the English build waits for. Empty in
    results from before the editions."""


@dataclass(frozen=True)
class Serve:
    """`mkdocs serve` at one N, with one YAML file changed `len(rebuilds)` times."""

    n: int
    edited: str
    """The changed file, relative to the project."""
    initial: float
    """Start of `mkdocs serve` to "Serving on" (the first build included)."""
    rebuilds: tuple[float, ...]
    """Write of the YAML file to "Reloading browsers", per edit."""
    detected: tuple[float, ...]
    """Write to "Detected file changes" (file-watcher latency)."""
    reported: tuple[float, ...]
    """MkDocs' own "Documentation built in X seconds" for each rebuild."""
    memory: tuple[float, ...] = ()
    """Resident memory (VmRSS) of the `mkdocs serve` process right after each edit's
    "Reloading browsers", MB. Empty in results from before it was measured."""
    memory_initial: float | None = None
    """Its resident memory right after "Serving on", MB."""
    pages: int | None = None
    """Generated pages, from the hook's log line of the first build."""
    full_rebuilds: tuple[int, ...] | None = None
    """The edits (1 for the first) the server answered by rebuilding the whole site instead of
    only what changed (the hook's log line says why); None in results from before it was
    recorded (before quick rebuilds, every edit rebuilt the whole site)."""
    quiet: float = 3.0
    """Seconds the server had been quiet before each edit was written (3 s in results from
    before it was recorded)."""


@dataclass(frozen=True)
class Profile:
    """cProfile of one cold engine build and one floor build at one N (seconds)."""

    n: int
    engine_total: float
    floor_total: float
    extra: tuple[tuple[float, float, int, int, str], ...]
    """(Δ cumulative, Δ own time, calls in the engine's build, in the floor's, function), by
    extra cumulative time in the engine's build."""
    own: tuple[tuple[float, float, int, str], ...]
    """(own time, cumulative, calls, function) of the engine's own functions."""


@dataclass(frozen=True)
class Meta:
    """How the run was made."""

    command: str
    """The command line that reproduces the figures (without options that only say where
    files go or what else is printed)."""
    machine: str
    core: str
    """Which core was measured, e.g. "hooks/ at commit abc1234"."""
    started: str
    """Local time, YYYY-MM-DD HH:MM."""
    seed: int
    rounds: dict[int, int]
    """N → rounds of builds."""
    phase_runs: int
    baseline: str | None = None
    """With --baseline: which core the current one was compared with."""


@dataclass(frozen=True)
class Results:
    meta: Meta
    sizes: tuple[SizeResult, ...]
    serve: tuple[Serve, ...] = ()
    """`mkdocs serve`, one per size it was run at, smallest first."""
    profile: Profile | None = None

    def size(self, n: int) -> SizeResult | None:
        return next((r for r in self.sizes if r.n == n), None)

    @property
    def has_baseline(self) -> bool:
        return any(r.baseline_cold for r in self.sizes)


# --- JSON -----------------------------------------------------------------------------------


def to_json(results: Results, derived: dict[str, Any] | None = None) -> str:
    data: dict[str, Any] = {"format": FORMAT, **dataclasses.asdict(results)}
    if derived is not None:
        data["derived"] = derived
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def from_json(text: str) -> Results:
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"results of format {data.get('format')!r}, expected {FORMAT}")
    serve = data.get("serve")
    if serve is None or isinstance(serve, dict):
        # Results from before `mkdocs serve` was measured at several sizes: one, or none.
        data["serve"] = [serve] if serve else []
    return _typed(Results, {k: v for k, v in data.items() if k not in ("format", "derived")})


def read(path: Path) -> Results:
    return from_json(path.read_text(encoding="utf-8"))


def _typed(kind: Any, value: Any) -> Any:
    """`value` (plain JSON data) as an instance of the type `kind` (dataclasses, tuples, dicts
    with int keys, optional values): the inverse of dataclasses.asdict + json."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        fields = {f.name for f in dataclasses.fields(kind)}
        return kind(**{k: _typed(hints[k], v) for k, v in value.items() if k in fields})
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        return _typed(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(args[0], v) for v in value)
        return tuple(_typed(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict:
        return {_typed(args[0], k): _typed(args[1], v) for k, v in value.items()}
    if kind is int and isinstance(value, str):  # a dict key: JSON keys are strings
        return int(value)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind in (int, float, str, bool) and not isinstance(value, kind):
        raise ValueError(f"expected {kind.__name__}, got {value!r}")
    return value
