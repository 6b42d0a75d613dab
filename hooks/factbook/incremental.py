"""Rebuilding after an edit (under `mkdocs serve`): the output `build()` would give, from the
work an edit makes necessary.

A `Rebuilder` keeps what its last build read and made. On the next build it reads again only
the data files whose bytes changed (project.FileMemo), then works out which records the edit
touched, and renders again only the pages that can show something of them:

- the records that changed (added, removed, any field, or its place in the file);
- the records that refer to one of them (they show its name; in a translated edition, its
  translations' references count too) and those it refers to, before and after the edit
  (their "Mentioned in" lists show its name);
- every record whose backlinks changed (a reference added or removed, here or in a page);
- an event's neighbours in its topic's series, before and after (previous/next round);
- the topic of every event among them (a topic's page cites its events' sources);
- every topic, when the latest date of any event changed (their charts are drawn to it), and
  every term, when a term changed (a term's page links its glossary part);
- the listings of every kind among those records, the glossary and the timeline as needed;
  of a listing split into parts (years, letters), only the parts that list one of them.

A hand-written page's title changed, or kinds declared outside the core with templates of
their own (which may show anything), render all pages again. The rules follow what the core's
templates show; tests/core/test_incremental.py holds them to `build()` on every kind of edit.
The templates and the edition's words are read once: a Rebuilder lives as long as the code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import jinja2

from . import collector, resolve, translations, wording
from .dates import PartialDate
from .kinds import KINDS, Event, Term, Topic
from .model import Model, Record, Reference
from .output import Output, OutputMemo, output_of
from .project import Checked, FileMemo, Project, check
from .render import DocPage, Reuse, Site, templates
from .resolve import Backlink
from .urls import GLOSSARY_PAGE, TIMELINE_PAGE, Addresses


@dataclass(frozen=True)
class Rebuilt:
    """A build's output, and which generated pages differ from the previous build's."""

    output: Output
    changed: frozenset[str] = frozenset()
    """Generated pages that are new, or whose Markdown, head or defining place changed."""
    removed: frozenset[str] = frozenset()
    """Generated pages the previous build had and this one has not."""
    everything: bool = True
    """No earlier good build to compare with (the first, the one after errors, or errors)."""


@dataclass
class _Last:
    """What the previous good build was made from."""

    model: Model
    doc_pages: dict[str, DocPage]
    gaps: dict[str, str]
    links: list[tuple[str, str, str]]
    """Every reference as (owner, target, relation), in order (the English's, then those only
    in the edition's translations): the backlinks and the two maps below are made of them."""
    backlinks: dict[str, list[Backlink]]
    referrers: dict[str, set[str]]
    """Id → the records and pages that refer to it."""
    targets: dict[str, set[str]]
    """Id → the ids it refers to."""
    latest: PartialDate | None
    series: dict[str, list[Event]]
    """Topic id → its events in order (Site.events_by_topic)."""
    families: dict[str, dict[str, str]]
    """Listing family (see Site.listing_families) → its pages."""
    output: Output
    memo: OutputMemo


class Rebuilder:
    """Builds one edition of a project again and again; see the module's docstring."""

    def __init__(self, project: Project, addresses: Addresses, language: str = "en") -> None:
        self.project = project
        self.addresses = addresses
        self.language = language
        self.files: FileMemo = {}
        self.last: _Last | None = None
        self.templates: jinja2.Environment | None = None
        """Compiled once (in the edition's words) and used by every build."""

    def build(self) -> Rebuilt:
        with collector.paused():
            return self._build()

    def _build(self) -> Rebuilt:
        checked = check(self.project, self.files)
        if not checked.ok:
            self.last = None  # the next good build starts afresh
            return Rebuilt(Output(checked.diagnostics, notices=checked.translations.warnings))
        last = self.last
        links, backlinks, referrers, targets = self._references(checked, last)
        model, gaps, doc_pages = self._edition(checked)
        with wording.speaking(self.language):
            self.templates = self.templates or templates()
            site = Site(model, backlinks, doc_pages, gaps, self.templates)
            own_templates = any(kind.templates for kind in KINDS.values())
            if last is None or last.doc_pages != doc_pages or own_templates:
                touched = set(model.records)
                families = Site.listing_families()
                memo = OutputMemo()
            else:
                touched = _touched(last, site, referrers, targets)
                families = _families(last.model, model, touched)
                memo = last.memo
                for record_id in touched:
                    old = last.model.records.get(record_id)
                    if old is not None:
                        memo.forget(old)
            rendered = {
                family: site.listing_family(family, _reuse(last, family, model, touched))
                for family in families
            }
            pages = _pages(site, model, last, touched, rendered)
            figures = {topic_id: site.figure(topic_id) for topic_id in site.charts}
            output = output_of(
                model,
                checked.diagnostics,
                pages,
                figures,
                site.glossary_locations,
                self.addresses,
                notices=checked.translations.warnings,
                memo=memo,
            )
        all_families = {**(last.families if last else {}), **rendered}
        self.last = _Last(
            model,
            doc_pages,
            gaps,
            links,
            backlinks,
            referrers,
            targets,
            site.latest,
            site.events_by_topic,
            all_families,
            output,
            memo,
        )
        if last is None:
            return Rebuilt(output, frozenset(output.pages))
        return Rebuilt(output, *_differences(last.output, output), everything=False)

    def _references(
        self, checked: Checked, last: _Last | None
    ) -> tuple[
        list[tuple[str, str, str]],
        dict[str, list[Backlink]],
        dict[str, set[str]],
        dict[str, set[str]],
    ]:
        """The references as (owner, target, relation), the backlinks, and who refers to what;
        the last build's when the references are the same."""
        references = list(checked.references)
        # A translation may name records its English does not: its pages show them too.
        shown = (
            references if self.language == "en" else [*references, *checked.translated_references]
        )
        links = [(ref.owner, ref.target, ref.relation) for ref in shown]
        if (
            last is not None
            and last.links == links
            and last.model.records.keys() == checked.model.records.keys()
        ):
            # The same references among the same records (a title or a date edited).
            return links, last.backlinks, last.referrers, last.targets
        return links, resolve.backlinks(checked.model, references), *_reference_maps(shown)

    def _edition(self, checked: Checked) -> tuple[Model, dict[str, str], dict[str, DocPage]]:
        """The model in the edition's words, its gaps, and its hand-written pages (as build())."""
        if self.language == "en":
            return checked.model, {}, checked.doc_pages
        localized = translations.localize(checked.model, checked.translations, self.language)
        titles = checked.translated_pages.get(self.language, {})
        doc_pages = {path: titles.get(path, page) for path, page in checked.doc_pages.items()}
        return localized.model, localized.gaps, doc_pages


def _reference_maps(
    references: list[Reference],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Who refers to each id, and what each id refers to."""
    referrers: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, set[str]] = defaultdict(set)
    for ref in references:
        referrers[ref.target].add(ref.owner)
        targets[ref.owner].add(ref.target)
    return referrers, targets


def _touched(
    last: _Last, site: Site, referrers: dict[str, set[str]], targets: dict[str, set[str]]
) -> set[str]:
    """The records whose pages may show something an edit changed (the module's rules)."""
    model, gaps, backlinks = site.model, site.gaps, site.backlinks
    old, new = last.model.records, model.records
    changed = {
        record_id
        for record_id in old.keys() | new.keys()
        if old.get(record_id) != new.get(record_id)
        or last.gaps.get(record_id) != gaps.get(record_id)
    }
    touched = set(changed)
    for record_id in changed:
        touched |= referrers.get(record_id, set()) | last.referrers.get(record_id, set())
        touched |= targets.get(record_id, set()) | last.targets.get(record_id, set())
    if backlinks is not last.backlinks:
        touched |= {
            target
            for target in backlinks.keys() | last.backlinks.keys()
            if backlinks.get(target) != last.backlinks.get(target)
        }
    versions = [r for record_id in changed for r in (old.get(record_id), new.get(record_id)) if r]
    events = [r for r in versions if isinstance(r, Event)]
    if events and last.latest != site.latest:
        touched |= {r.id for r in model.of(Topic)} | {r.id for r in last.model.of(Topic)}
    if events:
        for series in (last.series, site.events_by_topic):
            for event in events:
                touched |= _neighbours(series, event)
    # A topic's page lists its events with their sources cited: a source's (or an event's)
    # edit reaches the topics of the events that cite it (or of the event).
    for record_id in list(touched):
        for record in (old.get(record_id), new.get(record_id)):
            if isinstance(record, Event) and record.topic:
                touched.add(record.topic)
    if any(isinstance(r, Term) for r in versions):
        touched |= {r.id for r in model.of(Term)} | {r.id for r in last.model.of(Term)}
    return touched


def _neighbours(series: dict[str, list[Event]], event: Event) -> set[str]:
    """The events just before and after `event` in its topic, among all the topic's events and
    among its rounds (Site.neighbours walks one or the other), in one version of the model."""
    found: set[str] = set()
    events = series.get(event.topic, []) if event.topic else []
    for walked in (events, [e for e in events if e.round is not None]):
        ids = [e.id for e in walked]
        if event.id in ids:
            index = ids.index(event.id)
            found |= set(ids[max(index - 1, 0) : index + 2])
    return found


def _families(before: Model, after: Model, touched: set[str]) -> list[str]:
    """The listings that may show one of the touched records."""
    records: list[Record] = [
        r for record_id in touched for r in (before.get(record_id), after.get(record_id)) if r
    ]
    listed = {r.record_kind.listing_page for r in records}
    if any(isinstance(r, Term) for r in records):
        listed.add(GLOSSARY_PAGE)
    if any(isinstance(r, Event) for r in records):
        listed.add(TIMELINE_PAGE)
    return [family for family in Site.listing_families() if family in listed]


def _reuse(last: _Last | None, family: str, model: Model, touched: set[str]) -> Reuse | None:
    """A split listing's parts that no touched record is (or was) listed in."""
    if last is None or family not in last.families:
        return None
    stale = {
        group
        for record_id in touched
        for record in (last.model.get(record_id), model.get(record_id))
        if record is not None
        for group in [Site.group_of(family, record)]
        if group is not None
    }
    return Reuse(last.families[family], stale.__contains__)


def _pages(
    site: Site,
    model: Model,
    last: _Last | None,
    touched: set[str],
    rendered: dict[str, dict[str, str]],
) -> dict[str, str]:
    """Every page in the order `Site.pages()` gives them, rendered again only where needed."""
    pages = {}
    for record_id, record in model.records.items():
        if last is not None and record_id not in touched:
            pages[record.src_uri] = last.output.pages[record.src_uri]
        else:
            pages[record.src_uri] = site.record_page(record)
    for family in Site.listing_families():
        pages.update(rendered[family] if family in rendered else last.families[family])  # type: ignore[union-attr]
    return pages


def _differences(before: Output, after: Output) -> tuple[frozenset[str], frozenset[str]]:
    """The pages a site engine must write again (see Rebuilt), and those it must remove."""
    changed = frozenset(
        path
        for path, markdown in after.pages.items()
        if before.pages.get(path) != markdown
        or before.head.get(path) != after.head.get(path)
        or before.defined_at.get(path) != after.defined_at.get(path)
    )
    return changed, frozenset(before.pages.keys() - after.pages.keys())
