"""Output: what a site engine needs from one build, as plain data.

The MkDocs adapter works from an `Output` alone, never from the model: the generated pages, the
JSON-LD for each page's head, facts.json, where each record page's record is defined (for "Edit
this page"), the glossary's terms, and what `[[id]]` in hand-written pages links to. It holds
only strings, numbers, tuples, dicts and small frozen dataclasses, so a build's output can be
stored and read back in a fraction of the time a build takes (cache.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import export, links, resolve, text
from .diagnostics import Diagnostic, Position, errors
from .glossary import GlossaryTerm
from .model import Model, Term
from .render import GLOSSARY_PAGE, relative, relative_from

if TYPE_CHECKING:
    from . import Result


@dataclass(frozen=True)
class Addresses:
    """How the site engine lays out page addresses (for absolute URLs in open data)."""

    site_url: str = "/"
    directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """A page's absolute address, from its source path."""
        return self.site_url + page_path(src_uri, self.directory_urls)


def page_path(src_uri: str, directory_urls: bool = True) -> str:
    """A page's URL path relative to the site root: `people/x.md` → `people/x/`."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """The address of one page from another in the built site (source paths in), as a
    relative URL: `events/x.md` → `glossary/index.md` is `../../glossary/`."""
    here = page_path(from_page, directory_urls)
    folder = here[:-1] if here.endswith("/") else here.rpartition("/")[0]
    return relative_from(folder, page_path(to_page, directory_urls)) or "./"


@dataclass(frozen=True)
class LinkTarget:
    """Where `[[id]]` in a hand-written page leads, and the text it shows by default."""

    src_uri: str
    label: str
    """The record's name as Markdown text (escaped: a name is data, not markup)."""


@dataclass(frozen=True)
class Output:
    diagnostics: tuple[Diagnostic, ...]
    pages: dict[str, str] = field(default_factory=dict)
    """Generated pages: path inside the docs tree → Markdown. Empty when there are errors."""
    head: dict[str, str] = field(default_factory=dict)
    """Page path → HTML for the page's <head> (schema.org JSON-LD)."""
    defined_at: dict[str, Position] = field(default_factory=dict)
    """Record page path → where its record is defined."""
    facts_json: str = ""
    terms: tuple[GlossaryTerm, ...] = ()
    glossary_locations: dict[str, str] = field(default_factory=dict)
    """Term id → the generated page that holds its glossary entry."""
    figures: dict[str, str] = field(default_factory=dict)
    """Topic id → its pictures as one raw-HTML block, for `[[chart:id]]`."""
    targets: dict[str, LinkTarget] = field(default_factory=dict)
    """Record id → where `[[id]]` leads."""
    from_cache: bool = field(default=False, compare=False)
    """Read from the build cache rather than built (how it was made, not what it holds)."""

    @property
    def ok(self) -> bool:
        return not errors(list(self.diagnostics))

    def expand_page(self, src_uri: str, markdown: str) -> str:
        return expand_page(src_uri, markdown, self.targets, self.figures)


def expand_page(src_uri: str, markdown: str, targets: dict[str, LinkTarget],
                figures: dict[str, str]) -> str:
    """Turn `[[id]]` in a hand-written page into relative Markdown links."""
    def render(found: links.Found) -> str:
        if found.target.startswith(resolve.CHART_PREFIX):
            return figures.get(found.target[len(resolve.CHART_PREFIX):].strip(), "")
        target = targets.get(found.target)
        if target is None:  # already reported by check(); keep the text visible
            return found.label or found.target
        # The author's label is the author's Markdown; a record's name is data: plain text.
        label = (found.label.replace("[", "\\[").replace("]", "\\]") if found.label
                 else target.label)
        return f"[{label}]({relative(src_uri, target.src_uri)})"
    return links.expand(markdown, render)


def link_targets(model: Model) -> dict[str, LinkTarget]:
    return {record.id: LinkTarget(record.src_uri, text.plain(record.display_name))
            for record in model.records.values()}


def output_of(result: Result, addresses: Addresses) -> Output:
    """Everything the site engine needs from a build; only diagnostics when it failed."""
    if not result.ok:
        return Output(result.diagnostics)
    model = result.model
    head = {record.src_uri: export.script_tag(export.jsonld(record, model, addresses.url))
            for record in model.records.values()}
    for page in {GLOSSARY_PAGE, *result.glossary_locations.values()}:
        defined_here = [term_id for term_id, location in result.glossary_locations.items()
                        if location == page]
        head[page] = export.script_tag(export.glossary_jsonld(model, addresses.url, defined_here))
    # Compact JSON: the C encoder only runs without indentation (3x faster, far less memory).
    facts_json = json.dumps(export.facts(model, addresses.url), ensure_ascii=False,
                            separators=(",", ":"), sort_keys=True)
    terms = tuple(GlossaryTerm(t.id, tuple(t.forms), t.short, t.src_uri)
                  for t in model.records.values() if isinstance(t, Term))
    return Output(
        diagnostics=result.diagnostics, pages=result.pages, head=head,
        defined_at={record.src_uri: record.origin for record in model.records.values()},
        facts_json=facts_json, terms=terms, glossary_locations=result.glossary_locations,
        figures=result.figures, targets=link_targets(model))
