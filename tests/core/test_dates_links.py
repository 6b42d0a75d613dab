"""dates.py and links.py: precision-aware dates; `[[id]]` syntax outside code."""

from __future__ import annotations

import pytest

from factbook import links
from factbook.dates import PartialDate, span


@pytest.mark.parametrize(
    ("text", "display", "iso"),
    [
        ("2023", "2023", "2023"),
        ("2023-04", "April 2023", "2023-04"),
        ("2023-04-17", "17 April 2023", "2023-04-17"),
        (1998, "1998", "1998"),
    ],
)
def test_dates_keep_their_precision(text: str | int, display: str, iso: str) -> None:
    date = PartialDate.parse(text)
    assert (date.display, date.iso) == (display, iso)


def test_month_sorts_before_its_days() -> None:
    dates = [PartialDate.parse(t) for t in ("2023-04-17", "2023-04", "2023", "2023-03-31")]
    assert [d.iso for d in sorted(dates, key=lambda d: d.sort_key)] == [
        "2023",
        "2023-03-31",
        "2023-04",
        "2023-04-17",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2023-02-29", "February 2023 has 28 days"),
        ("2023-13", "there is no month 13"),
        ("2024-04-31", "April 2024 has 30 days"),
    ],
)
def test_impossible_dates(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        PartialDate.parse(text)


def test_leap_day_exists() -> None:
    assert PartialDate.parse("2024-02-29").display == "29 February 2024"


def test_spans() -> None:
    assert (
        span(PartialDate.parse("2014-12-26"), PartialDate.parse("2014-12-29"))
        == "26–29 December 2014"
    )
    assert (
        span(PartialDate.parse("2019-06"), PartialDate.parse("2019-07")) == "June 2019 – July 2019"
    )


def test_references_are_found_outside_code_only() -> None:
    text = "A [[a]] and [[b|the B]]; `[[c]]` and ``x [[d]]`` too\n```\n[[e]]\n```\n[[ f ]]\n"
    assert [(f.target, f.label) for f in links.find(text)] == [
        ("a", None),
        ("b", "the B"),
        ("f", None),
    ]


def test_unclosed_fence_hides_the_rest() -> None:
    assert links.find("```\n[[a]]\n") == []


def test_expand_replaces_each_reference() -> None:
    result = links.expand("x [[a]] `[[b]]` [[c|C]]", lambda f: f"<{f.target}:{f.label}>")
    assert result == "x <a:None> `[[b]]` <c:C>"


def test_a_label_may_wrap_across_lines() -> None:
    assert [(f.target, f.label) for f in links.find("see [[a|the long\n  label]] here")] == [
        ("a", "the long label")
    ]


def test_relative_links_match_posixpath() -> None:
    import posixpath

    from factbook.urls import relative

    pages = [
        "index.md",
        "timeline.md",
        "people/a.md",
        "people/index.md",
        "glossary/part/t.md",
        "glossary/index.md",
        "events/part/2019.md",
        "a/b/c/d.md",
    ]
    for source in pages:
        for target in pages:
            expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
            assert relative(source, target) == expected, (source, target)


def test_a_citation_names_each_id_where_it_is_written() -> None:
    text = "Met.[[cite:a]] Then[[cite: b ,c,\n  d]] and [[cite:]] `[[cite:e]]`"
    found = links.find(text)
    assert [f.citation for f in found] == [True, True, True]
    assert [[(c.id, text[c.start : c.start + len(c.id)]) for c in f.cites] for f in found] == [
        [("a", "a")],
        [("b", "b"), ("c", "c"), ("d", "d")],
        [("", "")],
    ]
    assert found[2].cites[0].start == text.index("[[cite:]]") + len("[[cite:")


def test_only_a_citation_may_break_its_line_and_only_after_a_comma() -> None:
    assert [f.target for f in links.find("[[a,\nb]] [[cite:a\n, b]] [[cite:a,\n\nb]]")] == []
    assert [f.target for f in links.find("[[link]] [[chart:t]] [[e:date]]")] == [
        "link",
        "chart:t",
        "e",
    ]
    assert not any(f.citation or f.cites for f in links.find("[[link]] [[chart:t]] [[e:date]]"))
