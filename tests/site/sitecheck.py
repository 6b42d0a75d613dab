"""Reading a built site the way a browser would: parse HTML, follow internal links."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


@cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url_path: str) -> BeautifulSoup:
    """The parsed page at a site URL path such as `people/kim-example/`."""
    target = site / url_path
    if url_path.endswith("/") or url_path == "":
        target = target / "index.html"
    return _parse(target)


def content(site: Path, url_path: str) -> BeautifulSoup:
    """The page's article (what the author wrote or the engine generated), without chrome."""
    return page(site, url_path).select_one("article")


def resolve(site: Path, html_file: Path, href: str, prefix: str = "/") -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for external links.
    `prefix` is the path of `site_url` (absolute links, as in 404.html, start with it)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    base = html_file.parent.relative_to(site).as_posix()
    path = unquote(parts.path)
    if path.startswith("/"):
        base, path = "", "./" + path[len(prefix) :] if path.startswith(prefix) else path
    joined = (
        posixpath.normpath(posixpath.join(base, path))
        if path
        else html_file.relative_to(site).as_posix()
    )
    target = site / joined
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path, prefix: str = "/") -> list[str]:
    """Every internal link or anchor in the site that leads nowhere."""
    problems = []
    for html_file in sorted(site.rglob("*.html")):
        soup = _parse(html_file)
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                href = element.get(attribute)
                if not href:
                    continue
                resolved = resolve(site, html_file, href, prefix)
                if resolved is None:
                    continue
                target, fragment = resolved
                where = f"{html_file.relative_to(site)} → {href}"
                if not target.exists():
                    problems.append(f"{where}: no such file")
                elif (
                    fragment
                    and target.suffix == ".html"
                    and _parse(target).find(id=fragment) is None
                ):
                    problems.append(f"{where}: no anchor #{fragment}")
    return problems
