"""No Markdown that passes the check can stall the build (issue 16).

Python-Markdown's inline parser is quadratic on unbalanced constructs and its block parser
recurses per level of nesting; `factbook.limits` refuses what would cost more than ordinary
prose. The property: generated pathological Markdown (unbalanced brackets, links' `](`, image
openers, backtick runs, emphasis, deep lists and quotes, long lines) either fails the check with
a message, or renders with the site's extensions in time proportional to its length — measured
here, per kilobyte, against ordinary prose rendered in this same process, and at n and 4n
characters, where quadratic growth would show as a factor of 16.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factbook import Project, check, limits, links, text
from factbook.kinds import KINDS
from factbook.model import data_fields
from support import ROOT, copy_fixture

EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
"""The Markdown extensions of the real site (mkdocs.yml)."""

SIZE = 2_000
"""Characters of the smaller text; the larger is four times as long (under the longest field's
limit, so only the construct limits decide)."""
PER_CHARACTER = 25
"""How many times ordinary prose's cost per character accepted Markdown may cost. Measured: at
most about 5 (backtick pairs, emphasis); an unclosed `[` in 8,000 characters costs over 1,000."""
GROWTH = 8
"""How much longer 4n characters may take than n (linear: 4; quadratic: 16)."""
SLACK = 0.005
"""Seconds added to every bound, for timer resolution and a busy machine."""

PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
    max_examples=300,
)


def render(markdown_text: str) -> str:
    """As the site renders a data field: without HTML, references expanded, then Markdown."""
    prepared = links.expand(
        text.markdown_without_html(markdown_text), lambda found: f"[{found.target}](x.md)"
    )
    return markdown.Markdown(extensions=EXTENSIONS).convert(prepared)


def seconds(work: Callable[[], object], repeat: int = 2) -> float:
    """The best of `repeat` runs, without the cycle collector's pauses (they depend on what the
    rest of the test session left behind, not on the text)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - started)
    finally:
        gc.enable()
    return best


PROSE = (
    "The ministers met in Seoul and agreed to *resume* the [[spc|talks]], see "
    "[the report](https://example.org/a). "
)


@pytest.fixture(scope="module")
def prose_cost() -> float:
    """Seconds per character of ordinary prose, in this process, now."""
    sample = (PROSE * (4 * SIZE // len(PROSE) + 1))[: 4 * SIZE]
    render(sample)  # warm up
    return seconds(lambda: render(sample), repeat=5) / len(sample)


# -- pathological Markdown ------------------------------------------------------------------------

OPENERS = st.sampled_from(
    [
        "[",
        "]",
        "](",
        "[a](",
        "![",
        "![a](",
        "[[",
        "]]",
        "(",
        ")",
        "[^",
        "`",
        "``",
        "```",
        "````",
        "`````",
        "``````",
        "*",
        "**",
        "***",
        "_",
        "__",
        "\\",
        "\\[",
        "\\`",
        "<",
        "&",
        "{",
        "|",
        "[a]",
        "[a](b)",
        "[[x|y]]",
        "*[A]: b\n",
        "[x]: http://a\n",
    ]
)
FILLER = st.sampled_from(["", " ", "a", "word ", "\n", "\n\n", "x" * 40])
BALANCED = st.sampled_from(
    [
        "[a] ",
        "[a](b) ",
        "![a](b) ",
        "[[x]] ",
        "[[x|y]] ",
        "`a` ",
        "``a`b`` ",
        "*a* ",
        "**a** ",
        "_a_ ",
        "__a__ ",
        "***a*** ",
        "[a [b [c] d] e] ",
        "[a]([b](c)) ",
        "> x\n",
        "- x\n",
        "    - x\n",
        "1. x\n",
        "a*b_c ",
        "](",
        ")(",
        "*",
        "_",
    ]
)
"""Pieces that close what they open (and a few harmless strays): repeated after a few unclosed
openers, they make texts the limits accept, in which each opener searches ever further."""
BLOCKS = st.sampled_from(["> ", "- ", "* ", "1. ", "    ", "\t", "!!! note\n    "])


@st.composite
def seeds(draw: st.DrawFn) -> tuple[str, str]:
    """(head, unit): the text is the head once, then the unit repeated to the length wanted."""
    kind = draw(st.sampled_from(["mixed", "openers", "nesting", "long line", "accepted"]))
    if kind == "accepted":
        head = "".join(draw(st.lists(OPENERS, max_size=4)))
        return head, "".join(draw(st.lists(BALANCED | FILLER, min_size=1, max_size=6))) or "a"
    if kind == "nesting":
        depth = draw(st.integers(1, 40))
        marker = draw(BLOCKS)
        return "", marker * depth + "x\n" + draw(FILLER)
    if kind == "long line":
        return "", draw(st.text(st.sampled_from("ab[]()`*_ "), min_size=1, max_size=12))
    pieces = draw(st.lists(OPENERS | FILLER, min_size=1, max_size=8))
    if kind == "openers":
        return draw(OPENERS) * draw(st.integers(1, 8)), "".join(pieces) or "a"
    return "", "".join(pieces) or "["


def sized(seed: tuple[str, str], size: int) -> str:
    head, unit = seed
    return (head + unit * (size // len(unit) + 1))[:size]


@PROPERTY
@given(seed=seeds())
def test_pathological_markdown_is_refused_or_renders_in_linear_time(
    seed: tuple[str, str], prose_cost: float
) -> None:
    measured: dict[int, float] = {}
    for size in (SIZE, 4 * SIZE):
        candidate = sized(seed, size)
        checking = seconds(lambda text=candidate: limits.text_problems(text, "details"), repeat=1)
        if checking >= SLACK + 5 * prose_cost * size:  # once more, in case the machine was busy
            checking = seconds(
                lambda text=candidate: limits.text_problems(text, "details"), repeat=3
            )
        assert checking < SLACK + 5 * prose_cost * size, "the scan must cost less than rendering"
        problems = limits.text_problems(candidate, "details")
        if problems:
            assert all(p.message and p.hint and "\n" not in p.message for p in problems)
            continue
        cost = seconds(lambda text=candidate: render(text))
        bound = SLACK + PER_CHARACTER * prose_cost * size
        if cost > bound:  # once more, in case the machine was busy
            cost = seconds(lambda text=candidate: render(text), repeat=3)
        assert cost <= bound, (
            f"{size:,} accepted characters took {cost * 1000:.0f} ms, "
            f"{cost / size / prose_cost:.0f} times prose: {candidate[:80]!r}"
        )
        measured[size] = cost
    if len(measured) == 2:
        assert measured[4 * SIZE] <= GROWTH * measured[SIZE] + SLACK, (
            f"4n took {measured[4 * SIZE] / measured[SIZE]:.1f} times n: {sized(seed, 80)!r}"
        )


def test_the_worst_constructs_are_quadratic_without_the_limits(prose_cost: float) -> None:
    """The measurement can tell: an unclosed `[` per character is refused, and rendering it would
    cost far more than the bound above."""
    candidate = "[" * SIZE
    assert limits.text_problems(candidate, "details")
    assert seconds(lambda: render(candidate), repeat=1) > PER_CHARACTER * prose_cost * SIZE


# -- the issue's inputs, through the check -------------------------------------------------------

ISSUE_INPUTS = {
    "brackets": ("[](" * 4_200 + "[" * 12_400)[:25_000],
    "backticks": "`" * 20_000,
    "images": "![" * 20_000,
}


@pytest.mark.parametrize("name", sorted(ISSUE_INPUTS))
def test_the_issue_inputs_fail_the_check_fast_with_one_line(name: str, tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    record = {
        "id": "hostile",
        "title": "A meeting",
        "date": "2023-04-17",
        "kind": "meeting",
        "summary": ISSUE_INPUTS[name],
        "sources": ["daily-2023"],
    }
    dumped = yaml.safe_dump({"events": [record]}, width=80, sort_keys=False)
    (project / "data" / "hostile.yaml").write_text(dumped, encoding="utf-8")
    started = time.perf_counter()
    result = check(Project(project))
    assert time.perf_counter() - started < 2
    assert [str(d) for d in result.diagnostics] == [
        f"data/hostile.yaml:6:12: summary is {len(ISSUE_INPUTS[name]):,} characters long; the "
        "limit is 2,000 (shorten it; put long explanations in `details:` or in a page under docs/)"
    ]


def test_a_field_is_located_at_its_construct_inside_folded_yaml(tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    (project / "data" / "hostile.yaml").write_text(
        "events:\n  - id: hostile\n    title: A meeting\n    date: 2023-04-17\n    kind: meeting\n"
        "    summary: >\n      They met\n      in Seoul ```a`` b` c` d`` e``` ``````.\n"
        "    sources: [daily-2023]\n",
        encoding="utf-8",
    )
    assert [str(d) for d in check(Project(project)).diagnostics] == [
        "data/hostile.yaml:8:38: a run of 6 backticks (at most 5 in a row) (code needs one "
        "backtick on each side; write \\` for a backtick as text)"
    ]


def test_an_escaped_construct_is_reported_at_the_field_start(tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    (project / "data" / "hostile.yaml").write_text(
        "events:\n  - id: hostile\n    title: A meeting\n    date: 2023-04-17\n    kind: meeting\n"
        '    summary: "x \\x5b \\x5b \\x5b \\x5b \\x5b"\n    sources: [daily-2023]\n',
        encoding="utf-8",
    )
    messages = [str(d) for d in check(Project(project)).diagnostics]
    assert len(messages) == 1 and messages[0].startswith("data/hostile.yaml:6:14: 5 '['")


# -- hand-written pages: a warning, which stops a strict build -----------------------------------


def test_a_page_over_a_limit_warns_at_its_line_and_column(tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    (project / "docs" / "stray.md").write_text(
        "# Stray\n\nSome text\nwith [a [b [c [d [e.\n", encoding="utf-8"
    )
    result = check(Project(project))
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        "docs/stray.md:4:6: warning: 5 '[' are never closed by ']' (at most 2 may be); the first "
        "is here (close each bracket, or write \\[ for a bracket as text)"
    ]


def test_the_real_data_and_pages_are_well_within_the_limits() -> None:
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in KINDS.values():
            fields = [f.key for f in data_fields(kind.record) if f.is_markdown]
            for record in data.get(kind.key) or ():
                for name in fields:
                    value = record.get(name)
                    if value:
                        assert len(value) * 4 <= limits.MAX_FIELD_CHARS[name], (path, name)
                        assert limits.text_problems(value, name) == [], (path, record["id"])
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert limits.text_problems(page.read_text(encoding="utf-8")) == [], page
