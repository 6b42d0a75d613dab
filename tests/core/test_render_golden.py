"""render.py: generated Markdown compared with checked-in pages (golden files).

After an intended change to templates, regenerate with `make test ARGS=--update-golden`
(or `.venv/bin/python -m pytest tests/core/test_render_golden.py --update-golden`) and review
the diff like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factbook import Project, build
from support import FIXTURES

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "mini"


def generated_pages() -> dict[str, str]:
    result = build(Project(FIXTURES / "mini"))
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.pages


def test_golden_pages(request: pytest.FixtureRequest) -> None:
    pages = generated_pages()
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for src_uri, markdown in pages.items():
            target = GOLDEN / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*.md"))
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run with --update-golden"
    for src_uri, markdown in pages.items():
        assert markdown == expected[src_uri], (
            f"{src_uri} differs: run with --update-golden and review"
        )


def test_rendering_is_deterministic() -> None:
    assert generated_pages() == generated_pages()


def test_long_listings_are_split_into_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factbook import render

    monkeypatch.setattr(render, "SPLIT_AT", 0)
    pages = build(Project(FIXTURES / "mini")).pages
    assert "[2019](timeline/part/2019.md) — 1 entry" in pages["timeline.md"]
    assert "# Timeline: 2023" in pages["timeline/part/2023.md"]
    assert "[K](part/k.md) — 1 entry" in pages["people/index.md"]
    assert "## two-by-two { #two-by-two }" in pages["glossary/part/t.md"]
    # The term's own page points at the part that now holds its entry.
    assert "(part/t.md#two-by-two)" in pages["glossary/two-by-two.md"]


def test_a_large_group_is_cut_into_numbered_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    from factbook import render

    monkeypatch.setattr(render, "SPLIT_AT", 2)
    records = [type("R", (), {"display_name": f"Korea {i}"})() for i in range(5)]
    assert [(key, len(items)) for key, items in render._by_letter(records)] == [
        ("K-1", 2),
        ("K-2", 2),
        ("K-3", 1),
    ]
