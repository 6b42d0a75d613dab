"""Running `mkdocs build` and measuring what it took and what it wrote.

Each build runs in its own process: its wall time, CPU time (user + system) and peak memory
(max RSS, from `wait4`) are those of that process and of the processes it waited for. A build
makes one edition, the English (`FACTBOOK_EDITIONS=en`), unless asked for all of them: then the
English build runs the Korean and Japanese builds as processes of its own and waits for them,
so its CPU time includes theirs (and its peak memory is the largest of the three). The hook's
share is read from its log line (`factbook: … pages built in …`), which also proves a cold
build built and a warm one read the cache.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from results import Build, Pages

EPOCH = "1796083200"  # 2026-12-01: builds are reproducible and never see "future" dates
TIMEOUT = 3600
HOOK_LINE = re.compile(
    r"factbook: [\d,]+ pages (built|read from the build cache) in ([\d.]+) (s|ms)"
)
"""The adapter's log line after the core ran (hooks/mkdocs_adapter.py, on_config)."""
BUILT_LINE = re.compile(r"Documentation built in ([\d.]+) seconds")


EDITIONS_VARIABLE = "FACTBOOK_EDITIONS"
"""Which editions the adapter builds (hooks/mkdocs_adapter.py); unset, all of them."""
ONE_EDITION = "en"


def mkdocs_env(all_editions: bool = False) -> dict[str, str]:
    """The environment of a build or `mkdocs serve`: the English edition only, so that the
    engine, the floor (one site) and a baseline from before the editions compare like for
    like; `all_editions`: every edition, as a plain `mkdocs build` makes them."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop(EDITIONS_VARIABLE, None)
    if not all_editions:
        env[EDITIONS_VARIABLE] = ONE_EDITION
    return env


def run_build(
    project: Path, site: Path, *, profile: Path | None = None, all_editions: bool = False
) -> Build:
    """One `mkdocs build --strict` in its own process; `profile`: write cProfile's stats there.
    `all_editions`: build every edition (else the English only). The adapter builds the other
    editions into temporary folders and moves them into the site at the end: those folders are
    made beside `site` (TMPDIR), so that every edition is written where the sites are (a RAM
    disk when there is one, site_folder) and moving them is a rename."""
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += [
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    env = mkdocs_env(all_editions)
    if all_editions:
        env["TMPDIR"] = str(site.parent)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        timer = threading.Timer(TIMEOUT, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        raise SystemExit(f"mkdocs build failed for {project}:\n{output[-5000:]}")
    built = BUILT_LINE.search(output)
    hook = HOOK_LINE.search(output)
    return Build(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss * 1024,
        float(built.group(1)) if built else None,
        hook_seconds(hook.group(2), hook.group(3)) if hook else None,
        hook.group(1) != "built" if hook else None,
    )


def hook_seconds(number: str, unit: str) -> float:
    return float(number) / 1000 if unit == "ms" else float(number)


def expect_cache(build: Build, from_cache: bool, what: str, *, strict: bool = True) -> Build:
    """A warm build that rebuilt (or a cold one that did not) would measure the wrong thing.
    Not `strict` (another revision's core): a build without the log line passes unchecked."""
    if build.from_cache is None and not strict:
        return build
    if build.from_cache is not from_cache:
        raise SystemExit(
            f"the {what} build was expected to "
            f"{'read the build cache' if from_cache else 'build'}, but its log "
            f"says otherwise ({build.from_cache=})"
        )
    return build


def site_folder(work: Path) -> Path:
    """Where builds write their sites: a RAM disk when the machine has one. Writing 30–270 MB
    per build to disk made identical builds differ by up to a second of system time (the
    previous build's writes still being flushed), noise larger than what is measured; in RAM,
    the times are those of the build's own work."""
    ram = Path("/dev/shm")
    if ram.is_dir() and os.access(ram, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="factbook-benchmark-sites-", dir=ram))
    return work / "sites"


def url_of(src_uri: str) -> str:
    """The URL path MkDocs gives a page (directory URLs)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_sizes(site: Path, generated: Iterable[str], records: frozenset[str]) -> Pages:
    """Sizes of the record and listing pages among the `generated` ones (paths in docs/)."""
    record_urls = {url_of(src_uri) for src_uri in records}
    listing_urls = {url_of(src_uri) for src_uri in generated} - record_urls
    record, listing = [], []
    count = 0
    for path in site.rglob("index.html"):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        size = path.stat().st_size
        count += 1
        if url in record_urls:
            record.append((size, url))
        elif url in listing_urls:
            listing.append((size, url))
    if len(record) != len(record_urls) or len(listing) != len(listing_urls):
        raise SystemExit(
            f"{site}: found {len(record)} of {len(record_urls)} record pages and "
            f"{len(listing)} of {len(listing_urls)} listing pages"
        )
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    search = site / "search" / "search_index.json"
    return Pages(
        count,
        int(statistics.median(s for s, _ in record)),
        max(record),
        tuple(sorted(listing, reverse=True)),
        search.stat().st_size if search.exists() else 0,
        total,
    )
