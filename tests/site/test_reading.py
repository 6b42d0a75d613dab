"""Pages as a first-time reader meets them (issue 13): long "Mentioned in" lists grouped, sorted
and collapsed; no blank table cells; labels and abbreviations in words; one address per term.
Each test builds a real site and reads its HTML back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import NavigableString, Tag
from sitecheck import content, resolve

from factbook import EDITIONS, Project, check
from factbook.kinds import Event, Source, Term
from factbook.render import BACKLINKS_SHOWN
from factbook.wording import ABBREVIATIONS, LANGUAGES, MONTHS, WORDS
from support import ROOT, BuildRun, copy_fixture, mkdocs_build

MODEL = check(Project(ROOT)).model


def every_article(site: Path, edition: str = "") -> list[tuple[Path, Tag]]:
    """Every page's article (what was written or generated), without the theme's chrome, in
    one edition (`""`: the English; `"ko/"`, `"ja/"`)."""
    pages = []
    others = [f"{code}/" for code in EDITIONS[1:] if f"{code}/" != edition]
    for html in sorted((site / edition).rglob("index.html")):
        url = html.parent.relative_to(site).as_posix()
        if edition == "" and url.startswith(tuple(o.rstrip("/") for o in others)):
            continue
        article = content(site, "" if url == "." else url + "/")
        if article is not None:
            pages.append((html, article))
    return pages


def words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


# -- Table cells ----------------------------------------------------------------------------


def test_no_table_cell_on_the_real_site_is_blank(real_site: BuildRun) -> None:
    blank = []
    cells = 0
    for html, article in every_article(real_site.site):
        for row in article.select("table tbody tr"):
            for number, cell in enumerate(row.find_all("td")):
                cells += 1
                if not cell.get_text(strip=True):
                    blank.append(
                        f"{html.relative_to(real_site.site)}: {words(row)} (cell {number})"
                    )
    assert cells > 500 and blank == []


def participant_table(site: Path, event_id: str) -> tuple[list[str], list[list[str]]]:
    article = content(site, f"events/{event_id}/")
    table = article.find("h2", id="participants").find_next_sibling("table")
    header = [words(th) for th in table.find_all("th")]
    rows = [[words(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    return header, rows


def test_a_column_empty_in_every_row_is_left_out_and_a_gap_says_not_recorded(
    real_site: BuildRun,
) -> None:
    not_recorded = WORDS["not_recorded"]
    header, _ = participant_table(real_site.site, "spc-round-11")
    assert header == ["Side", "Person"]
    header, _ = participant_table(real_site.site, "yoon-kishida-summit-2023")
    assert header == ["Side", "Person", "Title"]
    header, rows = participant_table(real_site.site, "spc-round-13")
    assert header == ["Side", "Person", "Title", "Organization"]
    namazu = next(row for row in rows if row[1].startswith("Namazu"))
    assert namazu[2] == not_recorded
    # Who's who, written by hand, says it the same way.
    whos_who = content(real_site.site, "whos-who/")
    row = next(tr for tr in whos_who.find_all("tr") if "Namazu" in tr.get_text())
    assert words(row.find_all("td")[2]) == not_recorded
    # A listing leaves no cell blank either (where nothing is recorded, it says so).
    people = content(real_site.site, "people/")
    assert all(words(td) for td in people.find_all("td"))


# -- Labels ---------------------------------------------------------------------------------


def test_the_timeline_labels_kinds_in_words(real_site: BuildRun) -> None:
    timeline = content(real_site.site, "timeline/")
    labels = [words(badge) for badge in timeline.select(".fb-timeline__kind")]
    events = MODEL.of(Event)
    assert len(labels) == sum(e.kind != "other" for e in events) > 30
    assert set(labels) <= {WORDS[f"event_kind_{e.kind}"] for e in events if e.kind != "other"}
    assert "other" not in {label.casefold() for label in labels}
    event_page = content(real_site.site, "events/radar-incident-2018/")
    assert "Kind" not in [words(td) for td in event_page.select("table td")]


def fact_rows(article: Tag) -> dict[str, str]:
    return {
        words(row.find_all("td")[0]): words(row.find_all("td")[1])
        for row in article.find("table").tbody.find_all("tr")
    }


def test_sources_name_their_kind_and_language_in_words(real_site: BuildRun) -> None:
    sources = MODEL.of(Source)
    for source in sources:
        rows = fact_rows(content(real_site.site, f"sources/{source.id}/"))
        if source.language:
            assert rows["Language"] == LANGUAGES[source.language], source.id
        if source.kind and source.kind != "other":
            assert rows["Kind"] == WORDS[f"source_kind_{source.kind}"], source.id
        else:
            assert "Kind" not in rows, source.id
    assert sum(bool(s.language) for s in sources) > 50


# -- "Mentioned in" -------------------------------------------------------------------------

MANY_DATES = [
    f"20{10 + n % 14:02d}-{1 + (n * 5) % 12:02d}-{1 + (n * 7) % 28:02d}" for n in range(27)
]
"""27 event dates, deliberately not in date order."""


def many_mentions() -> str:
    """Records that all point at kim-example: 27 events, 5 people, 4 organizations, 3 terms."""
    lines = ["events:"]
    for n, date in enumerate(MANY_DATES):
        lines += [
            f"  - id: event-{n:02d}",
            f"    title: Event number {n:02d}",
            f"    date: {date}",
            "    kind: meeting",
            "    summary: '[[kim-example]] was there.'",
            "    sources: [daily-2023]",
        ]
    lines.append("people:")
    for n in range(5):
        lines += [
            f"  - id: colleague-{n}",
            f"    name: Colleague {n}",
            "    summary: Worked with [[kim-example]].",
            "    sources: [daily-2023]",
        ]
    lines.append("organizations:")
    for n in range(4):
        lines += [
            f"  - id: office-{n}",
            f"    name: Office {n}",
            "    summary: Where [[kim-example]] once worked.",
            "    sources: [daily-2023]",
        ]
    lines.append("terms:")
    for n in range(3):
        lines += [
            f"  - id: word-{n}",
            f"    term: word {n}",
            "    short: A word.",
            "    definition: A word [[kim-example]] used.",
            "    sources: [daily-2023]",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    base = tmp_path_factory.mktemp("crowded")
    project = copy_fixture("mini", base)
    (project / "data" / "many.yaml").write_text(many_mentions(), encoding="utf-8")
    run = mkdocs_build(project, base / "site")
    assert run.returncode == 0, run.output
    return run


def backlink_section(article: Tag, heading_id: str = "mentioned-in") -> list[Tag]:
    heading = article.find("h2", id=heading_id)
    assert heading is not None
    section = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2" or "footnote" in (sibling.get("class") or []):
            break
        section.append(sibling)
    return section


def test_a_long_backlink_list_is_grouped_sorted_and_collapsed(crowded_site: BuildRun) -> None:
    section = backlink_section(content(crowded_site.site, "people/kim-example/"))
    # Open groups first (a label, then its list), in the order of kinds; then the collapsed
    # ones, each behind its name and count.
    shown = [words(p) for p in section if p.name == "p"]
    collapsed = [s for s in section if s.name == "details"]
    assert shown == ["Pages", "People", "Organizations"]
    assert [words(d.summary) for d in collapsed] == ["Events (28)", "Glossary terms (3)"]
    assert all(not d.has_attr("open") for d in collapsed)
    visible = [li for ul in section if ul.name == "ul" for li in ul.find_all("li")]
    assert len(visible) == BACKLINKS_SHOWN
    # Every entry is somewhere: 1 page, 28 events, 5 people, 4 organizations, 3 terms.
    assert len(visible) + sum(len(d.find_all("li")) for d in collapsed) == 41
    # Events by date, each with its date.
    events = [words(li) for li in collapsed[0].find_all("li")]
    shown_dates = [e.rpartition("(")[2].split(")")[0] for e in events]
    expected = sorted([*MANY_DATES, "2023-04-17"])
    assert shown_dates == [f"{int(d[8:])} {MONTHS[int(d[5:7]) - 1]} {d[:4]}" for d in expected]
    assert events[expected.index("2023-04-17")].endswith("— participant")


def test_long_lists_on_the_real_site_show_about_ten_entries(real_site: BuildRun) -> None:
    for url, heading_id, count in (
        ("events/spc-round-12/", "mentioned-in", 26),
        ("sources/joongang-2023-04-17/", "cited-by", 47),
    ):
        section = backlink_section(content(real_site.site, url), heading_id)
        visible = [li for ul in section if ul.name == "ul" for li in ul.find_all("li")]
        hidden = [li for d in section if d.name == "details" for li in d.find_all("li")]
        assert 0 < len(visible) <= BACKLINKS_SHOWN and len(visible) + len(hidden) >= count, url
        # "Cited by" does not say "cited by" after every entry.
        assert not any(words(li).endswith("cited by") for li in visible + hidden)


def test_related_does_not_repeat_the_previous_and_next_links(real_site: BuildRun) -> None:
    for event in MODEL.of(Event):
        article = content(real_site.site, f"events/{event.id}/")
        heading = article.find("h2", id="related")
        if heading is None:
            continue
        hrefs = [a["href"] for a in heading.find_next_sibling("ul").find_all("a")]
        assert len(hrefs) == len(set(hrefs)), event.id
    round_12 = content(real_site.site, "events/spc-round-12/").find("h2", id="related")
    items = [words(li) for li in round_12.find_next_sibling("ul").find_all("li")]
    assert items[:2] == [
        "Previous round: 11th round of the two-plus-two talks",
        "Next round: 13th round of the two-plus-two talks",
    ]
    assert not any("11th round" in item or "13th round" in item for item in items[2:])


def test_collapsed_lists_hold_rendered_links_and_no_markup_as_text(
    crowded_site: BuildRun,
) -> None:
    # The collapsed block is raw HTML around Markdown: its entries must come out as links, and
    # none of the block's markup may show as text.
    article = content(crowded_site.site, "people/kim-example/")
    details = article.select("details.fb-backlinks")
    assert details and all(len(d.select("ul > li > a")) == len(d.find_all("li")) for d in details)
    assert all(d.summary is not None and not d.summary.find_all(True) for d in details)
    for mark in ("<details", "<summary", "</", "markdown", "- ["):
        assert mark not in article.get_text()


# -- Abbreviations, glossary links ----------------------------------------------------------


ABBREVIATION = re.compile(r"\b(" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\b")


def test_abbreviations_are_spelled_out_wherever_readers_meet_them(real_site: BuildRun) -> None:
    spelled, bare = 0, []
    for html, article in every_article(real_site.site):
        for text in article.find_all(string=ABBREVIATION):
            assert isinstance(text, NavigableString)
            # Code shows text as typed; charts (SVG drawn by charts.py) carry no markup.
            if text.find_parent(["code", "figure", "svg", "script"]):
                continue
            parent = text.parent
            if parent is not None and parent.name == "abbr":
                assert parent["title"] == ABBREVIATIONS[str(text)]
                spelled += 1
            else:
                bare.append(f"{html.relative_to(real_site.site)}: {text.strip()[:60]}")
    assert spelled > 20 and bare == []
    # Where a reader meets "ROK" first: in the series' name, on its page and its rounds'.
    for url in ("topics/security-policy-consultation/", "events/spc-round-12/"):
        first = content(real_site.site, url).find("abbr", string="ROK")
        assert first["title"] == "Republic of Korea (South Korea)"


@pytest.mark.parametrize("edition", ["", "ko/", "ja/"])
def test_every_link_to_a_term_leads_to_its_page(real_site: BuildRun, edition: str) -> None:
    terms = {term.id for term in MODEL.of(Term)}
    site = real_site.site
    marks, to_glossary_entries = 0, []
    for html, article in every_article(site, edition):
        if html.parent == site / edition / "glossary":  # the glossary's headings' permalinks
            continue
        for link in article.find_all("a", href=True):
            resolved = resolve(site, html, link["href"], "/korea-japan-security-talks/")
            if resolved is None:
                continue
            target, fragment = resolved
            if "fb-term" in (link.get("class") or []):
                marks += 1
                term_id = target.parent.name
                assert term_id in terms and not fragment, link
                assert target == site / edition / "glossary" / term_id / "index.html"
            elif fragment in terms and target.parent.name == "glossary":
                to_glossary_entries.append(html.parent.name)
    assert marks > 20
    # The only links to an entry on the glossary page are the terms' own "All terms" links.
    assert sorted(to_glossary_entries) == sorted(terms)
