"""cache.py and publish(): an unchanged project is read back, any change is rebuilt, and the
cache can never fail a build or serve stale output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factbook
from factbook import Addresses, Project, cache, output
from factbook.dates import PartialDate
from support import CACHE, FIXTURES

ADDRESSES = Addresses("https://example.org/", True)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    return Project(tmp_path / "mini")


def entry(project: Project) -> Path:
    return project.root / CACHE / cache.ENTRY


def fresh(project: Project, addresses: Addresses = ADDRESSES) -> output.Output:
    """What a build without any cache gives."""
    return factbook.build(project, addresses)


def test_an_unchanged_project_is_read_from_the_cache(project: Project) -> None:
    first = factbook.publish(project, ADDRESSES)
    stored = entry(project).stat().st_mtime_ns
    again = factbook.publish(project, ADDRESSES)
    assert entry(project).stat().st_mtime_ns == stored
    assert again is not first and again == first == fresh(project)
    assert (first.from_cache, again.from_cache) == (False, True)


def test_a_changed_data_file_is_rebuilt(project: Project) -> None:
    factbook.publish(project, ADDRESSES)
    data = project.root / "data" / "facts.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "title: ", "title: Changed ", 1), encoding="utf-8")
    changed = factbook.publish(project, ADDRESSES)
    assert changed == fresh(project)
    assert any("Changed" in page for page in changed.pages.values())


def test_a_changed_page_is_rebuilt(project: Project) -> None:
    # A hand-written page's references become backlinks on record pages.
    before = factbook.publish(project, ADDRESSES)
    (project.root / "docs" / "more.md").write_text("# More\n\nSee [[kim-example]].\n",
                                                   encoding="utf-8")
    after = factbook.publish(project, ADDRESSES)
    assert after.pages["people/kim-example.md"] != before.pages["people/kim-example.md"]
    assert after == fresh(project)


def test_other_settings_are_other_entries(project: Project) -> None:
    factbook.publish(project, ADDRESSES)
    elsewhere = Addresses("https://other.example/", False)
    assert factbook.publish(project, elsewhere) == fresh(project, elsewhere)
    later = Project(project.root, today=PartialDate(2020, 1, 1))
    warned = factbook.publish(later, ADDRESSES)
    assert any("in the future" in str(d) for d in warned.diagnostics)
    assert warned == fresh(later)


def test_warnings_come_back_from_the_cache(project: Project) -> None:
    dated = Project(project.root, today=PartialDate(2020, 1, 1))
    first = factbook.publish(dated, ADDRESSES)
    assert first.ok and first.diagnostics
    assert factbook.publish(dated, ADDRESSES).diagnostics == first.diagnostics


def test_a_failed_build_is_not_stored_and_does_not_reuse_the_last_good_one(
        project: Project) -> None:
    factbook.publish(project, ADDRESSES)
    stored = entry(project).read_bytes()
    data = project.root / "data" / "facts.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("kim-example", "kim-exampel", 1), encoding="utf-8")
    failed = factbook.publish(project, ADDRESSES)
    assert not failed.ok and not failed.pages
    assert entry(project).read_bytes() == stored


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_entry_counts_as_absent(project: Project, damage: bytes) -> None:
    factbook.publish(project, ADDRESSES)
    entry(project).write_bytes(damage)
    assert factbook.publish(project, ADDRESSES) == fresh(project)
    assert entry(project).read_bytes() != damage  # replaced by a good entry


def test_a_cache_that_cannot_be_written_is_skipped(project: Project) -> None:
    (project.root / ".cache").write_text("a file where the folder would go", encoding="utf-8")
    assert factbook.publish(project, ADDRESSES) == fresh(project)


def test_a_change_during_the_build_is_not_stored(project: Project,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # An editor saves while the build runs: the output is of the old or the new file, so it must
    # not be filed under either.
    data = project.root / "data" / "facts.yaml"
    real_build = factbook.project.build

    def build_then_edit(p: Project, addresses: Addresses) -> output.Output:
        result = real_build(p, addresses)
        data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return result

    monkeypatch.setattr(factbook.project, "build", build_then_edit)
    factbook.publish(project, ADDRESSES)
    assert not entry(project).exists()


def test_the_key_covers_the_core_itself(project: Project, monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    inputs = project.data_files()
    before = cache.key("settings", inputs)
    core = tmp_path / "core"
    shutil.copytree(cache.CORE, core, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "CORE", core)
    assert cache.key("settings", inputs) == before
    template = core / "templates" / "event.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.key("settings", inputs) != before
