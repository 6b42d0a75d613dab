"""The site as a person sees it, in headless Chromium, offline but for localhost."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from browser_support import element_screenshot, screenshot, search, serious_violations

from factbook import KINDS, Project, check, listing_pages, page_language
from factbook.kinds import Event, Person, Source
from support import ROOT, BuildRun

MODEL = check(Project(ROOT)).model
A_PERSON = next(
    r for r in MODEL.records.values() if isinstance(r, Person) and r.id == "seo-min-jung"
)
A_MEETING = MODEL.records["spc-round-12"]
assert isinstance(A_MEETING, Event)
SERIES = "security-policy-consultation"
ROUNDS = sorted(
    (r for r in MODEL.records.values() if isinstance(r, Event) and r.topic == SERIES and r.round),
    key=lambda e: e.date.sort_key,
)
PREFERRED = {SERIES, A_MEETING.id, A_PERSON.id, "rok-mofa", "joongang-2023-04-17", "gsomia"}
"""The record of each kind whose page is checked (one with a chart, footnotes, native names)."""


def url_of(src_uri: str) -> str:
    """A page's address relative to the site, with MkDocs' directory URLs."""
    path = src_uri.removesuffix(".md").removesuffix("index")
    return path if path.endswith("/") or not path else path + "/"


def pages_of_every_kind() -> dict[str, str]:
    """One page of every kind: each hand-written page, each listing, a record of each kind."""
    english = [p for p in sorted((ROOT / "docs").glob("*.md")) if page_language(p) is None]
    pages = {f"docs-{p.stem}": url_of(p.name) for p in english}
    for src in sorted(listing_pages()):
        pages[f"listing-{url_of(src).strip('/').replace('/', '-')}"] = url_of(src)
    for kind in KINDS.values():
        records = sorted(
            (r for r in MODEL.records.values() if type(r) is kind.record),
            key=lambda r: (r.id not in PREFERRED, r.id),
        )
        if records:  # (a kind declared by another test's extension has none here)
            pages[f"record-{kind.name}"] = url_of(kind.page(records[0].id))
    return pages


KEY_PAGES = pages_of_every_kind()


def every_page(real_site: BuildRun) -> list[str]:
    return sorted(
        p.parent.relative_to(real_site.site).as_posix().removeprefix(".") + "/"
        for p in real_site.site.rglob("index.html")
    )


def test_every_page_loads_without_errors_or_outside_requests(page, site_url, real_site) -> None:
    """Every page of the English edition, and of the Korean and Japanese ones every hand-written
    page, every listing and every third record page (the same templates fill them all)."""
    everything = [u.lstrip("/") for u in every_page(real_site)]
    english = [u for u in everything if not u.startswith(("ko/", "ja/"))]
    translated = [u for u in everything if u.startswith(("ko/", "ja/"))]
    records = {f"{kind.folder}/" for kind in KINDS.values()}
    sampled = [
        url
        for index, url in enumerate(translated)
        if index % 3 == 0 or not url[3:].startswith(tuple(records)) or url[3:] in records
    ]
    urls = english + sampled
    assert len(english) > 100 and len(sampled) > len(translated) // 3
    for url in urls:
        page.goto(site_url + url, wait_until="load")
    assert page.outside_requests == []
    assert page.console_errors == []


def test_hovering_a_term_shows_its_definition_and_links_to_its_page(page, site_url) -> None:
    page.goto(site_url)
    term = page.locator("a.fb-term").first
    href = term.get_attribute("href")
    term_id = href.rstrip("/").rpartition("/")[2]
    short = MODEL.records[term_id].short  # type: ignore[attr-defined]
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().strip() == short
    term.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/glossary/{term_id}/")
    assert page.locator("article h1").inner_text().startswith(MODEL.records[term_id].term)  # type: ignore[attr-defined]


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
    first = search(page, query)[0]
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
    # Within a pixel: the results panel may still be sliding into place (a fraction of a pixel).
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
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


@pytest.mark.parametrize("width", [1280, 375])
def test_an_explainer_cites_its_sources_in_numbered_notes(page, site_url, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "why-the-talks-stopped/")
    marker = page.locator("article sup a.footnote-ref").first
    assert marker.is_visible() and marker.inner_text() == "1"
    # Markers of one citation read "1,2,3"; a citation later in the same paragraph starts afresh.
    shown = page.evaluate(
        "() => [...document.querySelectorAll('article .fb-cite')].map(c =>"
        " [...c.querySelectorAll('sup')].map(s => getComputedStyle(s, '::before').content))"
    )
    assert len(shown) > 20
    assert all(
        group[0] in ("none", "normal") and all(c == '","' for c in group[1:]) for group in shown
    ), shown
    note_id = (marker.get_attribute("href") or "").removeprefix("#")
    source = MODEL.records[note_id.removeprefix("fn:")]
    assert isinstance(source, Source)
    marker.click()
    note = page.locator(f"li[id='{note_id}']")
    # The reader lands on the note, which names the source and links to its page and original.
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        arg=note_id,
        timeout=5000,
    )
    assert note.inner_text().startswith(source.publisher)
    assert note.locator(f"a[href='{source.url}']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"explainer-notes-{width}")
    note.locator("a[href*='sources/']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/sources/{source.id}/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_serious_accessibility_violations(page, site_url, name: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + KEY_PAGES[name])
    violations = serious_violations(page)
    if scheme == "light":
        screenshot(page, f"page-{name}")
    assert violations == [], json.dumps(violations)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_collapsed_backlink_group_opens_from_the_keyboard_on_a_phone(
    browser, site_url, javascript: bool, width: int
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    tab = context.new_page()
    tab.goto(site_url + "sources/joongang-2023-04-17/")
    group = tab.locator("details.fb-backlinks").first
    first_entry = group.locator("li").first
    assert not first_entry.is_visible()
    group.locator("summary").focus()
    tab.keyboard.press("Enter")
    first_entry.wait_for(state="visible", timeout=5000)
    assert group.evaluate("d => d.open")
    # The opened list fits the screen's width (the theme's header is another matter without
    # its script).
    box = group.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert group.evaluate("d => d.scrollWidth <= d.clientWidth")
    screenshot(tab, f"source-backlinks-opened-{width}-{'js' if javascript else 'no-js'}")
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_home_page_says_what_it_is_and_where_to_start_on_its_first_screen(
    page, site_url, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url)
    article = page.locator("article")
    first_screen = page.evaluate(
        """() => [...document.querySelectorAll('article p, article li')]
            .filter(e => e.getBoundingClientRect().bottom <= innerHeight)
            .map(e => e.innerText).join(' ')"""
    )
    assert "sourced explainer" in first_screen and "GSOMIA" in first_screen
    assert MODEL.as_of is not None and f"as of {MODEL.as_of.display}" in first_screen
    assert ROUNDS[-1].date.display in first_screen
    links = {
        urlsplit(a.get_attribute("href") or "").path.strip("./")
        for a in article.locator("a").all()
        if a.is_visible() and (a.bounding_box() or {"y": 1e9})["y"] < 900
    }
    starts = {"why-the-talks-stopped", "gsomia-explained", "whos-who", "timeline", "glossary"}
    if width == 1280:  # on a phone the cards go one under another, past the first screen
        assert starts | {"since-2024"} <= links, links
    screenshot(page, f"home-{width}")
    # The guide at the bottom links every page it names.
    guide = page.locator("h2#read-on + ul > li")
    assert guide.count() >= 5
    for item in guide.all():
        assert item.locator("a").count() >= 1
        assert item.locator("em, strong").count() == 0


@pytest.mark.parametrize("width", [1280, 375])
def test_the_rounds_chart_fills_the_text_width_with_labels_at_text_size(
    page, site_url, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url)
    figure = page.locator("article figure.fb-figure").first
    element_screenshot(page, figure, f"chart-home-{width}")
    measured = page.evaluate(
        """() => {
        const article = document.querySelector('article');
        const style = getComputedStyle(article);
        const content = article.clientWidth - parseFloat(style.paddingLeft)
            - parseFloat(style.paddingRight);
        const body = parseFloat(getComputedStyle(article.querySelector(':scope > p')).fontSize);
        const chart = article.querySelector('svg.fb-chart');
        const box = chart.getBoundingClientRect();
        const labels = [...chart.querySelectorAll('text')]
            .filter(t => getComputedStyle(t).display !== 'none')
            .map(t => {
                const b = t.getBoundingClientRect();
                return {text: t.textContent, box: [b.left, b.top, b.right, b.bottom],
                        size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a};
            });
        return {content, body, chart: [box.left, box.right, box.width], labels,
                scroll: document.documentElement.scrollWidth, inner: innerWidth};
        }"""
    )
    left, right, chart_width = measured["chart"]
    assert chart_width >= 0.9 * measured["content"], measured
    assert measured["scroll"] <= measured["inner"] and left >= 0 and right <= measured["inner"]
    labels = measured["labels"]
    assert {str(e.round) for e in ROUNDS} <= {label["text"] for label in labels}
    for label in labels:
        assert label["size"] >= measured["body"] - 0.01, label
        # Inside the picture, not cut off at its edges.
        assert left - 0.5 <= label["box"][0] and label["box"][2] <= right + 0.5, label
    # No two labels touch.
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            overlap = min(ar, br) - max(al, bl) > 0.5 and min(ab, bb) - max(at, bt) > 0.5
            assert not overlap, (a, b)
    # Without the picture, the figures are still there as text: a table under the legend.
    summary = figure.locator("details.fb-figures > summary")
    assert summary.is_visible()
    rows = figure.locator("details.fb-figures table tbody tr")
    assert rows.count() == len(ROUNDS)
    cells = [row.locator("td").all_text_contents() for row in rows.all()]
    assert cells == [[str(e.round), e.date.display, e.place or ""] for e in ROUNDS]
    summary.click()
    assert rows.first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    element_screenshot(page, figure, f"chart-home-{width}-figures")


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", [f"events/{A_MEETING.id}/", "gsomia-explained/"])
def test_a_printed_page_shows_its_footnotes_with_the_sources_addresses(
    page, site_url, width: int, path: str
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    links = page.locator('article .footnote a[href^="http"]')
    assert links.count() > 0
    after = "a => getComputedStyle(a, '::after').content"
    assert links.first.evaluate(after) == "none"  # on screen, the link is enough
    page.emulate_media(media="print")
    assert page.locator("article .footnote").is_visible()
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(selector).is_hidden(), selector
    for link in links.all():
        href = link.get_attribute("href")
        assert link.is_visible() and link.evaluate(after) == f'" ({href})"', href
    screenshot(page, f"print-{path.strip('/').replace('/', '-')}-{width}")
