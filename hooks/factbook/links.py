"""Links: the `[[id]]` / `[[id|text]]` syntax — finding it in Markdown and expanding it to links.

Code is left alone: a reference inside a code span or fenced code block is text, which is also
how an author writes the syntax itself in documentation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# The id stays on one line; a label may wrap, as prose does.
REFERENCE = re.compile(r"\[\[([^\[\]|\n]*?)(?:\|([^\[\]]*?))?\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    target: str
    """The id, stripped of surrounding spaces."""
    label: str | None
    """The text after `|`, if any."""


def prose_segments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the parts of Markdown text that are not code."""
    position = 0
    fence: str | None = None
    segment_start = 0
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            yield from _outside_code_spans(text, segment_start, position)
            fence = match.group(1)
        elif fence is not None and match and match.group(1)[0] == fence[0] \
                and len(match.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
            fence = None
            segment_start = position + len(line)
        position += len(line)
    if fence is None:
        yield from _outside_code_spans(text, segment_start, len(text))


def _outside_code_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    opening = None
    for run in _BACKTICKS.finditer(text, start, end):
        if opening is None:
            opening = run
        elif len(run.group()) == len(opening.group()):
            if opening.start() > cursor:
                yield cursor, opening.start()
            cursor = run.end()
            opening = None
    if cursor < end:
        yield cursor, end


def find(text: str) -> list[Found]:
    """Every `[[...]]` outside code, in order."""
    if "[[" not in text:  # the common case, and cheap
        return []
    found = []
    for start, end in prose_segments(text):
        for match in REFERENCE.finditer(text, start, end):
            label = match.group(2)
            found.append(Found(match.start(), match.end(), match.group(1).strip(),
                               " ".join(label.split()) if label is not None else None))
    return found


def expand(text: str, render: Callable[[Found], str]) -> str:
    """Replace each reference outside code by what `render` makes of it."""
    pieces = []
    cursor = 0
    for ref in find(text):
        pieces.append(text[cursor:ref.start])
        pieces.append(render(ref))
        cursor = ref.end
    pieces.append(text[cursor:])
    return "".join(pieces)
