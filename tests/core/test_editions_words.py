"""Each edition's interface words (hooks/factbook/editions/<language>.yaml): complete, and
with the placeholders the English phrases have."""

from __future__ import annotations

import string

import pytest
import yaml

from factbook import KINDS
from factbook.wording import EDITION_TABLES, ENGLISH_WORDS, MONTHS, TRANSLATED_LANGUAGES
from support import ROOT


def placeholders(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name}


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_phrase_is_translated_with_its_placeholders(language: str) -> None:
    table = yaml.safe_load((EDITION_TABLES / f"{language}.yaml").read_text(encoding="utf-8"))
    words = table["words"]
    assert sorted(words) == sorted(ENGLISH_WORDS)
    for key, english in ENGLISH_WORDS.items():
        # A phrase may leave a placeholder out (a date's "month" in a form without it), never
        # bring one the code does not fill in.
        extra = placeholders(words[key]) - placeholders(english)
        if key == "span_same_month":  # the code fills in the parts a language may need
            extra -= {"year", "month", "last_day", "first_day"}
        assert not extra, (key, extra)
    assert len(table["months"]) == len(MONTHS)
    assert {"name", "description"} <= set(table["site"])
    listed = {kind.key for kind in KINDS.values() if kind.listing}
    assert listed <= set(table["kinds"])


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_navigation_title_is_translated(language: str) -> None:
    table = yaml.safe_load((EDITION_TABLES / f"{language}.yaml").read_text(encoding="utf-8"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config[config.index("\nnav:") :]
    titles = [
        line.strip().lstrip("- ").split(":")[0]
        for line in nav.splitlines()[1:]
        if line.strip().startswith("- ")
    ]
    assert titles and set(titles) <= set(table["nav"]), set(titles) - set(table["nav"])
