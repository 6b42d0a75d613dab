"""Diagnostics: one problem in an input file, printed like a compiler error.

Every stage of the pipeline reports problems as `Diagnostic` values instead of raising, so a
single run can show an editor every mistake at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a file; line and column count from 1, like editors do."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def advanced(self, text: str, index: int) -> Position:
        """The position of `text[index]`, where `text` starts at this position: how a problem
        inside a YAML value, or anywhere in a page (start at 1:1), is located."""
        newlines = text.count("\n", 0, index)
        if newlines == 0:
            return Position(self.path, self.line, self.column + index)
        column = index - (text.rfind("\n", 0, index) + 1)
        return Position(self.path, self.line + newlines, column + 1)


@dataclass(frozen=True)
class Diagnostic:
    position: Position
    message: str
    """What is wrong, in the editor's terms."""
    hint: str = ""
    """How to fix it; printed in parentheses."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        text = f"{self.position}: {self.message}"
        if self.severity is Severity.WARNING:
            text = f"{self.position}: warning: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        p = self.position
        return (p.path, p.line, p.column, self.message)


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or an empty string when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
