"""factbook: YAML facts → validated, cross-linked Markdown pages. Knows nothing of MkDocs.

The pipeline is `project.py`, read top to bottom; each step is a module of its own. This file
only names the public API: `check()` (every problem at once), `build()` and `publish()` (every
page, as the plain-data `Output` a site engine needs), the kind registry (`KINDS`, `register`,
`RecordKind`) for kinds declared outside the core, and what the MkDocs adapter uses.
"""

from pathlib import Path

from .cache import file_digest
from .diagnostics import Diagnostic, Severity
from .incremental import Rebuilder, Rebuilt
from .kinds import KINDS, register
from .model import Model, RecordKind
from .output import Output
from .project import Checked, Project, build, check, publish
from .render import error_page, kind_listings, listing_pages, with_translation_note
from .schema import schema_text
from .translations import english_page, is_translated, page_language
from .urls import Addresses, built_relative
from .wording import EDITIONS, WORDS, edition_text, speaking

__all__ = [
    "EDITIONS",
    "KINDS",
    "STYLESHEET",
    "Addresses",
    "Checked",
    "Diagnostic",
    "Model",
    "Output",
    "Project",
    "Rebuilder",
    "Rebuilt",
    "RecordKind",
    "Severity",
    "WORDS",
    "build",
    "built_relative",
    "check",
    "edition_text",
    "english_page",
    "error_page",
    "file_digest",
    "is_translated",
    "kind_listings",
    "listing_pages",
    "page_language",
    "publish",
    "register",
    "schema_text",
    "speaking",
    "with_translation_note",
]

STYLESHEET = Path(__file__).parent / "assets" / "factbook.css"
"""Styles for generated pages (timeline, native names, glossary marks)."""
