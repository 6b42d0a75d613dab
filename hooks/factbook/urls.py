"""URLs: where pages are, and how one page links to another.

Pages are named by their source path inside the docs tree (`people/seo-min-jung.md`), as site
engines name them. Two kinds of link are made from those paths:

- in generated Markdown, a relative link to the other page's `.md` source (`../glossary/index.md`),
  which the site engine rewrites and checks like any link in a hand-written page;
- in the built site, the final relative address (`../../glossary/`), for links made after the
  engine's own link pass (glossary marks), and absolute addresses for open data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

GLOSSARY_PAGE = "glossary/index.md"
TIMELINE_PAGE = "timeline.md"


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one page's source path to another's: `events/x.md` → `people/y.md`
    is `../people/y.md`."""
    return _relative_from(from_page.rpartition("/")[0], to_page)


@lru_cache(maxsize=1 << 16)
def _relative_from(from_folder: str, to_path: str) -> str:
    # posixpath.relpath asks the operating system for the working folder on every call; pages
    # make tens of thousands of links, so compare path segments instead (same result).
    source = [part for part in from_folder.split("/") if part]
    target = to_path.split("/")
    shared = 0
    while shared < len(source) and shared < len(target) - 1 and source[shared] == target[shared]:
        shared += 1
    return "/".join([".."] * (len(source) - shared) + target[shared:])


def page_path(src_uri: str, directory_urls: bool = True) -> str:
    """A page's URL path relative to the site root: `people/x.md` → `people/x/` (or
    `people/x.html` without directory URLs). Other files keep their path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def built_relative(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """The address of one page from another in the built site (source paths in), as a relative
    URL: `events/x.md` → `glossary/index.md` is `../../glossary/`."""
    here = page_path(from_page, directory_urls)
    folder = here[:-1] if here.endswith("/") else here.rpartition("/")[0]
    return _relative_from(folder, page_path(to_page, directory_urls)) or "./"


@dataclass(frozen=True)
class Addresses:
    """How the site engine lays out page addresses (for absolute URLs in open data)."""

    site_url: str = "/"
    directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """A page's absolute address, from its source path."""
        return self.site_url + page_path(src_uri, self.directory_urls)
