"""The build cache: the last good build's Output, reused while nothing it depends on changed.

A build of unchanged data (a second `mkdocs build`, a restarted `mkdocs serve`, a CI run that
restores the folder) then costs a hash of the inputs and one read instead of a full load,
validate, link and render. The key covers everything the output depends on:

- every data file and hand-written page (path and bytes): the data, and the `[[id]]`
  references in pages that become backlinks and messages;
- the core itself (every file of this package: code, templates, schema), Python's version and
  the versions of the libraries that read YAML and render templates;
- the settings: folders, the build's date (for future-date warnings), page addresses.

One entry is kept, in `.cache/factbook/` under the project root (where Material's plugins keep
theirs). Only builds without errors are stored. An entry that cannot be read counts as absent,
and a cache that cannot be written is skipped: the cache can make a build faster, never fail it.
Deleting the folder is always safe. The entry is a pickle, read like the hook's own code: it is
trusted project content, written by this project's builds; never copy one in from elsewhere.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .output import Output

FOLDER = Path(".cache") / "factbook"
ENTRY = "output.pickle"
FORMAT = "1"
"""Changes when the entry's layout changes."""
LIBRARIES = ("PyYAML", "Jinja2", "MarkupSafe", "fastjsonschema", "jsonschema")
CORE = Path(__file__).parent


def key(settings: str, inputs: list[Path]) -> str:
    """A hash of everything a build's output depends on."""
    digest = hashlib.sha256()

    def add(part: str | bytes) -> None:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))  # lengths keep parts from running together
        digest.update(data)

    add(FORMAT)
    add(sys.version)
    for library in LIBRARIES:
        add(f"{library} {_version(library)}")
    for path in sorted(p for p in CORE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        add(path.relative_to(CORE).as_posix())
        add(path.read_bytes())
    add(settings)
    for path in inputs:
        add(path.as_posix())
        add(path.read_bytes())
    return digest.hexdigest()


@functools.cache  # asked twice per build; each answer reads the installed packages' metadata
def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "-"


def load(root: Path, wanted: str) -> Output | None:
    """The stored output of the project at `root` if it was stored under `wanted`, else None."""
    try:
        with open(root / FOLDER / ENTRY, "rb") as stored:
            found, output = pickle.load(stored)
    except Exception:  # absent, truncated, from another version: rebuild  # noqa: BLE001
        return None
    if found != wanted or not isinstance(output, Output):
        return None
    return dataclasses.replace(output, from_cache=True)


def store(root: Path, stored_key: str, output: Output) -> None:
    """Keep `output` as the one entry of the project at `root`; written to a temporary file
    first, so a reader never sees half an entry."""
    folder = root / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".output-")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump((stored_key, output), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / ENTRY)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # a read-only checkout: build without the cache
        pass
