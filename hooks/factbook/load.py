"""Load: YAML files → plain Python data, with the source position of every key and value.

We compose YAML into nodes (libyaml's C parser when available) and convert the nodes ourselves
rather than letting PyYAML construct objects, because that is where we can
- remember where each value came from (for `file:line:col` diagnostics),
- refuse duplicate keys (PyYAML silently keeps the last one),
- refuse tags that would construct objects (`!!python/...`) and anchors/aliases (alias bombs),
- refuse control characters in text (nothing invisible or placeholder-like reaches a page),
- keep dates as the text the editor wrote (`2019-11-22` stays a string; precision matters).

Hostile input costs little: files over `MAX_FILE_BYTES` are not read, nesting is measured on
libyaml's event stream (no recursion) before the recursive composer can overflow the C stack, and
an alias is refused without ever being expanded, so a "billion laughs" stays as small as its text.
"""

from __future__ import annotations

import re
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
participants, participant, native name); libyaml's composer recurses in C and crashes the
process somewhere past ten thousand, so depth is checked before composing."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (tab and line breaks excepted). YAML refuses them written raw but accepts
them as escapes ("\\x02"); they are invisible to editors and Markdown uses some as placeholders."""

_YAML = "tag:yaml.org,2002:"
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
    try:
        too_deep, first_alias = _scan(text)
        if too_deep is not None:
            return None, [
                Diagnostic(
                    Position(display_path, too_deep.line + 1, too_deep.column + 1),
                    f"YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                    "data needs only a few levels: kind, record, field",
                )
            ]
        node = _compose(text)
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
    except RecursionError:
        return None, [Diagnostic(origin, "YAML is nested too deeply", "flatten the structure")]

    loaded = LoadedFile(display_path, None, text)
    diagnostics: list[Diagnostic] = []
    if node is None:
        diagnostics.append(
            Diagnostic(
                origin, "file has no records", "add records such as `events:` or delete the file"
            )
        )
        return None, diagnostics
    converter = _Converter(loaded, diagnostics, first_alias)
    try:
        loaded.data = converter.convert(node, ())
    except RecursionError:  # not reached below MAX_DEPTH; kept so no input can raise
        return None, [Diagnostic(origin, "YAML is nested too deeply", "flatten the structure")]
    converter.finish()
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


def _scan(text: str) -> tuple[_Mark | None, _Mark | None]:
    """One pass over the parser's events (a loop, so any depth is safe to measure): where
    nesting first exceeds MAX_DEPTH, and where the first alias is. Syntax errors propagate."""
    indicators = sum(text.count(c) for c in "[{-:?")
    if indicators < MAX_DEPTH and "*" not in text:
        return None, None  # every level needs one of these characters: too few to be too deep
    depth = 0
    first_alias: _Mark | None = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark, first_alias
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif first_alias is None and isinstance(event, yaml.AliasEvent):
            first_alias = event.start_mark
    return None, first_alias


def _compose(text: str) -> yaml.Node | None:
    # Composing allocates many small objects that all survive: see collector.py.
    with collector.paused():
        return yaml.compose(text, Loader=_Loader)


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


class _Converter:
    """Turns a node tree into dicts, lists and scalars, recording positions on the way."""

    def __init__(
        self, loaded: LoadedFile, diagnostics: list[Diagnostic], first_alias: _Mark | None = None
    ) -> None:
        self.loaded = loaded
        self.diagnostics = diagnostics
        self.seen: set[int] = set()
        self.aliases: list[Diagnostic] = []
        self.first_alias = first_alias
        """Where the first `*name` is, from the parser (nodes only know the anchor's place)."""

    def _report(self, node: yaml.Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        position = Position(self.loaded.path, mark.line + 1, mark.column + 1)
        self.diagnostics.append(Diagnostic(position, message, hint))

    def convert(self, node: yaml.Node, path: FieldPath) -> Any:
        # An alias hands back a node we have already converted; refusing it keeps the work
        # linear in the file's size (no "billion laughs").
        if id(node) in self.seen:
            # The node is the anchored one, so its mark is the anchor's; the alias itself is
            # located by the parser (see _scan), or else by the key it is the value of.
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
        mark = node.start_mark
        self.loaded.values[path] = (mark.line, mark.column, mark.index)
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_YAML}seq":
                return self._bad_tag(node, path)
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the composer makes only these three kinds
        return self._scalar(node, path)

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

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> Any:
        if node.tag != f"{_YAML}map":
            return self._bad_tag(node, path)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != f"{_YAML}str":
                self._report(
                    key_node,
                    "a field name must be plain text",
                    "write `name: value` with a simple name",
                )
                continue
            key = key_node.value
            if key in result:
                first_line = self.loaded.keys[path + (key,)][0] + 1
                self._report(
                    key_node,
                    f"duplicate field '{quoted(key)}'",
                    f"it is already set on line {first_line}; keep one",
                )
                continue
            self.loaded.keys[path + (key,)] = (key_node.start_mark.line, key_node.start_mark.column)
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        if tag == f"{_YAML}str" or tag == f"{_YAML}timestamp":
            control = _CONTROL.search(node.value)
            if control:
                self._report(
                    node,
                    f"control character U+{ord(control.group()):04X} in text",
                    "remove it; write a line break as a real line break",
                )
                self.loaded.refused.add(path)
                return None
            self.loaded.ends[path] = node.end_mark.index
            return node.value  # dates stay text: their precision is what the editor wrote
        try:
            return _CONSTRUCTOR.construct_object(node)
        except Exception:  # noqa: BLE001 - `!!int abc`, `!!int ` (empty), more digits than Python
            # reads...: PyYAML raises ValueError, KeyError or IndexError; any failure means the
            # same.
            wanted = _TAG_NAMES.get(tag[len(_YAML) :], "value")
            self._report(
                node,
                f"'{quoted(node.value, 40)}' cannot be read as {wanted}",
                "write a number of at most a few digits, true or false, or quote the text",
            )
            self.loaded.refused.add(path)
            return None

    def _bad_tag(self, node: yaml.Node, path: FieldPath) -> None:
        self._report(
            node,
            f"YAML tag '{quoted(node.tag)}' is not allowed",
            "data files hold plain text, numbers, lists and mappings only",
        )
        self.loaded.refused.add(path)
        return None
