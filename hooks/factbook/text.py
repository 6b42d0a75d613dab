"""Text: make data safe to place in generated Markdown.

Data is written by many hands, so nothing from it reaches a page as raw HTML: plain fields are
escaped for Markdown and HTML, and Markdown fields keep their formatting but lose raw HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from . import links

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")


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
    """Markdown from data with every `<` outside code made literal, so no raw HTML gets through.
    (A bare `&` needs nothing: Markdown already prints it as text.)"""
    pieces = []
    cursor = 0
    for start, end in links.prose_segments(text):
        pieces.append(text[cursor:start])
        pieces.append(text[start:end].replace("<", "&lt;"))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def to_plain(markdown: str | None, name_of: Callable[[links.Found], str]) -> str:
    """Markdown from data as one line of text (for descriptions and JSON-LD): references become
    names, emphasis and code marks are dropped."""
    if not markdown:
        return ""
    text = links.expand(markdown, name_of)
    for mark in ("**", "__", "`"):
        text = text.replace(mark, "")
    return " ".join(text.split())
