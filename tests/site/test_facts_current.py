"""The fixes of the fact review (issue 12), read back from the built site: one fact one date,
approximate figures, sourced claims, names in one order, and how current the site is."""

from __future__ import annotations

import re

from sitecheck import content

from factbook import Project, check
from factbook.kinds import Person, Source
from support import ROOT, BuildRun

MODEL = check(Project(ROOT)).model


def text_of(real_site: BuildRun, url_path: str) -> str:
    return " ".join(content(real_site.site, url_path).get_text(" ").split())


def test_tisa_took_effect_on_one_date_on_every_page(real_site: BuildRun) -> None:
    pages = [
        "events/tisa-takes-effect-2014/",
        "topics/tisa/",
        "glossary/tisa-term/",
        "gsomia-explained/",
        "timeline/",
        "events/",
    ]
    for page in pages:
        text = text_of(real_site, page)
        assert "29 December 2014" in text, page
        assert not re.search(r"2[0-9]–29 December 2014|26 December 2014 \|", text), page


def test_the_12th_round_lasted_about_150_minutes(real_site: BuildRun) -> None:
    text = text_of(real_site, "events/spc-round-12/")
    assert "about 150 minutes (about 2 h 30 min)" in text
    assert "| 150 minutes" not in text and " 150 minutes (2 h" not in text


def test_camp_david_cites_a_source_that_reports_it(real_site: BuildRun) -> None:
    article = content(real_site.site, "events/camp-david-summit-2023/")
    cited = {
        a["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in article.select("div.footnote a")
        if "/sources/" in a["href"]
    }
    assert "upi-2023-08-18" in cited and "sedaily-2023-10" not in cited


def test_the_2018_renewal_is_a_period_of_the_gsomia_chart(real_site: BuildRun) -> None:
    article = content(real_site.site, "topics/gsomia-agreement/")
    legend = [li.get_text(" ", strip=True) for li in article.select(".fb-legend li")]
    assert any(
        entry.startswith("In force (renewed for another year): from 22 August 2018")
        for entry in legend
    ), legend


def test_japanese_and_korean_names_are_written_family_name_first(real_site: BuildRun) -> None:
    people = MODEL.of(Person)
    in_parts = [p for p in people if p.family_name and p.given_name]
    assert len(in_parts) == len([p for p in people if p.country in ("KR", "JP")])
    round_12 = text_of(real_site, "events/spc-round-12/")
    assert "Funakoshi Takehiro" in round_12 and "Ando Atsushi" in round_12
    assert "Takehiro Funakoshi" not in round_12
    listing = text_of(real_site, "people/")
    assert "Kishida Fumio" in listing and "Fumio Kishida" not in listing


def test_a_source_without_a_recorded_headline_says_so(real_site: BuildRun) -> None:
    untitled = [s for s in MODEL.of(Source) if not s.title]
    assert untitled
    for source in untitled:
        assert "Headline not recorded" in text_of(real_site, f"sources/{source.id}/")
    assert not [
        s
        for s in MODEL.of(Source)
        if s.title
        and re.search(
            r", [0-9]{1,2} [A-Z][a-z]{2} "
            r"20[0-9]{2}",
            s.title,
        )
    ]


def test_the_gsomia_glossary_entry_lists_each_related_entry_once(real_site: BuildRun) -> None:
    text = text_of(real_site, "glossary/gsomia/")
    see_also = text.split("See also:", 1)[1].split("All terms", 1)[0]
    names = [name.strip() for name in see_also.split(",")]
    assert len(names) == len(set(names)) and "TISA" in names


def test_contested_descriptions_are_attributed(real_site: BuildRun) -> None:
    for page in (
        "why-the-talks-stopped/",
        "events/forced-labor-ruling-2018-10/",
        "glossary/forced-labor-rulings/",
    ):
        text = text_of(real_site, page)
        for sentence in re.split(r"(?<=[.;])\s", text):
            if "victims" in sentence.lower():
                assert re.search(
                    r"according to|describes|described|calls|called|said|"
                    r"in the words",
                    sentence,
                    re.IGNORECASE,
                ), sentence


def test_the_home_page_says_how_current_the_site_is(real_site: BuildRun) -> None:
    as_of = MODEL.as_of
    assert as_of is not None
    assert f"as of {as_of.display}" in text_of(real_site, "")


def test_reviewed_records_say_when_on_their_page(real_site: BuildRun) -> None:
    reviewed = [r for r in MODEL.records.values() if r.reviewed]
    assert reviewed
    for record in reviewed[:20]:
        text = text_of(real_site, f"{record.record_kind.folder}/{record.id}/")
        assert f"Facts last checked against their sources: {record.reviewed}." in text


def test_the_formal_normalization_names_both_2019_notes(real_site: BuildRun) -> None:
    text = text_of(real_site, "events/gsomia-formally-normalized-2023/")
    assert "termination" in text and "suspen" in text


def test_the_1998_action_plan_is_described_the_same_everywhere(real_site: BuildRun) -> None:
    for page in ("events/kim-obuchi-action-plan/", "people/kim-dae-jung/", "people/obuchi/"):
        text = text_of(real_site, page)
        assert "signed" in text and "bears their names" not in text, page


def test_the_home_page_promises_only_what_whos_who_does(real_site: BuildRun) -> None:
    home = text_of(real_site, "")
    whos_who = text_of(real_site, "whos-who/")
    assert "native" not in home.split("Who's who", 1)[1][:200].lower()
    assert "Seo Min-jung" in whos_who


def test_the_article_that_started_the_project_has_its_address_and_day(real_site: BuildRun) -> None:
    source = MODEL.records["joongang-2023-04-17"]
    assert isinstance(source, Source) and source.date is not None
    assert source.date.iso == "2023-04-17"
    assert source.url and source.url.startswith(
        "https://koreajoongangdaily.joins.com/2023/04/17/national/diplomacy/"
        "Korea-Japan-twoplustwo-dialogue/"
    )
    text = text_of(real_site, "sources/joongang-2023-04-17/")
    assert "17 April 2023" in text and "koreajoongangdaily.joins.com" in text


def test_the_developments_since_the_13th_round_are_on_the_site(real_site: BuildRun) -> None:
    text = text_of(real_site, "since-2024/")
    for event_id in (
        "defense-ministers-seoul-2025",
        "defense-ministers-yokosuka-2026",
        "vice-ministerial-dialogue-round-16",
        "lee-takes-office-2025",
        "takaichi-elected-2025",
    ):
        event = MODEL.records[event_id]
        assert event.when and event.when in text, event_id
    assert "No 14th round of the two-plus-two talks is recorded" in text
    nav = content(real_site.site, "").find_parent("html").select("nav.md-nav a[href]")
    assert any(a["href"].rstrip("/").endswith("since-2024") for a in nav)
