"""Reproducible output, and nothing written outside site/.

With SOURCE_DATE_EPOCH set, building the same data twice gives a byte-identical site; so does
the same data split over other files, under other names, in another order. Builds write only
into their site folder: the rest of the project (data/ and docs/ included) keeps every byte and
every modification time.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

import factbook
from factbook import Project
from safety import build
from support import CACHE, FIXTURES, cache_entries, copy_fixture, good_build, snapshot


def tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def resplit(project: Path, seed: int) -> None:
    """Spread the project's records over new files: other names, other folders, other order."""
    records = []
    for path in sorted((project / "data").rglob("*.yaml")):
        for kind, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            records += [(kind, item) for item in items]
        path.unlink()
    rng = random.Random(seed)
    rng.shuffle(records)
    names = ["zz-last.yaml", "more/b.yml", "a-first.yaml", "more/a.yaml"]
    files: dict[str, dict[str, list]] = {name: {} for name in names}
    for index, (kind, item) in enumerate(records):
        files[names[index % len(names)]].setdefault(kind, []).append(item)
    for name, content in files.items():
        target = project / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(content, allow_unicode=True, width=72), encoding="utf-8")


def without_edit_links(project: Path) -> Path:
    # "Edit this page" on a record opens the file and line that define it: those rightly change
    # when the data moves to other files, so the split comparison builds without them.
    config = project / "mkdocs.yml"
    config.write_text(
        "".join(
            line
            for line in config.read_text(encoding="utf-8").splitlines(True)
            if not line.startswith("edit_uri:")
        ),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return good_build("hostile", tmp_path_factory.mktemp("first"))


def test_the_same_data_builds_to_the_same_bytes(first: Path, tmp_path: Path) -> None:
    project = copy_fixture("hostile", tmp_path)
    before = snapshot(project)
    run = build(project, tmp_path / "again")
    assert run.returncode == 0, run.output
    assert len(tree(first)) > 40 and differences(first, run.site) == []
    assert snapshot(project, skip=project / CACHE) == before, "the build wrote outside site/"
    assert cache_entries(project) == [".cache/factbook/output-en.cache"]


def test_a_build_from_the_cache_is_the_same_bytes(first: Path, tmp_path: Path) -> None:
    project = copy_fixture("hostile", tmp_path)
    cold = build(project, tmp_path / "cold")
    assert cold.returncode == 0
    entry = project / CACHE / "output-en.cache"
    stored = entry.stat().st_mtime_ns

    run = build(project, tmp_path / "warm")

    assert run.returncode == 0, run.output
    assert entry.stat().st_mtime_ns == stored, "an unchanged project must be read from the cache"
    # The log says which it was, so a maintainer can tell a data edit was picked up.
    assert re.search(r"INFO +- +factbook: \d+ pages built in ", cold.output), cold.output
    assert re.search(r"INFO +- +factbook: \d+ pages read from the build cache in ", run.output)
    assert differences(first, run.site) == []


def test_data_split_differently_builds_to_the_same_bytes(tmp_path: Path) -> None:
    one = without_edit_links(copy_fixture("hostile", tmp_path / "one"))
    other = without_edit_links(copy_fixture("hostile", tmp_path / "other"))
    resplit(other, seed=3)
    assert sorted(p.name for p in (other / "data").rglob("*.y*ml")) == [
        "a-first.yaml",
        "a.yaml",
        "b.yml",
        "zz-last.yaml",
    ]
    before = snapshot(other)

    runs = [build(project, project / "site") for project in (one, other)]

    assert [r.returncode for r in runs] == [0, 0], runs[1].output
    assert differences(runs[0].site, runs[1].site) == []
    assert snapshot(other, skip=(other / "site", other / CACHE)) == before, (
        "the build wrote outside site/"
    )


def test_the_order_files_are_listed_in_does_not_matter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    project = copy_fixture("hostile", tmp_path)
    resplit(project, seed=5)
    listed = Project.data_files
    expected = factbook.build(Project(project))
    assert expected.ok, expected.diagnostics
    for order in (reversed, lambda files: random.Random(7).sample(files, len(files))):
        monkeypatch.setattr(Project, "data_files", lambda p, order=order: list(order(listed(p))))
        result = factbook.build(Project(project))
        assert result == expected


def test_organization_parts_are_listed_in_a_stable_order(tmp_path: Path) -> None:
    # The fixture defines bureau-b before bureau-a: the page lists them by id, whatever the files.
    page = factbook.build(Project(FIXTURES / "hostile")).pages["organizations/evil-ministry.md"]
    parts = page.split("## Parts", 1)[1].split("##", 1)[0]
    assert parts.index("bureau-a.md") < parts.index("bureau-b.md")


def test_a_failed_build_writes_nothing_anywhere(tmp_path: Path) -> None:
    project = copy_fixture("hostile", tmp_path)
    (project / "data" / "broken.yaml").write_text("events: [\n", encoding="utf-8")
    before = snapshot(tmp_path)
    run = build(project, project / "site")
    assert run.returncode == 1
    assert snapshot(tmp_path) == before and not (project / "site").exists()
    shutil.rmtree(project)
