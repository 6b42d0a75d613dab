"""Smoke test of the benchmark's generator: a tiny project is valid, complete and deterministic.

No timing here: the benchmark itself is `tests/benchmark/run.py` (see its docstring).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import KIND_WEIGHTS, counts_for, generate, write_floor  # noqa: E402
from phases import PHASES, missing_probes, project_addresses, time_build, time_publish  # noqa: E402,E501
from run import run_build  # noqa: E402

from factbook import Project, build  # noqa: E402

N = 60


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_data_is_valid_and_deterministic(tmp_path: Path) -> None:
    first = generate(N, tmp_path / "a", seed=7)
    generate(N, tmp_path / "b", seed=7)
    generate(N, tmp_path / "c", seed=8)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")

    assert first.counts == counts_for(N) and sum(first.counts.values()) == N
    assert set(first.counts) == set(KIND_WEIGHTS) and min(first.counts.values()) >= 1

    result = build(Project(tmp_path / "a"))
    assert [str(d) for d in result.diagnostics] == []
    assert len(result.model.records) == N
    # One page per record plus the listings; prose carries references and term mentions.
    assert len(result.pages) >= N + 7
    mentions = [r for r in result.references if r.relation == "mentions"]
    assert len(mentions) >= 2 * N
    assert any(r.relation == "chart" for r in result.references)


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
    floor = yaml.safe_load((tmp_path / "floor" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in floor and engine["hooks"]
    assert floor["nav"] == engine["nav"]
    assert floor["theme"] == engine["theme"]


def test_build_probes_fire_and_the_phases_add_up_to_build(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    times = time_build(tmp_path / "project")
    assert set(PHASES) <= set(times) and times["records"] == N
    assert abs(sum(times[p] for p in PHASES) - times["build"]) < 1e-6
    assert all(times[p] >= 0 for p in PHASES)


def test_publish_timer_times_a_cold_publish_and_leaves_its_cache(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    times = time_publish(tmp_path / "project", project_addresses(tmp_path / "project"))
    steps = ("hash", "publish_build", "derive", "store")
    assert all(times[step] > 0 for step in steps)
    assert missing_probes({**times, **time_build(tmp_path / "project")}) == []
    assert abs(times["publish"] - sum(times[step] for step in steps)) < 0.01
    assert (tmp_path / "project" / ".cache" / "factbook" / "output.pickle").is_file()


def test_builds_report_the_hooks_time_and_whether_the_cache_was_read(tmp_path: Path) -> None:
    generate(N, tmp_path / "project", seed=7)
    cold = run_build(tmp_path / "project", tmp_path / "site")
    warm = run_build(tmp_path / "project", tmp_path / "site")
    assert (cold.from_cache, warm.from_cache) == (False, True)
    assert cold.hook is not None and warm.hook is not None and 0 <= warm.hook < cold.hook
