"""Links: the `[[id]]` / `[[id|text]]` syntax — finding it in Markdown and expanding it to links.

Code is left alone: a reference inside a code span or fenced code block is text, which is also
how an author writes the syntax itself in documentation.

Also here: finding the destinations of ordinary Markdown links (`[text](url)`, `![alt](url)`,
`[label]: url`) and telling whether one uses a scheme other than http(s), so data cannot give
readers a `javascript:` link. That search errs on the side of finding too much.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# The id stays on one line (a citation's list of ids may break after a comma); a label may
# wrap, as prose does.
REFERENCE = re.compile(r"\[\[( *cite:(?:[^\[\]|\n]|(?<=,)\n)*?|[^\[\]|\n]*?)(?:\|([^\[\]]*?))?\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")

# Python-Markdown reads a destination right after `](`, after optional white space (line breaks
# included), and a reference definition `[label]: url` at the start of a block, which may be
# inside a list item or quote: definitions are matched anywhere, erring on the side of caution.
# In a quote, the address may be on the next line after `>`. Both forms may wrap it in <...>.
# Matches may overlap (lookahead), so one address cannot hide the next.
_INLINE_DESTINATION = re.compile(r"\]\((?=[\s>]*(\S+))")
_DEFINITION = re.compile(r"\[[^\[\]\n]+\]:(?=[\s>]*(\S+))")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f]")
"""Browsers drop control characters and white space in a URL's scheme (`java\tscript:`)."""
_MARKDOWN_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
SAFE_SCHEMES = frozenset({"http", "https"})


CHART_PREFIX = "chart:"
"""`[[chart:topic-id]]` on a line of its own in a hand-written page shows the topic's pictures."""
SITE_PREFIX = "site:"
"""`[[site:as-of]]` shows a fact about the whole site: the date its facts were last reviewed."""
CITE_PREFIX = "cite:"
"""`[[cite:id]]` in a hand-written page: the sources of the record `id` (or the source `id`
itself) as footnotes; `[[cite:id, other-id]]` cites several at once."""
SHOWN_FIELDS = frozenset({"date"})
"""`[[id:date]]` shows a record's date (as its page does) instead of a link with its name."""


@dataclass(frozen=True)
class Cited:
    """One id of a `[[cite:...]]`."""

    start: int
    """Where the id starts in the text (where a list holds an empty item: where it would)."""
    id: str


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    target: str
    """The id, stripped of surrounding spaces."""
    label: str | None
    """The text after `|`, if any."""
    shows: str | None = None
    """What `[[id:field]]` shows of the record instead of its name (`date`)."""
    cites: tuple[Cited, ...] = ()
    """The ids a `[[cite:...]]` names, in order (empty for any other reference)."""

    @property
    def citation(self) -> bool:
        """Whether this is a `[[cite:...]]`."""
        return self.target.startswith(CITE_PREFIX)

    @property
    def site(self) -> str | None:
        """The name of a `[[site:name]]` fact about the whole site, or None."""
        if self.target.startswith(SITE_PREFIX):
            return self.target[len(SITE_PREFIX) :].strip()
        return None

    @property
    def chart(self) -> str | None:
        """The topic id of a `[[chart:topic-id]]`, or None for a reference to a record."""
        if self.target.startswith(CHART_PREFIX):
            return self.target[len(CHART_PREFIX) :].strip()
        return None


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
        elif (
            fence is not None
            and match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not line.strip().strip(fence[0])
        ):
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
            target, shows = match.group(1).strip(), None
            cites: tuple[Cited, ...] = ()
            if target.startswith(CITE_PREFIX):
                cites = _cited(match.group(1), match.start(1))
                target = " ".join(target.split())
            elif ":" in target and not target.startswith((CHART_PREFIX, SITE_PREFIX)):
                target, _, shows = (part.strip() for part in target.partition(":"))
            found.append(
                Found(
                    match.start(),
                    match.end(),
                    target,
                    " ".join(label.split()) if label is not None else None,
                    shows,
                    cites,
                )
            )
    return found


def _cited(inside: str, start: int) -> tuple[Cited, ...]:
    """The ids of `cite: a, b` (the text between the brackets, starting at `start`)."""
    cursor = start + inside.index(CITE_PREFIX) + len(CITE_PREFIX)
    items = []
    for part in inside[cursor - start :].split(","):
        items.append(Cited(cursor + len(part) - len(part.lstrip()), part.strip()))
        cursor += len(part) + 1
    return tuple(items)


def expand(text: str, render: Callable[[Found], str]) -> str:
    """Replace each reference outside code by what `render` makes of it."""
    pieces = []
    cursor = 0
    for ref in find(text):
        pieces.append(text[cursor : ref.start])
        pieces.append(render(ref))
        cursor = ref.end
    pieces.append(text[cursor:])
    return "".join(pieces)


@dataclass(frozen=True)
class Destination:
    start: int
    """Where the address starts in the text."""
    url: str
    """The address as written (without <...>)."""


def destinations(text: str) -> list[Destination]:
    """The address of every Markdown link, image and link definition, in order. Code is searched
    too: whether text is code depends on block structure (a blank line ends a code span), and a
    link that is really in code costs only a message, while a missed one would reach readers."""
    if "](" not in text and "]:" not in text:  # the common case, and cheap
        return []
    found = []
    for pattern in (_INLINE_DESTINATION, _DEFINITION):
        for match in pattern.finditer(text):
            found.append(Destination(match.start(1), _trim(match.group(1))))
    return sorted(found, key=lambda d: d.start)


def _trim(raw: str) -> str:
    """The address alone: without <...>, and without the `)` that closes the link."""
    if raw.startswith("<"):
        return raw[1:].split(">", 1)[0]
    depth = 0
    for index, char in enumerate(raw):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return raw[:index]
            depth -= 1
    return raw


def scheme(url: str) -> str | None:
    """The scheme a browser would see in a link's address (lower case), or None for a relative
    link. Character references (`&#106;avascript:`), Markdown escapes and ignored characters are
    undone first, as the browser and the Markdown engine would."""
    plain = _IGNORED_IN_URLS.sub("", html.unescape(_MARKDOWN_ESCAPE.sub("", url))).lstrip("<")
    match = _SCHEME.match(plain.lower())
    return match.group(1) if match else None


def is_safe_url(url: str) -> bool:
    """http(s), or a relative link within the site."""
    found = scheme(url)
    return found is None or found in SAFE_SCHEMES
