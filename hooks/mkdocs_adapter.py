"""The MkDocs adapter: the only code that knows MkDocs. It hands MkDocs what the core produces.

- on_config: load, validate and render everything (the core's `publish`: a build, or the last
  one's output from `.cache/factbook/` when no input changed; the log says which, and how long
  it took). Errors are logged one per line and abort the build with PluginError *before* MkDocs
  cleans `site/`, so a failed build leaves the previous site untouched. Also registers the
  glossary Markdown extension.
- on_files: add the generated pages (`File.generated`) and the stylesheet.
- on_page_markdown: expand `[[id]]` in hand-written pages (`[[cite:id]]` into footnotes); tell
  the glossary which page it is on; point "Edit this page" of a generated page at the YAML that
  defines it.
- on_page_content: keep the source lists, citation numbers and column headings out of search.
- on_post_page: schema.org JSON-LD and Open Graph tags in each page's head.

Under `mkdocs serve`, data with errors does not stop the server: every page is replaced by the
list of problems until the next good save (`mkdocs build` still fails on the same data).

Under `mkdocs serve` this module outlives builds, so all per-build state is replaced in
on_config. Edits to this file or the core need a restart; data edits are watched (`watch:`).
"""

from __future__ import annotations

import functools
import html
import logging
import os
import time
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import factbook
from factbook import collector
from factbook.dates import PartialDate
from factbook.glossary import GlossaryExtension

log = get_plugin_logger("factbook")

# Under `mkdocs serve`, problems are shown in the browser and in the terminal, but must not count
# as build errors (with `strict: true` that would stall the server on the stale site). MkDocs
# counts what goes through its own "mkdocs" loggers, so these lines use a logger of their own.
serve_log = logging.getLogger("factbook.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("ERROR   -  factbook: %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False

STYLESHEET = "assets/factbook.css"
REQUIRED_EXTENSIONS = ("attr_list", "footnotes", "tables", "md_in_html", "toc")
"""Generated Markdown uses these; they are switched on if mkdocs.yml does not list them."""
FACTS_JSON = "facts.json"
SCHEMA_JSON = "schema/facts.schema.json"

_command = "build"
"""`build`, `gh-deploy` or `serve`, from on_startup."""
_output: factbook.Output | None = None
_glossary: GlossaryExtension | None = None
_errors: list[str] = []
"""Problems of the current data, when serving it as an error page."""
_listings: set[str] = set()
"""The listing pages (in the navigation; record pages are not)."""
_pages_seen: set[str] = set()
"""Every generated page of earlier builds in this process: under `serve`, each shows the errors."""


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _build_date() -> PartialDate:
    # A clock read at the core's boundary; SOURCE_DATE_EPOCH makes builds reproducible.
    return PartialDate.day_of(float(os.environ.get("SOURCE_DATE_EPOCH") or time.time()))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _output, _glossary, _errors, _listings
    collector.release_previous_build()
    _output = _glossary = None
    _errors = []
    _listings = factbook.listing_pages()
    _pages_seen.update(_listings)
    _fill_records_section(config.nav)
    root = Path(config.config_file_path).parent
    docs_dir = os.path.relpath(config.docs_dir, root)
    started = time.perf_counter()  # for the log line only; nothing built depends on it
    with collector.paused():
        result = factbook.publish(
            factbook.Project(root, docs_dir=docs_dir, today=_build_date()), _addresses(config)
        )
        # Frozen before the collector runs again: its first pass would otherwise scan every
        # object the build made (a quarter of a second at 10,000 records), all of them alive.
        collector.keep_until_next_build()
    elapsed = time.perf_counter() - started
    # In strict mode a warning fails the build too; fail it now, before MkDocs cleans site/,
    # rather than at the end, after the previous site has been overwritten.
    fails = not result.ok or (config.strict and bool(result.diagnostics))
    if fails and _command == "serve":
        _errors = [str(d) for d in result.diagnostics]
        for line in _errors:
            serve_log.error(line)
        serve_log.error("the site shows this list until the data is fixed")
        return config
    for diagnostic in result.diagnostics:
        if diagnostic.severity is factbook.Severity.WARNING:
            log.warning(str(diagnostic))
        else:
            log.error(str(diagnostic))
    if fails:
        count = (
            len(result.diagnostics)
            if config.strict
            else sum(1 for d in result.diagnostics if d.severity is factbook.Severity.ERROR)
        )
        raise PluginError(
            f"{count} problem{'s' if count != 1 else ''} in the data or pages "
            "(listed above, as file:line:column); nothing was built and site/ "
            "is unchanged"
        )
    _output = result
    # Says whether the cache was used (a data edit should say "built") and what the core cost.
    how = "read from the build cache" if result.from_cache else "built"
    took = f"{elapsed:.2f} s" if elapsed >= 1 else f"{elapsed * 1000:.0f} ms"
    log.info(f"{len(result.pages):,} pages {how} in {took}")
    for name in REQUIRED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    # Glossary links get their final address (MkDocs' directory URLs or not), so MkDocs does
    # not resolve them again; tests check every link of the built site instead.
    _glossary = GlossaryExtension(
        result.terms,
        result.glossary_locations,
        functools.partial(factbook.built_relative, directory_urls=config.use_directory_urls),
        generated=result.pages.keys(),
    )
    # MkDocs hands this list to Markdown(), which takes Extension instances as well as names;
    # MkDocs' own annotation says list[str].
    config.markdown_extensions.append(_glossary)  # type: ignore[arg-type]
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def _fill_records_section(nav: list[object] | None) -> None:
    """An empty section of the navigation (`- Records: []` in mkdocs.yml) lists every record
    kind's listing page, so a kind declared later appears there with no edit."""
    for item in nav or ():
        if isinstance(item, dict):
            for title, value in item.items():
                if value == []:
                    item[title] = [{name: src} for src, name in factbook.kind_listings().items()]
                elif isinstance(value, list):
                    _fill_records_section(value)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _errors:
        return _error_files(files, config)
    assert _output is not None
    for src_uri, markdown in _output.pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"{config.docs_dir}/{src_uri} has the path of a generated page: rename or remove it"
            )
        generated = File.generated(config, src_uri, content=markdown)
        if src_uri not in _listings:
            # Record pages are reached from listings, never from the navigation: Material renders
            # the whole nav into every page, so a nav entry per record would make every page grow
            # with the number of records.
            generated.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(generated)
    _pages_seen.update(_output.pages)
    files.append(File.generated(config, STYLESHEET, abs_src_path=str(factbook.STYLESHEET)))
    files.append(File.generated(config, SCHEMA_JSON, content=factbook.schema_text()))
    files.append(File.generated(config, FACTS_JSON, content=_output.facts_json))
    collector.keep_until_next_build()  # the output lives until MkDocs has rendered every page
    return files


def _error_files(files: Files, config: MkDocsConfig) -> Files:
    """Every page the reader may have open shows the problems instead of stale content."""
    content = factbook.error_page(_errors)
    for src_uri in sorted(_pages_seen):
        if files.get_file_from_path(src_uri) is None:
            generated = File.generated(config, src_uri, content=content)
            if src_uri not in _listings:
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
    return files


def _addresses(config: MkDocsConfig) -> factbook.Addresses:
    """How MkDocs lays out page addresses (for facts.json, JSON-LD and Open Graph)."""
    return factbook.Addresses(config.site_url or "/", config.use_directory_urls)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _errors:
        return factbook.error_page(_errors)
    assert _output is not None and _glossary is not None
    src_uri = page.file.src_uri
    _glossary.set_page(src_uri)
    if src_uri not in _output.pages:
        return _output.expand_page(src_uri, markdown)
    # "Edit this page" on a generated page opens the data file that defines the record.
    defined_at = _output.defined_at.get(src_uri)
    edit_base = _edit_base(config)
    if defined_at is None or edit_base is None:
        page.edit_url = None  # a listing has no single file to edit
    else:
        page.edit_url = f"{edit_base}{defined_at.path}#L{defined_at.line}"
    return markdown  # generated pages come with their links already made


def _edit_base(config: MkDocsConfig) -> str | None:
    """The edit address of the project root, from `edit_uri` (which points at docs/)."""
    page_edit = config.edit_uri or ""
    if config.repo_url and "://" not in page_edit:
        page_edit = config.repo_url.rstrip("/") + "/" + page_edit.lstrip("/")
    docs = os.path.basename(os.path.normpath(config.docs_dir)) + "/"
    if "://" not in page_edit or not page_edit.endswith(docs):
        return None
    return page_edit[: -len(docs)]


# Material's search indexes the text of every page, section by section, and a reader downloads
# the whole index on the first search. These parts of the Markdown extensions' output are text
# no one searches for: the list of sources under a page (footnotes), the citation numbers in the
# text and the column headings of tables ("Fact | Detail"). Marked `data-search-exclude`, they are
# left out of the index; Material then removes the marks (a `data-search-*` attribute with a
# value), so the pages' HTML is unchanged. Sections such as "Mentioned in" are marked where the
# templates write their headings.
SEARCH_EXCLUDED = {
    '<div class="footnote">': '<div class="footnote" data-search-exclude="sources">',
    '<sup id="fnref': '<sup data-search-exclude="citation" id="fnref',
    "<thead>": '<thead data-search-exclude="headings">',
}


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for tag, marked in SEARCH_EXCLUDED.items():
        content = content.replace(tag, marked)
    return content


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add schema.org JSON-LD and Open Graph tags to the page's head."""
    # Material's search dialog has no accessible name; screen readers announce it as "Search".
    output = output.replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
        1,
    )
    if _errors or _output is None:
        return output
    src_uri = page.file.src_uri
    is_record = src_uri in _output.defined_at
    tags = [_output.head.get(src_uri, "")]
    output = _safe_title(output, page, config)
    # Generated descriptions arrive HTML-escaped (themes print them as they are); unescape
    # once so each tag below escapes exactly once.
    description = html.unescape(page.meta.get("description") or "") or config.site_description or ""
    meta = {
        "og:type": "article" if is_record else "website",
        "og:site_name": config.site_name,
        "og:title": page.title or config.site_name,
        "og:url": _addresses(config).url(src_uri),
        "og:description": description,
    }
    tags += [
        f'<meta property="{key}" content="{html.escape(str(value), quote=True)}">'
        for key, value in meta.items()
        if value
    ]
    tags.append('<meta name="twitter:card" content="summary">')
    return output.replace("</head>", "".join(tags) + "</head>", 1)


def _safe_title(output: str, page: Page, config: MkDocsConfig) -> str:
    """Material writes `page.title | striptags` into <title>; striptags also unescapes, so a
    name holding `</title><script>` would become markup. Write the same title, escaped."""
    if not page.title or page.is_homepage:
        return output
    shown = Markup(page.title).striptags()
    unsafe = f"<title>{shown} - {config.site_name}</title>"
    safe = f"<title>{html.escape(shown)} - {html.escape(config.site_name)}</title>"
    return output.replace(unsafe, safe, 1)
