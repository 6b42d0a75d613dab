"""Limits: Markdown that would make the Markdown engine slow is refused before it is rendered.

Python-Markdown's inline parser is quadratic on some unbalanced constructs: from every `[` it
scans ahead for the matching `]`, from every link's `](` for the matching `)`, and from every
run of backticks for a run of the same length (and from every position inside the run, for every
shorter length); block parsing recurses once per level of nesting. An opener that is never
closed scans to the end of its text, so 25 kB of `[` took minutes to render, and a few hundred
nested list markers crash it (RecursionError). Each Markdown field is rendered on several pages.

The limits below bound the work per character: with at most `MAX_UNCLOSED` openers that scan to
the end and nesting at most `MAX_BRACKET_DEPTH` deep (a closed opener scans only to its closer,
and the sum of those distances is at most length × depth), rendering a field costs a few times
what ordinary prose of the same length costs. Each limit was chosen from the real data (largest
value found, in the comments) with a wide margin; the README's "Data safety" lists them.

`text_problems` is the scan itself (pure, one pass, no backtracking regular expression);
`field_problems` places its findings in a data file and `page_problems` in a hand-written page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Diagnostic, Position, Severity
from .model import Prose

MAX_FIELD_CHARS: dict[str, int] = {
    "summary": 2_000,  # real data: at most 445 characters
    "outcome": 2_000,  # 395
    "note": 2_000,  # 378
    "definition": 4_000,  # 986
    "terms": 3_000,  # 396
    "details": 10_000,  # 1,964
}
"""Characters per Markdown field, by field name. An explainer's summary is a paragraph; details
are a few paragraphs. The longest field bounds what one unclosed opener can cost."""

MARKS_PER_CHARACTER = 1 / 10
MARKS_FREE = 20
"""Inline marks per data field (`[`, `](`, runs of backticks, runs of `*` or `_`): at most
`MARKS_FREE` plus one per ten characters. Real data: at most one per 22 characters (52 in the
longest field). Every link, code span or emphasis costs Python-Markdown about 30 µs, a hundred
times a character of prose, so a field of nothing but code spans (`x` `y` ...) rendered at 30
times the cost of prose per character; at this density, at most about 10 times."""

MAX_OTHER_FIELD_CHARS = 2_000
"""Characters of a Markdown field not named above (a kind declared later may bring one): as
much as a summary, until its declaration says more."""

MAX_UNCLOSED = 2
"""Openers never closed, per field or page, of each kind: `[` without its `]`, a link's `](`
without its `)`, a run of backticks with no run of the same length after it. Real data and pages:
none. Each one scans to the end of its text, a `[` once for each of the six link and image
patterns (measured: four at the start of a field cost 1 µs per character, three times prose)."""

MAX_BRACKET_DEPTH = 6
"""Nesting of `[` (and of links' `(`). Real data: 2, as in `[[id|label]]`; a link around a
reference makes 3. Every bracket is scanned to its closer, so depth multiplies the cost."""

MAX_BACKTICK_RUN = 5
"""Longest run of backticks. Real data: none; pages: 3 (a code fence). An unclosed run of k is
tried at each of its k positions with each shorter length: k² scans of the rest of the text."""

MAX_NESTING = 8
"""Levels of block nesting on one line: quote markers (`>`), list markers (`-`, `1.`) and every
four columns of indentation. Real data and pages: 1 (a plain list). Python-Markdown recurses
per level and crashes at a few hundred."""

MAX_FILE_MARKS = 20_000
"""Inline marks (as counted for `MARKS_PER_CHARACTER`) in all Markdown fields of one data file
together. Real data: at most 130 in one file; the benchmark's synthetic files, which grow as a
large site's would, at most 9,404. Marks are what makes Markdown costly (prose costs about a
tenth as much per character): a 1 MB file at every other limit holds about 83,000 of them and
added 7.5 s to a build. (Data can be spread over any number of files: a site's build time grows
with its data like any site's, only never faster.)"""

MAX_WORD = 1_000
"""Longest run of characters without white space. Real data: 54; pages: 85 (an address). Finding
link addresses (`links.destinations`) reads each up to the next white space."""

MAX_DEFINITIONS = 4
"""Link and footnote definitions (`[label]: address`, `[^1]: text`) per field or page. Real data
and pages: none (links are written inline). Python-Markdown cuts its block in two at each
definition and parses the rest again, so their cost grows with their number times the length."""

MAX_ABBREVIATIONS = 0
"""Abbreviation definitions (`*[HTML]: ...`) in a data field. Their cost grows with the number
of definitions times the length of the whole page they land on (the timeline holds every
summary), and hover definitions are what glossary terms (`terms:`) are for."""

_BULLETS = frozenset("-*+")


@dataclass(frozen=True)
class Problem:
    """One limit exceeded: where (an index into the text; None for the text as a whole), what,
    and how to fix it."""

    offset: int | None
    message: str
    hint: str


def text_problems(text: str, field: str | None = None, counted: int | None = None) -> list[Problem]:
    """Every limit `text` exceeds, at most one problem per limit. `field` names a data field
    (its length, density of marks and abbreviations are limited); None is a hand-written page."""
    problems: list[Problem] = []
    limit = MAX_FIELD_CHARS.get(field, MAX_OTHER_FIELD_CHARS) if field is not None else None
    if limit is not None and len(text) > limit:
        problems.append(
            Problem(
                None,
                f"{field} is {len(text):,} characters long; the limit is {limit:,}",
                "shorten it; put long explanations in `details:` or in a page under docs/"
                if field != "details"
                else "shorten it, or move the explanation to a page under docs/",
            )
        )
    if limit is not None:
        problems += _marks(text, counted)
    problems += _brackets(text)
    problems += _backticks(text)
    problems += _lines(text, abbreviations=field is not None)
    return sorted(problems, key=lambda p: -1 if p.offset is None else p.offset)


_TOKENS = re.compile(r"\\.|`+|[\[\]()]", re.DOTALL)
"""What the bracket and backtick scan looks at: an escape (a backslash and the character it
escapes), a run of backticks, a bracket or parenthesis. Each match is one step: linear."""
_WORDS = re.compile(r"[^ \t\n\r\f\v]+")


_MARKS = re.compile(r"\\.|`+|\]\(|\[|[*_]+", re.DOTALL)


def marks(text: str) -> int:
    """Inline marks in a Markdown text (escaped characters are text)."""
    return sum(1 for mark in _MARKS.findall(text) if mark[0] != "\\")


def _marks(text: str, counted: int | None = None) -> list[Problem]:
    """Too many inline marks for the field's length (escaped characters are text); `counted`:
    `marks(text)`, if the caller has it already."""
    allowed = MARKS_FREE + int(len(text) * MARKS_PER_CHARACTER)
    if (marks(text) if counted is None else counted) <= allowed:
        return []
    count = 0
    for match in _MARKS.finditer(text):
        if match.group()[0] == "\\":
            continue
        count += 1
        if count > allowed:
            total = count + sum(
                1 for rest in _MARKS.finditer(text, match.end()) if rest.group()[0] != "\\"
            )
            return [
                Problem(
                    match.start(),
                    f"{total:,} Markdown marks ('[', '](', '`', '*', "
                    f"'_') in {len(text):,} characters; at most {allowed:,} ({MARKS_FREE}, "
                    f"plus one per {round(1 / MARKS_PER_CHARACTER)} characters)",
                    "use less formatting; write \\* or \\_ for a star or underscore as text",
                )
            ]
    return []


def _brackets(text: str) -> list[Problem]:
    """Unclosed and deeply nested `[` and link parentheses, matched as the parser matches them
    (a backslash escapes the next character)."""
    problems: list[Problem] = []
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # (offset, whether it opens a link's address)
    open_links = 0
    too_deep = False
    previous = -1  # where the last `]` that was not escaped ended
    for match in _TOKENS.finditer(text):
        char, index = match.group(), match.start()
        if char == "[":
            brackets.append(index)
            if len(brackets) > MAX_BRACKET_DEPTH and not too_deep:
                too_deep = True
                problems.append(_too_deep(index))
        elif char == "]":
            previous = index + 1
            if brackets:
                brackets.pop()
        elif char == "(":
            is_link = previous == index
            parens.append((index, is_link))
            if is_link:
                open_links += 1
                if open_links > MAX_BRACKET_DEPTH and not too_deep:
                    too_deep = True
                    problems.append(_too_deep(index))
        elif char == ")" and parens and parens.pop()[1]:
            open_links -= 1
    if len(brackets) > MAX_UNCLOSED:
        problems.append(
            Problem(
                brackets[0],
                f"{len(brackets):,} '[' are never closed by ']' "
                f"(at most {MAX_UNCLOSED} may be); the first is here",
                "close each bracket, or write \\[ for a bracket as text",
            )
        )
    links = [offset for offset, is_link in parens if is_link]
    if len(links) > MAX_UNCLOSED:
        problems.append(
            Problem(
                links[0] - 1,
                f"{len(links):,} links '](' are never closed by "
                f"')' (at most {MAX_UNCLOSED} may be); the first is here",
                "close each link's address with ')', or write \\] for a bracket as text",
            )
        )
    return problems


def _too_deep(offset: int) -> Problem:
    return Problem(
        offset,
        f"brackets are nested more than {MAX_BRACKET_DEPTH} deep",
        "close brackets sooner, or write \\[ for a bracket as text",
    )


def _backticks(text: str) -> list[Problem]:
    """Runs of backticks: none too long, and few that nothing closes (their search for a closing
    run reaches the end of the text)."""
    if "`" not in text:  # most prose has no code at all
        return []
    runs = [
        (match.start(), len(match.group()))
        for match in _TOKENS.finditer(text)
        if match.group()[0] == "`"
    ]
    problems: list[Problem] = []
    longest = max(runs, key=lambda run: run[1], default=(0, 0))
    if longest[1] > MAX_BACKTICK_RUN:
        problems.append(
            Problem(
                longest[0],
                f"a run of {longest[1]:,} backticks (at most {MAX_BACKTICK_RUN} in a row)",
                "code needs one backtick on each side; write \\` for a backtick as text",
            )
        )
    # As the parser reads them: a run is closed by the next run of the same length, and what
    # lies between is code; a run with no such partner is text, and its search reached the end.
    partner: list[int | None] = [None] * len(runs)
    next_of_length: dict[int, int] = {}
    for position in range(len(runs) - 1, -1, -1):
        partner[position] = next_of_length.get(runs[position][1])
        next_of_length[runs[position][1]] = position
    unclosed: list[int] = []
    position = 0
    while position < len(runs):
        closer = partner[position]
        if closer is None:
            unclosed.append(runs[position][0])
            position += 1
        else:
            position = closer + 1
    if len(unclosed) > MAX_UNCLOSED:
        problems.append(
            Problem(
                unclosed[0],
                f"{len(unclosed):,} runs of backticks are never "
                f"closed (at most {MAX_UNCLOSED} may be); the first is here",
                "close each code span with as many backticks as opened it, or "
                "write \\` for a backtick as text",
            )
        )
    return problems


def _lines(text: str, abbreviations: bool) -> list[Problem]:
    """Block nesting per line, unbroken runs of characters, link and abbreviation definitions."""
    problems: list[Problem] = []
    deepest: tuple[int, int] = (0, 0)  # (depth, offset of where the line's text starts)
    definitions: list[int] = []
    defined: list[int] = []
    start, end = 0, len(text)
    while start <= end:
        stop = text.find("\n", start)
        if stop < 0:
            stop = end
        depth, at = _nesting(text, start, stop)
        if depth > deepest[0]:
            deepest = (depth, at)
        if text.startswith("[", at) and text.find("]:", at, stop) > 0:
            definitions.append(at)
        elif abbreviations and text.startswith("*[", at) and text.find("]:", at, stop) > 0:
            defined.append(at)
        start = stop + 1
    if deepest[0] > MAX_NESTING:
        problems.append(
            Problem(
                deepest[1],
                f"blocks are nested {deepest[0]:,} deep (quotes, "
                f"list items, indentation; at most {MAX_NESTING})",
                "use fewer levels of lists and quotes",
            )
        )
    # No word is longer than the text: most fields are shorter than the limit.
    longest = None
    if len(text) > MAX_WORD:
        longest = max(_WORDS.finditer(text), key=lambda m: m.end() - m.start(), default=None)
    if longest is not None and longest.end() - longest.start() > MAX_WORD:
        problems.append(
            Problem(
                longest.start(),
                f"{longest.end() - longest.start():,} characters "
                f"without a space (at most {MAX_WORD:,})",
                "break the text with spaces; shorten the address",
            )
        )
    if len(definitions) > MAX_DEFINITIONS:
        problems.append(
            Problem(
                definitions[MAX_DEFINITIONS],
                f"{len(definitions):,} link or "
                f"footnote definitions ('[label]: ...'; at most "
                f"{MAX_DEFINITIONS})",
                "write links inline: [text](address)",
            )
        )
    if len(defined) > MAX_ABBREVIATIONS:
        problems.append(
            Problem(
                defined[0],
                "abbreviation definitions ('*[...]: ...') are not allowed in data",
                "make it a glossary term (terms:), which shows its definition on hover everywhere",
            )
        )
    return problems


def _nesting(text: str, start: int, stop: int) -> tuple[int, int]:
    """Block nesting at the start of a line (markers plus indentation in steps of four), and
    where the line's text starts after them."""
    depth = 0
    columns = 0
    index = start
    while index < stop:
        char = text[index]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">" or (char in _BULLETS and (index + 1 == stop or text[index + 1] in " \t")):
            depth += 1
            if index + 1 < stop and text[index + 1] == " ":
                index += 1  # the space after a marker belongs to it, not to the indentation
        elif char.isdigit():
            digits = index
            while digits < stop and digits - index < 9 and text[digits].isdigit():
                digits += 1
            if (
                digits < stop
                and text[digits] in ".)"
                and (digits + 1 == stop or text[digits + 1] in " \t")
            ):
                depth += 1
                index = digits + 1
            else:
                break
        else:
            break
        index += 1
    return depth + columns // 4, index if index < stop else max(start, stop - 1)


# -- where a problem is, in a data file or a page ------------------------------------------------


def field_problems(prose: Prose, counted: int | None = None) -> list[Diagnostic]:
    """The first limit a Markdown field of a record exceeds (one line per field, however broken
    it is), at its line and column in the YAML file, or at the start of the value when the YAML
    spelling hides it (escapes, for instance). `counted`: its `marks()`, if known."""
    return [
        Diagnostic(_in_raw(prose, problem.offset), problem.message, problem.hint)
        for problem in text_problems(prose.text, prose.field, counted)[:1]
    ]


def file_problem(position: Position, total: int) -> Diagnostic | None:
    """A data file whose Markdown fields together, up to and including the one at `position`,
    hold `total` marks: one error at the field that goes over `MAX_FILE_MARKS`."""
    if total <= MAX_FILE_MARKS:
        return None
    return Diagnostic(
        position,
        f"this file's Markdown fields hold more than {MAX_FILE_MARKS:,} marks ('[', '](', '`', "
        f"'*', '_') together; this one brings them to {total:,}",
        "split the records over several files",
    )


def page_problems(path: str, markdown: str) -> list[Diagnostic]:
    """The first limit a hand-written page exceeds, as a warning: pages are trusted more than
    data (and a strict build stops on warnings too)."""
    return [
        Diagnostic(
            Position(path).advanced(markdown, problem.offset or 0),
            problem.message,
            problem.hint,
            Severity.WARNING,
        )
        for problem in text_problems(markdown)[:1]
    ]


def _in_raw(prose: Prose, offset: int | None) -> Position:
    """The character at `offset` of the value, found in the value's YAML text: it is the n-th of
    its kind in both when YAML's quoting, folding and indentation left that kind alone."""
    if offset is None or offset >= len(prose.text) or not prose.raw:
        return prose.position
    char = prose.text[offset]
    if char.isspace() or prose.text.count(char) != prose.raw.count(char):
        return prose.position
    index = -1
    for _ in range(prose.text.count(char, 0, offset) + 1):
        index = prose.raw.find(char, index + 1)
    return prose.position.advanced(prose.raw, index)
