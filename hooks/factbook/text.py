"""Text: make data safe to place in generated Markdown.

Data is written by many hands, so nothing from it reaches a page as raw HTML: plain fields are
escaped for Markdown and HTML, and Markdown fields keep their formatting but lose raw HTML and
attribute lists (`{: onclick=...}`). Links in Markdown fields are checked when records are
assembled: only http(s) and relative addresses pass.

Three functions, three jobs: `literal` shows a plain value as it is; `markdown_without_html`
keeps a Markdown field's formatting but not its HTML; `markdown_to_plain` flattens a Markdown
field to one line of text (descriptions, JSON-LD).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from . import links

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")
_CODE_SPAN = re.compile(r"(?<!\\)(?:\\\\)*(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
"""A code span as Markdown writes it: an opening run of backticks not escaped by a backslash, up
to the next run of the same length, within a paragraph (no blank line)."""
_UNSAFE_IN_PROSE = {"<": "&lt;", "{": "&#123;"}
"""`<` would start raw HTML; `{` an attribute list (`*x*{: onclick="..."}`)."""
_UNSAFE_IN_PROSE_RE = re.compile("[<{]")
_CODE_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~:"}
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def quoted(value: object, limit: int = 80) -> str:
    """A value as a message shows it between quotes: on one line (line breaks and control
    characters written as escapes, `\\n`), and at most `limit` characters long."""
    shown = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], str(value))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def literal(text: str | None) -> str:
    """A plain value as Markdown that shows it literally, on one line, safe anywhere (tables
    included): names, titles and quotes are data, never markup."""
    if not text:
        return ""
    return _literal(str(text))


@lru_cache(maxsize=1 << 16)
def _literal(text: str) -> str:
    # Pages repeat the same few names many times over (every link shows one): about 18 calls
    # per distinct value on a build of 10,000 records.
    one_line = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))


def markdown_without_html(text: str) -> str:
    """Markdown from data that cannot produce HTML of its own: every `<` and `{` is made literal,
    and code spans become `<code>` elements with their text escaped. `[[id]]` references are
    left for `links.expand`, which escapes their labels. (A bare `&` needs nothing: Markdown
    already prints it as text.)

    Safety does not depend on finding code exactly as the Markdown engine would (block
    structure decides that, e.g. a blank line ends a code span): whatever is not turned into an
    escaped `<code>` element here is escaped as prose."""
    pieces = []
    cursor = 0
    for found in links.find(text):
        pieces.append(_without_html(text[cursor : found.start]))
        pieces.append(text[found.start : found.end])
        cursor = found.end
    pieces.append(_without_html(text[cursor:]))
    return "".join(pieces)


def _without_html(text: str) -> str:
    pieces = []
    cursor = 0
    for match in _CODE_SPAN.finditer(text):
        code = match.group(2).strip()
        if not code:
            continue
        pieces.append(_escape_prose(text[cursor : match.start(1)]))
        pieces.append(
            "<code>" + "".join(_CODE_ESCAPES.get(c, c) for c in html.escape(code)) + "</code>"
        )
        cursor = match.end()
    pieces.append(_escape_prose(text[cursor:]))
    return "".join(pieces)


def _escape_prose(text: str) -> str:
    return _UNSAFE_IN_PROSE_RE.sub(lambda m: _UNSAFE_IN_PROSE[m.group()], text)


def markdown_to_plain(markdown: str | None, name_of: Callable[[links.Found], str]) -> str:
    """Markdown from data as one line of text (for descriptions and JSON-LD): references become
    the names `name_of` gives them, emphasis and code marks are dropped."""
    if not markdown:
        return ""
    text = links.expand(markdown, name_of)
    for mark in ("**", "__", "`"):
        text = text.replace(mark, "")
    return " ".join(text.split())
