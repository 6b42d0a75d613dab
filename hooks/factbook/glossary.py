"""Glossary marking: mentions of a term in rendered prose get the term's short definition as a
hover tooltip; the first mention on a page also links to the term's page, where every other
link to a term (`[[id]]`, "Mentioned in", search) leads too: one address per term, which stays
put when the glossary grows into letter pages. Abbreviations that names use as they are ("ROK")
are spelled out the same way, as `<abbr>` with the full form.

It runs as a Python-Markdown tree processor, after inline Markdown has become elements, so it
sees exactly the text a reader sees and can skip headings, links, code and raw HTML (which the
tree holds only as placeholders). Every text node is scanned once with one Aho–Corasick
automaton of all term forms: the cost grows with the length of the text, not with the number
of terms.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

import ahocorasick
from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .kinds import Term
from .urls import GLOSSARY_PAGE, relative
from .wording import ABBREVIATIONS

SKIPPED_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "abbr",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "svg",
        "math",
        "button",
        "textarea",
        "dfn",
    }
)
SKIPPED_CLASSES = frozenset({"footnote", "fb-native", "fb-no-terms"})
SKIPPED_ON_GENERATED_PAGES = SKIPPED_TAGS | {"table"}
"""Tables on generated pages hold data fields (infoboxes, participants): marks there cluttered
more than they helped, and walking them was about half the cost of marking a record page."""


@dataclass(frozen=True)
class GlossaryTerm:
    """What marking needs of a term; a `Term` record has the same attributes."""

    id: str
    forms: tuple[str, ...]
    short: str
    src_uri: str


AnyTerm = Term | GlossaryTerm


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    term: AnyTerm


@dataclass(frozen=True)
class _Form:
    term: AnyTerm
    text: str
    exact_case: bool


def _is_latin_word_char(char: str) -> bool:
    # Hangul and CJK take particles without a space (지소미아를), so only alphabetic scripts
    # need a word boundary.
    return char.isalnum() and ord(char) < 0x1100


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two (İ → i̇); keep indexes aligned with the original.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class TermIndex:
    """Finds term mentions in text: leftmost, longest, whole words, one pass."""

    def __init__(self, terms: Sequence[AnyTerm]) -> None:
        self.terms = {term.id: term for term in terms}
        self._automaton = ahocorasick.Automaton()
        forms: dict[str, list[_Form]] = {}
        for term in terms:
            for form in dict.fromkeys(term.forms):  # unique, in order
                form = form.strip()
                if not form:
                    continue
                # All-capital abbreviations (TISA) must match exactly; phrases ignore case.
                exact = form.upper() == form and any(c.isalpha() for c in form) and form.isascii()
                forms.setdefault(_lower(form), []).append(_Form(term, form, exact))
        for key, entries in forms.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._empty = not forms
        if forms:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        if self._empty or not text:
            return []
        candidates: list[tuple[int, int, AnyTerm]] = []
        for end_index, (length, entries) in self._automaton.iter(_lower(text)):
            start, end = end_index - length + 1, end_index + 1
            if not self._at_boundaries(text, start, end):
                continue
            for entry in entries:
                if not entry.exact_case or text[start:end] == entry.text:
                    candidates.append((start, -end, entry.term))
                    break
        candidates.sort(key=lambda c: (c[0], c[1]))
        mentions: list[Mention] = []
        cursor = 0
        for start, negative_end, term in candidates:
            if start >= cursor:
                mentions.append(Mention(start, -negative_end, term))
                cursor = -negative_end
        return mentions

    @staticmethod
    def _at_boundaries(text: str, start: int, end: int) -> bool:
        if start > 0 and _is_latin_word_char(text[start]) and _is_latin_word_char(text[start - 1]):
            return False
        return not (
            end < len(text)
            and _is_latin_word_char(text[end - 1])
            and _is_latin_word_char(text[end])
        )


Addresser = Callable[[str, str], str]
"""(from page, to page), both source paths → the link's address."""


class GlossaryExtension(Extension):
    """Register with Python-Markdown; call `set_page()` before each page is converted."""

    def __init__(
        self,
        terms: Sequence[AnyTerm],
        locations: dict[str, str] | None = None,
        address: Addresser | None = None,
        generated: Collection[str] = (),
        abbreviations: Mapping[str, str] = ABBREVIATIONS,
    ) -> None:
        """`locations`: term id → the page holding its glossary entry (default: the glossary);
        those pages get no marks.

        `address`: how to link one page from another in the built site. Without it, links are
        Markdown-style `.md` paths that the site engine rewrites (and checks) like any link, so
        marking runs before the engine's link processing; with it, links are final addresses
        and marking runs after it. The site engine then has no extra links to resolve: a link
        per term and page, tens of thousands on a large site, the cost of which was measured.

        `generated`: the pages the core generated, whose tables are left unmarked.

        `abbreviations`: abbreviation → its full form, spelled out wherever it appears."""
        super().__init__()
        self.abbreviations = dict(abbreviations)
        self.index = TermIndex(terms)
        self.locations = locations or {term.id: GLOSSARY_PAGE for term in terms}
        self.glossary_pages = {GLOSSARY_PAGE, *self.locations.values()}
        self.address: Addresser = address or relative
        self.final_addresses = address is not None
        self.generated = frozenset(generated)
        self.page: str | None = None

    def set_page(self, src_uri: str | None) -> None:
        self.page = src_uri

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        # After inline processing (20) and footnotes; Markdown-style links go before MkDocs
        # rewrites and checks links (0), final addresses after it.
        priority = -1 if self.final_addresses else 7
        md.treeprocessors.register(_TermMarker(md, self), "factbook_glossary", priority)
        if self.abbreviations:
            found = _AbbreviationsFound(md, self.abbreviations)
            md.preprocessors.register(found, "factbook_abbreviations_found", 40)
            # After inline Markdown (20) and footnotes (50); before the term marks, which then
            # leave the <abbr> elements alone.
            md.treeprocessors.register(
                _Abbreviations(md, self.abbreviations, found), "factbook_abbreviations", 8
            )


class _TermMarker(Treeprocessor):
    """Marks mentions in the page's text nodes. The text nodes are joined (NUL-separated) and
    scanned in one automaton pass per page: per-node scanning cost more in Python overhead than
    the scan itself."""

    def __init__(self, md: Markdown, extension: GlossaryExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ElementTree.Element) -> None:
        page = self.extension.page
        if page is None or page in self.extension.glossary_pages:
            return
        slots: list[_Slot] = []
        skipped = SKIPPED_ON_GENERATED_PAGES if page in self.extension.generated else SKIPPED_TAGS
        _collect(root, slots, skipped)
        if not slots:
            return
        joined = "\0".join(slot.text for slot in slots)
        mentions = [m for m in self.extension.index.find(joined) if m.term.src_uri != page]
        if not mentions:
            return
        starts = list(itertools.accumulate((len(slot.text) + 1 for slot in slots), initial=0))
        linked: set[str] = set()
        by_slot: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_slot.setdefault(bisect.bisect_right(starts, mention.start) - 1, []).append(mention)
        for number, found in by_slot.items():
            offset = starts[number]
            self._mark(
                page,
                slots[number],
                [(m.start - offset, m.end - offset, m.term) for m in found],
                linked,
            )

    def _mark(
        self, page: str, slot: _Slot, mentions: list[tuple[int, int, AnyTerm]], linked: set[str]
    ) -> None:
        text = slot.text
        elements: list[ElementTree.Element] = []
        for i, (start, end, term) in enumerate(mentions):
            # Python-Markdown's serializer leaves "&" alone when it starts an entity, so escape
            # it first: a definition that says "&amp;" must show "&amp;".
            tooltip = term.short.replace("&", "&amp;")
            if term.id in linked:
                element = ElementTree.Element("abbr", {"title": tooltip, "class": "fb-term"})
            else:
                linked.add(term.id)
                href = self.extension.address(page, term.src_uri)
                element = ElementTree.Element(
                    "a", {"href": href, "title": tooltip, "class": "fb-term"}
                )
            element.text = text[start:end]
            following = mentions[i + 1][0] if i + 1 < len(mentions) else len(text)
            element.tail = text[end:following]
            elements.append(element)
        head = text[: mentions[0][0]]
        if slot.child is None:  # the element's own text: marks go before its first child
            slot.element.text = head
            position = 0
        else:  # a child's tail: marks go right after that child
            slot.child.tail = head
            position = list(slot.element).index(slot.child) + 1
        slot.element[position:position] = elements


class _AbbreviationsFound(Preprocessor):
    """Notes whether the page's text holds an abbreviation at all: most pages hold none, and
    then no element is walked (the walk cost about 7 % of a long page's conversion)."""

    def __init__(self, md: Markdown, abbreviations: Mapping[str, str]) -> None:
        super().__init__(md)
        words = sorted(abbreviations, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
        self.found = False

    def run(self, lines: list[str]) -> list[str]:
        self.found = self.pattern.search("\n".join(lines)) is not None
        return lines


class _Abbreviations(AbbrTreeprocessor):
    """Python-Markdown's own abbreviation marking, with the site's abbreviations, everywhere on
    the page (headings and link text too: names such as "ROK Ministry of Foreign Affairs" are
    where readers meet them), on pages that have any."""

    def __init__(
        self, md: Markdown, abbreviations: Mapping[str, str], found: _AbbreviationsFound
    ) -> None:
        super().__init__(md, dict(abbreviations))
        self.found = found

    def run(self, root: ElementTree.Element) -> None:
        if self.found.found:
            super().run(root)


@dataclass(frozen=True, slots=True)
class _Slot:
    """A text node: `element.text` when `child` is None, else `child.tail` (inside `element`)."""

    text: str
    element: ElementTree.Element
    child: ElementTree.Element | None


def _collect(element: ElementTree.Element, slots: list[_Slot], skipped: frozenset[str]) -> None:
    """The text nodes a reader sees, in document order, skipping headings, links, code…"""
    if element.text:
        slots.append(_Slot(element.text, element, None))
    for child in element:
        if child.tag not in skipped:
            classes = child.get("class")
            if not classes or SKIPPED_CLASSES.isdisjoint(classes.split()):
                _collect(child, slots, skipped)
        if child.tail:
            slots.append(_Slot(child.tail, element, child))
