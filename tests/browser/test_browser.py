"""The site as a person sees it, in headless Chromium, offline but for localhost."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from browser_support import AXE, screenshot

from factbook import Project, check
from factbook.kinds import Event, Person
from support import ROOT, BuildRun

MODEL = check(Project(ROOT)).model
A_PERSON = next(
    r for r in MODEL.records.values() if isinstance(r, Person) and r.id == "seo-min-jung"
)
A_MEETING = MODEL.records["spc-round-12"]
assert isinstance(A_MEETING, Event)

KEY_PAGES = {
    "home": "",
    "timeline": "timeline/",
    "glossary": "glossary/",
    "person": f"people/{A_PERSON.id}/",
    "meeting": f"events/{A_MEETING.id}/",
}


def every_page(real_site: BuildRun) -> list[str]:
    return sorted(
        p.parent.relative_to(real_site.site).as_posix().removeprefix(".") + "/"
        for p in real_site.site.rglob("index.html")
    )


def test_every_page_loads_without_errors_or_outside_requests(page, site_url, real_site) -> None:
    urls = [u.lstrip("/") for u in every_page(real_site)]
    assert len(urls) > 100
    for url in urls:
        page.goto(site_url + url, wait_until="load")
    assert page.outside_requests == []
    assert page.console_errors == []


def test_hovering_a_term_shows_its_definition_and_links_to_the_glossary(page, site_url) -> None:
    page.goto(site_url)
    term = page.locator("a.fb-term").first
    href = term.get_attribute("href")
    term_id = href.split("#")[1]
    short = MODEL.records[term_id].short  # type: ignore[attr-defined]
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().strip() == short
    term.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/glossary/#{term_id}")
    assert page.locator(f"h2#{term_id}").is_visible()


GSOMIA_PAGES = {"glossary/gsomia/", "topics/gsomia-agreement/", "gsomia-explained/"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("GSOMIA", GSOMIA_PAGES),
        ("지소미아", GSOMIA_PAGES),
        ("船越", {"people/takehiro-funakoshi/"}),
        ("Funakoshi", {"people/takehiro-funakoshi/"}),
        ("two-plus-two", {"glossary/two-plus-two/", "topics/security-policy-consultation/"}),
    ],
)
def test_search_finds_the_right_pages(page, site_url, query: str, expected: set[str]) -> None:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    first = urlsplit(results.first.get_attribute("href")).path
    assert first.removeprefix(urlsplit(site_url).path) in expected


@pytest.mark.parametrize("width", [1280, 375])
def test_a_search_result_shows_the_name_in_both_scripts(page, site_url, width: int) -> None:
    """The index keeps a person's infobox (names in both scripts) but not the lists under a
    page, so the first result's preview shows who it is."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url)
    # On a phone the search field hides behind the header's search button.
    opener = "label.md-header__button[for=__search]" if width < 960 else "input.md-search__input"
    page.locator(opener).click()
    page.locator("input.md-search__input").fill("Funakoshi")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=15000)
    href = urlsplit(first.locator("a").first.get_attribute("href")).path
    assert href.removeprefix(urlsplit(site_url).path) == "people/takehiro-funakoshi/"
    assert "Funakoshi Takehiro" in first.inner_text() and "船越健裕" in first.inner_text()
    box = first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    screenshot(page, f"search-funakoshi-{width}", full_page=False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    "url", ["timeline/", "topics/security-policy-consultation/", "topics/gsomia-agreement/"]
)
def test_timeline_and_pictures_fit_in_light_and_dark(
    page, site_url, url: str, width: int, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default"
    )
    # Nothing sticks out of the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for chart in page.locator("svg.fb-chart").all():
        box = chart.bounding_box()
        assert box and box["width"] > 250 and box["height"] > 30
        # The whole picture is on screen: not cut off, not hidden in a scroll box.
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        figure = chart.locator("xpath=..")
        assert figure.evaluate("f => f.scrollWidth <= f.clientWidth")
        # Labels are drawn in the page's text colour, so they stay readable in both schemes.
        label_colour = chart.locator("text.fb-chart__label").first.evaluate(
            "e => getComputedStyle(e).fill"
        )
        text_colour = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
        assert label_colour == text_colour
    if url == "timeline/":
        events = sum(isinstance(r, Event) for r in MODEL.records.values())
        assert page.locator(".fb-timeline li").count() == events
    screenshot(page, f"{url.strip('/').replace('/', '-')}-{width}-{scheme}")


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_serious_accessibility_violations(page, site_url, name: str) -> None:
    page.goto(site_url + KEY_PAGES[name])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in json.loads(result)["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    screenshot(page, f"page-{name}")
    assert violations == [], json.dumps(violations)
