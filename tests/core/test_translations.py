"""Translations (translations.py): checked against the English they translate, counted, and
turned into an edition's model. Real YAML in; the messages editors see out."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import factbook
from factbook import Project, check
from factbook.kinds import Organization, Person
from factbook.schema import schema
from factbook.translations import fingerprint, localize, skeleton
from support import ROOT, copy_project


def line_of(path: Path, record_id: str, field: str) -> tuple[int, int]:
    """Line and column of the `of:` of a record's field in a translation file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {record_id}:")
    for number in range(start + 1, len(lines)):
        if lines[number].startswith(f"    {field}:"):
            inline = re.search(r"of: ", lines[number])
            if inline:
                return number + 1, inline.end() + 1
            following = lines[number + 1]
            assert following.lstrip().startswith("of:"), following
            return number + 2, following.index("of:") + 5
    raise AssertionError(f"{record_id}.{field} not in {path}")


def test_an_english_change_makes_both_translations_out_of_date_at_their_lines(
    tmp_path: Path,
) -> None:
    project = Project(copy_project(tmp_path))
    english = project.root / "data" / "events" / "two-plus-two.yaml"
    text = english.read_text(encoding="utf-8")
    old = "Foreign-affairs and defense officials of Korea and Japan met in Seoul"
    assert old in text
    english.write_text(text.replace(old, old.replace("met", "gathered")), encoding="utf-8")
    result = check(project)
    assert result.ok  # out of date is never an error
    warnings = [str(w) for w in result.translations.warnings]
    for language in ("ko", "ja"):
        translation = (
            project.root / "data" / "translations" / language / "events" / "two-plus-two.yaml"
        )
        line, column = line_of(translation, "spc-round-12", "summary")
        expected = (
            f"data/translations/{language}/events/two-plus-two.yaml:{line}:{column}: warning: "
            f"{language} translation of 'summary' of spc-round-12 is older than the English"
        )
        assert [w for w in warnings if w.startswith(expected)], warnings
    assert len(warnings) == 2
    coverage = result.translations.coverage
    assert (coverage["ko"].out_of_date, coverage["ja"].out_of_date) == (1, 1)


def test_the_real_translations_are_complete_and_current() -> None:
    result = check(Project(ROOT))
    assert result.translations.warnings == ()
    for language in ("ko", "ja"):
        words, pages = result.translations.coverage[language], result.translations.pages[language]
        assert (words.out_of_date, words.missing) == (0, 0), (language, str(words))
        assert (pages.out_of_date, pages.missing) == (0, 0), (language, str(pages))
        assert words.translated > 400 and pages.translated >= 7


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "mini")
    return Project(tmp_path / "mini")


def ko_file(project: Project) -> Path:
    return project.root / "data" / "translations" / "ko" / "facts.yaml"


def test_mistakes_in_a_translation_file_are_errors_at_their_place(mini: Project) -> None:
    title = fingerprint("First Sample Talks")
    write(
        ko_file(mini),
        "language: ko\n"
        "translations:\n"
        "  round-on:\n"
        f"    title: {{of: '{title}', text: 제1차}}\n"
        "  round-one:\n"
        f"    venue: {{of: '{title}', text: 청사}}\n",
    )
    assert [str(d) for d in check(mini).diagnostics] == [
        "data/translations/ko/facts.yaml:4:35: ko translation of unknown id 'round-on' "
        "(did you mean 'round-one'?)",
        "data/translations/ko/facts.yaml:6:35: ko translation of 'venue' of round-one: the "
        "record has no English 'venue' to translate (its words are: place, summary, title)",
    ]


def test_a_fingerprint_that_is_not_one_is_refused(mini: Project) -> None:
    write(
        ko_file(mini),
        "language: ko\ntranslations:\n  round-one:\n    title: {of: zz, text: 제1차}\n",
    )
    assert [str(d) for d in check(mini).diagnostics] == [
        "data/translations/ko/facts.yaml:4:17: 'zz' is not a fingerprint of an English text (copy "
        "the 8 letters and digits `python -m factbook translations <language>` prints)"
    ]


def test_a_translation_given_twice_is_an_error(mini: Project) -> None:
    title = fingerprint("First Sample Talks")
    entry = f"  round-one:\n    title: {{of: '{title}', text: 제1차}}\n"
    write(ko_file(mini), "language: ko\ntranslations:\n" + entry)
    write(ko_file(mini).with_name("more.yaml"), "language: ko\ntranslations:\n" + entry)
    messages = [str(d) for d in check(mini).diagnostics]
    assert messages == [
        "data/translations/ko/more.yaml:4:35: ko translation of 'title' of round-one is given "
        "twice (the first is at data/translations/ko/facts.yaml:4:35)"
    ]


def test_a_translation_names_its_language(mini: Project) -> None:
    write(ko_file(mini), "translations:\n  round-one: {}\n")
    messages = [str(d) for d in check(mini).diagnostics]
    assert any("missing required field 'language'" in m for m in messages), messages


def test_references_in_translated_markdown_are_checked(mini: Project) -> None:
    summary = "The first round, held under the two-by-two format."
    write(
        ko_file(mini),
        "language: ko\ntranslations:\n  round-one:\n"
        f"    summary: {{of: '{fingerprint(summary)}', text: '[[round-too]] 회의'}}\n",
    )
    messages = [str(d) for d in check(mini).diagnostics]
    assert len(messages) == 1 and "unknown id 'round-too'" in messages[0], messages
    assert messages[0].startswith("data/translations/ko/facts.yaml:4:")


def test_the_skeleton_is_what_a_translator_fills_in(mini: Project) -> None:
    result = check(mini)
    text = skeleton(result.model, result.translations, "ko")
    assert "# --- data/translations/ko/facts.yaml" in text
    assert f'of: "{fingerprint("First Sample Talks")}"' in text
    # Filled in as printed, it is a translation file that counts as translated.
    filled = re.sub(r'(of: "[0-9a-f]{8}"\n\s+text:)$', r"\1 번역", text, flags=re.MULTILINE)
    body = "\n".join(line for line in filled.splitlines() if not line.startswith("# ---"))
    write(ko_file(mini), "language: ko\ntranslations:\n" + body + "\n")
    again = check(mini)
    assert again.ok, [str(d) for d in again.diagnostics]
    assert again.translations.coverage["ko"].missing == 0
    assert skeleton(again.model, again.translations, "ko") == ""


def test_an_edition_shows_names_as_its_press_writes_them() -> None:
    result = check(Project(ROOT))
    korean = localize(result.model, result.translations, "ko").model
    japanese = localize(result.model, result.translations, "ja").model
    seo, funakoshi = korean.records["seo-min-jung"], korean.records["takehiro-funakoshi"]
    assert isinstance(seo, Person) and isinstance(funakoshi, Person)
    assert (seo.display_name, funakoshi.display_name) == ("서민정", "후나코시 다케히로")
    seo_ja = japanese.records["seo-min-jung"]
    assert seo_ja.display_name == "徐旻廷（ソ・ミンジョン）"
    # An official name recorded in native script stands in for a translation.
    ministry = japanese.records["jp-mofa"]
    assert isinstance(ministry, Organization)
    assert ministry.display_name == result.model.records["jp-mofa"].native.ja  # type: ignore[attr-defined]
    # Facts are the same objects' facts: dates, ids, sources.
    for record_id, record in result.model.records.items():
        local = korean.records[record_id]
        assert getattr(local, "date", None) == getattr(record, "date", None)
        assert local.sources == record.sources


def test_the_schema_completes_and_explains_translations() -> None:
    defs = schema()["$defs"]
    fields = defs["translated_record"]["properties"]
    assert {"title", "summary", "definition", "short", "participants", "roles"} <= set(fields)
    assert "date" not in fields and "sources" not in fields  # facts are never translated
    assert fields["summary"]["description"].startswith("Translation of")
    assert defs["translated_text"]["properties"]["of"]["description"]
    data = yaml.safe_load((ROOT / "data" / "translations" / "ko" / "topics.yaml").read_text())
    assert data["language"] == "ko"


def test_a_translated_page_names_the_english_it_translates(mini: Project) -> None:
    docs = mini.root / "docs"
    english = docs / "index.md"
    write(docs / "index.ko.md", "---\ntranslation_of: 00000000\n---\n\n# 홈\n")
    write(docs / "faq.ja.md", "# ない\n")
    result = check(mini)
    assert [str(d) for d in result.diagnostics] == [
        "docs/faq.ja.md:1:1: ja page docs/faq.ja.md translates docs/faq.md, which does not "
        "exist (name it after the English page it translates)"
    ]
    assert [str(w) for w in result.translations.warnings] == [
        "docs/index.ko.md:2:1: warning: ko translation of docs/index.md is older than the "
        "English (bring it up to date, then set `translation_of: "
        f"{fingerprint(english.read_text(encoding='utf-8'))}` in its front matter)"
    ]
    assert result.translations.pages["ko"].out_of_date == 1


def test_check_prints_coverage_per_language(capsys: pytest.CaptureFixture[str]) -> None:
    from factbook.__main__ import main

    assert main(["--root", str(ROOT), "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[1].startswith("ko: records' words ") and "(100 %), 0 out of date, 0 missing" in out[1]
    )
    assert out[2].startswith("ja: records' words ")
    assert factbook.EDITIONS == ("en", "ko", "ja")


def test_a_quotation_is_shown_in_its_own_words_only_in_its_own_language(mini: Project) -> None:
    data = mini.root / "data" / "facts.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("    kind: news\n", "    kind: news\n    language: ko\n", 1)
    text = text.replace(
        "      - text: We agreed to meet again\n",
        "      - text: We agreed to meet again\n        original: 다시 만나기로 했다\n",
    )
    data.write_text(text, encoding="utf-8")
    english = factbook.build(mini).pages["events/round-two.md"]
    korean = factbook.build(mini, language="ko").pages["events/round-two.md"]
    japanese = factbook.build(mini, language="ja").pages["events/round-two.md"]
    assert "> “We agreed to meet again” (translated from Korean)\n" in english
    assert (
        "> “다시 만나기로 했다”\n" in korean and "번역" not in korean.split("다시 만나기로")[1][:20]
    )
    # Not translated into Japanese yet: the English words, marked as a translation from Korean.
    assert "「We agreed to meet again」（韓国語から翻訳）" in japanese


def test_a_chart_in_a_translated_page_is_checked_like_one_in_english(mini: Project) -> None:
    write(
        mini.root / "data" / "more.yaml",
        "topics:\n  - id: quiet-topic\n    type: agreement\n    name: Quiet\n"
        "    summary: Nothing to draw.\n    sources: [daily-2023]\n",
    )
    write(mini.root / "docs" / "index.ko.md", "# 홈\n\n[[chart:quiet-topic]]\n")
    messages = [str(d) for d in check(mini).diagnostics]
    assert messages == [
        "docs/index.ko.md:3:1: topic 'quiet-topic' has no chart (charts need two numbered "
        "rounds or events with `status:`)"
    ]
