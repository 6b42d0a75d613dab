"""The Korean and Japanese editions as a reader sees them, in headless Chromium: the language
switcher, search in each language, a phone's width and accessibility. (Every page of every
edition loading without errors is test_browser.py's first test: it walks the whole site.)"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from browser_support import screenshot, search, serious_violations


@pytest.mark.parametrize(
    ("start", "choice", "lands"),
    [
        ("ko/people/seo-min-jung/", "日本語", "ja/people/seo-min-jung/"),
        ("ja/events/spc-round-12/", "English", "events/spc-round-12/"),
        ("gsomia-explained/", "한국어", "ko/gsomia-explained/"),
    ],
)
def test_the_language_switcher_lands_on_the_same_page(
    page, site_url, start: str, choice: str, lands: str
) -> None:
    page.goto(site_url + start)
    page.locator(".md-header__option .md-select button").first.hover()
    link = page.locator("a.md-select__link", has_text=choice)
    link.wait_for(state="visible", timeout=5000)
    link.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == urlsplit(site_url + lands).path
    assert page.console_errors == []


GSOMIA = {"glossary/gsomia/", "topics/gsomia-agreement/", "gsomia-explained/"}


@pytest.mark.parametrize(
    ("edition", "query", "expected"),
    [
        ("ko/", "지소미아", GSOMIA),
        ("ko/", "후나코시", {"people/takehiro-funakoshi/"}),
        ("ko/", "Funakoshi", {"people/takehiro-funakoshi/"}),
        ("ja/", "軍事情報", GSOMIA),
        ("ja/", "船越", {"people/takehiro-funakoshi/"}),
        ("ja/", "Funakoshi", {"people/takehiro-funakoshi/"}),
    ],
)
def test_search_in_each_edition_finds_its_own_pages(
    page, site_url, edition: str, query: str, expected: set[str]
) -> None:
    page.goto(site_url + edition)
    found = search(page, query)
    prefix = urlsplit(site_url + edition).path
    assert found and all(path.startswith(prefix) for path in found), found
    assert found[0].removeprefix(prefix) in expected, found[:3]


@pytest.mark.parametrize("edition", ["ko/", "ja/"])
@pytest.mark.parametrize("path", ["", "people/takehiro-funakoshi/", "events/spc-round-12/"])
def test_an_edition_fits_a_phone(page, site_url, edition: str, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + edition + path)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.console_errors == [] and page.outside_requests == []
    name = f"edition-{edition.strip('/')}-{path.strip('/').replace('/', '-') or 'home'}-375"
    screenshot(page, name)


@pytest.mark.parametrize("edition", ["ko/", "ja/"])
@pytest.mark.parametrize(
    "path", ["", "gsomia-explained/", "people/seo-min-jung/", "events/spc-round-12/", "timeline/"]
)
def test_no_serious_accessibility_violations_in_an_edition(
    page, site_url, edition: str, path: str
) -> None:
    page.goto(site_url + edition + path)
    violations = serious_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False)
