"""The worst Markdown a data file can hold, before and after the limits (issue 16).

Times `mkdocs build --strict` of a copy of the real site (data/, docs/, hooks/, mkdocs.yml)

- alone (the baseline);
- plus the issue's input, a 25 kB event summary of unbalanced `[` and `](`, with the limits
  switched off (as before them; the build is stopped after `--cap` seconds and reported as
  "more than" that), and with them (refused by the check, before site/ is touched);
- plus the worst input found that passes the check: one event whose summary and details are at
  their length limits and at every construct limit (two unclosed `[`, links and backtick runs,
  then a link every 20 characters, the costliest accepted Markdown per character);
- plus a whole file of such events, as many as one file may hold (its 1 MB size and its
  20,000 Markdown marks), and, for comparison, the same events with ordinary prose.

Each row is one build of the English edition (`FACTBOOK_EDITIONS=en`: the limits are switched
off inside this process, not in the Korean and Japanese builds it would start) in a fresh copy
(no build cache), timed from outside, process start included. Prints a table and writes the
figures as JSON:

    .venv/bin/python tests/benchmark/worst_case.py [--cap 300] [--out worst_case.json]

Takes a few minutes plus the cap.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "hooks"))

from factbook.limits import MAX_FIELD_CHARS, MAX_FILE_MARKS, marks  # noqa: E402
from factbook.load import MAX_FILE_BYTES  # noqa: E402

RUN = """
import sys
sys.path.insert(0, sys.argv[1] + "/hooks")
if sys.argv[2] == "off":
    import factbook.limits
    factbook.limits.text_problems = lambda text, field=None, counted=None: []
    factbook.limits.file_problem = lambda position, total: None
from mkdocs.__main__ import cli
cli(["build", "--strict", "-q", "-f", sys.argv[1] + "/mkdocs.yml", "-d", sys.argv[1] + "/site"])
"""

ISSUE_SUMMARY = ("[](" * 4_200 + "[" * 12_400)[:25_000]
"""The issue's input: about 25 kB of unbalanced `[` and `](` in one summary."""
WORST_HEAD = "[a [b [w](x [x](y ```` ````` "
"""Every construct at its limit: two unclosed `[`, two unclosed links, two unclosed runs."""
WORST_UNIT = "[a](b) abcdefghijkl "
"""A link every 20 characters (two marks, the most the density limit allows): the costliest
accepted Markdown per character found (code spans and emphasis cost a little less)."""
PROSE_UNIT = "The ministers met in Seoul and agreed to resume the talks. "


def text_of(head: str, unit: str, limit: int) -> str:
    return head + unit * ((limit - len(head)) // len(unit))


def event(index: int, summary: str, details: str | None = None) -> dict[str, object]:
    record: dict[str, object] = {
        "id": f"worst-{index}",
        "title": f"Worst case {index}",
        "date": "2020-01-01",
        "kind": "meeting",
        "summary": summary,
    }
    if details is not None:
        record["details"] = details
    record["sources"] = ["joongang-2023-04-17"]
    return record


def events_file(records: list[dict[str, object]]) -> str:
    return yaml.safe_dump({"events": records}, sort_keys=False, allow_unicode=True, width=100)


def up_to_the_file_limit(summary: str, details: str) -> str:
    """As many such events as one file may hold: within its size and its Markdown marks (both
    fields of each event count towards the file's budget)."""
    one = len(events_file([event(0, summary, details), event(1, summary, details)]).encode()) - len(
        events_file([event(0, summary, details)]).encode()
    )
    count = min(MAX_FILE_BYTES // one, MAX_FILE_MARKS // max(1, marks(summary) + marks(details)))
    while True:  # the estimate, less one record at a time until the file fits
        content = events_file([event(index, summary, details) for index in range(count)])
        if len(content.encode("utf-8")) <= MAX_FILE_BYTES:
            return content
        count -= 1


def build(extra: str | None, limits: str, cap: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "site-copy"
        for name in ("data", "docs", "hooks"):
            shutil.copytree(
                REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
        if extra is not None:
            (project / "data" / "worst.yaml").write_text(extra, encoding="utf-8")
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": "1796083200",
            "FACTBOOK_EDITIONS": "en",
        }
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", RUN, str(project), limits],
                env=env,
                capture_output=True,
                text=True,
                timeout=cap,
            )
        except subprocess.TimeoutExpired:
            return {"seconds": None, "stopped_after": cap, "ok": False, "output": ""}
        seconds = time.perf_counter() - started
        lines = [line for line in (done.stdout + done.stderr).splitlines() if "factbook:" in line]
        return {"seconds": round(seconds, 2), "ok": done.returncode == 0, "output": lines[:3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=300, help="seconds before a build is stopped")
    parser.add_argument("--out", type=Path, default=Path("worst_case.json"))
    options = parser.parse_args()

    worst_summary = text_of(WORST_HEAD, WORST_UNIT, MAX_FIELD_CHARS["summary"])
    worst_details = text_of(WORST_HEAD, WORST_UNIT, MAX_FIELD_CHARS["details"])
    prose_summary = text_of("", PROSE_UNIT, MAX_FIELD_CHARS["summary"])
    prose_details = text_of("", PROSE_UNIT, MAX_FIELD_CHARS["details"])
    worst_file = up_to_the_file_limit(worst_summary, worst_details)
    rows = {
        "real site alone": (None, "on"),
        "+ issue input (25 kB [ and ]( summary), limits off": (
            events_file([event(0, ISSUE_SUMMARY)]),
            "off",
        ),
        "+ issue input, limits on": (events_file([event(0, ISSUE_SUMMARY)]), "on"),
        "+ worst accepted event (summary and details at every limit)": (
            events_file([event(0, worst_summary, worst_details)]),
            "on",
        ),
        f"+ worst accepted file ({len(worst_file.encode()) // 1024} KiB)": (worst_file, "on"),
        "+ the same events with ordinary prose": (
            up_to_the_file_limit(prose_summary, prose_details),
            "on",
        ),
    }
    results = {}
    for name, (extra, limits) in rows.items():
        results[name] = build(extra, limits, options.cap)
        shown = results[name]["seconds"]
        took = f"{shown:8.2f} s" if shown is not None else f"> {options.cap:.0f} s (stopped)"
        print(f"{name:70} {took}  {'built' if results[name]['ok'] else 'failed'}", flush=True)
    options.out.write_text(
        json.dumps({"cap_seconds": options.cap, "rows": results}, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
