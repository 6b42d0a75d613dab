"""text.py: data reaches pages as text, never as raw HTML, and is escaped exactly once."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from factbook import text


def shown(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=["tables"]), "html.parser")


def test_plain_text_is_shown_literally() -> None:
    name = "Nippon Steel & Sumitomo | *Metal* <b>[x]</b> #1 {#id}"
    soup = shown(f"| a | b |\n| - | - |\n| {text.literal(name)} | c |")
    cell = soup.find("td")
    assert cell.get_text() == name and cell.find("b") is None and cell.find("em") is None


def test_markdown_fields_keep_formatting_but_not_html() -> None:
    soup = shown(text.markdown_without_html("**bold** & <script>alert(1)</script> `<code>`"))
    assert soup.find("strong").get_text() == "bold"
    assert soup.find("script") is None
    assert soup.get_text() == "bold & <script>alert(1)</script> <code>"
