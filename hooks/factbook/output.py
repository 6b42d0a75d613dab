"""Output: what a site engine needs from one build, as plain data.

The MkDocs adapter works from an `Output` alone, never from the model: the generated pages, the
JSON-LD for each page's head, facts.json, where each record page's record is defined (for "Edit
this page"), the glossary's terms, what `[[id]]` in hand-written pages links to and what
`[[cite:id]]` there cites. It holds only strings, numbers, tuples, dicts and small frozen
dataclasses, so a build's output can be stored and read back in a fraction of the time a build
takes (cache.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import export, links, text
from .diagnostics import Diagnostic, Position, errors
from .glossary import GlossaryTerm
from .kinds import Source, Term
from .model import Model, Record
from .render import SourceNote, footnote_definitions, footnote_markers
from .resolve import cited_sources
from .urls import GLOSSARY_PAGE, Addresses, relative


@dataclass(frozen=True)
class LinkTarget:
    """Where `[[id]]` in a hand-written page leads, and the text it shows by default."""

    src_uri: str
    label: str
    """The record's name as Markdown text (escaped: a name is data, not markup)."""
    date: str = ""
    """Its date as its page shows it, for `[[id:date]]` (empty for a record without one)."""
    sources: tuple[str, ...] = ()
    """What `[[cite:id]]` cites: the record's sources, or a source itself."""


@dataclass(frozen=True)
class Output:
    """The result of a build, for a site engine (and for `python -m factbook`)."""

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
    as_of: str = ""
    """The date the site's facts were last reviewed, as readers see it (`[[site:as-of]]`)."""
    targets: dict[str, LinkTarget] = field(default_factory=dict)
    """Record id → where `[[id]]` leads."""
    notes: dict[str, SourceNote] = field(default_factory=dict)
    """Source id → what its footnote says, for `[[cite:id]]`."""
    notices: tuple[Diagnostic, ...] = ()
    """Translations older than their English: listed, never a reason to fail a build."""
    from_cache: bool = field(default=False, compare=False)
    """Read from the build cache rather than built (how it was made, not what it holds)."""

    @property
    def ok(self) -> bool:
        return not errors(self.diagnostics)

    def expand_page(self, src_uri: str, markdown: str) -> str:
        """Turn `[[id]]` in a hand-written page into relative Markdown links, `[[chart:id]]`
        into the topic's pictures, and `[[cite:id]]` into footnote markers, with the footnotes
        added at the end of the page as record pages write them."""
        cited: dict[str, None] = {}
        """Every source cited on the page, in the order of its first citation."""

        def render(found: links.Found) -> str:
            if found.citation:
                sources = dict.fromkeys(
                    source_id
                    for item in found.cites
                    if item.id in self.targets
                    for source_id in self.targets[item.id].sources
                )
                cited.update(sources)
                # One element around each citation: the stylesheet puts commas between markers
                # that are element siblings, and CSS cannot see the words between two citations
                # of one paragraph.
                return (
                    f'<span class="fb-cite">{footnote_markers(sources)}</span>' if sources else ""
                )
            if found.chart is not None:
                return self.figures.get(found.chart, "")
            if found.site is not None:
                return self.as_of
            target = self.targets.get(found.target)
            if target is None:  # already reported by check(); keep the text visible
                return found.label or found.target
            if found.shows == "date":
                return target.date
            # The author's label is the author's Markdown; a record's name is data: plain text.
            label = (
                found.label.replace("[", "\\[").replace("]", "\\]") if found.label else target.label
            )
            return f"[{label}]({relative(src_uri, target.src_uri)})"

        expanded = links.expand(markdown, render)
        if not cited:
            return expanded
        notes = footnote_definitions((i, self.notes[i].line(src_uri)) for i in cited)
        return f"{expanded.rstrip()}\n\n{notes}\n"


@dataclass
class OutputMemo:
    """Pieces of an earlier output still true for a rebuild: the JSON-LD of each page's head
    and each record's facts.json entry, for the records an edit did not touch (a rebuild
    drops the others first; see incremental.py)."""

    head: dict[str, str] = field(default_factory=dict)
    """Record page path → its JSON-LD."""
    facts: dict[str, str] = field(default_factory=dict)
    """Record id → its facts.json entry."""
    targets: dict[str, LinkTarget] = field(default_factory=dict)
    """Record id → where `[[id]]` leads."""

    def forget(self, record: Record) -> None:
        """Drop what was made from a record (to be made again from its new version)."""
        self.head.pop(record.src_uri, None)
        self.facts.pop(record.id, None)
        self.targets.pop(record.id, None)


def output_of(
    model: Model,
    diagnostics: tuple[Diagnostic, ...],
    pages: dict[str, str],
    figures: dict[str, str],
    glossary_locations: dict[str, str],
    addresses: Addresses,
    notices: tuple[Diagnostic, ...] = (),
    memo: OutputMemo | None = None,
) -> Output:
    """Everything the site engine needs from a good build, as plain data."""
    memo = memo if memo is not None else OutputMemo()
    head = {}
    for record in model.records.values():
        tag = memo.head.get(record.src_uri)
        if tag is None:
            tag = export.script_tag(export.jsonld(record, model, addresses.url))
            memo.head[record.src_uri] = tag
        head[record.src_uri] = tag
    for page in {GLOSSARY_PAGE, *glossary_locations.values()}:
        defined_here = [
            term_id for term_id, location in glossary_locations.items() if location == page
        ]
        head[page] = export.script_tag(export.glossary_jsonld(model, addresses.url, defined_here))
    terms = tuple(GlossaryTerm(t.id, tuple(t.forms), t.short, t.src_uri) for t in model.of(Term))
    return Output(
        diagnostics=diagnostics,
        pages=pages,
        head=head,
        defined_at={record.src_uri: record.origin for record in model.records.values()},
        facts_json=export.facts_json(model, addresses.url, memo.facts),
        terms=terms,
        glossary_locations=glossary_locations,
        figures=figures,
        targets=link_targets(model, memo.targets),
        notes={source.id: SourceNote.of(source) for source in model.of(Source)},
        as_of=model.as_of.display if model.as_of else "",
        notices=notices,
    )


def link_targets(model: Model, known: dict[str, LinkTarget] | None = None) -> dict[str, LinkTarget]:
    """Where `[[id]]` leads, for every record (`known` holds those already made, and learns)."""
    known = {} if known is None else known
    targets = {}
    for record in model.records.values():
        target = known.get(record.id)
        if target is None:
            target = known[record.id] = LinkTarget(
                record.src_uri,
                text.literal(record.display_name),
                record.when or "",
                cited_sources(record),
            )
        targets[record.id] = target
    return targets
