"""The site's address and its edit links come from the environment (mkdocs.yml: `!ENV` SITE_URL
and EDIT_URI): a fork's build writes the fork's addresses wherever the site names itself
(canonical links, Open Graph, JSON-LD, the sitemap, facts.json, "Edit this page", the 404 page),
and a build with neither set writes the documented local default. Real builds of the real site,
read back with parsers; no file of either site may hold a placeholder address."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from sitecheck import page

from support import ROOT, BuildRun, mkdocs_build

FORK_SITE = "https://fork-owner.github.io/fork-repo/"
FORK_EDIT = "https://github.com/fork-owner/fork-repo/edit/main/docs/"
"""What .github/site-addresses.sh gives a fork named fork-owner/fork-repo."""
LOCAL_SITE = "http://127.0.0.1:8000/"
"""mkdocs.yml's default address (`mkdocs serve`'s), documented in the README."""
PLACEHOLDERS = (b"example.invalid", b"github.com/example")
RECORD = "events/spc-round-12/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    run = mkdocs_build(
        ROOT,
        tmp_path_factory.mktemp("fork") / "site",
        addresses={"SITE_URL": FORK_SITE, "EDIT_URI": FORK_EDIT},
    )
    assert run.returncode == 0, run.output
    return run


def file_contents(site: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of the site as bytes, compressed ones (sitemap.xml.gz) decompressed."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            yield (
                path.relative_to(site).as_posix(),
                (gzip.decompress(data) if path.suffix == ".gz" else data),
            )


def placeholders(site: Path) -> list[str]:
    return [
        f"{name}: {placeholder.decode()}"
        for name, data in file_contents(site)
        for placeholder in PLACEHOLDERS
        if placeholder in data
    ]


def head_addresses(site: Path, url_path: str) -> tuple[str, str]:
    """A page's canonical link and its Open Graph address."""
    head = page(site, url_path).head
    og_url = head.find("meta", property="og:url")["content"]
    return head.find("link", rel="canonical")["href"], og_url


def sitemap_locations(site: Path) -> tuple[list[str], list[str]]:
    """The addresses in sitemap.xml and in sitemap.xml.gz."""
    plain = ElementTree.parse(site / "sitemap.xml").getroot()
    packed = ElementTree.fromstring(gzip.decompress((site / "sitemap.xml.gz").read_bytes()))
    return [e.text or "" for e in plain.iter(SITEMAP)], [e.text or "" for e in packed.iter(SITEMAP)]


def json_urls(value: Any) -> Iterator[str]:
    """Every `url` value in a JSON document, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "url" and isinstance(item, str):
                yield item
            else:
                yield from json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_urls(item)


def jsonld_urls(site: Path) -> list[str]:
    urls = []
    for html_file in sorted(site.rglob("*.html")):
        text = html_file.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            urls += json_urls(json.loads(block))
    return urls


def source_articles(facts: dict[str, Any]) -> set[str]:
    """The addresses of the cited articles (a source's own `url`, off the site)."""
    return {s["url"] for s in facts["records"]["sources"] if s.get("url")}


def test_a_fork_build_names_the_fork_everywhere(fork_site: BuildRun) -> None:
    site = fork_site.site
    assert head_addresses(site, "") == (FORK_SITE, FORK_SITE)
    assert head_addresses(site, RECORD) == (FORK_SITE + RECORD, FORK_SITE + RECORD)
    plain, packed = sitemap_locations(site)
    assert plain == packed and FORK_SITE + RECORD in plain
    assert all(loc.startswith(FORK_SITE) for loc in plain), plain
    facts = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    articles = source_articles(facts)
    on_site = [u for u in json_urls(facts["records"]) if u not in articles]
    assert FORK_SITE + RECORD in on_site
    assert all(u.startswith(FORK_SITE) for u in on_site), on_site
    linked = jsonld_urls(site)
    assert FORK_SITE + "people/seo-min-jung/" in linked
    assert all(u.startswith(FORK_SITE) or u in articles for u in linked)
    # The 404 page is served at any depth, so its links are absolute: under the fork's path.
    not_found = page(site, "404.html")
    hrefs = [a["href"] for a in not_found.find_all(["a", "link"], href=True)]
    rooted = [h for h in hrefs if h.startswith("/")]
    assert rooted and all(h.startswith("/fork-repo/") for h in rooted), rooted
    assert placeholders(site) == []


def test_a_fork_build_edits_the_forks_files(fork_site: BuildRun) -> None:
    button = "a.md-content__button[rel=edit]"
    home = page(fork_site.site, "").select_one(button)
    assert home["href"] == FORK_EDIT + "index.md"
    record = page(fork_site.site, RECORD).select_one(button)
    match = re.fullmatch(
        r"https://github\.com/fork-owner/fork-repo/edit/main/(data/[\w/.-]+\.yaml)#L(\d+)",
        record["href"],
    )
    assert match, record["href"]
    # The line it opens is where the record is defined.
    lines = (ROOT / match[1]).read_text(encoding="utf-8").splitlines()
    assert lines[int(match[2]) - 1].strip() == "- id: spc-round-12"
    # No repository widget: it would ask GitHub's API for statistics from every reader's browser.
    assert page(fork_site.site, "").select_one(".md-source") is None


def test_without_addresses_a_build_uses_the_local_default(real_site: BuildRun) -> None:
    site = real_site.site
    assert head_addresses(site, RECORD) == (LOCAL_SITE + RECORD, LOCAL_SITE + RECORD)
    plain, packed = sitemap_locations(site)
    assert plain == packed and all(loc.startswith(LOCAL_SITE) for loc in plain)
    facts = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    articles = source_articles(facts)
    assert all(u.startswith(LOCAL_SITE) for u in json_urls(facts["records"]) if u not in articles)
    # No repository is known, so no page offers to edit it.
    for url_path in ("", RECORD, "why-the-talks-stopped/"):
        assert page(site, url_path).select_one("a.md-content__button[rel=edit]") is None
    assert placeholders(site) == []
