"""Smoke tests of the benchmark: generator, timers, results file, targets, page, a tiny run.

No timing is asserted here: the benchmark itself is `tests/benchmark/run.py` (see its
docstring). The figures in `sample()` are made up for the tests, never published.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402
import run  # noqa: E402
from builds import run_build  # noqa: E402
from generate import KIND_WEIGHTS, REPO, counts_for, generate, write_floor  # noqa: E402
from phases import PHASES, engine_pages, missing_probes, project_addresses, time_build, time_publish  # noqa: E402
from results import Build, Meta, Pages, Profile, Results, Serve, SizeResult, from_json, to_json  # noqa: E402
from targets import TARGETS, Target, evaluate, passes  # noqa: E402

N = 60


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- generating and timing (real, tiny projects) -------------------------------------------


def test_generated_data_is_valid_and_deterministic(tmp_path: Path) -> None:
    first = generate(N, tmp_path / "a", seed=7)
    generate(N, tmp_path / "b", seed=7)
    generate(N, tmp_path / "c", seed=8)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")

    assert first.counts == counts_for(N) and sum(first.counts.values()) == N
    assert set(first.counts) == set(KIND_WEIGHTS) and min(first.counts.values()) >= 1

    made = engine_pages(tmp_path / "a")  # raises on any problem, warnings included
    assert len(made.records) == N
    # One page per record plus the listings; prose carries references, pages carry charts.
    assert len(made.generated) >= N + 7 and made.records < set(made.generated)
    data = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "a" / "data").rglob("*.yaml"))
    assert data.count("[[") >= 2 * N
    assert "[[chart:" in "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "a" / "docs").rglob("*.md")
    )


def test_floor_holds_the_engines_pages_as_plain_mkdocs(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    floor = write_floor(tmp_path / "project", tmp_path / "floor")
    assert len(floor.records) == N and floor.records < set(floor.pages)
    docs = tmp_path / "floor" / "docs"
    for src_uri, markdown in floor.pages.items():
        assert (docs / src_uri).read_text(encoding="utf-8") == markdown
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "[[" not in home.replace("`[[id]]`", "")  # references expanded, code left alone
    engine = yaml.safe_load((tmp_path / "project" / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = yaml.safe_load((tmp_path / "floor" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in plain and engine["hooks"]
    assert plain["nav"] == engine["nav"]
    assert plain["theme"] == engine["theme"]


def test_build_probes_fire_and_the_phases_add_up_to_build(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    times = time_build(tmp_path / "project")
    assert set(PHASES) <= set(times) and times["records"] == N
    assert abs(sum(times[p] for p in PHASES) - times["build"]) < 1e-6
    assert all(times[p] >= 0 for p in PHASES) and times["check"] < times["build"]


def test_publish_timer_times_a_cold_publish_and_leaves_its_cache(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    times = time_publish(tmp_path / "project", project_addresses(tmp_path / "project"))
    steps = ("hash", "publish_build", "derive", "store")
    assert all(times[step] > 0 for step in steps)
    # The steps account for the whole publish, up to the timer's own calls between them (which
    # a busy machine can stretch: a share of the whole, not a fixed amount).
    assert (
        abs(times["publish"] - sum(times[step] for step in steps)) < 0.01 + 0.05 * times["publish"]
    )
    assert (tmp_path / "project" / ".cache" / "factbook" / "output-en.cache").is_file()
    assert missing_probes({**times, **time_build(tmp_path / "project")}) == []


def test_builds_report_the_hooks_time_and_whether_the_cache_was_read(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    cold = run_build(tmp_path / "project", tmp_path / "site")
    warm = run_build(tmp_path / "project", tmp_path / "site")
    assert (cold.from_cache, warm.from_cache) == (False, True)
    assert cold.hook is not None and warm.hook is not None and 0 <= warm.hook < cold.hook
    # One edition unless asked: no Korean or Japanese site inside the English one.
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "site" / "ko").exists() and not (tmp_path / "site" / "ja").exists()


def test_a_build_of_all_editions_makes_them_beside_its_site(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    sites = tmp_path / "sites"
    sites.mkdir()
    build = run_build(tmp_path / "project", sites / "all", all_editions=True)
    assert build.from_cache is False  # the English edition's log line, read as for one edition
    for language in ("ko", "ja"):
        assert (sites / "all" / language / "index.html").is_file()
    # The other editions were staged beside the site (TMPDIR) and moved in: nothing is left.
    assert [p.name for p in sites.iterdir()] == ["all"]


# --- results, targets, page (made-up figures) ----------------------------------------------


def builds(
    *walls: float, hook: float | None = None, cached: bool | None = None
) -> tuple[Build, ...]:
    return tuple(Build(w, w * 0.98, 90 * 2**20, w - 0.2, hook, cached) for w in walls)


def size(
    n: int, cold: float, warm: float, floor: float, baseline: bool = True, editions: bool = True
) -> SizeResult:
    phases = {
        "load": 0.1 * n / 1000,
        "validate": 0.05,
        "assemble": 0.02,
        "link": 0.03,
        "render": 0.24 * n / 1000,
        "backlinks": 0.01,
        "check": 0.19 * n / 1000,
        "build": 0.44 * n / 1000,
        "publish": 0.5,
        "publish_build": 0.41,
        "derive": 0.06,
        "store": 0.01,
        "hash": 0.01,
        "cached": 0.007,
        "records": n,
        "pages": n + 77,
    }
    pages = Pages(
        n + 81,
        22_000,
        (41_000, "topics/a/"),
        ((300_000, "glossary/"), (50_000, "topics/")),
        2 * 2**20,
        30 * 2**20,
    )
    return SizeResult(
        n,
        counts_for(n),
        n // 25,
        n + 77,
        4,
        phases,
        builds(cold, cold * 1.01, cold * 0.99, hook=0.5, cached=False),
        builds(warm, warm * 1.01, warm * 0.99, hook=0.01, cached=True),
        builds(floor, floor * 1.01, floor * 0.99),
        pages,
        replace(pages, median_record=20_000),
        builds(cold * 1.02, cold * 1.03, cold, hook=0.55, cached=False) if baseline else (),
        builds(warm, warm, warm, hook=0.01, cached=True) if baseline else (),
        tuple(
            Build(w, 3.1 * w / 2.2, 120 * 2**20, w - 0.2, 0.5, False)
            for w in (2.2 * cold, 2.3 * cold, 2.1 * cold)
        )
        if editions
        else (),
    )


def served(n: int, rebuild: float, tenth: float, last: float, edits: int = 100) -> Serve:
    """`mkdocs serve` at N = n: rebuilds around `rebuild` seconds (the 10 slowest 1.5 ×),
    memory 20 MB below `tenth` after the first edit, `tenth` MB after the 10th, rising evenly
    to `last` after the last."""
    rebuilds = tuple(rebuild * (1.5 if i % 10 == 9 else 1 + i / 1000) for i in range(edits))
    memory = tuple(
        tenth - 20 + 20 * i / 9 if i < 9 else tenth + (last - tenth) * (i - 9) / max(edits - 10, 1)
        for i in range(edits)
    )
    return Serve(
        n,
        "data/events/a.yaml",
        5 * rebuild,
        rebuilds,
        tuple(0.2 for _ in range(edits)),
        tuple(x - 0.25 for x in rebuilds),
        memory,
        tenth - 40,
        n + 77,
        (1,),
        1.5,
    )


SERVE = (served(1000, 0.6, 180.0, 190.0), served(10000, 1.8, 600.0, 650.0))
"""Both targets on time met; memory: 190 / 180 = 1.056 and 650 / 600 = 1.083, met."""


def sample(
    baseline: bool = True,
    serve: bool | tuple[Serve, ...] = True,
    editions: bool = True,
) -> Results:
    sizes = (
        size(100, 0.95, 0.84, 0.82, baseline, editions),
        size(1000, 6.22, 5.67, 5.53, baseline, editions),
        size(10000, 58.21, 52.85, 50.38, baseline, editions),
    )
    meta = Meta(
        ".venv/bin/python tests/benchmark/run.py --sizes 100,1000,10000 --write-page",
        "2 cores",
        "hooks/ at commit abc1234",
        "2026-01-01 12:00",
        1,
        {r.n: 3 for r in sizes},
        3,
        "hooks/ at commit def5678 (main)" if baseline else None,
    )
    profile = Profile(
        10000,
        168.7,
        148.0,
        ((20.7, 0.04, 579, 336, "mkdocs/__main__.py:1(x)"),),
        ((0.53, 0.77, 10129, "hooks/factbook/glossary.py:96(find)"),),
    )
    return Results(
        meta, sizes, (SERVE if serve is True else () if serve is False else serve), profile
    )


def test_results_round_trip_through_json() -> None:
    for results in (sample(), sample(baseline=False, serve=False)):
        text = to_json(results, report.derived(results))
        assert from_json(text) == results
        assert '"derived"' in text and '"targets"' in text


def test_results_from_before_the_editions_still_load_and_render() -> None:
    text = to_json(sample(editions=False))
    data = json.loads(text)
    for size_data in data["sizes"]:
        del size_data["editions"]  # as results.json held them before the editions
    older = from_json(json.dumps(data))
    assert older == sample(editions=False) and all(r.editions == () for r in older.sizes)
    page = report.page(older)
    assert "three editions" not in page.lower()
    committed = from_json((Path(run.__file__).parent / "results.json").read_text("utf-8"))
    assert report.page(committed).startswith("---\n")


def test_results_from_before_serve_at_several_sizes_still_load_and_render() -> None:
    """results.json used to hold one `mkdocs serve` (or null), without memory."""
    data = json.loads(to_json(sample(serve=False)))
    data["serve"] = {
        "n": 1000,
        "edited": "data/events/a.yaml",
        "initial": 6.5,
        "rebuilds": [7.3, 7.4, 7.5],
        "detected": [0.3, 0.3, 0.4],
        "reported": [7.0, 7.0, 7.1],
    }
    older = from_json(json.dumps(data))
    assert older.serve == (
        Serve(1000, "data/events/a.yaml", 6.5, (7.3, 7.4, 7.5), (0.3, 0.3, 0.4), (7.0, 7.0, 7.1)),
    )
    (serve,) = older.serve
    assert serve.memory == () and serve.memory_initial is None and serve.pages is None
    assert serve.full_rebuilds is None and serve.quiet == 3.0  # as they were measured then
    outcomes = {o.target.name: o for o in evaluate(older)}
    at_1000 = outcomes["serve: one title changed ≤ 1 s at N = 1,000 (median of edits)"]
    assert at_1000.status == "not met" and at_1000.measured is not None
    assert at_1000.measured.value == pytest.approx(7.4)
    at_10000 = outcomes["serve: one title changed ≤ 2 s at N = 10,000 (median)"]
    assert (at_10000.status, at_10000.why) == (
        "not measured",
        "`mkdocs serve` not run at N = 10,000",
    )
    memory = next(o for name, o in outcomes.items() if name.startswith("serve memory"))
    assert (memory.status, memory.why) == ("not measured", "the server's memory was not recorded")
    page = report.page(older)
    assert '| **Write to "Reloading browsers", median** | **7.40 s** |' in page
    assert "| … after the last edit | n/a |" in page
    assert "| Edits answered by rebuilding the whole site | n/a |" in page
    assert "These results do not record whether the server rebuilt only what changed" in page
    assert "rebuilds only what changed (quick rebuilds)" not in page
    for nothing in (None, "missing"):
        if nothing is None:
            data["serve"] = None
        else:
            del data["serve"]
        assert from_json(json.dumps(data)).serve == ()
    committed = from_json((Path(run.__file__).parent / "results.json").read_text("utf-8"))
    assert isinstance(committed.serve, tuple)


def test_serve_targets_judge_the_median_and_the_memory_after_100_edits() -> None:
    def serve_outcomes(serve: tuple[Serve, ...]) -> dict[str, tuple[str, float | None, str | None]]:
        return {
            o.target.name.split(":")[0] + (f" {o.target.n}" if o.target.n else ""): (
                o.status,
                o.measured.value if o.measured else None,
                o.why,
            )
            for o in evaluate(sample(serve=serve))
            if "serve" in o.target.name
        }

    met = serve_outcomes(SERVE)
    assert {k: v[0] for k, v in met.items()} == {
        "serve 1000": "met",
        "serve 10000": "met",
        "serve memory bounded over 100 edits": "met",
    }
    assert met["serve 1000"][1] == pytest.approx(0.6 * (1 + 54.5 / 1000))  # median of 100
    # The target holds at every size: the larger of the two ratios is the one judged.
    assert met["serve memory bounded over 100 edits"][1] == pytest.approx(650 / 600)

    slow = serve_outcomes((served(1000, 1.2, 180.0, 190.0), served(10000, 2.5, 600.0, 650.0)))
    assert (slow["serve 1000"][0], slow["serve 10000"][0]) == ("not met", "not met")
    growing = serve_outcomes((served(1000, 0.6, 180.0, 200.0), SERVE[1]))
    assert growing["serve memory bounded over 100 edits"][:2] == (
        "not met",
        pytest.approx(200 / 180),
    )
    # Fewer than 100 edits: the times are judged, the memory is not.
    few = serve_outcomes(tuple(served(x.n, 0.6, 180.0, 400.0, edits=12) for x in SERVE))
    assert few["serve 1000"][0] == "met"
    assert few["serve memory bounded over 100 edits"] == (
        "not measured",
        None,
        "12 edits, fewer than 100",
    )
    # Served at 1,000 only: the 10,000 target is on the page as not measured.
    one = serve_outcomes(SERVE[:1])
    assert one["serve 10000"] == ("not measured", None, "`mkdocs serve` not run at N = 10,000")
    assert one["serve memory bounded over 100 edits"][0] == "met"
    assert serve_outcomes(()) == {}  # not run at all: left off


def test_targets_are_evaluated_from_the_table() -> None:
    outcomes = {o.target.name: o for o in evaluate(sample())}
    assert set(outcomes) == {t.name for t in TARGETS}
    cold = outcomes["engine / floor ≤ 1.05 at N = 1,000 (cold: first build, or any data changed)"]
    warm = outcomes[
        "engine / floor ≤ 1.05 at N = 1,000 (warm: unchanged data, from the build cache)"
    ]
    assert (cold.status, warm.status) == ("not met", "met")
    assert cold.measured is not None and cold.measured.value == pytest.approx(6.22 / 5.53)
    linear = outcomes["linear: build(10,000) ≤ 11 × build(1,000), cold"]
    assert linear.status == "met" and linear.measured is not None
    assert linear.measured.value == pytest.approx(58.21 / 6.22)
    search = next(o for name, o in outcomes.items() if name.startswith("search index"))
    assert search.status == "met" and search.measured is not None
    assert search.measured.value == pytest.approx(2 * 2**20 / 10000)
    slower = [o for name, o in outcomes.items() if "baseline" in name]
    assert [o.status for o in slower] == ["met", "met"]  # current / baseline 0.98 (median)
    editions = [o for name, o in outcomes.items() if name.startswith("three editions")]
    assert [o.target.n for o in editions] == [1000, 10000]
    assert [o.status for o in editions] == ["met", "met"]
    measured = editions[0].measured
    assert measured is not None
    # Median against median, wall and CPU; the target holds for both, so the value is the larger.
    assert measured.facts["wall"] == pytest.approx(2.2 * 6.22 / 6.22)
    assert measured.facts["cpu"] == pytest.approx((3.1 * 6.22) / (6.22 * 0.98))
    assert measured.value == max(measured.facts["wall"], measured.facts["cpu"])
    costly = replace(
        sample(),
        sizes=tuple(
            replace(r, editions=tuple(replace(b, cpu=3.4 * b.cpu / 3.1) for b in r.editions))
            for r in sample().sizes
        ),
    )
    assert {o.status for o in evaluate(costly) if o.target.name.startswith("three editions")} == {
        "not met"
    }  # wall 2.2 ×, CPU 3.4 × 0.98⁻¹: one over 3.3 is enough
    # Without serve, baseline and editions, their (optional) targets are left off; a missing
    # size is "not measured", not silently met.
    names = [o.target.name for o in evaluate(sample(baseline=False, serve=False, editions=False))]
    assert not any("serve" in name or "baseline" in name or "editions" in name for name in names)
    small = replace(sample(serve=SERVE[:1]), sizes=sample().sizes[:2])
    assert {o.status for o in evaluate(small) if "10,000" in o.target.name} == {"not measured"}
    assert passes(Target("t", "m", "abs<=", 0.1), -0.05)
    assert not passes(Target("t", "m", "<=", 1.05), 1.06)


def skeleton(markdown: str) -> set[str]:
    """Headings, the first cell of every table row and the start of every list item: what the
    page has, without the figures."""
    parts = set()
    for line in markdown.splitlines():
        if line.startswith("#") or line.startswith("- N = "):
            parts.add(re.sub(r"[\d,.]+", "#", line.split(":")[0]))
        elif line.startswith("| ") and not line.startswith("| ---"):
            parts.add(line.split(" | ")[0])
        elif line.startswith("- ") and ":" in line:
            parts.add(line.split(":")[0])
    return parts


def test_page_has_every_section_and_row_of_the_committed_page() -> None:
    committed = (REPO / "docs" / "benchmark.md").read_text(encoding="utf-8")
    rendered = report.page(sample())
    missing = skeleton(committed) - skeleton(rendered) - {"- Compared with"}
    assert not missing
    assert rendered.startswith("---\n") and "\n# Benchmark\n" in rendered
    assert "```text\nProfile at N = 10,000" in rendered
    assert (
        "| engine / floor ≤ 1.05 at N = 1,000 (cold: first build, or any data changed) | "
        "**not met** | 1.125 wall (CPU 1.125) |" in rendered
    )
    assert "| Build wall time, engine cold | 0.95 s | 6.22 s | 58.21 s |" in rendered
    assert "so engine / floor ≥ " in rendered  # the lower bound, from N = 1,000 up
    assert "| Search index per record | 20,972 bytes | 2,097 bytes | 210 bytes |" in rendered
    assert "| Search index; whole site | 2.0 MB (210 bytes per record); 30.0 MB |" in rendered
    # All three editions against one: in the summary, in each size and in the target.
    assert (
        "| Three editions / one edition, cold: wall · CPU | 2.200 · 3.163 | 2.200 · 3.163 |"
        in rendered
    )
    assert (
        "| **three editions / one edition, cold** | **2.200** wall (13.68 s against the engine "
        "cold's 6.22 s), **3.163** CPU (19.28 s against 6.10 s) |" in rendered
    )
    assert (
        "| three editions ≤ 3.3 × one edition at N = 10,000, cold (wall and CPU) | met | "
        "2.200 wall (128.1 s against 58.21 s), 3.163 CPU (180.5 s against 57.05 s) |" in rendered
    )
    assert "engine warm, baseline warm, three editions cold) per size" in rendered
    # `mkdocs serve` at both sizes: times, memory, and the targets with their figures.
    assert "| `mkdocs serve` (English edition) | N = 1,000 | N = 10,000 |" in rendered
    assert "| Generated pages | 1,077 | 10,077 |" in rendered
    assert '| **Write to "Reloading browsers", median** | **0.63 s** | **1.90 s** |' in rendered
    assert "| … 90th percentile · max | 0.68 s · 0.90 s | 2.05 s · 2.70 s |" in rendered
    assert "| Edits answered by rebuilding the whole site | 1 (edit 1) | 1 (edit 1) |" in rendered
    assert '| Server\'s memory (RSS) at "Serving on" | 140.0 MB | 560.0 MB |' in rendered
    assert "| … after the first edit | 160.0 MB | 580.0 MB |" in rendered
    assert "| … after edit 10 | 180.0 MB | 600.0 MB |" in rendered
    assert "| … after the last edit | 190.0 MB | 650.0 MB |" in rendered
    assert (
        "| **Growth from edit 10 to the last** | **+10.0 MB** (+5.6%) | **+50.0 MB** (+8.3%) |"
        in rendered
    )
    assert (
        "| serve: one title changed ≤ 2 s at N = 10,000 (median) | met | 1.90 s (median of 100; "
        "90th percentile 2.05 s, max 2.70 s) |" in rendered
    )
    assert (
        "| serve memory bounded over 100 edits: RSS after the last edit ≤ 1.10 × RSS after the "
        "10th | met | at N = 1,000: 1.056 (190.0 MB after edit 100 against 180.0 MB after edit "
        "10); at N = 10,000: 1.083 (650.0 MB after edit 100 against 600.0 MB after edit 10) |"
        in rendered
    )
    serve_text = rendered.split("## Rebuild under `mkdocs serve`")[1].split("|")[0]
    assert "English edition only" in serve_text and "quiet for 1.5 s" in serve_text
    assert "rebuilds only what changed (quick rebuilds)" in serve_text
    assert "resident memory (RSS)" in serve_text


def test_where_the_time_goes_prints_no_negative_difference_from_noisy_rounds() -> None:
    """Rounds where a warm build took longer than a cold one: the page says the difference is
    within the spread between rounds instead of printing it as a finding."""
    noisy = size(1000, 6.22, 5.67, 5.53)
    noisy = replace(noisy, warm=builds(7.4, 5.0, 6.4, hook=0.01, cached=True))
    page = report.page(replace(sample(), sizes=(noisy,)))
    (line,) = [x for x in page.splitlines() if x.startswith("- N = 1,000: ")]
    assert "within the spread between rounds here" in line
    assert "round by round, in seconds: -1.18, +1.28, -0.24)" in line
    assert "The rest of the difference is within the spread between rounds." in line
    assert "more than a warm one" not in line and not re.search(r" -[\d.]+ s\b", line)


def test_page_shows_the_baseline_side_by_side() -> None:
    with_baseline, without = report.page(sample()), report.page(sample(baseline=False))
    assert "## Against the baseline" in with_baseline and "def5678" in with_baseline
    assert (
        "| **Current / baseline, cold** (wall, median of rounds) | **0.981** "
        "(0.980, 0.981, 0.990) |" in with_baseline
    )
    assert "baseline" not in without.lower()


def test_only_options_that_change_the_figures_are_in_the_command() -> None:
    argv = [
        "--sizes",
        "100",
        "--json",
        "x.json",
        "--keep",
        "--workdir=/tmp/w",
        "--profile",
        "--baseline",
        "main",
        "--write-page",
    ]
    assert run.reproducible(argv) == ["--sizes", "100", "--baseline", "main", "--write-page"]
    assert run.numbers("1000, 10_000") == [1000, 10000] and run.numbers("") == []
    assert run.parse([]).serve_sizes == "1000,10000" and run.parse([]).serve_edits == 100
    assert run.pinned(["--baseline", "HEAD~1"], "abc1234") == ["--baseline", "abc1234"]
    assert run.pinned(["--baseline=main", "--profile"], "abc1234") == [
        "--baseline=abc1234",
        "--profile",
    ]


# --- a whole run, tiny ------------------------------------------------------------------------


def test_a_tiny_run_against_a_baseline_writes_json_that_renders_the_page(tmp_path: Path) -> None:
    """Every part of run.py at N = 12, one round, against this very commit as the baseline
    (which must leave no worktree behind)."""

    def worktrees() -> str:
        return subprocess.run(
            ["git", "worktree", "list", "--porcelain"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    before = worktrees()
    out = tmp_path / "results.json"
    # In a process of its own, as it is run: it measures its snapshot of hooks/, which must be
    # the first core its interpreter imports.
    completed = subprocess.run(
        [
            sys.executable,
            str(Path(run.__file__)),
            "--sizes",
            "12",
            "--pairs",
            "1",
            "--phase-runs",
            "1",
            "--serve-sizes",
            "0",
            "--baseline",
            "HEAD",
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert worktrees() == before
    results = from_json(out.read_text(encoding="utf-8"))
    (size_12,) = results.sizes
    assert len(size_12.cold) == len(size_12.baseline_cold) == len(size_12.floor) == 1
    assert size_12.cold[0].from_cache is False and size_12.warm[0].from_cache is True
    (editions,) = size_12.editions  # one cold build of all three editions per round
    assert editions.from_cache is False and editions.cpu > 0
    assert results.meta.baseline and results.meta.baseline.startswith("hooks/ at commit ")
    assert "--baseline HEAD" not in results.meta.command  # pinned to the commit it named
    page = report.page(results)
    assert "## Against the baseline" in page and "### N = 12" in page
    assert "| **three editions / one edition, cold** | **" in page
