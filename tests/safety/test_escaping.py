"""Nothing an editor writes can attack a reader: proven on the built HTML of tests/fixtures/hostile.

Every text field of that fixture holds markup: elements marked class="pwned", event handlers,
`<script>`, closing tags for the places the text may land in (title, svg, span, textarea), and
attribute lists (`{: onclick=... }`). The site is built once with `mkdocs build --strict` and read
back with an HTML parser: no payload may become an element or attribute, and each field must
still show its exact text — in pages, tables, link labels, tooltips and SVG labels.

(facts.json and JSON-LD are not covered here: they are tested with the open-data outputs.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from safety import injected, parse, text
from support import FIXTURES, good_build

DATA = yaml.safe_load((FIXTURES / "hostile" / "data" / "hostile.yaml").read_text(encoding="utf-8"))
(SOURCE,) = DATA["sources"]
MINISTRY = DATA["organizations"][0]
(PERSON,) = DATA["people"]
(TOPIC,) = DATA["topics"]
ROUND_1, ROUND_2 = DATA["events"]
(TERM,) = DATA["terms"]


def plain(value: str) -> str:
    return " ".join(value.split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return good_build("hostile", tmp_path_factory.mktemp("hostile"))


def article(site: Path, url: str):
    return parse(site / url / "index.html").select_one("article")


def test_no_payload_becomes_markup_in_the_body_of_any_page(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    problems = {}
    for path in pages:
        found = injected(parse(path).body)
        if found:
            problems[path.relative_to(site).as_posix()] = found
    assert problems == {}


@pytest.mark.parametrize(
    ("url", "record", "fields"),
    [
        ("sources/evil-source", SOURCE, ("title", "title_en", "publisher", "author")),
        ("organizations/evil-ministry", MINISTRY, ("name", "short_name", "summary")),
        ("people/evil-person", PERSON, ("name",)),
        ("topics/evil-talks", TOPIC, ("name", "short_name", "details", "terms")),
        ("events/evil-round-1", ROUND_1, ("title", "venue", "summary", "details", "outcome")),
        ("glossary/laughs", TERM, ("definition",)),
    ],
)
def test_each_field_shows_its_exact_text(site: Path, url: str, record: dict, fields: tuple) -> None:
    shown = text(article(site, url))
    for field in fields:
        assert plain(record[field]) in shown, field


def test_headings_names_and_native_forms_are_text(site: Path) -> None:
    page = article(site, "people/evil-person")
    assert text(page.h1) == PERSON["name"]
    cells = [text(td) for td in page.find_all("td")]
    assert PERSON["native"]["ko"] in cells and PERSON["aliases"][0] in cells
    role = page.find("h2", id="roles").find_next("li")
    assert text(role.strong) == PERSON["roles"][0]["title"]
    assert text(role.find("span", lang="ko")) == PERSON["roles"][0]["native_title"]["ko"]


def test_quotes_and_participants_are_text(site: Path) -> None:
    page = article(site, "events/evil-round-1")
    assert text(page.blockquote).startswith(f"“{plain(ROUND_1['quotes'][0]['text'])}”")
    participant = ROUND_1["participants"][0]
    row = [text(td) for td in page.find("h2", id="participants").find_next("table").tbody.tr("td")]
    assert row[2] == f"{participant['title']} ({participant['role']})"


def test_markdown_fields_keep_formatting_but_lose_attribute_lists_and_html(site: Path) -> None:
    summary = article(site, "people/evil-person")
    emphasis = summary.find("em", string="emphasis")
    assert emphasis.attrs == {}
    assert emphasis.next_sibling.startswith('{: onclick="alert(1)" class="pwned" }')
    link = summary.find("a", string="a link")
    assert link.attrs == {"href": "https://example.org/"}
    heading = summary.find("h2", id=lambda i: i and i.startswith("a-heading"))
    assert "class" not in heading.attrs
    assert text(heading) == 'A heading {: onclick="alert(1)" class="pwned" }'
    assert [text(c) for c in summary.find_all("code")] == ['<b class="pwned">code stays code</b>']
    assert '<div markdown="1" class="pwned">x</div>' in text(summary)


def test_reference_labels_from_data_are_escaped_once(site: Path) -> None:
    summary = article(site, "topics/evil-talks").find("p")
    labels = [
        text(a)
        for a in summary.find_all("a")
        if "footnote-ref" not in a.parent.get("id", "") and "footnote-ref" not in a.get("class", [])
    ]
    assert labels == [PERSON["name"], 'F:label <b class="pwned">x</b>']


def test_tooltips_carry_the_short_definition_as_text(site: Path) -> None:
    marks = [m for path in sorted(site.rglob("*.html")) for m in parse(path).select(".fb-term")]
    assert len(marks) >= 3
    # The payload, attribute breakout included, is the tooltip's text (up to a trailing entity,
    # see test_tooltip_shows_entities_in_the_definition_literally).
    payload = TERM["short"].removesuffix("&amp;")
    assert all(m["title"].startswith(payload) for m in marks)
    assert {text(m) for m in marks} == {"laughs format"}


def test_svg_titles_descriptions_and_labels_are_text(site: Path) -> None:
    figures = article(site, "topics/evil-talks").select("figure")
    assert len(figures) == 2
    series, status = (figure.svg for figure in figures)
    assert text(series.title) == plain(f"Rounds of the {TOPIC['name']} over time")
    assert text(status.title) == plain(f"Status of the {TOPIC['name']} over time")
    assert plain(TOPIC["name"]) in text(series.desc)
    shown = [text(element) for figure in figures for element in figure.find_all(True)]
    for value in (ROUND_1["place"], ROUND_2["place"], ROUND_1["status"], ROUND_2["status"]):
        assert any(plain(value) in t for t in shown), value
    tooltips = [text(g.title) for g in series.find_all("g") if g.title]
    assert tooltips == [
        plain(f"Round 1: 22 November 2019, {ROUND_1['place']}"),
        plain(f"Round 2: 17 April 2023, {ROUND_2['place']}"),
    ]
    # The same pictures on the hand-written page ([[chart:evil-talks]]).
    home = parse(site / "index.html").select_one("article")
    assert [text(svg.title) for svg in home.select("svg.fb-chart")] == [
        text(series.title),
        text(status.title),
    ]


def test_links_keep_their_exact_http_address(site: Path) -> None:
    page = article(site, "sources/evil-source")
    address = page.find("td", string="Address").find_next("td").a
    assert address["href"] == SOURCE["url"] and text(address) == SOURCE["url"]
    cited = article(site, "organizations/evil-ministry").select_one("div.footnote li")
    original = cited.find("a", string="Original ↗")
    assert original["href"] == SOURCE["url"]


def test_hand_written_pages_show_labels_and_charts(site: Path) -> None:
    home = parse(site / "index.html")
    assert injected(home.body) == []
    links = [text(a) for a in home.select("article p a") if "fb-term" not in a.get("class", [])]
    assert links[:2] == ["the person", "the talks"]


# -- the page head, tooltips, and references in hand-written pages ------------------------------


def test_page_head_holds_names_and_descriptions_as_text(site: Path) -> None:
    problems = {}
    for url in (
        "people/evil-person",
        "sources/evil-source",
        "topics/evil-talks",
        "glossary/laughs",
        "events/evil-round-1",
        "organizations/evil-ministry",
    ):
        head = parse(site / url / "index.html").head
        found = injected(head)
        if head.title.get_text() != f"{text(article(site, url).h1)} - Hostile data":
            found.append(f"title is {head.title.get_text()!r}")
        if found:
            problems[url] = found
    assert problems == {}


def test_tooltip_shows_entities_in_the_definition_literally(site: Path) -> None:
    mark = parse(site / "index.html").select_one(".fb-term")
    assert mark["title"] == TERM["short"]


def test_unlabelled_reference_in_a_hand_written_page_shows_the_name_as_text(site: Path) -> None:
    page = parse(site / "unlabelled" / "index.html")
    assert injected(page.body) == []
    assert [text(a) for a in page.select("article p a")] == [
        PERSON["name"],
        TOPIC["name"],
        SOURCE["title"],
    ]


def test_json_ld_holds_the_text_and_cannot_close_its_script(site: Path) -> None:
    import json

    for url, record, field, key in (
        ("people/evil-person", PERSON, "name", "name"),
        ("sources/evil-source", SOURCE, "title", "headline"),
        ("topics/evil-talks", TOPIC, "name", "name"),
    ):
        raw = (site / url / "index.html").read_text(encoding="utf-8")
        head = parse(site / url / "index.html").head
        [script] = head.find_all("script", type="application/ld+json")
        # The payload's own "</script>" never appears inside the element's raw text.
        start = raw.index('<script type="application/ld+json">')
        assert "<" not in raw[start + 35 : raw.index("</script>", start)]
        assert json.loads(script.string)[key] == record[field]


def test_facts_json_holds_the_text_exactly(site: Path) -> None:
    import json

    facts = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    [person] = [p for p in facts["records"]["people"] if p["id"] == PERSON["id"]]
    assert person["name"] == PERSON["name"]
    [source] = facts["records"]["sources"]
    assert source["title"] == SOURCE["title"] and source["url"] == SOURCE["url"]
