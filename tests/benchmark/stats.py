"""The figures the page shows, derived from the measurements (results.py): numbers only, the
wording is in templates/benchmark.md.j2.

Ratios engine / floor (and current / baseline) are taken within each round, then the median of
the rounds is reported: a machine that gets slower or faster during the run so affects all
builds of a round alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from phases import CHECK_STEPS, PHASES
from results import Build, Results, Serve, SizeResult

SLACK = 0.05
"""The targets' allowance over the floor (engine / floor ≤ 1.05), for the lower bound."""
MATTERS = 0.1
"""A share of the cold − warm gap below this is noise between rounds, not a finding."""
NEGLIGIBLE = 0.005
"""Seconds: a warm build closer than this to the floor takes no longer than it."""


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100), interpolated between the two nearest values (as
    statistics.quantiles' "inclusive" method; the value itself when there is one)."""
    ordered = sorted(values)
    at = (len(ordered) - 1) * p / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


Ratios = tuple[float, ...]


def ratios(builds: Sequence[Build], others: Sequence[Build], measure: str = "wall") -> Ratios:
    """builds / others round by round, for wall or CPU time."""
    return tuple(
        getattr(b, measure) / getattr(o, measure) for b, o in zip(builds, others, strict=True)
    )


def gaps(builds: Sequence[Build], others: Sequence[Build]) -> tuple[float, ...]:
    """How much longer `builds` took than `others`, round by round (wall time)."""
    return tuple(b.wall - o.wall for b, o in zip(builds, others, strict=True))


def median_gap(builds: Sequence[Build], others: Sequence[Build]) -> float:
    """How much longer `builds` took than `others`, round by round (wall time), as a median."""
    return median(gaps(builds, others))


def spread(values: Sequence[float]) -> float:
    """How far the rounds' values lie apart (largest − smallest): a difference no larger than
    this is not told apart from the differences between rounds."""
    return max(values) - min(values)


def hook(builds: Sequence[Build]) -> float:
    """Median time of the hook's on_config in these builds (from its log line)."""
    return median([b.hook or 0.0 for b in builds])


def reported(builds: Sequence[Build]) -> float:
    return median([b.reported or 0.0 for b in builds])


@dataclass(frozen=True)
class Baseline:
    """The current engine against another revision's, at one N."""

    cold: float
    """Median wall time, baseline engine, cold."""
    warm: float
    cold_ratios: tuple[float, ...]
    """Current / baseline, cold, per round."""
    warm_ratios: tuple[float, ...]
    cold_ratio: float
    warm_ratio: float
    hook_cold: float | None
    """The baseline hook's on_config (its log line), if its log line reads like today's."""
    hook_warm: float | None


@dataclass(frozen=True)
class Editions:
    """All three editions (English, Korean, Japanese) in one `mkdocs build`, cold, against the
    English alone, cold, at one N: medians of the rounds."""

    wall: float
    """Wall time of the build of all three editions."""
    cpu: float
    """Its CPU time (user + system), the Korean and Japanese builds it waits for included."""
    one_wall: float
    """The English edition alone: the engine's cold build."""
    one_cpu: float
    wall_ratio: float
    """wall / one_wall."""
    cpu_ratio: float
    """cpu / one_cpu."""
    rss: int
    """Peak memory (largest of the rounds; the largest of the three editions' processes)."""


@dataclass(frozen=True)
class SizeStats:
    n: int
    cold: float
    """Median wall times of the builds."""
    warm: float
    floor: float
    reported_cold: float
    """MkDocs' own figures (medians)."""
    reported_warm: float
    reported_floor: float
    cold_ratios: tuple[float, ...]
    """Engine / floor per round, wall."""
    warm_ratios: tuple[float, ...]
    cold_cpu_ratios: tuple[float, ...]
    warm_cpu_ratios: tuple[float, ...]
    cold_ratio: float
    """Medians of the ratios above."""
    warm_ratio: float
    cold_cpu_ratio: float
    warm_cpu_ratio: float
    cold_extra: float
    """What the engine adds, median of the rounds' differences: cold − floor."""
    warm_extra: float
    """Warm − floor."""
    cold_over_warm: float
    cold_over_warm_rounds: tuple[float, ...]
    """Cold − warm, wall, per round."""
    cold_over_warm_spread: float
    """How far those lie apart (largest − smallest)."""
    cold_over_warm_clear: bool
    """Whether cold − warm is more than that spread (so not noise between rounds)."""
    per_page_ms: float
    """Cold build time per generated page."""
    rss_cold: int
    """Peak memory (largest of the rounds)."""
    rss_warm: int
    rss_floor: int
    engine_own: float
    """The engine's phases together (one `build()`)."""
    per_record_ms: float
    check: float | None
    """What must finish before MkDocs may clean site/ and learn which pages exist."""
    hook_cold: float
    hook_warm: float
    after_hook: float
    """Of cold − warm, the part not spent in the hook's on_config."""
    after_hook_matters: bool
    """Whether that part is more than noise between rounds: cold − warm is clear of the
    spread, and so is this part, and it is a share of cold − warm that matters."""
    warm_like_floor: bool
    search_per_record: float
    """Bytes of Material's search index (search/search_index.json) per record: what a reader
    downloads on the first search, as the site grows."""
    baseline: Baseline | None
    editions: Editions | None
    """All three editions against one; None when not measured."""


def size_stats(r: SizeResult) -> SizeStats:
    cold_ratios, warm_ratios = ratios(r.cold, r.floor), ratios(r.warm, r.floor)
    cold_cpu, warm_cpu = ratios(r.cold, r.floor, "cpu"), ratios(r.warm, r.floor, "cpu")
    cold_over_warm_rounds = gaps(r.cold, r.warm)
    cold_over_warm = median(cold_over_warm_rounds)
    noise = spread(cold_over_warm_rounds)
    clear = cold_over_warm > noise
    warm_extra = median_gap(r.warm, r.floor)
    in_hook = hook(r.cold) - hook(r.warm)
    own = (
        sum(r.phases[p] for p in PHASES)
        if all(p in r.phases for p in PHASES)
        else r.phases.get("build", 0.0)
    )
    cold = median([b.wall for b in r.cold])
    after_hook = cold_over_warm - in_hook
    return SizeStats(
        r.n,
        cold,
        median([b.wall for b in r.warm]),
        median([b.wall for b in r.floor]),
        reported(r.cold),
        reported(r.warm),
        reported(r.floor),
        cold_ratios,
        warm_ratios,
        cold_cpu,
        warm_cpu,
        median(cold_ratios),
        median(warm_ratios),
        median(cold_cpu),
        median(warm_cpu),
        median_gap(r.cold, r.floor),
        warm_extra,
        cold_over_warm,
        cold_over_warm_rounds,
        noise,
        clear,
        1000 * cold / r.generated_pages,
        max(b.max_rss for b in r.cold),
        max(b.max_rss for b in r.warm),
        max(b.max_rss for b in r.floor),
        own,
        1000 * own / r.n,
        r.phases.get("check"),
        hook(r.cold),
        hook(r.warm),
        after_hook,
        clear and after_hook > noise and after_hook >= MATTERS * cold_over_warm,
        warm_extra < NEGLIGIBLE,
        r.pages.search_index / r.n,
        baseline_stats(r),
        editions_stats(r),
    )


def editions_stats(r: SizeResult) -> Editions | None:
    """All three editions against the English alone (the engine's cold builds): the median
    build of each, compared."""
    if not r.editions:
        return None
    wall, cpu = median([b.wall for b in r.editions]), median([b.cpu for b in r.editions])
    one_wall, one_cpu = median([b.wall for b in r.cold]), median([b.cpu for b in r.cold])
    return Editions(
        wall,
        cpu,
        one_wall,
        one_cpu,
        wall / one_wall,
        cpu / one_cpu,
        max(b.max_rss for b in r.editions),
    )


def baseline_stats(r: SizeResult) -> Baseline | None:
    if not r.baseline_cold:
        return None
    cold_ratios = ratios(r.cold, r.baseline_cold)
    warm_ratios = ratios(r.warm, r.baseline_warm)
    logged = all(b.hook is not None for b in (*r.baseline_cold, *r.baseline_warm))
    return Baseline(
        median([b.wall for b in r.baseline_cold]),
        median([b.wall for b in r.baseline_warm]),
        cold_ratios,
        warm_ratios,
        median(cold_ratios),
        median(warm_ratios),
        hook(r.baseline_cold) if logged else None,
        hook(r.baseline_warm) if logged else None,
    )


@dataclass(frozen=True)
class Bound:
    """At one N: the least a cold build must cost however work is arranged."""

    n: int
    floor: float
    check: float
    warm_extra: float
    """The hook's per-page work (warm − floor; below zero it is noise and counts as nothing)."""
    least: float
    allowance: float
    ratio: float
    """The engine / floor that least cost alone gives."""
    above: bool
    """Whether it exceeds the allowance: then no rearrangement reaches the target."""


@dataclass(frozen=True)
class CriticalPath:
    bounds: tuple[Bound, ...]
    above: tuple[int, ...]
    """The sizes the bound rules out."""
    heaviest_n: int
    """The largest size the bound rules out (else the largest bounded)."""
    heaviest_step: str
    """The slowest check step there, and its time."""
    heaviest_time: float


def critical_path(results: Results, smallest: int = 1000) -> CriticalPath | None:
    """Why a cold build cannot get within 5 % of the floor by moving work elsewhere: the check
    must finish before MkDocs starts on any page, and a warm build's per-page work remains."""
    bounds = []
    for r in results.sizes:
        s = size_stats(r)
        if r.n < smallest or s.check is None:
            continue
        extra = max(0.0, s.warm_extra)
        least = s.check + extra
        bounds.append(
            Bound(
                r.n,
                s.floor,
                s.check,
                extra,
                least,
                SLACK * s.floor,
                1 + least / s.floor,
                least > SLACK * s.floor,
            )
        )
    if not bounds:
        return None
    above = tuple(b.n for b in bounds if b.above)
    largest = results.size(above[-1] if above else bounds[-1].n)
    assert largest is not None
    steps = [p for p in CHECK_STEPS if p in largest.phases] or ["build"]
    heaviest = max(steps, key=lambda p: largest.phases[p])
    return CriticalPath(tuple(bounds), above, largest.n, heaviest, largest.phases[heaviest])


# --- mkdocs serve ---------------------------------------------------------------------------

MEMORY_FROM = 10
"""The edit after which the server's memory is the reference for its growth: the first edits
still fill caches (Python's, Jinja's, the core's per-file memo) that later ones reuse."""
MEMORY_EDITS = 100
"""How many edits the memory target needs to be judged ("over 100 edits")."""


@dataclass(frozen=True)
class ServeStats:
    """One `mkdocs serve` run (one N): rebuild times in seconds, memory in MB."""

    n: int
    edits: int
    rebuild: float
    """Median, write to "Reloading browsers"."""
    rebuild_p90: float
    rebuild_max: float
    detected: float
    """Median, write to "Detected file changes"."""
    reported: float
    """Median of MkDocs' own build time."""
    memory_first: float | None
    """After the first edit."""
    memory_tenth: float | None
    """After edit MEMORY_FROM (None with fewer edits)."""
    memory_last: float | None
    growth: float | None
    """memory_last − memory_tenth, MB."""
    growth_ratio: float | None
    """memory_last / memory_tenth."""


def serve_stats(s: Serve) -> ServeStats:
    memory = s.memory
    tenth = memory[MEMORY_FROM - 1] if len(memory) >= MEMORY_FROM else None
    last = memory[-1] if memory else None
    return ServeStats(
        s.n,
        len(s.rebuilds),
        median(s.rebuilds),
        percentile(s.rebuilds, 90),
        max(s.rebuilds),
        median(s.detected),
        median(s.reported),
        memory[0] if memory else None,
        tenth,
        last,
        last - tenth if last is not None and tenth is not None else None,
        last / tenth if last is not None and tenth is not None else None,
    )
