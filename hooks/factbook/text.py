"""Text: make data safe to place in generated Markdown.

Data is written by many hands, so nothing from it reaches a page as raw HTML: plain fields are
escaped for Markdown and HTML, and Markdown fields keep their formatting but lose raw HTML and
attribute lists (`{: onclick=...}`). Links in Markdown fields are checked when data is loaded
(`resolve.link_problems`): only http(s) and relative addresses pass.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from . import links
from .model import Model

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


def plain(text: str | None) -> str:
    """One line of plain text, safe anywhere in Markdown (tables included)."""
    if not text:
        return ""
    one_line = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))


def attribute(text: str | None) -> str:
    """Text for an HTML attribute value in double quotes."""
    return html.escape(" ".join(str(text or "").split()), quote=True)


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
        pieces.append(_without_html(text[cursor:found.start]))
        pieces.append(text[found.start:found.end])
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
        pieces.append(_escape_prose(text[cursor:match.start(1)]))
        pieces.append("<code>" + "".join(_CODE_ESCAPES.get(c, c) for c in html.escape(code))
                      + "</code>")
        cursor = match.end()
    pieces.append(_escape_prose(text[cursor:]))
    return "".join(pieces)


def _escape_prose(text: str) -> str:
    return _UNSAFE_IN_PROSE_RE.sub(lambda m: _UNSAFE_IN_PROSE[m.group()], text)


def to_plain(markdown: str | None, name_of: Callable[[links.Found], str]) -> str:
    """Markdown from data as one line of text (for descriptions and JSON-LD): references become
    names, emphasis and code marks are dropped."""
    if not markdown:
        return ""
    text = links.expand(markdown, name_of)
    for mark in ("**", "__", "`"):
        text = text.replace(mark, "")
    return " ".join(text.split())


def plain_text(markdown: str | None, model: Model) -> str:
    """`to_plain` with references named as the site names them: label, else the record's name."""
    def name(found: links.Found) -> str:
        record = model.get(found.target)
        return found.label or (record.display_name if record else found.target)

    return to_plain(markdown, name)
