"""What the factbook's quick rebuilds under `mkdocs serve` take from MkDocs' internals, in one
place (the adapter, mkdocs_adapter.py, decides what to rebuild; this module only does it).

MkDocs' public events cannot rebuild a few pages: `build()` always renders every page. So,
after a full build, this module keeps what that build made (the configuration, the files with
their pages, the navigation, the theme's templates) and renders chosen pages again with MkDocs'
own per-page steps, `_populate_page` and `_build_page` (private functions of
`mkdocs.commands.build`), updates Material's search index (`SearchIndex.entries`, in the order
a full build gives it) and takes over the server's `builder` (a `LiveReloadServer` attribute).

`missing()` names any of these that the installed engine lacks; the adapter then rebuilds in
full, as MkDocs would, and tests/site/test_serve_rebuilds.py fails on it, loudly.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("mkdocs.plugins.factbook")

ENGINE_VARIABLE = "FACTBOOK_ENGINE"
"""Names the engine to an edition's process (see `worker`)."""
ENGINE = os.environ.get(ENGINE_VARIABLE) or (
    "properdocs" if "properdocs" in sys.modules else "mkdocs"
)
if ENGINE == "properdocs":  # as `properdocs` does: `mkdocs.*` (Material imports it) is ProperDocs
    importlib.import_module("properdocs.replacement")
_build = importlib.import_module(f"{ENGINE}.commands.build")
_livereload = importlib.import_module(f"{ENGINE}.livereload")
_files = importlib.import_module(f"{ENGINE}.structure.files")
_config_options = importlib.import_module(f"{ENGINE}.config.config_options")

_EXPECTED = {
    "_populate_page": ["page", "config", "files", "dirty"],
    "_build_page": ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"],
    "_build_theme_template": ["template_name", "env", "files", "config", "nav"],
}


def missing() -> list[str]:
    """The internals this module uses that the running engine does not have (as expected)."""
    gone = []
    for name, parameters in _EXPECTED.items():
        function = getattr(_build, name, None)
        if function is None or list(inspect.signature(function).parameters) != parameters:
            gone.append(f"{ENGINE}.commands.build.{name}({', '.join(parameters)})")
    server_init = inspect.signature(_livereload.LiveReloadServer.__init__).parameters
    if "builder" not in server_init:
        gone.append(f"{ENGINE}.livereload.LiveReloadServer(builder=...)")
    if not hasattr(getattr(_config_options.Hooks, "_load_hook", None), "cache_clear"):
        gone.append(f"{ENGINE}.config.config_options.Hooks._load_hook (cached)")
    if not hasattr(_files.InclusionLevel, "is_in_serve"):
        gone.append(f"{ENGINE}.structure.files.InclusionLevel.is_in_serve")
    page_class = importlib.import_module(f"{ENGINE}.structure.pages").Page
    if not hasattr(page_class, "validate_anchor_links"):
        gone.append(f"{ENGINE}.structure.pages.Page.validate_anchor_links")
    try:
        search = importlib.import_module("material.plugins.search.plugin")
        if not isinstance(getattr(search.SearchIndex(), "entries", None), list):
            gone.append("material.plugins.search.plugin.SearchIndex().entries")
    except ImportError:
        pass
    return gone


@dataclass
class Built:
    """What the last full build made, to render pages of it again."""

    config: Any
    files: Any
    nav: Any
    env: Any


def take_over(server: Any) -> None:
    """Answer every change the server's watcher detects with the adapter's rebuild (which calls
    MkDocs' own builder, given here, when it needs a full build)."""
    full_build = server.builder

    def rebuild() -> None:
        # The newest copy of this module: the adapter drops it when the code changes.
        current = sys.modules.get(__name__)
        quick = getattr(current, "KEPT", {}).get("rebuild")
        if quick is None:
            full_build()
        else:
            quick(full_build)

    server.builder = rebuild


def forget_code(modules: Iterable[str]) -> None:
    """Make the next configuration load the hook files again (MkDocs loads each once per
    process), and the modules they import: the code as it is now runs from then on."""
    _config_options.Hooks._load_hook.cache_clear()
    for name in list(sys.modules):
        if any(name == module or name.startswith(f"{module}.") for module in modules):
            del sys.modules[name]


def documentation_pages(built: Built) -> list[Any]:
    """The pages a served build renders (drafts included, as `mkdocs serve` shows them)."""
    return list(built.files.documentation_pages(inclusion=_files.InclusionLevel.is_in_serve))


def add_page(built: Built, file: Any) -> None:
    """A new page (not in the navigation), as `build()` makes one for such a file."""
    built.files.append(file)
    page_class = importlib.import_module(f"{ENGINE}.structure.pages").Page
    page_class(None, file, built.config)


def render(built: Built, pages: Iterable[Any]) -> None:
    """Read, convert and write these pages again, as a full build does, and put their
    sections into the search index in the place a full build gives them."""
    pages = list(pages)
    search = _search_index(built.config)
    urls = {page.url for page in pages}
    if search is not None:
        search.entries = [e for e in search.entries if _page_url(e) not in urls]
    doc_files = built.files.documentation_pages(inclusion=_files.InclusionLevel.is_in_serve)
    for page in pages:
        _build._populate_page(page, built.config, built.files)
    for page in pages:
        excluded = page.file.inclusion.is_excluded()
        _build._build_page(page, built.config, doc_files, built.nav, built.env, False, excluded)
    level = built.config.validation.links.anchors
    for page in pages:
        page.validate_anchor_links(files=built.files, log_level=level)
    if search is not None:
        _reorder(search, doc_files)


def forget_pages(built: Built, urls: set[str]) -> None:
    """Take removed pages' sections out of the search index."""
    search = _search_index(built.config)
    if search is not None:
        search.entries = [e for e in search.entries if _page_url(e) not in urls]


def write_search_index(built: Built) -> None:
    plugin = _search_plugin(built.config)
    if plugin is not None:
        plugin.on_post_build(config=built.config)


def write_theme_template(built: Built, name: str) -> None:
    """Render a theme template (sitemap.xml and its .gz) again."""
    _build._build_theme_template(name, built.env, built.files, built.config, built.nav)


def _search_plugin(config: Any) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def _search_index(config: Any) -> Any:
    plugin = _search_plugin(config)
    return None if plugin is None else plugin.search_index


def _page_url(entry: dict[str, Any]) -> str:
    location: str = entry["location"]
    return location.split("#", 1)[0]


def _reorder(search: Any, doc_files: Iterable[Any]) -> None:
    """Sections by page, pages in the order a full build indexes them."""
    by_page: dict[str, list[dict[str, Any]]] = {}
    for entry in search.entries:
        by_page.setdefault(_page_url(entry), []).append(entry)
    ordered = []
    for file in doc_files:
        ordered += by_page.pop(file.page.url if file.page else file.url, [])
    for rest in by_page.values():  # not expected: kept rather than lost
        ordered += rest
    search.entries = ordered


def remove_output(path: str, site_dir: str) -> None:
    """Delete a removed page's file, and the folders it leaves empty (a full build has none)."""
    if os.path.isfile(path):
        os.remove(path)
    folder = os.path.dirname(path)
    while os.path.abspath(folder) != os.path.abspath(site_dir) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)


KEPT: dict[str, Any] = {}
"""What rebuilds under `mkdocs serve` need from one build to the next: the adapter's rebuild
(the server's builder calls it), what the last full build made, the core's rebuilder, the
editions' processes. Dropped with this module when the code changes (`forget_code`)."""


# -- Editions under `mkdocs serve` ---------------------------------------------------------------
# Each translated edition is served by a process of its own (MkDocs keeps one instance of each
# plugin per process), started once and kept: it builds its edition into the served site's
# `<language>/` folder, then rebuilds it, quickly like the English, each time it is asked.
WORKER_DONE = "factbook-edition-worker: done"


def worker(config_file: str, site_dir: str) -> None:
    """The loop of an edition's process: a line `full` or `quick` on stdin builds, then
    WORKER_DONE on stdout; the build's log goes to stderr. Ends with stdin."""
    config_module = importlib.import_module(f"{ENGINE}.config")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    for name in ("mkdocs", "properdocs"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)

    def full_build() -> None:
        config = config_module.load_config(config_file=config_file, site_dir=site_dir)
        _build.build(config, serve_url=config.site_url)

    for line in sys.stdin:
        try:
            rebuild = KEPT.get("rebuild")
            if line.strip() == "quick" and rebuild is not None:
                rebuild(full_build)
            else:
                full_build()
        except Exception as error:  # reported, and the next edit tries again, as MkDocs does
            log.error(f"the build failed: {error}")
        print(WORKER_DONE, flush=True)


if __name__ == "__main__":
    # Run as a script: use the module by its name, so the adapter shares its KEPT.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    importlib.import_module("mkdocs_internals").worker(*sys.argv[1:3])
