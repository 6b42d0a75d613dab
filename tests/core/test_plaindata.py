"""plaindata.py: dataclasses to JSON values and back, following the type hints, and refusing
data (or values) that do not match them."""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

import pytest

from factbook import plaindata


class Colour(Enum):
    RED = "red"
    ONE = 1


@dataclasses.dataclass(frozen=True)
class Inner:
    name: str
    colour: Colour = Colour.RED


@dataclasses.dataclass(frozen=True)
class Outer:
    inners: tuple[Inner, ...]
    by_name: dict[str, Inner]
    maybe: Inner | None
    numbers: list[int]
    ratio: float
    flag: bool
    note: str | None = None
    derived: int = dataclasses.field(init=False, default=0)


def test_the_codec_follows_the_type_hints() -> None:
    long = '«long» "text"\n' * 20
    value = Outer(
        (Inner("a"), Inner(long, Colour.ONE)), {"k": Inner("b")}, None, [1, 2], 0.5, True, long
    )
    encoded, texts = plaindata.encode(value, Outer)
    plain: dict[str, Any] = json.loads(json.dumps(encoded))
    assert plaindata.decode(plain, texts, Outer) == value
    assert "derived" not in plain  # not an __init__ field: rebuilt, not stored
    assert long.encode() in texts and long not in json.dumps(plain)  # long texts stay raw
    for wrong in (
        {**plain, "numbers": [1, True]},
        {**plain, "ratio": "0.5"},
        {**plain, "maybe": {"name": "c", "colour": True}},
        {**plain, "flag": 1},
    ):
        with pytest.raises(plaindata.InvalidDataError):
            plaindata.decode(wrong, texts, Outer)
    assert plaindata.decode({**plain, "ratio": 1}, texts, Outer).ratio == 1.0


@pytest.mark.parametrize(
    "value",
    [
        Outer((Inner("a"),), {}, None, [1], 0.5, True, note=1),  # type: ignore[arg-type]
        Outer([Inner("a")], {}, None, [1], 0.5, True),  # type: ignore[arg-type]
        Outer((), {1: Inner("a")}, None, [1], 0.5, True),  # type: ignore[dict-item]
        Outer((), {}, None, [True], 0.5, True),
    ],
)
def test_a_value_that_does_not_match_its_hints_is_a_mistake_in_the_code(value: Outer) -> None:
    # It would not read back equal, so it is refused when written rather than silently changed.
    with pytest.raises(TypeError):
        plaindata.encode(value, Outer)


def test_a_hint_without_a_plain_form_is_refused() -> None:
    @dataclasses.dataclass
    class Unsupported:
        either: int | str

    with pytest.raises(TypeError, match="no plain-data form"):
        plaindata.encode(Unsupported(1), Unsupported)
