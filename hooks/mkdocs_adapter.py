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

Editions: the build of `mkdocs.yml` is the English edition. Before it cleans its site, it
builds the Korean and Japanese editions (the same facts in their words: the core's
`publish(..., language)`) with MkDocs into folders of their own, each a full MkDocs build of
the same configuration with the edition's language, words and pages; once the English is
written, they are moved to `ko/` and `ja/` inside it. So every edition is validated and built
before anything is cleaned, and a failure in any leaves every edition's previous site as it
was. `FACTBOOK_EDITIONS=en` builds the English only (a quicker `mkdocs serve`).

Under `mkdocs serve`, data with errors does not stop the server: every page (and the "not
found" page) is replaced by the list of problems until the next good save (`mkdocs build` still
fails on the same data). After a good build, an edit renders again only the pages it changed
(quick rebuilds: the last section of this file, with mkdocs_internals.py).

Under `mkdocs serve` this module outlives builds, so all per-build state is replaced in
on_config. Data edits are watched (`watch:`); an edit to the code is picked up by the next
rebuild, which loads it again (`mkdocs serve -w hooks` rebuilds on code edits too).
"""

from __future__ import annotations

import functools
import gzip
import html
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from jinja2 import Environment
from markdown import markdown as markdown_to_html
from markdown.extensions.toc import slugify_unicode
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_timestamp

import factbook
import mkdocs_internals as internals
from factbook import collector
from factbook.dates import PartialDate
from factbook.glossary import GlossaryExtension
from factbook.wording import abbreviations, language_name

log = get_plugin_logger("factbook")


def _uncounted_logger(name: str, level: str) -> logging.Logger:
    """A logger printed like MkDocs' own (`ERROR   -  factbook: …`) but not counted by it:
    MkDocs counts what goes through its "mkdocs" loggers (and strict mode fails on a count)."""
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(f"{level:<8}-  factbook: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


# Under `mkdocs serve`, problems are shown in the browser and in the terminal, but must not count
# as build errors (with `strict: true` that would stall the server on the stale site).
serve_log = _uncounted_logger("factbook.serve", "ERROR")
# Translations older than their English are listed on every build, but never fail one (not even
# a strict one).
notice_log = _uncounted_logger("factbook.translations", "WARNING")

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

EDITION_VARIABLE = "FACTBOOK_EDITION"
"""The environment variable naming the edition a build makes (mkdocs.yml reads it for the
theme's language); set for the editions' builds, unset for the English."""
COMMAND_VARIABLE = "FACTBOOK_COMMAND"
"""Passes the command (`serve`…) on to the editions' builds."""
_edition = "en"
_editions: list[str] = list(factbook.EDITIONS)
"""The editions this build makes (read from the environment in on_config)."""
_staged: dict[str, str] = {}
"""Language → the folder its edition was built into, before it moves into the site."""


_serving: dict[str, object] = {}
"""This build's files, navigation and theme (captured from MkDocs' events, under serve)."""
_expanded: dict[str, tuple[str, str]] = {}
"""Hand-written page → (its Markdown, as `[[id]]` expansion made it): a rebuild renders again
only the pages whose expansion changed."""


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _build_date() -> PartialDate:
    # A clock read at the core's boundary; SOURCE_DATE_EPOCH makes builds reproducible.
    return PartialDate.day_of(float(os.environ.get("SOURCE_DATE_EPOCH") or time.time()))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _edition, _editions, _command
    _edition = os.environ.get(EDITION_VARIABLE) or "en"
    _editions = _wanted_editions()
    _command = os.environ.get(COMMAND_VARIABLE) or _command
    with factbook.speaking(_edition):
        return _configure(config)


def _configure(config: MkDocsConfig) -> MkDocsConfig:
    global _output, _glossary, _errors, _listings
    collector.release_previous_build()
    _output = _glossary = None
    _errors = []
    _listings = factbook.listing_pages()
    _pages_seen.update(_listings)
    _fill_records_section(config.nav)
    if _edition != "en":
        # Headings in Hangul or kanji get readable anchors (`#역할`) instead of `#_1`; the
        # English edition keeps its ASCII ones.
        config.mdx_configs.setdefault("toc", {})["slugify"] = slugify_unicode
        _translate_nav(config.nav)
        config.site_name = factbook.edition_text("site", "name", config.site_name)
        config.site_description = factbook.edition_text(
            "site", "description", config.site_description or ""
        )
    started = time.perf_counter()  # for the log line only; nothing built depends on it
    project = _project(config)
    with collector.paused():
        if _command == "serve":
            result = _rebuilder(project, config).build().output
        else:
            result = factbook.publish(project, _addresses(config), _edition)
        # Frozen before the collector runs again: its first pass would otherwise scan every
        # object the build made (a quarter of a second at 10,000 records), all of them alive.
        collector.keep_until_next_build()
    elapsed = time.perf_counter() - started
    # In strict mode a warning fails the build too; fail it now, before MkDocs cleans site/,
    # rather than at the end, after the previous site has been overwritten.
    fails = not result.ok or (config.strict and bool(result.diagnostics))
    if _edition == "en":  # translations are the same for every edition: listed once
        for notice in result.notices:
            notice_log.warning(str(notice))
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
        abbreviations=abbreviations(),
    )
    # MkDocs hands this list to Markdown(), which takes Extension instances as well as names;
    # MkDocs' own annotation says list[str].
    config.markdown_extensions.append(_glossary)  # type: ignore[arg-type]
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def _project(config: MkDocsConfig) -> factbook.Project:
    root = Path(config.config_file_path).parent
    docs_dir = os.path.relpath(config.docs_dir, root)
    return factbook.Project(root, docs_dir=docs_dir, today=_build_date())


def _rebuilder(project: factbook.Project, config: MkDocsConfig) -> factbook.Rebuilder:
    """Under `mkdocs serve`, one core rebuilder per edition and settings, kept across builds:
    it reads again only the data files an edit changed and renders only the pages it touched."""
    settings = (project, _addresses(config), _edition, _config_digest(config))
    kept = internals.KEPT.get("rebuilder")
    if kept is None or kept[0] != settings:
        kept = internals.KEPT["rebuilder"] = (settings, factbook.Rebuilder(*settings[:3]))
    rebuilder: factbook.Rebuilder = kept[1]
    return rebuilder


def _config_digest(config: MkDocsConfig) -> str:
    return factbook.file_digest(Path(config.config_file_path))


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


def _translate_nav(nav: list[object] | None) -> None:
    """The navigation's titles in the edition's language (its table's `nav`)."""
    for index, item in enumerate(nav or ()):
        if isinstance(item, dict):
            translated = {}
            for title, value in item.items():
                if isinstance(value, list):
                    _translate_nav(value)
                translated[factbook.edition_text("nav", title, title)] = value
            nav[index] = translated  # type: ignore[index]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files = _edition_pages(files, config)
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
    _serving["files"] = files
    return files


def _edition_pages(files: Files, config: MkDocsConfig) -> Files:
    """Each hand-written page in the edition's language: `index.ko.md` becomes the Korean
    edition's `index.md`. A page not yet translated is the English one with a note (so every
    edition has every page, and the language switcher always lands on the same page); pages of
    other languages are left out of every edition."""
    root = Path(config.config_file_path).parent
    docs = Path(os.path.relpath(config.docs_dir, root)).as_posix()
    notices = _output.notices if _output is not None else ()
    for file in list(files):
        if not file.is_documentation_page():
            continue
        if factbook.page_language(file.src_uri) is not None:
            files.remove(file)
            continue
        if _edition == "en":
            continue
        files.remove(file)
        translated = _translation_file(file, config)
        english = _read(file)
        with factbook.speaking(_edition):
            if translated is not None:
                content = _read(translated)
                shown = f"{docs}/{translated.src_uri}"
                if any(notice.position.path == shown for notice in notices):
                    content = factbook.with_translation_note(content, "page_out_of_date")
            elif factbook.is_translated(english):
                content = factbook.with_translation_note(english, "page_not_translated")
            else:
                content = factbook.with_translation_note(english, "english_only")
        page = File.generated(config, file.src_uri, content=content, inclusion=file.inclusion)
        # "Edit this page" opens the file the reader sees (the translation, if there is one).
        page.edit_uri = translated.src_uri if translated is not None else file.src_uri
        files.append(page)
    return files


def _translation_file(file: File, config: MkDocsConfig) -> File | None:
    """The translated page beside an English one (removed from `files` already, or not)."""
    stem = file.src_uri.removesuffix(".md")
    path = Path(config.docs_dir) / f"{stem}.{_edition}.md"
    if not path.is_file():
        return None
    return File(
        f"{stem}.{_edition}.md", config.docs_dir, config.site_dir, config.use_directory_urls
    )


def _read(file: File) -> str:
    return file.content_string.removeprefix("\ufeff")


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


def _wanted_editions() -> list[str]:
    """The editions to build (FACTBOOK_EDITIONS, e.g. `en` or `en,ko`; all by default)."""
    wanted = os.environ.get("FACTBOOK_EDITIONS", "")
    chosen = [code.strip() for code in wanted.split(",") if code.strip()]
    return [code for code in factbook.EDITIONS if not chosen or code in chosen]


def on_pre_build(config: MkDocsConfig) -> None:
    """The English build makes the other editions first, each into a folder of its own (both at
    once: one process each), so that a failure in any of them stops the build before MkDocs
    cleans the site."""
    _staged.clear()
    if _edition != "en" or _command == "serve":  # served editions: see _serve_editions
        return
    running = []
    for language in [code for code in _editions if code != "en"]:
        folder = tempfile.mkdtemp(prefix=f"factbook-{language}-")
        _staged[language] = folder
        log_file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _relay, after the build)
        running.append((language, _start_edition(config, language, folder, log_file), log_file))
    failed = []
    for language, process, log_file in running:
        if process.wait() != 0:
            failed.append(language)
        _relay(language, log_file)
    if failed:
        _discard_staged()
        names = " and ".join(language_name(code) for code in failed)
        raise PluginError(
            f"the {names} edition failed (its problems are listed above); nothing was built and "
            "site/ is unchanged"
        )


def _start_edition(
    config: MkDocsConfig, language: str, folder: str, log_file: IO[bytes]
) -> subprocess.Popen[bytes]:
    """A build of this configuration in another language, into `folder`, published under
    `<site_url><language>/`: the same engine (MkDocs or ProperDocs), in a process of its own
    (MkDocs keeps one instance of each plugin per process, so editions cannot share one)."""
    environment = _edition_environment(config, language)
    # Not --quiet: MkDocs counts strict mode's warnings only when they are logged.
    command = [sys.executable, "-m", internals.ENGINE, "build", "--site-dir", folder]
    command += ["--config-file", config.config_file_path]
    if config.strict:
        command.append("--strict")
    return subprocess.Popen(command, env=environment, stdout=log_file, stderr=subprocess.STDOUT)


def _edition_environment(config: MkDocsConfig, language: str) -> dict[str, str]:
    """What a process building another edition runs with: the same engine (MkDocs or
    ProperDocs), the edition, the command, and the edition's address `<site_url><language>/`."""
    return {
        **os.environ,
        EDITION_VARIABLE: language,
        COMMAND_VARIABLE: _command,
        internals.ENGINE_VARIABLE: internals.ENGINE,
        "SITE_URL": _edition_url(config, language),
    }


def _relay(language: str, log_file: IO[bytes]) -> None:
    """An edition's warnings and errors, in this build's log (its progress lines are not)."""
    log_file.seek(0)
    _relay_lines(language, log_file.read().decode("utf-8", "replace").splitlines())
    log_file.close()


def _edition_url(config: MkDocsConfig, language: str) -> str:
    base = config.site_url or "/"
    base = base if base.endswith("/") else base + "/"
    return base if language == "en" else f"{base}{language}/"


def _discard_staged() -> None:
    for folder in _staged.values():
        shutil.rmtree(folder, ignore_errors=True)
    _staged.clear()


def on_page_context(
    context: dict[str, object], page: Page, config: MkDocsConfig, nav: object
) -> dict[str, object]:
    """The language switcher leads to this page in each edition, and the footer of a
    translated edition links to the English it is translated from."""
    if _edition == "en" and len(_editions) == 1:
        return context
    links = _alternates(config, page)
    config.extra["alternate"] = [
        {"name": language_name_in_itself(code), "link": urlsplit(url).path, "lang": code}
        for code, url in links.items()
    ]
    if _edition != "en":
        with factbook.speaking(_edition):
            note = factbook.WORDS["translated_from"].format(link=links["en"])
        config.copyright = _markdown_line(note)
    return context


def _alternates(config: MkDocsConfig, page: Page) -> dict[str, str]:
    """This page's address in every edition built (the editions have the same pages)."""
    root = config.site_url or "/"
    english_root = root.removesuffix(f"{_edition}/") if _edition != "en" else root
    return {code: f"{_root_of(english_root, code)}{page.url}" for code in _editions}


def _root_of(english_root: str, code: str) -> str:
    root = english_root if english_root.endswith("/") else english_root + "/"
    return root if code == "en" else f"{root}{code}/"


LANGUAGE_NAMES = {"en": "English", "ko": "한국어", "ja": "日本語"}
"""Each language by its own name, as language switchers show them."""


def language_name_in_itself(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _markdown_line(text: str) -> str:
    """A line of the wording with `[text](link)` links, as HTML (escaped)."""
    parts = re.split(r"\[([^\]]+)\]\(([^)\s]+)\)", text)
    result = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            result.append(html.escape(part))
        elif index % 3 == 1:
            label, link = part, parts[index + 1]
            result.append(
                f'<a href="{html.escape(link, quote=True)}" hreflang="en">{html.escape(label)}</a>'
            )
    return "".join(result)


def on_post_build(config: MkDocsConfig) -> None:
    """Move the editions built before into the English site, and list every edition's pages
    in its sitemap. Under `mkdocs serve`, keep what this build made for quick rebuilds."""
    _keep_for_rebuilds(config)
    if _edition != "en" or not _staged:
        return
    for language, folder in sorted(_staged.items()):
        target = Path(config.site_dir) / language
        if target.exists():
            shutil.rmtree(target)
        shutil.move(folder, target)
    _staged.clear()
    _merge_sitemaps(Path(config.site_dir))


def on_build_error(error: Exception) -> None:
    _discard_staged()


def _merge_sitemaps(site: Path) -> None:
    """The English sitemap lists the pages of every edition (search engines read only the one
    at the root): each edition's `<url>` entries are added to it."""
    root = site / "sitemap.xml"
    if not root.is_file():
        return
    text = root.read_text(encoding="utf-8")
    added = []
    for language in factbook.EDITIONS[1:]:
        other = site / language / "sitemap.xml"
        if other.is_file():
            added += re.findall(r"<url>.*?</url>", other.read_text(encoding="utf-8"), re.DOTALL)
    if not added:
        return
    merged = text.replace("</urlset>", "".join(f"    {entry}\n" for entry in added) + "</urlset>")
    root.write_text(merged, encoding="utf-8")
    gz = site / "sitemap.xml.gz"
    with (
        open(gz, "wb") as raw,
        gzip.GzipFile(
            fileobj=raw, filename=str(gz), mode="wb", mtime=get_build_timestamp()
        ) as packed,
    ):
        packed.write(merged.encode("utf-8"))


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
        if _command == "serve":
            raw = _read(page.file)
            _expanded[src_uri] = (raw, _output.expand_page(src_uri, raw))
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


_MATERIAL_ALTERNATES = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[a-z-]+">\s*')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add schema.org JSON-LD and Open Graph tags to the page's head."""
    # Material's search dialog has no accessible name; screen readers announce it as "Search".
    output = output.replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
        1,
    )
    if len(_editions) > 1:
        # Material writes the switcher's links into the head as they are (paths); search
        # engines want this page's full address in each edition, and x-default. The rel
        # value ends in a space: still the one token `alternate` to browsers and crawlers, but
        # not what Material's script selects (`link[rel=alternate]`), which takes each such
        # link for an edition's root and asks for a sitemap.xml beside it (a 404 per page).
        output = _MATERIAL_ALTERNATES.sub("", output)
        links = _alternates(config, page)
        alternates = [
            f'<link rel="alternate " hreflang="{code}" href="{html.escape(url, quote=True)}">'
            for code, url in links.items()
        ]
        default = html.escape(links["en"], quote=True)
        alternates.append(f'<link rel="alternate " hreflang="x-default" href="{default}">')
        output = output.replace("</head>", "".join(alternates) + "</head>", 1)
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


# -- Quick rebuilds under `mkdocs serve` ----------------------------------------------------------
# After a full build, a data edit renders again only the pages whose Markdown, head or "Edit this
# page" link changed, and rewrites the search index, facts.json and (when pages come or go) the
# sitemap, so that every file served is what a full build of the same data writes. Anything the
# core cannot scope (mkdocs.yml, the glossary's terms, a page title in the navigation, files
# under docs/ other than pages, the code) gets MkDocs' own full build, and the log says why.
# The MkDocs internals this needs are in mkdocs_internals.py.


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _serving["nav"] = nav
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _serving["env"] = env
    return env


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]
) -> LiveReloadServer:
    gone = internals.missing()
    if gone:
        serve_log.error(
            "quick rebuilds are off: this MkDocs lacks " + ", ".join(gone) + "; every edit "
            "rebuilds the whole site"
        )
        return server
    # MkDocs keeps this module loaded across builds, until the code changes (_forget_code):
    # then the newest copy's rebuild runs (kept by on_post_build).
    internals.take_over(server)
    return server


def _keep_for_rebuilds(config: MkDocsConfig) -> None:
    if _command != "serve":
        return
    if _edition == "en":
        _serve_editions(config, "full")
    if _errors or _output is None:
        internals.KEPT["built"] = "the last build showed problems in the data"
        return
    internals.KEPT["built"] = internals.Built(
        config, _serving["files"], _serving["nav"], _serving["env"]
    )
    internals.KEPT["rebuild"] = _rebuild
    internals.KEPT["inputs"] = _watched_inputs(config)


def _watched_inputs(config: MkDocsConfig) -> dict[str, object]:
    """What, besides the data, a quick rebuild cannot take into account: the configuration,
    the code, and docs/ other than the pages' text."""
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    return {
        "mkdocs.yml": _config_digest(config),
        CODE: sorted(
            (str(p), p.stat().st_mtime_ns)
            for folder in _code_folders(config)
            for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ),
        # Pages' text is compared by the rebuild; a translated edition's pages are made in
        # on_files, so an edit to one rebuilds its edition.
        "files under docs/": sorted(
            (
                p.relative_to(docs).as_posix(),
                None if p.suffix == ".md" and _edition == "en" else p.stat().st_mtime_ns,
            )
            for p in docs.rglob("*")
            if p.is_file()
        ),
        "the root": str(root),
    }


CODE = "the code under hooks/"


def _code_folders(config: MkDocsConfig) -> set[Path]:
    """This file's folder, the folders of the other hook files, and of kinds' own templates."""
    folders = {Path(__file__).parent}
    hooks: object = config.hooks  # name → module (MkDocs' annotation says a list)
    modules = hooks.values() if isinstance(hooks, dict) else []
    folders |= {Path(module.__file__).parent for module in modules if module.__file__}
    folders |= {kind.templates for kind in factbook.KINDS.values() if kind.templates}
    return folders


def _rebuild(full_build: Callable[[], None]) -> None:
    """Answer an edit under `mkdocs serve`: a quick rebuild when it can be exact, else MkDocs'
    full build (with the reason in the log)."""
    started = time.monotonic()
    built = internals.KEPT.get("built")
    reason = _why_full(built)
    if reason is None:
        assert isinstance(built, internals.Built)
        try:
            reason = _quick_rebuild(built)
        except Exception:
            # Some pages may be unwritten: the next edit must not build on this one.
            internals.KEPT["built"] = "the last quick rebuild failed"
            internals.KEPT.pop("rebuilder", None)
            raise
    if reason is not None:
        log.info(f"{reason}: rebuilding the whole site")
        _serve_editions(None, None)  # let the editions finish before MkDocs cleans the site
        internals.KEPT.pop("rebuilder", None)  # the whole site, the core's pages included
        if reason.startswith(CODE):
            _forget_code()
        full_build()
        return
    log.info(f"Documentation built in {time.monotonic() - started:.2f} seconds")


def _forget_code() -> None:
    """The full build that follows loads this file, the core and mkdocs_internals again, so it
    runs the code as it is now; the editions' processes stop and start again with it."""
    on_shutdown()
    internals.forget_code(["factbook", "mkdocs_internals"])
    os.environ[COMMAND_VARIABLE] = _command  # MkDocs tells only the first copy (on_startup)


def _why_full(built: object) -> str | None:
    if not isinstance(built, internals.Built):
        return built if isinstance(built, str) else "the last build did not finish"
    before = internals.KEPT.get("inputs")
    now = _watched_inputs(built.config)
    if isinstance(before, dict):
        for what, value in now.items():
            if before.get(what) != value:
                return f"{what} changed"
    return None


def _quick_rebuild(built: internals.Built) -> str | None:
    """Render again what an edit changed; None when done, else why a full build is needed."""
    global _output
    config = built.config
    project = _project(config)
    with collector.paused(), factbook.speaking(_edition):
        rebuilt = _rebuilder(project, config).build()
    output = rebuilt.output
    if rebuilt.everything or not output.ok or (config.strict and output.diagnostics):
        return "the data has problems" if output.diagnostics else "no earlier build"
    assert _output is not None and _glossary is not None
    if (output.terms, output.glossary_locations) != (_output.terms, _output.glossary_locations):
        return "the glossary's terms changed (they are marked on every page)"
    if _edition == "en":
        for notice in output.notices:
            notice_log.warning(str(notice))
        _serve_editions(built.config, "quick", wait=False)
    previous, _output = _output, output
    _glossary.generated = frozenset(output.pages)
    _pages_seen.update(output.pages)
    files = built.files
    pages = []
    for src_uri in sorted(rebuilt.removed):
        gone = files.get_file_from_path(src_uri)
        if gone is not None:
            files.remove(gone)
            internals.forget_pages(built, {gone.url})
            internals.remove_output(gone.abs_dest_path, config.site_dir)
    added = False
    for src_uri in sorted(rebuilt.changed):
        file = files.get_file_from_path(src_uri)
        if file is not None and src_uri not in previous.pages:
            return f"{src_uri} is the path of a hand-written page and of a record's page"
        if file is None:
            file = File.generated(config, src_uri, content=output.pages[src_uri])
            if src_uri not in _listings:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            internals.add_page(built, file)
            added = True
        else:
            file.content_string = output.pages[src_uri]
        pages.append(file.page)
    if added or rebuilt.removed:
        built.files = _in_build_order(built.files, output)
        # A Markdown link written by hand to a page that came or went now resolves otherwise.
        names = {PurePosixPath(src_uri).name for src_uri in (*rebuilt.removed, *rebuilt.changed)}
        pattern = re.compile("|".join(re.escape(f"{name})") for name in sorted(names)))
        for src_uri, markdown in output.pages.items():
            if src_uri not in rebuilt.changed and pattern.search(markdown):
                page = files.get_file_from_path(src_uri)
                if page is not None:
                    pages.append(page.page)
    # Hand-written pages: again only those whose text, or whose `[[id]]`, changed.
    titles = {}
    for file in internals.documentation_pages(built):
        if file.src_uri in output.pages or file.page is None:
            continue
        markdown = _read(file)
        expanded = (markdown, output.expand_page(file.src_uri, markdown))
        if _expanded.get(file.src_uri) != expanded or added or rebuilt.removed:
            pages.append(file.page)
            titles[file.src_uri] = file.page.title
    internals.render(built, pages)
    for file in internals.documentation_pages(built):
        if file.src_uri in titles and file.page.title != titles[file.src_uri]:
            return f"the title of {file.src_uri} changed (it is in the navigation)"
    if _edition == "en":
        _serve_editions(built.config, None)  # wait for them
    if rebuilt.removed or added:
        internals.write_theme_template(built, "sitemap.xml")
        if _edition == "en":
            _merge_sitemaps(Path(config.site_dir))
    if output.facts_json != previous.facts_json:
        Path(config.site_dir, FACTS_JSON).write_text(output.facts_json, encoding="utf-8")
    internals.write_search_index(built)
    return None


def _serve_editions(config: MkDocsConfig | None, order: str | None, wait: bool = True) -> None:
    """Under `mkdocs serve`, the Korean and Japanese editions are built by processes kept
    running, into `<site>/ko/` and `<site>/ja/`: `order` (`full` or `quick`) goes to each, and
    unless `wait` is False, this returns once all have finished (None: only wait)."""
    workers: dict[str, subprocess.Popen[str]] = internals.KEPT.setdefault("workers", {})
    pending: dict[str, int] = internals.KEPT.setdefault("pending", {})
    """Orders sent to each edition's process and not yet answered."""
    languages = [
        code for code in _editions if code != "en" and (order is not None or code in workers)
    ]
    if order is not None:
        assert config is not None
        for language in languages:
            process = workers.get(language)
            if process is None or process.poll() is not None:
                process = workers[language] = _start_worker(config, language)
                pending[language] = 0
            assert process.stdin is not None
            process.stdin.write(order + "\n")
            process.stdin.flush()
            pending[language] += 1
    if not wait:
        return
    for language in languages:
        stdout = workers[language].stdout
        assert stdout is not None
        while pending[language] > 0:
            line = stdout.readline()
            if not line:  # the process ended: the next order starts another
                pending[language] = 0
            elif line.startswith(internals.WORKER_DONE):
                pending[language] -= 1
    if order == "full" and languages and config is not None:
        _merge_sitemaps(Path(config.site_dir))


def _start_worker(config: MkDocsConfig, language: str) -> subprocess.Popen[str]:
    site = os.path.join(config.site_dir, language)
    process = subprocess.Popen(
        [sys.executable, internals.__file__, config.config_file_path, site],
        env=_edition_environment(config, language),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    # Its warnings and errors, in this log (its progress lines are not).
    threading.Thread(target=_relay_lines, args=(language, process.stderr), daemon=True).start()
    return process


def _relay_lines(language: str, lines: Iterable[str]) -> None:
    for line in lines:
        if line.strip() and not line.startswith("INFO"):
            print(f"[{language}] {line.rstrip()}", file=sys.stderr)


def on_shutdown() -> None:
    for process in internals.KEPT.pop("workers", {}).values():
        if process.poll() is None:
            process.stdin.close()
            process.wait(timeout=30)


def _in_build_order(files: Files, output: factbook.Output) -> Files:
    """The files in the order a full build lists them (the search index and the sitemap follow
    it): generated pages in the core's order, where on_files put them."""
    listed = list(files)
    first = next(i for i, file in enumerate(listed) if file.src_uri in output.pages)
    before = [file for file in listed[:first] if file.src_uri not in output.pages]
    after = [file for file in listed[first:] if file.src_uri not in output.pages]
    generated = [files.get_file_from_path(src_uri) for src_uri in output.pages]
    return Files([*before, *(file for file in generated if file is not None), *after])


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Under `mkdocs serve` with data errors, the "not found" page lists them too: an address
    the last good build did not have still shows what to fix."""
    if not _errors or template_name != "404.html":
        return output_content
    listing = markdown_to_html(factbook.error_page(_errors), extensions=["fenced_code"])
    return output_content.replace("<h1>404 - Not found</h1>", listing, 1)
