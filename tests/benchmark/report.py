"""The benchmark page (docs/benchmark.md) and the console report, rendered from the results.

Python computes figures (stats.py, targets.py); the words, tables and their order are in the
Jinja2 templates under templates/: benchmark.md.j2 is the page, macros.md.j2 its parts (also
printed on their own while the benchmark runs). Filters format numbers the same way everywhere.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from results import Results, Serve, SizeResult
from stats import MEMORY_FROM, critical_path, median, serve_stats, size_stats
from targets import evaluate

TEMPLATES = Path(__file__).resolve().parent / "templates"
WORST_CASE = Path(__file__).resolve().parent / "worst_case.json"
"""worst_case.py's figures (the costliest Markdown a data file may hold), shown when present."""
MB = 1024 * 1024


# --- number formats (Jinja filters) ---------------------------------------------------------


def seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f} s" if value < 100 else f"{value:.1f} s"


def ms(value: float | None, digits: int = 0) -> str:
    """Seconds shown in milliseconds."""
    return "n/a" if value is None else f"{1000 * value:.{digits}f} ms"


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def mb(size: float) -> str:
    return f"{size / MB:,.1f} MB"


def num(value: float) -> str:
    return f"{value:,}"


def ratio(value: float) -> str:
    return f"{value:.3f}"


def listed(values: Iterable[float]) -> str:
    return ", ".join(ratio(x) for x in values)


def fmt(value: Any, spec: str) -> str:
    return format(value, spec)


def oneline(text: str) -> str:
    """A paragraph or list item written over several template lines, as one line: wrapping
    figures of varying width would leave ragged lines, and a wrapped line that starts with
    "+ " or "1. " would turn into a list item."""
    return " ".join(text.split())


def sizes_named(ns: Iterable[int]) -> str:
    """100, 1,000 and 10,000."""
    names = [num(n) for n in ns]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


FILTERS = {
    "seconds": seconds,
    "ms": ms,
    "kb": kb,
    "mb": mb,
    "num": num,
    "ratio": ratio,
    "listed": listed,
    "fmt": fmt,
    "sizes_named": sizes_named,
    "median": median,
    "oneline": oneline,
}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env


# --- rendering ------------------------------------------------------------------------------


def context(results: Results) -> dict[str, Any]:
    stats = [size_stats(r) for r in results.sizes]
    return {
        "results": results,
        "meta": results.meta,
        "sizes": list(zip(results.sizes, stats, strict=True)),
        "outcomes": evaluate(results),
        "critical": critical_path(results),
        "serve": [(x, serve_stats(x)) for x in results.serve],
        "memory_from": MEMORY_FROM,
        "profile": results.profile,
        "baseline": results.has_baseline,
        "editions": any(r.editions for r in results.sizes),
        "worst_case": json.loads(WORST_CASE.read_text("utf-8")) if WORST_CASE.exists() else None,
    }


def page(results: Results, intro: bool = True) -> str:
    """docs/benchmark.md (`intro=False`: without the page's title and explanations, for the
    console)."""
    return environment().get_template("benchmark.md.j2").render(context(results), intro=intro)


def _macros() -> Any:
    return environment().get_template("macros.md.j2").module


def size_table(r: SizeResult) -> str:
    """One size's table, printed as soon as that size is measured."""
    return str(_macros().size_table(r, size_stats(r)))


def serve_table(serve: Sequence[Serve]) -> str:
    """The `mkdocs serve` table of these runs (printed as soon as one is measured)."""
    if not serve:
        return ""
    return str(_macros().serve_table([(x, serve_stats(x)) for x in serve], MEMORY_FROM))


def derived(results: Results) -> dict[str, Any]:
    """The page's figures as data, stored in the JSON beside the measurements for readers (they
    are always derived again from the measurements when the page is rendered)."""
    critical = critical_path(results)
    return {
        "sizes": [dataclasses.asdict(size_stats(r)) for r in results.sizes],
        "targets": [
            {
                "name": o.target.name,
                "status": o.status,
                "value": o.measured.value if o.measured else None,
                **({"facts": o.measured.facts} if o.measured and o.measured.facts else {}),
            }
            for o in evaluate(results)
        ],
        "critical_path": dataclasses.asdict(critical) if critical else None,
        "serve": [dataclasses.asdict(serve_stats(x)) for x in results.serve],
    }
