"""YAML for the generated data files, written the way the real data/ is written by hand.

Not `yaml.safe_dump`: the real files use plain scalars where they can, folded or literal blocks
for prose and flow lists of ids, and loading that style is part of what the benchmark measures.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

SCHEMA_LINE = "# yaml-language-server: $schema={}hooks/factbook/schema/facts.schema.json\n"

_PLAIN = re.compile(r"[A-Za-z0-9\u0080-\uffff][^:#\[\]{}\n\"'`]*")
_NUMBER = re.compile(r"[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[\d:]+")
_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
MARKDOWN_KEYS = {"summary", "details", "outcome", "definition", "note", "terms"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    if _DATE.fullmatch(value):
        return value
    if (
        _PLAIN.fullmatch(value)
        and not value.endswith(" ")
        and value.lower() not in _YAML_WORDS
        and not _NUMBER.fullmatch(value)
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def _block(key: str, text: str, indent: str) -> list[str]:
    inner = indent + "  "
    if "\n" in text:  # paragraphs: a literal block, wrapped like the real data
        lines = [f"{indent}{key}: |"]
        for paragraph in text.split("\n\n"):
            lines += textwrap.wrap(
                paragraph,
                88,
                initial_indent=inner,
                subsequent_indent=inner,
                break_long_words=False,
                break_on_hyphens=False,
            )
            lines.append("")
        return lines[:-1]
    return [
        f"{indent}{key}: >-",
        *textwrap.wrap(
            text,
            88,
            initial_indent=inner,
            subsequent_indent=inner,
            break_long_words=False,
            break_on_hyphens=False,
        ),
    ]


def _mapping(record: dict[str, Any], indent: str, first: str = "") -> list[str]:
    lines: list[str] = []
    for i, (key, value) in enumerate(record.items()):
        lead = first if i == 0 and first else indent
        if key in MARKDOWN_KEYS and isinstance(value, str):
            lines += (
                _block(key, value, lead) if lead == indent else [f"{lead}{key}: {_scalar(value)}"]
            )
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines += _mapping(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{lead}{key}:")
            for item in value:
                lines += _mapping(item, indent + "    ", indent + "  - ")
        elif isinstance(value, list):
            lines.append(f"{lead}{key}: [{', '.join(_flow(v) for v in value)}]")
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
    return lines


def _flow(value: str) -> str:
    text = _scalar(value)
    if text.startswith('"') or "," not in text:
        return text
    return json.dumps(value, ensure_ascii=False)


def dump_records(kind: str, records: list[dict[str, Any]], depth: int) -> str:
    lines = [SCHEMA_LINE.format("../" * depth).rstrip("\n"), f"{kind}:"]
    for record in records:
        lines += _mapping(record, "    ", "  - ")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
