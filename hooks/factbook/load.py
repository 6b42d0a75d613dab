"""Load: YAML files → plain Python data, with the source position of every key and value.

We read the YAML parser's event stream (libyaml's C parser when available) and build the data
ourselves rather than letting PyYAML compose nodes and construct objects, because that is where
we can
- remember where each value came from (for `file:line:col` diagnostics),
- refuse duplicate keys (PyYAML silently keeps the last one),
- refuse tags that would construct objects (`!!python/...`) and anchors/aliases (alias bombs),
- refuse control characters in text (nothing invisible or placeholder-like reaches a page),
- keep dates as the text the editor wrote (`2019-11-22` stays a string; precision matters).

Hostile input costs little: files over `MAX_FILE_BYTES` are not read, nesting is measured as the
events come (a loop, no recursion: libyaml's own composer recurses in C and overflows the stack
on deep enough input), and an alias is refused without ever being expanded, so a "billion laughs"
stays as small as its text. One pass over the events does all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from . import collector
from .diagnostics import Diagnostic, Position
from .text import quoted

try:  # libyaml's C parser is several times faster; PyYAML falls back to pure Python without it.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
"""Larger files are refused: split them (data may be spread over any number of files). A
megabyte is about ten times this site's data; the limit keeps the time and memory a single file
can cost bounded (a few seconds, a few hundred megabytes at worst)."""

MAX_PROBLEMS_PER_FILE = 50
"""Problems listed per file and step; a file with more gets one line saying so, not thousands."""

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted. Data needs about six levels (kind, record,
participants, participant, native name); reading stops at the first collection deeper than
this."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (tab and line breaks excepted). YAML refuses them written raw but accepts
them as escapes ("\\x02"); they are invisible to editors and Markdown uses some as placeholders."""

_YAML = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = f"{_YAML}str", f"{_YAML}map", f"{_YAML}seq"
_SCALAR_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TAG_NAMES = {"int": "a whole number", "float": "a number", "bool": "true or false"}

FieldPath = tuple[str | int, ...]
"""Where a value sits in a file's data, e.g. ("events", 3, "summary")."""


@dataclass
class LoadedFile:
    """One data file as plain data plus the positions needed to point back into it."""

    path: str
    """The path shown in messages, relative to the project (e.g. `data/events.yaml`)."""
    data: Any
    text: str
    values: dict[FieldPath, tuple[int, int, int]] = field(default_factory=dict)
    """Position of each value: (line, column, character index), all counted from 0."""
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """Position of each mapping key, under the path of its value: (line, column) from 0."""
    ends: dict[FieldPath, int] = field(default_factory=dict)
    """Character index where each string value's source text ends."""
    refused: set[FieldPath] = field(default_factory=set)
    """Values already reported and replaced by None (bad tags, aliases): no follow-on errors."""

    def position(self, path: FieldPath) -> Position:
        """The position of a value, or of the nearest enclosing value that has one."""
        while path not in self.values and path:
            path = path[:-1]
        line, column, _ = self.values.get(path, (0, 0, 0))
        return Position(self.path, line + 1, column + 1)

    def key_position(self, path: FieldPath) -> Position:
        if path in self.keys:
            line, column = self.keys[path]
            return Position(self.path, line + 1, column + 1)
        return self.position(path)

    def source_text(self, path: FieldPath) -> str:
        """The raw source of a string value, as written (for locating `[[id]]` inside it)."""
        start = self.values[path][2]
        return self.text[start : self.ends.get(path, start)]


def load_file(path: Path, display_path: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Read and convert one file. Returns None (and diagnostics) when it cannot be read at all."""
    origin = Position(display_path, 1, 1)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                origin,
                f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
                "split the records over several files",
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        return None, [
            Diagnostic(
                Position(display_path).advanced(before, len(before)),
                f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                "save the file as UTF-8",
            )
        ]
    loaded = LoadedFile(display_path, None, text)
    diagnostics: list[Diagnostic] = []
    reader = _Reader(loaded, diagnostics)
    try:
        # Reading allocates many small objects that all survive: see collector.py.
        with collector.paused():
            has_document = reader.read(yaml.parse(text, Loader=_Loader))
    except _TooDeepError as too_deep:
        return None, [
            Diagnostic(
                Position(display_path, too_deep.mark.line + 1, too_deep.mark.column + 1),
                f"YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                "data needs only a few levels: kind, record, field",
            )
        ]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_error(display_path, text, error)]
    except yaml.reader.ReaderError as error:
        # a raw control character (raw bytes are checked above)
        return None, [
            Diagnostic(
                Position(display_path).advanced(text, error.position),
                f"control character U+{error.character:04X} is not allowed",
                "remove it; data files hold printable text only",
            )
        ]
    except yaml.YAMLError as error:  # errors without a mark are rare; still no traceback
        message = " ".join(str(error).split())
        return None, [Diagnostic(origin, f"YAML error: {message}", "check the file's syntax")]
    if not has_document:
        return None, [
            Diagnostic(
                origin, "file has no records", "add records such as `events:` or delete the file"
            )
        ]
    loaded.data = reader.data
    reader.finish()
    return loaded, capped(diagnostics)


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PROBLEMS_PER_FILE problems (the earliest in the file), then one line for the
    rest."""
    if len(diagnostics) <= MAX_PROBLEMS_PER_FILE:
        return diagnostics
    ordered = sorted(diagnostics, key=lambda d: d.sort_key)
    rest = ordered[MAX_PROBLEMS_PER_FILE]
    return ordered[:MAX_PROBLEMS_PER_FILE] + [
        Diagnostic(
            rest.position,
            "further problems in this file are not listed",
            f"fix the first {MAX_PROBLEMS_PER_FILE} and check again",
        )
    ]


class _Mark(Protocol):
    """A place the parser reports: `yaml.Mark`, or its twin from the C parser (`CSafeLoader`)."""

    line: int
    column: int
    index: int


def _syntax_error(display_path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    problem = (error.problem or "syntax error").replace(
        "found character that cannot start any token", "found a character that cannot start a value"
    )
    message = f"YAML syntax error: {problem}"
    if error.context:
        message += f" ({error.context})" if not error.context_mark else ""
    hint = "check indentation, colons and quotes"
    if error.context == "expected a single document in the stream":
        return Diagnostic(
            Position(display_path, line + 1, column + 1),
            "YAML syntax error: a second document starts here (a data file holds one)",
            "remove the `---` line, or move the records after it to another file",
        )
    lines = text.splitlines()
    source_line = lines[line] if line < len(lines) else ""
    # Look at this line and the one the parser started from for the tell-tale causes.
    suspects = [source_line]
    if error.context_mark is not None and error.context_mark.line < len(lines):
        suspects.append(lines[error.context_mark.line])
    trapped = [i for i, s in enumerate(suspects) if _starts_with_reference(s)]
    if trapped:
        suspect = suspects[trapped[0]]
        if trapped[0] == 1:
            line = error.context_mark.line  # type: ignore[union-attr]
        column = suspect.index("[[")
        message = "YAML syntax error: a value that starts with [[ is read as a list"
        hint = "quote the text or use `>`"
    elif "\t" in source_line[: column + 1] or (
        column < len(source_line) and source_line[column] == "\t"
    ):
        hint = "indent with spaces, not tabs"
    elif "quoted scalar" in (error.context or ""):
        hint = "close the quotation mark"
        if error.context_mark is not None:
            line, column = error.context_mark.line, error.context_mark.column
    return Diagnostic(Position(display_path, line + 1, column + 1), message, hint)


def _starts_with_reference(line: str) -> bool:
    _, colon, value = line.partition(": ")
    return bool(colon) and value.lstrip().startswith("[[")


class _TooDeepError(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark: _Mark = mark


def _structure_error(
    problem: str, mark: Any, context: str | None = None, context_mark: Any = None
) -> yaml.composer.ComposerError:
    """An error of the document's structure, worded as libyaml's composer words it."""
    return yaml.composer.ComposerError(context, context_mark, problem, mark)


_resolve: Callable[[type[yaml.Node], str | None, tuple[bool, bool]], str] = (
    yaml.resolver.Resolver().resolve
)
"""A value's tag when the file gives none, as PyYAML's safe loader resolves it."""
_SKIPPED = object()
"""In place of a value that is not kept (the value of a refused key): read, never converted."""


@dataclass
class _Frame:
    """A mapping or list being read (`value` is its dict or list), or a refused one being passed
    over (`value` is None)."""

    path: FieldPath
    value: Any
    key: Any = None
    """In a mapping: the key whose value comes next; None when a key comes next."""


class _Reader:
    """Turns libyaml's event stream into dicts, lists and scalars in one pass, recording
    positions on the way. A loop over events with a stack of open collections, not recursion:
    any depth is safe to measure, and nesting past MAX_DEPTH stops the reading at once."""

    def __init__(self, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
        self.loaded = loaded
        self.diagnostics = diagnostics
        self.data: Any = None
        self.anchors: dict[str, tuple[_Mark, str | None]] = {}
        """Anchor → where it is, and its text when it anchors a string (a key may be an alias)."""
        self.aliases: list[Diagnostic] = []
        self.first_alias: _Mark | None = None

    def read(self, events: Iterator[Any]) -> bool:
        """Read the stream; False when it holds no document at all."""
        next(events)  # the stream's start
        if isinstance(next(events), yaml.StreamEndEvent):
            return False
        stack: list[_Frame] = []
        try:
            self.read_document(events, stack)
        except yaml.composer.ComposerError:
            # Raised here, not by the parser: a syntax error further on is the one to report
            # (the file's text is wrong before its structure is), so read on to the end first.
            depth = len(stack)
            for event in events:
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise _TooDeepError(event.start_mark) from None
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
            raise
        return True

    def read_document(self, events: Iterator[Any], stack: list[_Frame]) -> None:
        root_mark: _Mark | None = None
        for event in events:
            if isinstance(event, yaml.DocumentEndEvent):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                raise _structure_error(
                    "but found another document",
                    event.start_mark,
                    "expected a single document in the stream",
                    root_mark,
                )
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if not stack:
                root_mark = event.start_mark
                self.data = self.value(event, (), stack)
                continue
            frame = stack[-1]
            if frame.value is None:  # inside a refused collection: read, not kept
                self.value(event, None, stack)
            elif isinstance(frame.value, list):
                index = len(frame.value)
                frame.value.append(self.value(event, frame.path + (index,), stack))
            elif frame.key is None:
                frame.key = self.key(event, frame, stack)
            else:
                key, frame.key = frame.key, None
                if key is _SKIPPED:
                    self.value(event, None, stack)
                else:
                    frame.value[key] = self.value(event, frame.path + (key,), stack)

    def key(self, event: Any, frame: _Frame, stack: list[_Frame]) -> Any:
        """The key a mapping's next value goes under, or _SKIPPED when the key is refused."""
        mark, key = event.start_mark, None
        if isinstance(event, yaml.AliasEvent):
            mark, key = self.anchor_of(event)
        elif isinstance(event, yaml.ScalarEvent):
            if self.tag(event) == _STR:
                key = event.value
            self.anchor(event, key)
        else:
            self.value(event, None, stack)  # a mapping or list as a key: read, not kept
        if key is None:
            self._report(
                mark, "a field name must be plain text", "write `name: value` with a simple name"
            )
            return _SKIPPED
        path = frame.path + (key,)
        if key in frame.value:
            first_line = self.loaded.keys[path][0] + 1
            self._report(
                mark,
                f"duplicate field '{quoted(key)}'",
                f"it is already set on line {first_line}; keep one",
            )
            return _SKIPPED
        self.loaded.keys[path] = (mark.line, mark.column)
        return key

    def value(self, event: Any, path: FieldPath | None, stack: list[_Frame]) -> Any:
        """The value an event starts (None for a path of None: read, not kept). A mapping or
        list is returned empty and filled as its events come."""
        if isinstance(event, yaml.AliasEvent):
            self.anchor_of(event)
            if path is not None:
                return self.alias(path)
            return None
        if isinstance(event, yaml.ScalarEvent):
            tag = self.tag(event)
            self.anchor(event, event.value if tag == _STR else None)
            return None if path is None else self.scalar(event, tag, path)
        self.anchor(event, None)
        if len(stack) >= MAX_DEPTH:
            raise _TooDeepError(event.start_mark)
        value: Any = None
        if path is not None:
            mark = event.start_mark
            self.loaded.values[path] = (mark.line, mark.column, mark.index)
            is_mapping = isinstance(event, yaml.MappingStartEvent)
            if self.tag(event) != (_MAP if is_mapping else _SEQ):
                self._bad_tag(event, path)
            else:
                value = {} if is_mapping else []
        stack.append(_Frame(path or (), value))
        return value

    def tag(self, event: Any) -> str:
        """The event's tag, resolved as the composer resolves it (`!` or none: from the value)."""
        tag = event.tag
        if tag is not None and tag != "!":
            return str(tag)
        if isinstance(event, yaml.ScalarEvent):
            if not event.implicit[0]:  # quoted or a block (`>`, `|`): text, as the resolver says
                return _STR
            return _resolve(yaml.ScalarNode, event.value, event.implicit)
        kind = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
        return _resolve(kind, None, event.implicit)

    def anchor(self, event: Any, text: str | None) -> None:
        """Remember an anchor (`&name`), refusing a second one of the same name as the composer
        does."""
        name = event.anchor
        if name is None:
            return
        if name in self.anchors:
            raise _structure_error(
                "second occurrence",
                event.start_mark,
                "found duplicate anchor; first occurrence",
                self.anchors[name][0],
            )
        self.anchors[name] = (event.start_mark, text)

    def anchor_of(self, event: Any) -> tuple[_Mark, str | None]:
        """Where an alias's anchor is (and its text, if a string); an unknown one is an error."""
        if self.first_alias is None:
            self.first_alias = event.start_mark
        if event.anchor not in self.anchors:
            raise _structure_error("found undefined alias", event.start_mark)
        return self.anchors[event.anchor]

    def alias(self, path: FieldPath) -> None:
        # Refusing every alias keeps the work linear in the file's size (no "billion laughs").
        # It is located by the key it is the value of (the parser's place for the first one:
        # see finish()).
        if path in self.loaded.keys:
            line, column = self.loaded.keys[path]
        else:
            line, column = self.loaded.values[path[:-1]][:2]
        # One message per file however many aliases there are (see finish()).
        self.aliases.append(
            Diagnostic(
                Position(self.loaded.path, line + 1, column + 1),
                "anchors and aliases (&name, *name) are not supported",
                "write the value out in full",
            )
        )
        self.loaded.values[path] = (line, column, 0)
        self.loaded.refused.add(path)
        return None

    def finish(self) -> None:
        if self.aliases:
            first = self.aliases[0]
            position = first.position
            if self.first_alias is not None:
                position = Position(
                    self.loaded.path, self.first_alias.line + 1, self.first_alias.column + 1
                )
            more = len(self.aliases) - 1
            hint = first.hint + (
                f"; {more} more alias{'es' if more > 1 else ''} in this file" if more else ""
            )
            self.diagnostics.append(Diagnostic(position, first.message, hint))

    def scalar(self, event: Any, tag: str, path: FieldPath) -> Any:
        mark = event.start_mark
        self.loaded.values[path] = (mark.line, mark.column, mark.index)
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(event, path)
        if tag == _STR or tag == f"{_YAML}timestamp":
            control = _CONTROL.search(event.value)
            if control:
                self._report(
                    mark,
                    f"control character U+{ord(control.group()):04X} in text",
                    "remove it; write a line break as a real line break",
                )
                self.loaded.refused.add(path)
                return None
            self.loaded.ends[path] = event.end_mark.index
            return event.value  # dates stay text: their precision is what the editor wrote
        try:
            # The constructor's own function for the tag: construct_object would also keep
            # every node it ever saw.
            node = yaml.ScalarNode(tag, event.value, mark, event.end_mark)
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except Exception:  # noqa: BLE001 - `!!int abc`, `!!int ` (empty), more digits than Python
            # reads...: PyYAML raises ValueError, KeyError or IndexError; any failure means the
            # same.
            wanted = _TAG_NAMES.get(tag[len(_YAML) :], "value")
            self._report(
                mark,
                f"'{quoted(event.value, 40)}' cannot be read as {wanted}",
                "write a number of at most a few digits, true or false, or quote the text",
            )
            self.loaded.refused.add(path)
            return None

    def _report(self, mark: _Mark, message: str, hint: str = "") -> None:
        position = Position(self.loaded.path, mark.line + 1, mark.column + 1)
        self.diagnostics.append(Diagnostic(position, message, hint))

    def _bad_tag(self, event: Any, path: FieldPath) -> None:
        self._report(
            event.start_mark,
            f"YAML tag '{quoted(self.tag(event))}' is not allowed",
            "data files hold plain text, numbers, lists and mappings only",
        )
        self.loaded.refused.add(path)
        return None
