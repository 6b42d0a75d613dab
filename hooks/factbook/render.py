"""Render: the resolved model → Markdown pages, one per record plus listings.

Templates produce Markdown, not HTML, so the site engine renders them like hand-written pages and
validates every link they contain. Links are relative paths to `.md` files; citations are
footnotes whose text points to the source's page and to the original.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

from . import charts, dates, kinds, links, text
from .kinds import Event, Organization, Quote, Source, Term, Topic
from .model import Model, Native, Quantity, Record, RecordKind
from .resolve import Backlink
from .urls import GLOSSARY_PAGE, TIMELINE_PAGE, relative
from .wording import WORDS, country_name, edition_table, language, language_name, relation_label

TEMPLATES = Path(__file__).parent / "templates"

SPLIT_AT = 300
"""A listing with more items than this becomes an overview plus a page per year or letter."""

BACKLINKS_SHOWN = 10
"""A "Mentioned in" list shows about this many entries open; the kinds that do not fit are
collapsed behind their name and count (a click, or Enter on the keyboard, opens them)."""

_FOOTNOTES_MARK = re.compile("\x00([0-9]+)\x00")
_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
"""Where a template placed the footnotes (data cannot hold NUL: load.py refuses it)."""


def listed_kinds() -> list[RecordKind]:
    """The kinds that have a listing page of their own, in the order readers see them."""
    return [kind for kind in kinds.ranked() if kind.listing]


def kind_listings() -> dict[str, str]:
    """The kinds' listing pages (source path → title, in the language being rendered), in the
    order readers see them: the navigation's records section."""
    return {kind.listing_page: kind_word(kind, "listing") for kind in listed_kinds()}


def kind_word(kind: RecordKind, what: str) -> str:
    """A kind's `listing` title or its `name`, in the language being rendered."""
    english = (kind.listing or "") if what == "listing" else kind.name
    table = edition_table(language()).get("kinds")
    words = table.get(kind.key) if isinstance(table, dict) else None
    value = words.get(what) if isinstance(words, dict) else None
    return value if isinstance(value, str) and value else english


def listing_pages() -> set[str]:
    """Every listing page: the kinds', the glossary and the timeline."""
    return {*kind_listings(), GLOSSARY_PAGE, TIMELINE_PAGE}


@dataclass(frozen=True)
class DocPage:
    """A hand-written page, as far as rendering needs it (for backlinks)."""

    src_uri: str
    title: str

    @classmethod
    def read(cls, src_uri: str, markdown: str) -> DocPage:
        """A page titled by its first `# ` heading (else by its path)."""
        for line in markdown.splitlines():
            if line.startswith("# "):
                # Without an attribute list (`# 見出し { #anchor }`): the title as readers see it.
                return cls(src_uri, _ATTRIBUTES.sub("", line[2:]).strip())
        return cls(src_uri, src_uri)


def templates() -> jinja2.Environment:
    """The page templates, in the current edition's words."""
    # Kinds declared outside the core bring their templates; the core's come last.
    folders = [kind.templates for kind in kinds.KINDS.values() if kind.templates]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, TEMPLATES]),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        literal=text.literal, country=country_name, language=language_name, recorded=recorded
    )
    # Attributes, not keys: templates look phrases up as `words.key` thousands of times per
    # page set, and Jinja tries an attribute before a key.
    env.globals.update(words=SimpleNamespace(**WORDS))
    return env


class Site:
    """Everything pages are rendered from; one instance per build."""

    timeline_page = TIMELINE_PAGE

    def __init__(
        self,
        model: Model,
        backlinks: dict[str, list[Backlink]],
        doc_pages: dict[str, DocPage],
        gaps: dict[str, str] | None = None,
        env: jinja2.Environment | None = None,
    ) -> None:
        """`env`: the templates of an earlier Site of the same edition (compiled already)."""
        self.model = model
        self.gaps = gaps or {}
        """Record id → why its page shows some English (translations.localize)."""
        self.backlinks = backlinks
        self.doc_pages = doc_pages
        events = self.sorted_events()
        self.events_by_topic: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            if event.topic:
                self.events_by_topic[event.topic].append(event)
        self.children: dict[str, list[Organization]] = defaultdict(list)
        for org in model.of(Organization):
            if org.parent:
                self.children[org.parent].append(org)
        self.latest = max(
            (e.end_date or e.date for e in events), key=lambda d: d.sort_key, default=None
        )
        """The latest date of any event: every topic's status chart is drawn up to it."""
        self.charts = self._charts()
        self.env = env or templates()
        self.templates = frozenset(self.env.list_templates())
        """Every template name (listing it walks the folders: once per build)."""
        self.links: dict[tuple[str, str], str] = {}
        """Markdown link to a record (by its display name) from a folder: pages link to the same
        records from the same folders over and over, about ten times per link on 10,000 records."""
        self.source_lines: dict[tuple[str, str], str] = {}
        """A footnote's text by (folder, source id); see PageContext.source_line."""

    def _charts(self) -> dict[str, list[charts.Chart]]:
        """Topic id → its pictures (SVG): rounds of a series, changes of status."""
        latest = self.latest
        if latest is None:
            return {}
        result: dict[str, list[charts.Chart]] = {}
        for topic in self.model.of(Topic):
            rounds, changes = charts.pictures_for(self.events_by_topic.get(topic.id, []))
            pictures = []
            if rounds:
                pictures.append(charts.series_chart(topic, rounds))
            if changes:
                pictures.append(charts.status_chart(topic, changes, latest))
            if pictures:
                result[topic.id] = pictures
        return result

    def figure(self, topic_id: str) -> str:
        """A topic's pictures as one raw-HTML block (a line of its own in Markdown)."""
        return "".join(chart.figure() for chart in self.charts.get(topic_id, ()))

    def neighbours(self, event: Event) -> list[tuple[str, Event]]:
        """The previous and next event of the same topic, for walking a series round by round."""
        if not event.topic:
            return []
        events = self.events_by_topic[event.topic]
        if event.round is not None:  # walk a series round by round, past other milestones
            events = [e for e in events if e.round is not None]
        index = events.index(event)
        noun = "round" if event.round is not None else "milestone"
        result = []
        if index > 0:
            result.append((WORDS[f"previous_{noun}"], events[index - 1]))
        if index + 1 < len(events):
            result.append((WORDS[f"next_{noun}"], events[index + 1]))
        return result

    def related(self, event: Event) -> list[str]:
        """An event's related records, less the previous and next ones (listed above them)."""
        neighbours = {other.id for _, other in self.neighbours(event)}
        return [other for other in event.related if other not in neighbours]

    def sorted_events(self) -> list[Event]:
        return sorted(self.model.of(Event), key=lambda e: (e.date.sort_key, e.title, e.id))

    # -- pages ---------------------------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        """Every generated page: source path → Markdown."""
        pages = {record.src_uri: self.record_page(record) for record in self.model.records.values()}
        for family in self.listing_families():
            pages.update(self.listing_family(family))
        return pages

    def record_page(self, record: Record) -> str:
        return self.front_matter(record) + self.with_gap_note(
            record.id,
            self.render(f"{record.record_kind.name}.md.j2", record.src_uri, record=record),
        )

    @staticmethod
    def listing_families() -> list[str]:
        """The listings, each named by its first page (a listing may have one page per part),
        in the order pages are listed: the kinds' listings, the glossary, the timeline."""
        return [kind.listing_page for kind in listed_kinds()] + [GLOSSARY_PAGE, TIMELINE_PAGE]

    def listing_family(self, family: str, reuse: Reuse | None = None) -> dict[str, str]:
        """One listing's pages (see `listing_families`)."""
        if family == GLOSSARY_PAGE:
            return self.listing(
                GLOSSARY_PAGE,
                WORDS["glossary"],
                "glossary.md.j2",
                self.glossary_groups,
                lambda part: {"terms": part},
                reuse,
            )
        if family == TIMELINE_PAGE:
            return self.listing(
                TIMELINE_PAGE,
                WORDS["timeline"],
                "timeline.md.j2",
                _by_year(self.sorted_events()),
                lambda part: {"years": sorted(_by_year(part))},
                reuse,
            )
        kind = next(kind for kind in listed_kinds() if kind.listing_page == family)
        records = sorted(self.model.of(kind.record), key=self.sort_key)
        groups = _by_year(records) if kind.by_year else _by_letter(records)
        return self.listing(
            kind.listing_page,
            kind_word(kind, "listing"),
            self.listing_template(kind),
            groups,
            lambda part: {"records": part},
            reuse,
        )

    @staticmethod
    def group_of(family: str, record: Record) -> str | None:
        """The group (year or letter) a record is listed under in a listing, if it is listed
        there: a rebuild renders again only the parts of a split listing that an edit touched."""
        kind = record.record_kind
        if family == GLOSSARY_PAGE:
            return _group_key(record.display_name) if isinstance(record, Term) else None
        if family == TIMELINE_PAGE:
            return str(record.date.year) if isinstance(record, Event) else None
        if kind.listing_page != family:
            return None
        return str(record.date.year) if kind.by_year else _group_key(record.display_name)  # type: ignore[attr-defined]

    def listing(
        self,
        src_uri: str,
        title: str,
        template: str,
        groups: list[tuple[str, list[Any]]],
        context: Callable[[list[Any]], dict[str, Any]],
        reuse: Reuse | None = None,
    ) -> dict[str, str]:
        """One listing page, or — past SPLIT_AT items — an overview and one page per group
        (year or letter), so no page grows with the data. With `reuse`, the part pages of
        groups it does not name as stale are taken from it."""
        everything = [item for _, part in groups for item in part]
        if len(everything) <= SPLIT_AT:
            return {src_uri: self.render(template, src_uri, title=title, **context(everything))}
        pages = {}
        parts = []
        for key, part in groups:
            part_uri = _part_uri(src_uri, key)
            parts.append((key, part_uri, len(part)))
            if reuse is not None and part_uri in reuse.pages and not reuse.stale(_group_base(key)):
                pages[part_uri] = reuse.pages[part_uri]
                continue
            pages[part_uri] = self.render(
                template,
                part_uri,
                title=WORDS["part_title"].format(title=title, key=key),
                **context(part),
            )
        pages[src_uri] = self.render("overview.md.j2", src_uri, title=title, parts=parts)
        return pages

    def listing_template(self, kind: RecordKind) -> str:
        """A kind's own listing template, else the plain list every kind can use."""
        own = f"index_{kind.name}.md.j2"
        return own if own in self.templates else "index.md.j2"

    @cached_property
    def glossary_groups(self) -> list[tuple[str, list[Term]]]:
        terms = self.model.of(Term)
        return _by_letter(sorted(terms, key=lambda t: (t.display_name.casefold(), t.id)))

    @cached_property
    def glossary_locations(self) -> dict[str, str]:
        """Term id → the page that holds its glossary entry."""
        return glossary_locations(self.glossary_groups)

    def front_matter(self, record: Record) -> str:
        """YAML front matter with the page description (search results, link previews)."""
        description = record.description(self.plain) or WORDS["page_description"].format(
            kind=kind_word(record.record_kind, "name").capitalize(), name=record.display_name
        )
        # Themes put the description into an attribute as it is: give it HTML-escaped. A JSON
        # string is valid YAML, whatever the text holds.
        escaped = html.escape(description, quote=True)
        front = f"---\ndescription: {json.dumps(escaped, ensure_ascii=False)}\n"
        boost = record.record_kind.search_boost
        if boost:
            front += f"search:\n  boost: {boost}\n"
        return front + "---\n\n"

    def with_gap_note(self, record_id: str, markdown: str) -> str:
        """A page that shows English (or older) words says so under its title."""
        gap = self.gaps.get(record_id)
        return markdown if gap is None else with_translation_note(markdown, gap)

    def plain(self, markdown: str | None) -> str:
        """A Markdown field as one line of plain text, references named as the site names them."""
        return text.markdown_to_plain(markdown, self.model.reference_name)

    def render(self, template: str, src_uri: str, **context: Any) -> str:
        page = PageContext(self, src_uri)
        rendered = self.env.get_template(template).render(page=page, site=self, **context)
        return page.place_footnotes(rendered)

    def sort_key(self, record: Record) -> tuple[Any, ...]:
        """Records of any kind in the order readers see them listed: by kind, then by date
        (kinds listed by year) and name."""
        kind = record.record_kind
        dated = getattr(record, "date", None) if kind.by_year else None
        when = dated.sort_key if isinstance(dated, dates.PartialDate) else (0, 0, 0)
        return (kind.rank, when, record.display_name.casefold())


def with_translation_note(markdown: str, note: str) -> str:
    """A page with a note, in the reader's language, under its title (after any front matter):
    `note` names the phrase (`not_translated`, `out_of_date`, `page_not_translated`…). Record
    pages and hand-written pages of an edition say it the same way."""
    admonition = f'!!! note "{WORDS["translation_note"]}"\n\n    {WORDS[note]}\n'
    front, body = "", markdown
    if body.startswith("---\n"):
        end = body.find("\n---\n", 4)
        if end > 0:
            front, body = body[: end + 5], body[end + 5 :]
    lines = body.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return front + "\n".join([*lines[: title + 1], "", admonition, *lines[title + 1 :]])


def recorded(value: str | None) -> str:
    """A table cell's value, or the one phrase that says the data holds none: a cell is never
    left blank."""
    return value if value and value.strip() else WORDS["not_recorded"]


@dataclass(frozen=True)
class BacklinkGroup:
    """The entries of one kind in a "Mentioned in" list (hand-written pages count as a kind)."""

    label: str
    entries: list[str]
    shown: bool
    """Listed open; else collapsed behind its label and count."""


@dataclass(frozen=True)
class Reuse:
    """A listing's pages from an earlier build, and which of its groups an edit touched."""

    pages: dict[str, str]
    stale: Callable[[str], bool]
    """Whether the group (a year, a letter, "other") must be rendered again."""


def _group_base(key: str) -> str:
    """The year or letter of a part's key (`_bounded` numbers the pieces of a big group)."""
    return re.sub(r"-\d+$", "", key)


def _group_key(name: str) -> str:
    first = name.strip()[:1].upper()
    return first if "A" <= first <= "Z" else "other"


def _by_letter(records: list[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        groups[_group_key(record.display_name)].append(record)
    return _bounded(sorted(groups.items(), key=lambda g: (g[0] == "other", g[0])))


def _by_year(events: list[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for event in events:
        groups[str(event.date.year)].append(event)
    return _bounded(sorted(groups.items()))


def _bounded(groups: list[tuple[str, list[Any]]]) -> list[tuple[str, list[Any]]]:
    """Cut any group larger than SPLIT_AT into numbered pieces (K-1, K-2…): names that share a
    first letter, or a busy year, must not make one part page grow with the data."""
    size = max(SPLIT_AT, 1)
    result = []
    for key, items in groups:
        if len(items) <= size:
            result.append((key, items))
        else:
            result += [
                (f"{key}-{n + 1}", items[i : i + size])
                for n, i in enumerate(range(0, len(items), size))
            ]
    return result


def _part_uri(listing: str, key: str) -> str:
    # Parts live in a sub-folder no record id can name (ids have no slash).
    folder = listing.removesuffix("index.md").removesuffix(".md").rstrip("/")
    return f"{folder}/part/{key.lower()}.md"


def glossary_locations(groups: list[tuple[str, list[Term]]]) -> dict[str, str]:
    """Where each term's entry is: the glossary page, or its letter's page once split."""
    count = sum(len(part) for _, part in groups)
    return {
        term.id: GLOSSARY_PAGE if count <= SPLIT_AT else _part_uri(GLOSSARY_PAGE, key)
        for key, part in groups
        for term in part
    }


@dataclass(frozen=True)
class SourceNote:
    """What a footnote says about a source, as plain data: record pages make their footnotes
    from it as they are rendered, hand-written pages from the build's output (output.py), so a
    source reads the same in both."""

    src_uri: str
    publisher: str
    title: str | None
    author: str | None
    date: str
    """As readers see it ("April 2023"); empty when the source has no date."""
    url: str | None

    @classmethod
    def of(cls, source: Source) -> SourceNote:
        date = source.date.display if source.date else ""
        return cls(source.src_uri, source.publisher, source.title, source.author, date, source.url)

    def line(self, page_src_uri: str) -> str:
        """The footnote's text on a page: publisher, headline (linked to the source's page),
        author, date, and a link to the original."""
        address = relative(page_src_uri, self.src_uri)
        shown = (
            f"“[{text.literal(self.title)}]({address})”"
            if self.title
            else f"[{text.literal(WORDS['headline_not_recorded'])}]({address})"
        )
        parts = [text.literal(self.publisher), shown]
        if self.author:
            parts.append(text.literal(self.author))
        if self.date:
            parts.append(self.date)
        line = ", ".join(parts) + "."
        if self.url:
            line += f" [{WORDS['original']}]({self.url})"
        return line


def footnote_markers(source_ids: Iterable[str]) -> str:
    """Footnote markers citing sources; the footnotes extension numbers them per page, and
    every citation of one source on a page shares its note."""
    return "".join(f"[^{source_id}]" for source_id in source_ids)


def footnote_definitions(notes: Iterable[tuple[str, str]]) -> str:
    """The footnotes of a page, one (source id, text) a line, in the order they were first
    cited (the footnotes extension numbers them in the order they are defined)."""
    return "\n".join(f"[^{source_id}]: {line}" for source_id, line in notes)


class PageContext:
    """Helpers a template calls while rendering one page; links are relative to that page."""

    def __init__(self, site: Site, src_uri: str) -> None:
        self.site = site
        self.src_uri = src_uri
        self.folder = src_uri.rpartition("/")[0]
        self.cited: list[str] = []
        self._placements: list[tuple[str, str]] = []

    def url(self, target_src_uri: str) -> str:
        return relative(self.src_uri, target_src_uri)

    def link(self, record_id: str | None, label: str | None = None) -> str:
        """A Markdown link to a record's page, with its display name unless a label is given."""
        if not record_id:
            return ""
        if label is None:
            key = (self.folder, record_id)
            known = self.site.links.get(key)
            if known is None:
                known = self.site.links[key] = self._link(record_id, None)
            return known
        return self._link(record_id, label)

    def _link(self, record_id: str, label: str | None) -> str:
        record = self.site.model.records[record_id]
        return f"[{text.literal(label or record.display_name)}]({self.url(record.src_uri)})"

    def cite(self, source_ids: tuple[str, ...] | list[str]) -> str:
        """Footnote markers for sources; the footnotes extension numbers them per page."""
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)
        return footnote_markers(source_ids)

    def footnotes(self, before: str = "", after: str = "") -> str:
        """Where the page's footnotes go (with `before` and `after` around them, if there are
        any). They are filled in once the whole page is rendered, so every citation on the page
        is listed, wherever the template places them."""
        self._placements.append((before, after))
        return f"\x00{len(self._placements) - 1}\x00"

    def place_footnotes(self, rendered: str) -> str:
        if not self._placements:
            return rendered
        notes = footnote_definitions((i, self.source_line(i)) for i in self.cited)

        def placed(mark: re.Match[str]) -> str:
            before, after = self._placements[int(mark.group(1))]
            return f"{before}{notes}{after}" if notes else ""

        return _FOOTNOTES_MARK.sub(placed, rendered)

    def source_line(self, source_id: str) -> str:
        """A footnote's text: publisher, linked headline, author, date, original address. Many
        pages in a folder cite the same sources: each line is made once per folder."""
        key = (self.folder, source_id)
        known = self.site.source_lines.get(key)
        if known is None:
            known = self.site.source_lines[key] = self._source_line(source_id)
        return known

    def _source_line(self, source_id: str) -> str:
        source = self.site.model.records[source_id]
        assert isinstance(source, Source)
        return SourceNote.of(source).line(self.src_uri)

    def md(self, markdown: str | None) -> str:
        """A Markdown field from data: raw HTML made literal, `[[id]]` expanded to links."""
        if not markdown:
            return ""
        return links.expand(text.markdown_without_html(markdown.strip()), self._reference)

    def _reference(self, found: links.Found) -> str:
        if found.shows == "date":
            return self.site.model.records[found.target].when or ""
        return self.link(found.target, found.label)

    def backlinks(self, record: Record, exclude: tuple[str, ...] = ()) -> list[BacklinkGroup]:
        """ "Mentioned in" entries, one per page that points here, with how it relates
        (participant, staff…), grouped by kind: hand-written pages first, then the kinds in
        their order, each sorted by date (if its records have one) and name. Groups are listed
        open while the open ones hold at most BACKLINKS_SHOWN entries in all; the others come
        after them, collapsed, so a long list does not bury the page. (A group of one entry
        stays open: collapsed, its summary would take the entry's place.)"""
        relations: dict[str, list[str]] = {}
        for backlink in self.site.backlinks.get(record.id, ()):
            if backlink.relation not in exclude:
                relations.setdefault(backlink.owner, []).append(backlink.relation)
        groups: dict[tuple[int, str], list[tuple[tuple[Any, ...], str]]] = defaultdict(list)
        for owner_id, how in relations.items():
            if owner_id in self.site.doc_pages:
                doc = self.site.doc_pages[owner_id]
                link = f"[{text.literal(doc.title)}]({self.url(doc.src_uri)})"
                groups[(-1, "page")].append(((doc.title.casefold(),), link))
                continue
            owner = self.site.model.records[owner_id]
            kind = owner.record_kind
            groups[(kind.rank, kind.name)].append((_dated_key(owner), self._backlink(owner, how)))
        shown: list[BacklinkGroup] = []
        collapsed: list[BacklinkGroup] = []
        room = BACKLINKS_SHOWN
        for (_, name), entries in sorted(groups.items()):
            fits = len(entries) <= max(room, 1)
            room -= len(entries) if fits else 0
            group = BacklinkGroup(
                _group_label(name), [entry for _, entry in sorted(entries)], shown=fits
            )
            if fits:
                shown.append(group)
            else:
                collapsed.append(group)
        return shown + collapsed

    def _backlink(self, owner: Record, relations: list[str]) -> str:
        """One entry: the linked name, its date if it has one, and how it relates (a plain
        mention or citation goes without saying)."""
        entry = self.link(owner.id)
        if owner.when:
            entry = WORDS["backlink_dated"].format(link=entry, date=owner.when)
        named = [relation_label(r) for r in relations if r not in ("mentions", "cited_by")]
        if named:
            entry = WORDS["backlink_relations"].format(link=entry, relations=", ".join(named))
        return entry

    def quoted(self, quote: Quote) -> tuple[str, str]:
        """A quotation's words as this edition shows them, and the name of the language they
        were translated from ("" when they are the source's own words): the edition in the
        source's language quotes the original; every other edition says it is a translation."""
        source = self.site.model.records.get(quote.source)
        spoken = getattr(source, "language", None) or "en"
        if spoken == language():
            if quote.original:
                return quote.original, ""
            if spoken == "en":
                return quote.text, ""
            return quote.text, language_name("en")  # no original: translated from the English
        return quote.text, language_name(spoken)

    def glossary_anchor(self, term: Term) -> str:
        return f"{self.url(self.site.glossary_locations[term.id])}#{term.id}"

    def native(self, native: Native, besides: str | None = None) -> str:
        """Native-script forms, each marked with its language so browsers pick the right font;
        `besides`: leave out the form already shown (an edition's title is its native form)."""
        return " · ".join(
            f'<span lang="{lang}">{text.literal(form)}</span>'
            for _, form, lang in native.labelled()
            if form != besides
        )

    @staticmethod
    def span(
        start: dates.PartialDate | None, end: dates.PartialDate | None, open_ended: bool = False
    ) -> str:
        return dates.span(start, end, open_ended)

    @staticmethod
    def duration(minutes: Quantity) -> str:
        """A length in minutes, as precise as its source: "about 150 minutes (about 2 h 30 min)"."""
        hours, rest = divmod(minutes.value, 60)
        about = "_about" if minutes.approximate else ""
        if hours:
            return WORDS[f"duration_hours{about}"].format(
                minutes=minutes.value, hours=hours, rest=rest
            )
        return WORDS[f"duration_minutes{about}"].format(minutes=minutes.value)


def _dated_key(record: Record) -> tuple[Any, ...]:
    """Records of one kind by date (undated ones last), then by name."""
    date = getattr(record, "date", None)
    when = date.sort_key if isinstance(date, dates.PartialDate) else None
    return (when is None, when or (), record.display_name.casefold(), record.id)


def _group_label(kind_name: str) -> str:
    """A group's name in "Mentioned in"; a kind declared outside the core brings its listing's
    title (or its name) instead."""
    label = WORDS.get(f"backlinks_{kind_name}")
    if label:
        return label
    kind = kinds.by_name(kind_name)
    return kind_word(kind, "listing") or kind.key.capitalize()


def error_page(diagnostics: list[str]) -> str:
    """Shown in place of every page while `mkdocs serve` runs on data with errors."""
    longest = max((len(run) for d in diagnostics for run in re.findall(r"`+", d)), default=0)
    fence = "`" * max(3, longest + 1)  # longer than any backtick run inside, so nothing escapes
    count = len(diagnostics)
    title = (
        WORDS["error_title_one"] if count == 1 else WORDS["error_title_many"].format(count=count)
    )
    return (
        f"# {title}\n\n{WORDS['error_intro']}\n\n"
        f"{fence}text\n" + "\n".join(diagnostics) + f"\n{fence}\n"
    )
