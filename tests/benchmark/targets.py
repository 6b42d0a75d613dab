"""The benchmark's targets, as a table, and how a run is checked against them.

Each target names a metric (a function below that reads one figure from the results), how it
is compared and the threshold. Adding or changing a target is a row in TARGETS; how its
measured value is described on the page is the `target_detail` macro of the page template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from results import Results
from stats import MEMORY_EDITS, MEMORY_FROM, SizeStats, serve_stats, size_stats

MB = 1024 * 1024


@dataclass(frozen=True)
class Target:
    name: str
    """As the page shows it."""
    metric: str
    """A key of METRICS."""
    comparison: str
    """"<=": value ≤ threshold; "abs<=": |value| ≤ threshold; "reported": met when measured."""
    threshold: float | None = None
    n: int | None = None
    """The size it is measured at (None: the metric looks at every size)."""
    base: int | None = None
    """A second size, for metrics that compare two sizes."""
    optional: bool = False
    """Left off the page when not measured (a part of the run that was not asked for); its
    metric returns NotMeasured to keep it on the page as "not measured"."""


TARGETS: tuple[Target, ...] = (
    Target(
        "engine / floor ≤ 1.05 at N = 1,000 (warm: unchanged data, from the build cache)",
        "warm_ratio",
        "<=",
        1.05,
        n=1000,
    ),
    Target(
        "engine / floor ≤ 1.05 at N = 1,000 (cold: first build, or any data changed)",
        "cold_ratio",
        "<=",
        1.05,
        n=1000,
    ),
    Target(
        "engine / floor ≤ 1.05 at N = 10,000 (warm: unchanged data, from the build cache)",
        "warm_ratio",
        "<=",
        1.05,
        n=10000,
    ),
    Target(
        "engine / floor ≤ 1.05 at N = 10,000 (cold: first build, or any data changed)",
        "cold_ratio",
        "<=",
        1.05,
        n=10000,
    ),
    Target(
        "linear: build(10,000) ≤ 11 × build(1,000), cold",
        "cold_growth",
        "<=",
        11,
        n=10000,
        base=1000,
    ),
    Target(
        "≤ 12 ms of build time per generated page at N = 10,000, cold",
        "ms_per_page",
        "<=",
        12,
        n=10000,
    ),
    Target(
        "median record page at 10,000 within 10 % of the one at 100",
        "record_page_change",
        "abs<=",
        0.10,
        n=10000,
        base=100,
    ),
    Target("no listing page over 1 MB of HTML", "largest_listing", "<=", MB),
    Target(
        "engine's own time ≤ 1 ms per record at N = 10,000", "own_ms_per_record", "<=", 1, n=10000
    ),
    Target(
        "search index ≤ 983 bytes per record at N = 10,000 (half its 1,966 before backlinks, "
        "source lists and column headings were left out of it)",
        "search_per_record",
        "<=",
        983,
        n=10000,
    ),
    Target("peak memory reported", "peak_memory", "reported"),
    Target(
        "serve: one title changed ≤ 1 s at N = 1,000 (median of edits)",
        "serve_rebuild",
        "<=",
        1,
        n=1000,
        optional=True,
    ),
    Target(
        "serve: one title changed ≤ 2 s at N = 10,000 (median)",
        "serve_rebuild",
        "<=",
        2,
        n=10000,
        optional=True,
    ),
    Target(
        "serve memory bounded over 100 edits: RSS after the last edit ≤ 1.10 × RSS after the 10th",
        "serve_memory",
        "<=",
        1.10,
        optional=True,
    ),
    Target(
        "three editions ≤ 3.3 × one edition at N = 1,000, cold (wall and CPU)",
        "editions_ratio",
        "<=",
        3.3,
        n=1000,
        optional=True,
    ),
    Target(
        "three editions ≤ 3.3 × one edition at N = 10,000, cold (wall and CPU)",
        "editions_ratio",
        "<=",
        3.3,
        n=10000,
        optional=True,
    ),
    Target(
        "cold build no slower than the baseline at N = 1,000 (current / baseline ≤ 1.02)",
        "baseline_cold_ratio",
        "<=",
        1.02,
        n=1000,
        optional=True,
    ),
    Target(
        "cold build no slower than the baseline at N = 10,000 (current / baseline ≤ 1.02)",
        "baseline_cold_ratio",
        "<=",
        1.02,
        n=10000,
        optional=True,
    ),
)
"""In the order the page lists them."""


@dataclass(frozen=True)
class Measured:
    value: float
    facts: dict[str, Any] = field(default_factory=dict)
    """What the page says besides the value (e.g. the two times of a ratio)."""


@dataclass(frozen=True)
class NotMeasured:
    """The part of the run a target needs ran, but not enough of it to judge the target."""

    why: str


@dataclass(frozen=True)
class Outcome:
    target: Target
    status: str
    """"met", "not met" or "not measured"."""
    measured: Measured | None
    why: str | None = None
    """Why it is not measured, when the page says so."""


Metric = Callable[[Results, Target], Measured | NotMeasured | None]


def _at(results: Results, n: int | None) -> SizeStats | None:
    r = results.size(n) if n is not None else None
    return size_stats(r) if r is not None else None


def _warm_ratio(results: Results, t: Target) -> Measured | None:
    s = _at(results, t.n)
    return Measured(s.warm_ratio, {"cpu": s.warm_cpu_ratio}) if s else None


def _cold_ratio(results: Results, t: Target) -> Measured | None:
    s = _at(results, t.n)
    return Measured(s.cold_ratio, {"cpu": s.cold_cpu_ratio}) if s else None


def _cold_growth(results: Results, t: Target) -> Measured | None:
    large, small = _at(results, t.n), _at(results, t.base)
    if not (large and small):
        return None
    return Measured(large.cold / small.cold, {"large": large.cold, "small": small.cold})


def _ms_per_page(results: Results, t: Target) -> Measured | None:
    s = _at(results, t.n)
    return Measured(s.per_page_ms) if s else None


def _record_page_change(results: Results, t: Target) -> Measured | None:
    large = results.size(t.n) if t.n else None
    small = results.size(t.base) if t.base else None
    if not (large and small):
        return None
    sizes = large.pages.median_record, small.pages.median_record
    return Measured(sizes[0] / sizes[1] - 1, {"large": sizes[0], "small": sizes[1]})


def _largest_listing(results: Results, t: Target) -> Measured | None:
    if not results.sizes:
        return None
    worst = max(results.sizes, key=lambda r: r.pages.largest_listing[0])
    size, url = worst.pages.largest_listing
    over = [[u, s] for s, u in worst.pages.listings if t.threshold and s > t.threshold]
    return Measured(size, {"n": worst.n, "url": url, "over": over})


def _own_ms_per_record(results: Results, t: Target) -> Measured | None:
    s = _at(results, t.n)
    return Measured(s.per_record_ms, {"own": s.engine_own}) if s else None


def _search_per_record(results: Results, t: Target) -> Measured | None:
    r = results.size(t.n) if t.n is not None else None
    return Measured(r.pages.search_index / r.n, {"size": r.pages.search_index}) if r else None


def _peak_memory(results: Results, t: Target) -> Measured | None:
    if not results.sizes:
        return None
    s = size_stats(max(results.sizes, key=lambda r: r.n))
    return Measured(s.rss_cold, {"n": s.n})


def _serve_rebuild(results: Results, t: Target) -> Measured | NotMeasured | None:
    """The median rebuild under `mkdocs serve` at N = t.n; "not measured" when the server ran
    at other sizes only."""
    if not results.serve:
        return None
    serve = next((s for s in results.serve if s.n == t.n), None)
    if serve is None or not serve.rebuilds:
        return NotMeasured(f"`mkdocs serve` not run at N = {t.n:,}")
    s = serve_stats(serve)
    return Measured(s.rebuild, {"p90": s.rebuild_p90, "max": s.rebuild_max, "edits": s.edits})


def _serve_memory(results: Results, t: Target) -> Measured | NotMeasured | None:
    """The server's memory after its last edit against after its 10th, at every size that ran
    at least 100 edits; the largest ratio (the target holds at every size)."""
    if not results.serve:
        return None
    judged = [serve_stats(s) for s in results.serve if len(s.memory) >= MEMORY_EDITS]
    if not judged:
        edits = max(len(s.rebuilds) for s in results.serve)
        with_memory = any(s.memory for s in results.serve)
        return NotMeasured(
            f"{edits} edits, fewer than {MEMORY_EDITS}"
            if with_memory
            else "the server's memory was not recorded"
        )
    sizes = [
        {"n": s.n, "edits": s.edits, "tenth": s.memory_tenth, "last": s.memory_last} for s in judged
    ]
    worst = max(s.growth_ratio or 0.0 for s in judged)
    return Measured(worst, {"sizes": sizes, "from": MEMORY_FROM})


def _baseline_cold_ratio(results: Results, t: Target) -> Measured | None:
    s = _at(results, t.n)
    if not (s and s.baseline):
        return None
    return Measured(s.baseline.cold_ratio, {"current": s.cold, "baseline": s.baseline.cold})


def _editions_ratio(results: Results, t: Target) -> Measured | None:
    """The larger of the two ratios, wall and CPU (the target holds for both)."""
    s = _at(results, t.n)
    if not (s and s.editions):
        return None
    e = s.editions
    return Measured(
        max(e.wall_ratio, e.cpu_ratio),
        {
            "wall": e.wall_ratio,
            "cpu": e.cpu_ratio,
            "wall_three": e.wall,
            "wall_one": e.one_wall,
            "cpu_three": e.cpu,
            "cpu_one": e.one_cpu,
        },
    )


METRICS: dict[str, Metric] = {
    "warm_ratio": _warm_ratio,
    "cold_ratio": _cold_ratio,
    "cold_growth": _cold_growth,
    "ms_per_page": _ms_per_page,
    "record_page_change": _record_page_change,
    "largest_listing": _largest_listing,
    "own_ms_per_record": _own_ms_per_record,
    "search_per_record": _search_per_record,
    "peak_memory": _peak_memory,
    "serve_rebuild": _serve_rebuild,
    "serve_memory": _serve_memory,
    "baseline_cold_ratio": _baseline_cold_ratio,
    "editions_ratio": _editions_ratio,
}


def passes(target: Target, value: float) -> bool:
    if target.comparison == "reported":
        return True
    if target.threshold is None:
        raise ValueError(f"{target.name}: {target.comparison} needs a threshold")
    if target.comparison == "<=":
        return value <= target.threshold
    if target.comparison == "abs<=":
        return abs(value) <= target.threshold
    raise ValueError(f"{target.name}: unknown comparison {target.comparison!r}")


def evaluate(results: Results, targets: tuple[Target, ...] = TARGETS) -> list[Outcome]:
    outcomes = []
    for target in targets:
        measured = METRICS[target.metric](results, target)
        if isinstance(measured, NotMeasured):
            outcomes.append(Outcome(target, "not measured", None, measured.why))
            continue
        if measured is None:
            if not target.optional:
                outcomes.append(Outcome(target, "not measured", None))
            continue
        outcomes.append(
            Outcome(target, "met" if passes(target, measured.value) else "not met", measured)
        )
    return outcomes
