"""The MkDocs adapter: the only code that knows MkDocs. It hands MkDocs what the core produces.

- on_config: load, validate and render everything (the core's `build`). Errors are logged one
  per line and abort the build with PluginError *before* MkDocs cleans `site/`, so a failed
  build leaves the previous site untouched. Also registers the glossary Markdown extension.
- on_files: add the generated pages (`File.generated`) and the stylesheet.
- on_page_markdown: expand `[[id]]` in hand-written pages; tell the glossary which page it is on.

Under `mkdocs serve` this module outlives builds, so all per-build state is replaced in
on_config. Edits to this file or the core need a restart; data edits are watched (`watch:`).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import factbook
from factbook.dates import PartialDate
from factbook.diagnostics import Severity
from factbook.glossary import GlossaryExtension
from factbook.model import Term
from factbook.render import GLOSSARY_PAGE, KIND_INDEXES, TIMELINE_PAGE

log = get_plugin_logger("factbook")

STYLESHEET = "assets/factbook.css"
REQUIRED_EXTENSIONS = ("attr_list", "footnotes", "tables", "md_in_html", "toc")
"""Generated Markdown uses these; they are switched on if mkdocs.yml does not list them."""
LISTING_PAGES = {GLOSSARY_PAGE, TIMELINE_PAGE, *(src for src, _ in KIND_INDEXES.values())}

_result: factbook.Result | None = None
_glossary: GlossaryExtension | None = None


def _build_date() -> PartialDate:
    # The only clock in the project, and it honours SOURCE_DATE_EPOCH for reproducible builds.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
              if epoch else datetime.datetime.now(datetime.timezone.utc))
    return PartialDate(moment.year, moment.month, moment.day)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _result, _glossary
    _result = _glossary = None
    root = Path(config.config_file_path).parent
    docs_dir = os.path.relpath(config.docs_dir, root)
    result = factbook.build(factbook.Project(root, docs_dir=docs_dir, today=_build_date()))
    for diagnostic in result.diagnostics:
        if diagnostic.severity is Severity.WARNING:
            log.warning(str(diagnostic))
        else:
            log.error(str(diagnostic))
    if not result.ok:
        count = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
        raise PluginError(f"{count} problem{'s' if count != 1 else ''} in the data or pages "
                          "(listed above, as file:line:column); nothing was built and site/ "
                          "is unchanged")
    _result = result
    for name in REQUIRED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    terms = [record for record in result.model.records.values() if isinstance(record, Term)]
    _glossary = GlossaryExtension(terms)
    config.markdown_extensions.append(_glossary)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
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
    files.append(File.generated(config, STYLESHEET, abs_src_path=str(factbook.STYLESHEET)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _result is not None and _glossary is not None
    src_uri = page.file.src_uri
    _glossary.set_page(src_uri)
    if src_uri in _result.pages:
        return markdown  # generated pages come with their links already made
    return _result.expand_page(src_uri, markdown)
