"""glossary.py: term mentions get tooltips; the first one links to the term's page; code,
links, headings are skipped. Abbreviations are spelled out everywhere but in code."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from factbook.diagnostics import Position
from factbook.glossary import GlossaryExtension, TermIndex
from factbook.kinds import Term


def term(term_id: str, word: str, aliases: tuple[str, ...] = (), short: str = "def") -> Term:
    return Term(
        id=term_id,
        origin=Position("data/t.yaml"),
        sources=("s",),
        term=word,
        short=short,
        definition=short,
        aliases=aliases,
    )


TERMS = [
    term("gsomia", "GSOMIA", ("Gsomia", "지소미아"), "An intelligence pact."),
    term("white-list", "white list", ("Group A",), "Trusted trade partners."),
    term("tisa", "TISA"),
]


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term.id) for m in TermIndex(TERMS).find(text)]


def test_whole_words_any_case_for_phrases_exact_case_for_abbreviations() -> None:
    assert found("The White List, GSOMIAs, ATISA, tisa and TISA.") == [
        ("White List", "white-list"),
        ("TISA", "tisa"),
    ]


def test_korean_particles_do_not_hide_a_term() -> None:
    assert found("지소미아를 유지") == [("지소미아", "gsomia")]


def test_longest_form_wins() -> None:
    index = TermIndex([term("a", "security"), term("b", "security policy consultation")])
    text = "the Security Policy Consultation"
    assert [(text[m.start : m.end], m.term.id) for m in index.find(text)] == [
        ("Security Policy Consultation", "b")
    ]


def render(text: str, page: str = "explainer.md") -> BeautifulSoup:
    extension = GlossaryExtension(TERMS)
    extension.set_page(page)
    html = markdown.markdown(text, extensions=[extension, "footnotes"])
    return BeautifulSoup(html, "html.parser")


def test_first_mention_links_later_ones_only_explain() -> None:
    soup = render("GSOMIA was signed. Later GSOMIA was suspended, then 지소미아 restored.")
    marks = soup.select(".fb-term")
    assert [(m.name, m.get_text(), m.get("href"), m["title"]) for m in marks] == [
        ("a", "GSOMIA", "glossary/gsomia.md", "An intelligence pact."),
        ("abbr", "GSOMIA", None, "An intelligence pact."),
        ("abbr", "지소미아", None, "An intelligence pact."),
    ]


def test_links_are_relative_to_the_page() -> None:
    assert render("GSOMIA", page="people/x.md").select_one("a.fb-term")["href"] == (
        "../glossary/gsomia.md"
    )


def test_a_term_links_to_its_page_even_when_the_glossary_is_split() -> None:
    extension = GlossaryExtension(TERMS, locations={"gsomia": "glossary/part/g.md"})
    extension.set_page("explainer.md")
    html = markdown.markdown("GSOMIA", extensions=[extension])
    assert BeautifulSoup(html, "html.parser").select_one("a.fb-term")["href"] == (
        "glossary/gsomia.md"
    )


def test_abbreviations_are_spelled_out_in_headings_and_links_too() -> None:
    extension = GlossaryExtension(TERMS, abbreviations={"ROK": "Republic of Korea"})
    extension.set_page("explainer.md")
    html = markdown.markdown(
        "# ROK talks\n\n[ROK Ministry](x.md), `ROK`, ROKS and GSOMIA.",
        extensions=[extension],
    )
    soup = BeautifulSoup(html, "html.parser")
    assert [
        (a.parent.name, a.get_text(), a["title"]) for a in soup.select("abbr:not(.fb-term)")
    ] == [
        ("h1", "ROK", "Republic of Korea"),
        ("a", "ROK", "Republic of Korea"),
    ]
    # Term marks still work beside them.
    assert [m.get_text() for m in soup.select(".fb-term")] == ["GSOMIA"]


def test_headings_links_code_and_html_are_left_alone() -> None:
    soup = render(
        "# GSOMIA\n\n[GSOMIA](x.md) `GSOMIA`\n\n    GSOMIA\n\n<div>GSOMIA</div>\n\n"
        "*white list* in emphasis."
    )
    marks = soup.select(".fb-term")
    assert [(m.get_text(), m.parent.name) for m in marks] == [("white list", "em")]


def test_text_around_marks_is_kept_in_order() -> None:
    soup = render("a GSOMIA b **c white list d** e TISA f")
    assert soup.get_text() == "a GSOMIA b c white list d e TISA f"


def test_no_marks_on_the_glossary_page_or_a_terms_own_page() -> None:
    assert render("GSOMIA", page="glossary/index.md").select(".fb-term") == []
    rendered = render("GSOMIA and TISA", page="glossary/gsomia.md")
    assert rendered.select_one(".fb-term").get_text() == "TISA"


def test_final_addresses_follow_the_site_layout() -> None:
    from factbook.urls import built_relative as relative_url

    assert relative_url("events/x.md", "glossary/index.md") == "../../glossary/"
    assert relative_url("events/x.md", "glossary/part/c.md") == "../../glossary/part/c/"
    assert relative_url("index.md", "glossary/index.md") == "glossary/"
    assert relative_url("glossary/gsomia.md", "glossary/index.md") == "../"
    assert relative_url("people/index.md", "index.md") == "../"
    assert (
        relative_url("events/x.md", "glossary/index.md", directory_urls=False)
        == "../glossary/index.html"
    )
    assert relative_url("index.md", "timeline.md", directory_urls=False) == "timeline.html"


def test_tables_of_generated_pages_stay_unmarked() -> None:
    table = "GSOMIA in prose.\n\n| Also called | GSOMIA |\n| --- | --- |\n| Pact | TISA |\n"
    extension = GlossaryExtension(TERMS, generated={"topics/pact.md"})
    marked = {}
    for page in ("topics/pact.md", "explainer.md"):
        extension.set_page(page)
        html = markdown.markdown(table, extensions=[extension, "tables"])
        marked[page] = [
            (m.parent.name, m.get_text())
            for m in BeautifulSoup(html, "html.parser").select(".fb-term")
        ]
    assert marked == {
        "topics/pact.md": [("p", "GSOMIA")],
        "explainer.md": [("p", "GSOMIA"), ("th", "GSOMIA"), ("td", "TISA")],
    }
