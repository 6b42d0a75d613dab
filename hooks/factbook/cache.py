"""The build cache: the last good build's Output, reused while nothing it depends on changed.

A build of unchanged data (a second `mkdocs build`, a restarted `mkdocs serve`, a CI run that
restores the folder) then costs a hash of the inputs and one read instead of a full load,
validate, link and render. The key covers everything the output depends on:

- every data file and hand-written page (path and bytes): the data, and the `[[id]]`
  references in pages that become backlinks and messages;
- the core itself (every file of this package: code, templates, schema), Python's version and
  the versions of the libraries that read YAML and render templates;
- the settings: folders, the build's date (for future-date warnings), page addresses.

One entry per edition is kept, in `.cache/factbook/` under the project root (where Material's
plugins keep theirs). Only builds without errors are stored. An entry that cannot be read
counts as absent, and a cache that cannot be written is skipped: the cache can make a build
faster, never fail it.
Deleting the folder is always safe.

The entry is data, never code: the key as a JSON string on the first line, the output as
JSON on the second (as plaindata.py encodes it), then the UTF-8 bytes of the output's long
texts, which the JSON points into. Reading it can only build the types `Output` declares, so an
entry from anywhere (committed by mistake, restored from a shared CI cache, crafted) can at
worst be refused. The key is compared before anything else is parsed, and an entry that does
not parse or does not have `Output`'s shape counts as absent.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import mmap
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from . import plaindata
from .output import Output

FOLDER = Path(".cache") / "factbook"
ENTRY = "output-{language}.cache"
"""One entry per edition (its language's code)."""
FORMAT = "2"
"""Changes when the entry's layout changes."""
LIBRARIES = ("PyYAML", "Jinja2", "MarkupSafe", "fastjsonschema", "jsonschema")
CORE = Path(__file__).parent


def digest(data: bytes) -> str:
    """A file's bytes, hashed (to tell whether a file changed since it was last read)."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    return digest(path.read_bytes())


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


def load(root: Path, wanted: str, language: str = "en") -> Output | None:
    """The stored output of the project at `root` if it was stored under `wanted`, else None."""
    expected = _key_line(wanted)
    try:
        with open(root / FOLDER / ENTRY.format(language=language), "rb") as stored:
            # Another build's entry is refused on its first line, before the output is parsed.
            if stored.readline(len(expected)) != expected:
                return None
            # Mapped rather than read: the texts are decoded from the page cache, never copied
            # whole first (at 10,000 records, reading the file took as long as decoding it).
            # The store replaces the file rather than rewriting it, so the mapping stays whole.
            with mmap.mmap(stored.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                output = _decode(mapped, len(expected))
    except (OSError, ValueError):  # absent, or only the key line
        return None
    return None if output is None else dataclasses.replace(output, from_cache=True)


def _decode(mapped: mmap.mmap, start: int) -> Output | None:
    """The output in an entry after its key line, or None if there is none."""
    end = mapped.find(b"\n", start)
    if end < 0:
        return None
    try:
        return plaindata.decode(
            json.loads(mapped[start:end]), memoryview(mapped)[end + 1 :], Output
        )
    # Truncated, not JSON, not UTF-8, nested too deep, or not the shape of an Output. Caught
    # here, so no view of the mapping outlives this call and it can be closed.
    except (ValueError, RecursionError):
        return None


def store(root: Path, stored_key: str, output: Output, language: str = "en") -> None:
    """Keep `output` as the one entry of the project at `root`; written to a temporary file
    first, so a reader never sees half an entry."""
    folder = root / FOLDER
    try:
        plain, texts = plaindata.encode(output, Output)
        # Compact (the C encoder) and ASCII: newlines in strings are escaped, so it is one line.
        data = json.dumps(plain, separators=(",", ":")).encode("ascii")
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".output-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(_key_line(stored_key))
                file.write(data + b"\n")
                file.write(texts)
            os.replace(temporary, folder / ENTRY.format(language=language))
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # a read-only checkout: build without the cache
        pass
    except UnicodeEncodeError:  # a lone surrogate in some text: not storable as UTF-8
        pass


def _key_line(stored_key: str) -> bytes:
    """The entry's first line."""
    return json.dumps(stored_key).encode("ascii") + b"\n"
