"""Plain data: dataclass values to JSON values and back, driven by the classes' type hints.

`encode(value, kind)` gives what `json.dumps` takes, plus the value's long texts as UTF-8
bytes; `decode(data, texts, kind)` takes what `json.loads` gives and those bytes, and rebuilds
the value, checking every part against its declared type. A dataclass is a JSON object of its
`__init__` fields by name; a tuple or list is an array; a `dict[str, X]` is an object; an Enum
is its value; `X | None` is X or null; `int`, `float`, `bool` and `None` are themselves; a
`str` is itself when short, else `[start, end]`: where its UTF-8 bytes are in `texts`. Long
texts (generated pages, JSON-LD) stay out of the JSON because parsing them is the slow part:
every character is scanned for escapes, and pages are full of quotes and newlines.

Nothing in the data names a class or a function: decoding builds only the types the hints
allow, so reading data never runs code. The codec of a class is worked out once from its fields
and hints, so it follows the classes as they change. A hint it cannot represent is a
`TypeError` when the codec is made, and a value that does not match its hint is a `TypeError`
when it is encoded (both are mistakes in the code); data that does not match is
`InvalidDataError` (a `ValueError`) when it is decoded.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")

LONG = 64
"""Strings of at least this many characters go to `texts`; shorter ones are cheaper inline."""


class InvalidDataError(ValueError):
    """Data that does not have the type it is decoded as."""


class _Texts:
    """The long texts met while encoding, as one run of UTF-8 bytes."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, text: str) -> list[int]:
        data = text.encode("utf-8")
        start = self.size
        self.parts.append(data)
        self.size += len(data)
        return [start, self.size]


Encode = Callable[[Any, _Texts], Any]
Decode = Callable[[Any, memoryview], Any]


def encode(value: object, kind: object) -> tuple[object, bytes]:
    """`value`, declared as `kind`, as JSON-ready lists, dicts and scalars, and the UTF-8 bytes
    of its long texts. `UnicodeEncodeError` if a text has a lone surrogate."""
    texts = _Texts()
    data = _codec(kind)[0](value, texts)
    return data, b"".join(texts.parts)


def decode(data: object, texts: bytes | memoryview, kind: type[T]) -> T:
    """The `kind` value that `data` (as `json.loads` gives it) and `texts` describe;
    `InvalidDataError` if they do not describe one."""
    declared: object = kind  # the cache is keyed by any hashable type, not only classes
    return typing.cast(T, _codec(declared)[1](data, memoryview(texts)))


@functools.cache  # one per type: worked out from the hints once, then only called
def _codec(kind: object) -> tuple[Encode, Decode]:
    """The (encode, decode) pair for values declared as `kind`."""
    if kind is str:
        return _encode_str, _decode_str
    if kind in (int, float, bool, type(None)):
        return _scalar(typing.cast(type, kind))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional(next(arg for arg in args if arg is not type(None)))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence(tuple, args[0])
    if origin is list and len(args) == 1:
        return _sequence(list, args[0])
    if origin is dict and len(args) == 2 and args[0] is str:
        return _mapping(args[1])
    raise TypeError(f"no plain-data form for {kind!r}")


def _encode_str(value: object, texts: _Texts) -> object:
    # Exact types here and below: a str subclass (an Enum) is not a str, a bool is not an int.
    if type(value) is not str:
        raise TypeError(f"expected str, got {type(value).__name__}")
    return texts.add(value) if len(value) >= LONG else value


def _decode_str(data: object, texts: memoryview) -> object:
    if type(data) is str:
        return data
    if type(data) is list and len(data) == 2:
        start, end = data
        if type(start) is int and type(end) is int and 0 <= start <= end <= len(texts):
            try:
                return str(texts[start:end], "utf-8")
            except UnicodeDecodeError:
                raise InvalidDataError("a text is not UTF-8") from None
    raise InvalidDataError(f"expected a string, got {type(data).__name__}")


def _scalar(kind: type) -> tuple[Encode, Decode]:
    def encode(value: object, texts: _Texts) -> object:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    def decode(data: object, texts: memoryview) -> object:
        if type(data) is not kind:
            raise InvalidDataError(f"expected {kind.__name__}, got {type(data).__name__}")
        return data

    def decode_float(data: object, texts: memoryview) -> object:
        if type(data) is not float and type(data) is not int:  # a hand-edited 1 for 1.0
            raise InvalidDataError(f"expected float, got {type(data).__name__}")
        return float(data)

    return encode, decode_float if kind is float else decode


def _enum(kind: type[Enum]) -> tuple[Encode, Decode]:
    if not all(type(member.value) in (str, int) for member in kind):
        raise TypeError(f"no plain-data form for {kind!r}: its values are not str or int")
    # Keyed by type too, so 1 and True (equal in Python) do not both find a member.
    members = {(type(member.value), member.value): member for member in kind}

    def encode(value: object, texts: _Texts) -> object:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value.value

    def decode(data: object, texts: memoryview) -> object:
        try:
            return members[(type(data), data)]
        except (KeyError, TypeError):  # TypeError: a list or dict cannot be a key
            raise InvalidDataError(f"not a {kind.__name__}: {data!r:.40}") from None

    return encode, decode


def _dataclass(kind: type) -> tuple[Encode, Decode]:
    hints = typing.get_type_hints(kind)
    # Fields set by __init__ only: the others are derived from them when the value is rebuilt.
    parts = [(f.name, *_codec(hints[f.name])) for f in dataclasses.fields(kind) if f.init]
    names = {name for name, _, _ in parts}

    def encode(value: object, texts: _Texts) -> object:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return {name: to_plain(getattr(value, name), texts) for name, to_plain, _ in parts}

    def decode(data: object, texts: memoryview) -> object:
        if type(data) is not dict or data.keys() != names:
            raise InvalidDataError(f"not a {kind.__name__}")
        fields = {name: from_plain(data[name], texts) for name, _, from_plain in parts}
        try:
            return kind(**fields)
        except (TypeError, ValueError) as error:  # a class that checks its fields refused them
            raise InvalidDataError(f"not a {kind.__name__}: {error}") from None

    return encode, decode


def _optional(kind: object) -> tuple[Encode, Decode]:
    encode_value, decode_value = _codec(kind)

    def encode(value: object, texts: _Texts) -> object:
        return None if value is None else encode_value(value, texts)

    def decode(data: object, texts: memoryview) -> object:
        return None if data is None else decode_value(data, texts)

    return encode, decode


def _sequence(
    container: type[tuple[Any, ...]] | type[list[Any]], item: object
) -> tuple[Encode, Decode]:
    encode_item, decode_item = _codec(item)

    def encode(value: object, texts: _Texts) -> object:
        if type(value) is not container:
            raise TypeError(f"expected {container.__name__}, got {type(value).__name__}")
        return [encode_item(each, texts) for each in typing.cast(list[Any], value)]

    def decode(data: object, texts: memoryview) -> object:
        if type(data) is not list:
            raise InvalidDataError(f"expected an array, got {type(data).__name__}")
        return container(decode_item(each, texts) for each in data)

    return encode, decode


def _mapping(item: object) -> tuple[Encode, Decode]:
    encode_item, decode_item = _codec(item)

    def encode(value: object, texts: _Texts) -> object:
        if type(value) is not dict:
            raise TypeError(f"expected dict, got {type(value).__name__}")
        if not all(type(key) is str for key in value):  # JSON would turn 1 into "1"
            raise TypeError("expected str keys")
        return {key: encode_item(each, texts) for key, each in value.items()}

    def decode(data: object, texts: memoryview) -> object:
        if type(data) is not dict:  # its keys are str: json.loads makes no others
            raise InvalidDataError(f"expected an object, got {type(data).__name__}")
        return {key: decode_item(each, texts) for key, each in data.items()}

    return encode, decode
