"""Browser test support: where Chromium and axe-core are, and saving screenshots.

Nothing is downloaded: Chromium comes from Debian (`.ci/run` installs it), Playwright's Python
package drives it, and axe-core comes from npm (installed by `make test`). Without Chromium the
tests are skipped, unless FACTBOOK_REQUIRE_BROWSER=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    if not AXE.exists():
        return "axe-core is not installed (npm ci --prefix tests/browser)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements-dev.txt)"
    return None


def screenshot(tab, name: str, full_page: bool = True) -> None:
    """`full_page=False`: only the viewport, as the reader sees it (an overlay such as the
    search results stays where it is on screen)."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def element_screenshot(tab, locator, name: str) -> None:
    """One element, cut from a picture of the whole page (so the page's sticky header, which
    a screenshot of the element alone would show over it, stays at the top of the page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    box = locator.bounding_box()
    scroll_x, scroll_y = tab.evaluate("[window.scrollX, window.scrollY]")
    clip = {
        "x": box["x"] + scroll_x,
        "y": box["y"] + scroll_y,
        "width": box["width"],
        "height": box["height"],
    }
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, clip=clip)


def search(tab, query: str) -> list[str]:
    """The addresses (paths) of the results a query gives in the page's search, first first."""
    from urllib.parse import urlsplit

    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    tab.locator("label.md-search__icon, .md-search__input").first.click()
    results = tab.locator(".md-search-result__item a")
    # A query typed while the search worker is still starting can go unanswered: type it
    # again once before giving up (the results themselves are what is tested).
    for attempt in range(2):
        tab.locator("input.md-search__input").fill(query)
        try:
            results.first.wait_for(timeout=15000)
            break
        except PlaywrightTimeoutError:
            if attempt:
                raise
            tab.locator("input.md-search__input").fill("")
    return [urlsplit(a.get_attribute("href")).path for a in results.all()]


def serious_violations(tab) -> list[tuple[str, str, list[object]]]:
    """What axe-core finds serious or critical on the page: rule, impact, the first places."""
    import json

    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("async () => JSON.stringify(await axe.run(document))")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in json.loads(result)["violations"]
        if v["impact"] in ("serious", "critical")
    ]
