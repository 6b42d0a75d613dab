"""The MkDocs adapter: the only code that knows MkDocs. It hands MkDocs what the core produces.

- on_config: load, validate and render everything (the core's `build`). Errors are logged one
  per line and abort the build with PluginError *before* MkDocs cleans `site/`, so a failed
  build leaves the previous site untouched. Also registers the glossary Markdown extension.
- on_files: add the generated pages (`File.generated`) and the stylesheet.
- on_page_markdown: expand `[[id]]` in hand-written pages; tell the glossary which page it is on;
  point "Edit this page" of a generated page at the YAML that defines it.
- on_post_page: schema.org JSON-LD and Open Graph tags in each page's head.

Under `mkdocs serve`, data with errors does not stop the server: every page is replaced by the
list of problems until the next good save (`mkdocs build` still fails on the same data).

Under `mkdocs serve` this module outlives builds, so all per-build state is replaced in
on_config. Edits to this file or the core need a restart; data edits are watched (`watch:`).
"""

from __future__ import annotations

import datetime
import gc
import html
import json
import logging
import os
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import factbook
from factbook import export
from factbook.dates import PartialDate
from factbook.diagnostics import Severity
from factbook.glossary import GlossaryExtension
from factbook.model import Term
from factbook.render import GLOSSARY_PAGE, KIND_INDEXES, TIMELINE_PAGE, error_page
from factbook.schema import SCHEMA_PATH

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
LISTING_PAGES = {GLOSSARY_PAGE, TIMELINE_PAGE, *(src for src, _ in KIND_INDEXES.values())}
FACTS_JSON = "facts.json"
SCHEMA_JSON = "schema/facts.schema.json"

_command = "build"
"""`build`, `gh-deploy` or `serve`, from on_startup."""
_result: factbook.Result | None = None
_glossary: GlossaryExtension | None = None
_errors: list[str] = []
"""Problems of the current data, when serving it as an error page."""
_pages_seen: set[str] = set(LISTING_PAGES)
"""Every generated page of earlier builds in this process: under `serve`, each shows the errors."""
_files: Files | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _build_date() -> PartialDate:
    # The only clock in the project, and it honours SOURCE_DATE_EPOCH for reproducible builds.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
              if epoch else datetime.datetime.now(datetime.timezone.utc))
    return PartialDate(moment.year, moment.month, moment.day)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _result, _glossary, _errors
    gc.unfreeze()  # let the previous build's objects (under `serve`) be collected again
    _result = _glossary = None
    _errors = []
    root = Path(config.config_file_path).parent
    docs_dir = os.path.relpath(config.docs_dir, root)
    result = factbook.build(factbook.Project(root, docs_dir=docs_dir, today=_build_date()))
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
        if diagnostic.severity is Severity.WARNING:
            log.warning(str(diagnostic))
        else:
            log.error(str(diagnostic))
    if fails:
        count = len(result.diagnostics) if config.strict else \
            sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
        raise PluginError(f"{count} problem{'s' if count != 1 else ''} in the data or pages "
                          "(listed above, as file:line:column); nothing was built and site/ "
                          "is unchanged")
    _result = result
    for name in REQUIRED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    terms = [record for record in result.model.records.values() if isinstance(record, Term)]
    _glossary = GlossaryExtension(terms, result.glossary_locations)
    config.markdown_extensions.append(_glossary)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    if _errors:
        return _error_files(files, config)
    assert _result is not None
    for src_uri, markdown in _result.pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"{config.docs_dir}/{src_uri} has the path of a generated page: "
                              "rename or remove it")
        generated = File.generated(config, src_uri, content=markdown)
        if src_uri not in LISTING_PAGES:
            # Record pages are reached from listings, never from the navigation: Material renders
            # the whole nav into every page, so a nav entry per record would make every page grow
            # with the number of records.
            generated.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(generated)
    _pages_seen.update(_result.pages)
    files.append(File.generated(config, STYLESHEET, abs_src_path=str(factbook.STYLESHEET)))
    files.append(File.generated(config, SCHEMA_JSON, abs_src_path=str(SCHEMA_PATH)))
    facts = export.facts(_result.model, _url_of(config))
    # Compact JSON: the C encoder only runs without indentation (3x faster, far less memory).
    files.append(File.generated(config, FACTS_JSON, content=json.dumps(
        facts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)))
    # The model and pages live until the build ends: keep the cycle collector from rescanning
    # them while MkDocs renders every page (unfrozen again at the next build's on_config).
    gc.freeze()
    return files


def _error_files(files: Files, config: MkDocsConfig) -> Files:
    """Every page the reader may have open shows the problems instead of stale content."""
    content = error_page(_errors)
    for src_uri in sorted(_pages_seen):
        if files.get_file_from_path(src_uri) is None:
            generated = File.generated(config, src_uri, content=content)
            if src_uri not in LISTING_PAGES:
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
    return files


def _url_of(config: MkDocsConfig) -> export.UrlOf:
    """Source path → the page's absolute address (for facts.json, JSON-LD and Open Graph)."""
    site_url = config.site_url or "/"
    return lambda src_uri: site_url + _url(src_uri, config)


def _url(src_uri: str, config: MkDocsConfig) -> str:
    """A page's URL path relative to the site root, as MkDocs lays it out."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not config.use_directory_urls or not src_uri.endswith(".md"):
        return stem + ".html" if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _errors:
        return error_page(_errors)
    assert _result is not None and _glossary is not None
    src_uri = page.file.src_uri
    _glossary.set_page(src_uri)
    if src_uri not in _result.pages:
        return _result.expand_page(src_uri, markdown)
    # "Edit this page" on a generated page opens the data file that defines the record.
    record = _result.record_for_page(src_uri)
    edit_base = _edit_base(config)
    if record is None or edit_base is None:
        page.edit_url = None  # a listing has no single file to edit
    else:
        page.edit_url = f"{edit_base}{record.origin.path}#L{record.origin.line}"
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


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add schema.org JSON-LD and Open Graph tags to the page's head."""
    # Material's search dialog has no accessible name; screen readers announce it as "Search".
    output = output.replace('<div class="md-search" data-md-component="search" role="dialog">',
                            '<div class="md-search" data-md-component="search" role="dialog" '
                            'aria-label="Search">', 1)
    if _errors or _result is None:
        return output
    url_of = _url_of(config)
    src_uri = page.file.src_uri
    tags = []
    record = _result.record_for_page(src_uri)
    if record is not None:
        tags.append(export.script_tag(export.jsonld(record, _result.model, url_of)))
    elif src_uri == GLOSSARY_PAGE or src_uri in _result.glossary_locations.values():
        defined_here = [term_id for term_id, page_uri in _result.glossary_locations.items()
                        if page_uri == src_uri]
        tags.append(export.script_tag(export.glossary_jsonld(_result.model, url_of, defined_here)))
    output = _safe_title(output, page, config)
    # Generated descriptions arrive HTML-escaped (themes print them as they are); unescape
    # once so each tag below escapes exactly once.
    description = html.unescape(page.meta.get("description") or "") or config.site_description or ""
    meta = {"og:type": "article" if record else "website", "og:site_name": config.site_name,
            "og:title": page.title or config.site_name, "og:url": url_of(src_uri),
            "og:description": description}
    tags += [f'<meta property="{key}" content="{html.escape(str(value), quote=True)}">'
             for key, value in meta.items() if value]
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
