"""cache.py and publish(): an unchanged project is read back, any change is rebuilt, and the
cache can never fail a build or serve stale output."""

from __future__ import annotations

import dataclasses
import json
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

import factbook
from factbook import Addresses, Project, cache, output
from factbook.dates import PartialDate
from factbook.diagnostics import Severity
from support import CACHE, FIXTURES

ADDRESSES = Addresses("https://example.org/", True)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    return Project(tmp_path / "mini")


def entry(project: Project) -> Path:
    return project.root / CACHE / cache.ENTRY.format(language="en")


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
    data.write_text(
        data.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1), encoding="utf-8"
    )
    changed = factbook.publish(project, ADDRESSES)
    assert changed == fresh(project)
    assert any("Changed" in page for page in changed.pages.values())


def test_a_changed_page_is_rebuilt(project: Project) -> None:
    # A hand-written page's references become backlinks on record pages.
    before = factbook.publish(project, ADDRESSES)
    (project.root / "docs" / "more.md").write_text(
        "# More\n\nSee [[kim-example]].\n", encoding="utf-8"
    )
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
    project: Project,
) -> None:
    factbook.publish(project, ADDRESSES)
    stored = entry(project).read_bytes()
    data = project.root / "data" / "facts.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("kim-example", "kim-exampel", 1), encoding="utf-8")
    failed = factbook.publish(project, ADDRESSES)
    assert not failed.ok and not failed.pages
    assert entry(project).read_bytes() == stored


@pytest.mark.parametrize("damage", [b"", b"not an entry", b"\x80\x05garbage"])
def test_a_damaged_entry_counts_as_absent(project: Project, damage: bytes) -> None:
    factbook.publish(project, ADDRESSES)
    entry(project).write_bytes(damage)
    assert factbook.publish(project, ADDRESSES) == fresh(project)
    assert entry(project).read_bytes() != damage  # replaced by a good entry


def test_a_cache_that_cannot_be_written_is_skipped(project: Project) -> None:
    (project.root / ".cache").write_text("a file where the folder would go", encoding="utf-8")
    assert factbook.publish(project, ADDRESSES) == fresh(project)


def test_a_change_during_the_build_is_not_stored(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An editor saves while the build runs: the output is of the old or the new file, so it must
    # not be filed under either.
    data = project.root / "data" / "facts.yaml"
    real_build = factbook.project.build

    def build_then_edit(p: Project, addresses: Addresses, language: str = "en") -> output.Output:
        result = real_build(p, addresses, language)
        data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return result

    monkeypatch.setattr(factbook.project, "build", build_then_edit)
    factbook.publish(project, ADDRESSES)
    assert not entry(project).exists()


def test_the_key_covers_the_core_itself(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    inputs = project.data_files()
    before = cache.key("settings", inputs)
    core = tmp_path / "core"
    shutil.copytree(cache.CORE, core, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "CORE", core)
    assert cache.key("settings", inputs) == before
    template = core / "templates" / "event.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.key("settings", inputs) != before


class _Armed:
    """Unpickling this opens (so creates) `marker`: what a planted pickle could do instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def armed_pickle(marker: Path) -> bytes:
    return pickle.dumps((None, _Armed(marker)))


def test_the_crafted_pickle_is_armed(tmp_path: Path) -> None:
    # So the test below shows the cache does not unpickle, not that the payload is a dud.
    pickle.loads(armed_pickle(tmp_path / "ran"))
    assert (tmp_path / "ran").exists()


def key_line(project: Project) -> bytes:
    """The first line of the current entry: the key this project's next build will look for."""
    return entry(project).read_bytes().partition(b"\n")[0] + b"\n"


@pytest.mark.parametrize(
    "craft",
    [
        lambda key, marker: armed_pickle(marker),
        lambda key, marker: key + armed_pickle(marker),
        lambda key, marker: key + f'__import__("os").open({str(marker)!r}, 0o101)\n'.encode(),
        lambda key, marker: (
            key
            + json.dumps(
                {"py/reduce": [{"py/function": "builtins.open"}, {"py/tuple": [str(marker), "w"]}]}
            ).encode()
            + b"\n"
        ),
    ],
    ids=["pickle", "key-then-pickle", "key-then-python", "key-then-jsonpickle"],
)
def test_a_planted_entry_never_runs(project: Project, tmp_path: Path, craft: Any) -> None:
    # A file committed with `git add -f` or restored from a shared CI cache, at the entry's
    # path and at the old pickle's: the build reads neither as code and rebuilds.
    factbook.publish(project, ADDRESSES)
    marker = tmp_path / "ran"
    planted = craft(key_line(project), marker)
    entry(project).write_bytes(planted)
    (project.root / CACHE / "output.pickle").write_bytes(armed_pickle(marker))
    rebuilt = factbook.publish(project, ADDRESSES)
    assert not marker.exists()
    assert rebuilt == fresh(project) and not rebuilt.from_cache
    assert entry(project).read_bytes() != planted


def test_a_stored_output_reads_back_equal(project: Project) -> None:
    # Warnings too: a Severity, Positions, every field of Output with something in it (an
    # out-of-date translation gives it a notice).
    translations = project.root / "data" / "translations" / "ko" / "facts.yaml"
    translations.parent.mkdir(parents=True)
    translations.write_text(
        "language: ko\ntranslations:\n  round-one:\n    title: {of: '00000000', text: 제1차}\n",
        encoding="utf-8",
    )
    dated = Project(project.root, today=PartialDate(2020, 1, 1))
    built = fresh(dated)
    assert built.ok and built.diagnostics and built.terms and built.defined_at
    assert all(getattr(built, f.name) for f in dataclasses.fields(built) if f.compare)
    cache.store(dated.root, "k", built)
    again = cache.load(dated.root, "k")
    assert again == built and again is not None and again.from_cache
    assert [type(d.severity) for d in again.diagnostics] == [Severity] * len(built.diagnostics)
    assert cache.load(dated.root, "other") is None


def good_entry(project: Project) -> tuple[bytes, dict[str, Any], bytes]:
    """The current entry's parts: key line, output as JSON values, long texts."""
    key, _, rest = entry(project).read_bytes().partition(b"\n")
    skeleton, _, texts = rest.partition(b"\n")
    return key + b"\n", json.loads(skeleton), texts


def first_span(plain: dict[str, Any]) -> list[int]:
    return next(value for value in plain["pages"].values() if isinstance(value, list))


def wrong_types(plain: dict[str, Any], texts: bytes) -> list[tuple[dict[str, Any], bytes]]:
    """Entries one mistake away from `plain`."""

    def changed(change: Any, new_texts: bytes = texts) -> tuple[dict[str, Any], bytes]:
        copy = json.loads(json.dumps(plain))
        change(copy)
        return copy, new_texts

    diagnostic = ("diagnostics", 0)
    return [
        changed(lambda p: p.update(diagnostics="warning")),
        changed(lambda p: p.update(pages=[])),
        changed(lambda p: p["pages"].update(extra=1)),
        changed(lambda p: p["pages"].update(extra=None)),
        changed(lambda p: p["head"].update(extra=["a", "b"])),
        changed(lambda p: p.update(facts_json=[0, 10**12])),
        changed(lambda p: p.update(facts_json=[5, 4])),
        changed(lambda p: p.update(facts_json=[-1, 4])),
        changed(lambda p: p.update(facts_json=[0, True])),
        changed(lambda p: p.update(from_cache="no")),
        changed(lambda p: p.pop("targets")),
        changed(lambda p: p.update(surplus={})),
        changed(lambda p: p[diagnostic[0]][diagnostic[1]].update(severity="fatal")),
        changed(lambda p: p[diagnostic[0]][diagnostic[1]].update(severity=["warning"])),
        changed(lambda p: p[diagnostic[0]][diagnostic[1]]["position"].update(line="3")),
        changed(lambda p: p[diagnostic[0]][diagnostic[1]]["position"].update(line=True)),
        changed(lambda p: p[diagnostic[0]][diagnostic[1]]["position"].update(line=3.0)),
        changed(lambda p: p["terms"][0].update(forms="a form")),
        changed(lambda p: p["terms"][0].update(forms=[1])),
        changed(lambda p: p.update(terms={})),
        changed(lambda p: p["targets"].update(extra=["people/x.md", "X"])),
        changed(lambda p: p["defined_at"].update(extra={"path": "x", "line": 1})),
        changed(lambda p: None, texts[: first_span(plain)[1] - 1]),  # texts cut short
        changed(lambda p: None, b"\xff" + texts[1:]),  # not UTF-8
    ]


def test_an_entry_of_the_wrong_shape_counts_as_absent(project: Project) -> None:
    dated = Project(project.root, today=PartialDate(2020, 1, 1))
    factbook.publish(dated, ADDRESSES)
    key, plain, texts = good_entry(dated)
    wanted = json.loads(key)
    assert cache.load(dated.root, wanted) is not None  # the untouched parts read back
    for wrong, wrong_texts in wrong_types(plain, texts):
        entry(dated).write_bytes(key + json.dumps(wrong).encode() + b"\n" + wrong_texts)
        assert cache.load(dated.root, wanted) is None, wrong


def test_a_truncated_entry_counts_as_absent(project: Project) -> None:
    factbook.publish(project, ADDRESSES)
    whole = entry(project).read_bytes()
    wanted = json.loads(whole.partition(b"\n")[0])
    skeleton_end = whole.index(b"\n", len(key_line(project)))
    for cut in (
        10,
        len(key_line(project)) - 1,
        len(key_line(project)) + 5,
        skeleton_end,
        skeleton_end + 1,
        len(whole) - 1,
    ):
        entry(project).write_bytes(whole[:cut])
        assert cache.load(project.root, wanted) is None, cut
    entry(project).write_bytes(b"[" * 100_000)  # nested too deep for the parser
    assert cache.load(project.root, wanted) is None
    entry(project).write_bytes(key_line(project) + b"[" * 100_000 + b"\n")
    assert cache.load(project.root, wanted) is None
