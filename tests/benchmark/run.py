"""The factbook benchmark: how building the site scales with the amount of data.

Run it from the repository root with the project's virtualenv:

    .venv/bin/python tests/benchmark/run.py                      # N = 100, 1,000, 10,000
    .venv/bin/python tests/benchmark/run.py --sizes 100,1000     # quicker
    .venv/bin/python tests/benchmark/run.py --write-page         # also write docs/benchmark.md

The full run takes roughly 25–35 minutes on 2 cores, most of it the N = 10,000 builds. Nothing
is written into the repository except, with `--write-page`, `docs/benchmark.md`; generated
projects live in a temporary folder that is removed at the end (`--keep` keeps it).

What it does, for each N:

1. Generates a synthetic project of N records (generate.py: the real site's proportions of
   sources, organizations, people, topics, events and terms; `[[id]]` references and glossary
   terms in prose; deterministic from `--seed`).
2. Writes **the floor** next to it: the very Markdown the engine generates for that project, as
   ordinary hand-written pages of a plain MkDocs project with the same configuration and
   navigation and no hook. The floor is what MkDocs + Material cost with no engine at all.
3. Times the engine's own phases (phases.py: load, validate, assemble, link, render) by calling
   the core's functions in a fresh interpreter, `--phase-runs` times, fastest run per phase;
   `factbook.publish()` reading a current cache (what a warm build costs the engine), and the
   steps of `factbook.publish()` without one (build, deriving the output, storing it).
4. Runs `mkdocs build --strict` on the engine project and on the floor in alternation, in
   rounds of three (`--pairs` rounds): the engine **cold** (its build cache, `.cache/factbook/`,
   deleted first: a first build, or one after any data change), the floor, the engine **warm**
   (the cache the cold build left: a rebuild of unchanged data). A machine that gets slower or
   faster during the run so affects all alike; engine/floor is computed within each round and
   the median of the ratios is reported. Wall time, CPU time (user + system) and peak memory
   (max RSS, from `wait4`) are those of the `mkdocs build` process; the hook's own share is
   read from its log line (`factbook: … pages built in …`), which also proves a cold build
   built and a warm one read the cache. Sites are written to a RAM
   disk (`/dev/shm`) when there is one, so disk flushes of one build do not land on the next.
5. Measures the HTML pages of the engine's site: median and largest record page, largest
   listing page (timeline, glossary, indexes).

Then, at `--serve-size` (1,000), it starts `mkdocs serve` on a free localhost port, changes one
YAML file `--serve-edits` times and measures from each write to MkDocs' "Reloading browsers"
line. Finally it checks the targets of the benchmark issue and prints which are met.

`--profile` also profiles one engine build and one floor build at the largest N with cProfile
and prints the functions where the engine's build spends more time than the floor's.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import pstats
import queue
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import phases  # noqa: E402
from generate import KIND_WEIGHTS, REPO, Floor, generate, write_floor  # noqa: E402

PAGE = REPO / "docs" / "benchmark.md"
EPOCH = "1767225600"  # 2026-01-01: builds are reproducible and never see "future" dates
BUILD_TIMEOUT = 3600
MB = 1024 * 1024


# --- measuring ------------------------------------------------------------------------------

@dataclass
class Build:
    wall: float
    cpu: float
    max_rss: int
    """Bytes."""
    reported: float | None
    """MkDocs' own "Documentation built in X seconds" (excludes interpreter start-up)."""
    hook: float | None = None
    """The factbook hook's on_config (the core's publish), from its log line; None for the floor."""
    from_cache: bool | None = None
    """Whether that log line says the core's output was read from the build cache."""


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH,
            "PYTHONUNBUFFERED": "1"}


def run_build(project: Path, site: Path, *, profile: Path | None = None) -> Build:
    """One `mkdocs build --strict` in its own process; its wall time, CPU time and peak RSS."""
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                "-d", str(site)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=mkdocs_env(), stdout=log,
                                   stderr=subprocess.STDOUT)
        timer = threading.Timer(BUILD_TIMEOUT, process.kill)
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
    built = re.search(r"Documentation built in ([\d.]+) seconds", output)
    hook = HOOK_LINE.search(output)
    return Build(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                 float(built.group(1)) if built else None,
                 hook_seconds(hook.group(2), hook.group(3)) if hook else None,
                 hook.group(1) != "built" if hook else None)


HOOK_LINE = re.compile(
    r"factbook: [\d,]+ pages (built|read from the build cache) in ([\d.]+) (s|ms)")
"""The adapter's log line after the core ran (hooks/mkdocs_adapter.py, on_config)."""


def hook_seconds(number: str, unit: str) -> float:
    return float(number) / 1000 if unit == "ms" else float(number)


def expect_cache(build: Build, from_cache: bool, what: str) -> Build:
    """A warm build that rebuilt (or a cold one that did not) would measure the wrong thing."""
    if build.from_cache is not from_cache:
        raise SystemExit(f"the {what} build was expected to "
                         f"{'read the build cache' if from_cache else 'build'}, but its log "
                         f"says otherwise ({build.from_cache=})")
    return build


def engine_phases(project: Path, runs: int) -> dict[str, float]:
    """The engine's figures (phases.py), the fastest of `runs` runs each."""
    figures = phases.measure(project, runs, Path(os.environ["FACTBOOK_HOOKS"]))
    for probe in phases.missing_probes(figures):
        log(f"warning: the probe {probe} never ran; update phases.py")
    return figures


@dataclass
class Pages:
    count: int
    median_record: int
    largest_record: tuple[int, str]
    listings: list[tuple[int, str]]
    """Every listing page (size, URL): generated pages that show no single record; largest first."""
    search_index: int
    site_total: int

    @property
    def largest_listing(self) -> tuple[int, str]:
        return self.listings[0]


def url_of(src_uri: str) -> str:
    """The URL path MkDocs gives a page (directory URLs)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_sizes(site: Path, floor: Floor) -> Pages:
    records = {url_of(src_uri) for src_uri in floor.records}
    listings_urls = {url_of(src_uri) for src_uri in floor.pages} - records
    record, listing = [], []
    count = 0
    for path in site.rglob("index.html"):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        size = path.stat().st_size
        count += 1
        if url in records:
            record.append((size, url))
        elif url in listings_urls:
            listing.append((size, url))
    if len(record) != len(records) or len(listing) != len(listings_urls):
        raise SystemExit(f"{site}: found {len(record)} of {len(records)} record pages and "
                         f"{len(listing)} of {len(listings_urls)} listing pages")
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    search = site / "search" / "search_index.json"
    return Pages(count, int(statistics.median(s for s, _ in record)), max(record),
                 sorted(listing, reverse=True), search.stat().st_size if search.exists() else 0,
                 total)


# --- mkdocs serve ---------------------------------------------------------------------------

@dataclass
class Serve:
    initial: float
    """Start of `mkdocs serve` to "Serving on" (the first build included)."""
    rebuilds: list[float] = field(default_factory=list)
    """Write of the YAML file to "Reloading browsers", per edit."""
    detected: list[float] = field(default_factory=list)
    """Write to "Detected file changes" (file-watcher latency)."""
    reported: list[float] = field(default_factory=list)
    """MkDocs' own "Documentation built in X seconds" for each rebuild."""
    edited: str = ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_rebuild(project: Path, edits: int, timeout: float = 900) -> Serve:
    """Start `mkdocs serve`, change one YAML file `edits` times, time each rebuild."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
               "-a", f"127.0.0.1:{port}"]
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=mkdocs_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    transcript: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern: str, after: float, limit: float) -> tuple[float, str]:
        deadline = time.perf_counter() + limit
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise SystemExit(f"mkdocs serve: no '{pattern}' within {limit:.0f} s:\n"
                                 + "".join(transcript[-40:]))
            try:
                stamp, line = lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                if process.poll() is not None:
                    raise SystemExit("mkdocs serve stopped:\n" + "".join(transcript[-40:]))
                continue
            transcript.append(line)
            if "ERROR" in line or "error happened" in line:
                raise SystemExit("mkdocs serve reported an error:\n" + "".join(transcript[-40:]))
            if stamp >= after and re.search(pattern, line):
                return stamp, line

    def settle(quiet: float) -> None:
        """Wait until the server has been idle for `quiet` seconds. The file watcher sometimes
        reports one save twice, and the second rebuild must not be counted against the next
        edit."""
        idle_since = time.perf_counter()
        building = False
        deadline = idle_since + timeout
        while time.perf_counter() < deadline:
            try:
                stamp, line = lines.get(timeout=0.2)
            except queue.Empty:
                if not building and time.perf_counter() - idle_since >= quiet:
                    return
                continue
            transcript.append(line)
            if "Detected file changes" in line:
                building = True
            elif "Reloading browsers" in line or "error happened" in line:
                building = False
            idle_since = stamp
        raise SystemExit("mkdocs serve never became idle:\n" + "".join(transcript[-40:]))

    target = _edit_target(project)
    original = target.read_text(encoding="utf-8")
    try:
        ready, _ = wait_for(r"Serving on", started, timeout)
        result = Serve(initial=ready - started, edited=target.relative_to(project).as_posix())
        for number in range(1, edits + 1):
            settle(3.0)
            text = _edited(original, number)
            wrote = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            detected, _ = wait_for(r"Detected file changes", wrote, timeout)
            _, built = wait_for(r"Documentation built in", wrote, timeout)
            reloaded, _ = wait_for(r"Reloading browsers", wrote, timeout)
            seconds = re.search(r"built in ([\d.]+) seconds", built)
            result.detected.append(detected - wrote)
            result.rebuilds.append(reloaded - wrote)
            result.reported.append(float(seconds.group(1)) if seconds else float("nan"))
        return result
    finally:
        # Stop the server before restoring the file: a rebuild running during shutdown would
        # write into the temporary site folder after MkDocs has removed it.
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
        target.write_text(original, encoding="utf-8")


_PLAIN_TITLE = re.compile(r"^(    title: [A-Za-z0-9][^\n]*)$", re.MULTILINE)


def _edit_target(project: Path) -> Path:
    """A data file of events, like the ones editors change most, with a title we can change."""
    for path in sorted((project / "data" / "events").glob("*.yaml")):
        if _PLAIN_TITLE.search(path.read_text(encoding="utf-8")):
            return path
    raise SystemExit("no event file with a plain title to edit")


def _edited(text: str, number: int) -> str:
    """The file with its first unquoted event title changed (still valid YAML and data)."""
    return _PLAIN_TITLE.sub(lambda m: f"{m.group(1)} (edit {number})", text, count=1)


# --- one size -------------------------------------------------------------------------------

@dataclass
class SizeResult:
    n: int
    counts: dict[str, int]
    data_files: int
    generated_pages: int
    phases: dict[str, float]
    cold: list[Build]
    """Engine builds without the build cache (first build, or any input changed)."""
    engine: list[Build]
    """Engine builds with the cache the cold build before left (unchanged input)."""
    floor: list[Build]
    pages: Pages
    floor_pages: Pages

    def _to_floor(self, builds: list[Build], measure: str) -> list[float]:
        """engine / floor per round, for wall or CPU time."""
        return [getattr(b, measure) / getattr(f, measure) for b, f in zip(builds, self.floor)]

    @property
    def ratios(self) -> list[float]:
        return self._to_floor(self.engine, "wall")

    @property
    def cpu_ratios(self) -> list[float]:
        return self._to_floor(self.engine, "cpu")

    @property
    def cold_ratios(self) -> list[float]:
        return self._to_floor(self.cold, "wall")

    @property
    def cold_cpu_ratios(self) -> list[float]:
        return self._to_floor(self.cold, "cpu")

    @property
    def engine_wall(self) -> float:
        return statistics.median(b.wall for b in self.engine)

    @property
    def cold_wall(self) -> float:
        return statistics.median(b.wall for b in self.cold)

    @property
    def floor_wall(self) -> float:
        return statistics.median(b.wall for b in self.floor)

    @property
    def engine_own(self) -> float:
        return sum(self.phases[p] for p in ("load", "validate", "assemble", "link", "render"))

    @property
    def check_time(self) -> float:
        """What must finish before MkDocs may clean site/ and learn which pages exist (backlinks
        are part of linking but only rendering needs them)."""
        return sum(self.phases[p] for p in ("load", "validate", "assemble", "link")) \
            - self.phases["backlinks"]

    def hook(self, builds: list[Build]) -> float:
        """Median time of the hook's on_config in these builds (from its log line)."""
        return statistics.median(b.hook or 0.0 for b in builds)


def median_gap(builds: list[Build], others: list[Build]) -> float:
    """How much longer `builds` took than `others`, round by round (wall time), as a median."""
    return statistics.median(b.wall - o.wall for b, o in zip(builds, others))


def pairs_for(n: int, args: argparse.Namespace) -> int:
    return args.pairs or 5


def site_folder(work: Path) -> Path:
    """Where builds write their sites: a RAM disk when the machine has one. On this machine,
    writing 30–270 MB per build to disk made identical builds differ by up to a second of
    system time (the previous build's writes still being flushed), noise larger than what is
    measured; in RAM, the times are those of the build's own work."""
    ram = Path("/dev/shm")
    if ram.is_dir() and os.access(ram, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="factbook-benchmark-sites-", dir=ram))
    return work / "sites"


def measure_size(n: int, work: Path, core: Path, args: argparse.Namespace,
                 warm_up: bool) -> SizeResult:
    folder = work / f"n{n}"
    project, floor = folder / "project", folder / "floor"
    log(f"N={n:,}: generating the project and the floor")
    summary = generate(n, project, args.seed, hooks=core)
    generated = write_floor(project, floor, hooks=core)
    log(f"N={n:,}: engine phases ({args.phase_runs} runs)")
    phases = engine_phases(project, args.phase_runs)
    if warm_up:
        log(f"N={n:,}: warm-up builds (not counted)")
        run_build(project, args.sites / f"n{n}-engine")
        run_build(floor, args.sites / f"n{n}-floor")
    cold, engine, floor_builds = [], [], []
    pairs = pairs_for(n, args)
    for pair in range(1, pairs + 1):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold.append(expect_cache(run_build(project, args.sites / f"n{n}-engine"), False, "cold"))
        floor_builds.append(run_build(floor, args.sites / f"n{n}-floor"))
        engine.append(expect_cache(run_build(project, args.sites / f"n{n}-engine"), True, "warm"))
        log(f"N={n:,}: round {pair}/{pairs}: engine cold {cold[-1].wall:.2f} s, "
            f"floor {floor_builds[-1].wall:.2f} s, engine warm {engine[-1].wall:.2f} s; ratios "
            f"{cold[-1].wall / floor_builds[-1].wall:.3f} cold, "
            f"{engine[-1].wall / floor_builds[-1].wall:.3f} warm")
    result = SizeResult(n, summary.counts, summary.data_files, len(generated.pages), phases,
                        cold, engine, floor_builds, page_sizes(args.sites / f"n{n}-engine", generated),
                        page_sizes(args.sites / f"n{n}-floor", generated))
    return result


# --- reporting ------------------------------------------------------------------------------

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.1f} s"


def listed(values: list[float]) -> str:
    return ", ".join(f"{x:.3f}" for x in values)


def size_table(r: SizeResult) -> str:
    e_rss = max(b.max_rss for b in r.cold)
    w_rss = max(b.max_rss for b in r.engine)
    f_rss = max(b.max_rss for b in r.floor)
    median = statistics.median
    own = r.engine_own
    rows = [
        ("Records", f"{r.n:,}: " + ", ".join(f"{r.counts[k]:,} {k}" for k in KIND_WEIGHTS)),
        ("Data files; generated pages", f"{r.data_files:,}; {r.generated_pages:,} "
                                        "(+ 4 hand-written)"),
        ("`mkdocs build` wall time, engine cold", f"{seconds(r.cold_wall)} (median of "
                                                  f"{len(r.cold)}; MkDocs reports "
                                                  f"{seconds(median(b.reported or 0 for b in r.cold))})"),
        ("`mkdocs build` wall time, engine warm", f"{seconds(r.engine_wall)} (median of "
                                                  f"{len(r.engine)}; MkDocs reports "
                                                  f"{seconds(median(b.reported or 0 for b in r.engine))})"),
        ("`mkdocs build` wall time, floor", f"{seconds(r.floor_wall)} (median of {len(r.floor)}; "
                                            f"MkDocs reports "
                                            f"{seconds(median(b.reported or 0 for b in r.floor))})"),
        ("**engine / floor, cold**, wall", f"**{median(r.cold_ratios):.3f}** (rounds: "
                                           f"{listed(r.cold_ratios)})"),
        ("**engine / floor, warm**, wall", f"**{median(r.ratios):.3f}** (rounds: "
                                           f"{listed(r.ratios)})"),
        ("What the engine adds, wall", f"cold {seconds(median_gap(r.cold, r.floor))}, "
                                       f"warm {seconds(median_gap(r.engine, r.floor))} "
                                       "(medians of the rounds' differences)"),
        ("engine / floor, CPU time", f"cold {median(r.cold_cpu_ratios):.3f} "
                                     f"({listed(r.cold_cpu_ratios)}); warm "
                                     f"{median(r.cpu_ratios):.3f} ({listed(r.cpu_ratios)})"),
        ("Build time per generated page (cold)", f"{1000 * r.cold_wall / r.generated_pages:.1f} ms"),
        ("Peak memory (max RSS)", f"engine cold {mb(e_rss)}, warm {mb(w_rss)}, floor {mb(f_rss)}"),
        ("Engine's own time, cold", f"{seconds(own)} = {1000 * own / r.n:.2f} ms per record "
                                    f"(`factbook.build()` as a whole: {seconds(r.phases['build'])})"),
        ("Engine's own time, warm", f"{1000 * r.phases['cached']:.0f} ms (`factbook.publish()` "
                                    "reading its cache)"),
        ("The hook's on_config inside the builds (its log line)",
         f"cold {seconds(r.hook(r.cold))}, warm {seconds(r.hook(r.engine))} (medians)"),
        ("… cold: `factbook.publish()` outside MkDocs",
         f"{seconds(r.phases['publish'])} = build {seconds(r.phases['publish_build'])} + "
         f"deriving JSON-LD, facts.json and the rest of the output "
         f"{seconds(r.phases['derive'])} + storing it {seconds(r.phases['store'])} + hashing "
         f"the inputs {seconds(r.phases['hash'])}"),
        ("… load · validate · assemble", " · ".join(seconds(r.phases[p])
                                                      for p in ("load", "validate", "assemble"))),
        ("… link · render", " · ".join(seconds(r.phases[p]) for p in ("link", "render"))),
        ("Median record page (HTML)", f"{kb(r.pages.median_record)} (floor "
                                      f"{kb(r.floor_pages.median_record)})"),
        ("Largest record page", f"{kb(r.pages.largest_record[0])} ({r.pages.largest_record[1]})"),
        ("Largest listing page", f"{kb(r.pages.largest_listing[0])} "
                                 f"({r.pages.largest_listing[1] or 'home'})"),
        ("Listing pages", f"{len(r.pages.listings):,}; largest: " + ", ".join(
            f"{url} {kb(size)}" for size, url in r.pages.listings[:4])),
        ("Search index; whole site", f"{mb(r.pages.search_index)}; {mb(r.pages.site_total)}"),
    ]
    lines = [f"### N = {r.n:,}", "", "| Measure | Value |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def summary_table(results: list[SizeResult]) -> str:
    header = "| | " + " | ".join(f"N = {r.n:,}" for r in results) + " |"
    lines = [header, "| --- |" + " --- |" * len(results)]

    def row(name: str, cell) -> None:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in results) + " |")

    row("Generated pages", lambda r: f"{r.generated_pages:,}")
    row("Build wall time, engine cold", lambda r: seconds(r.cold_wall))
    row("Build wall time, engine warm", lambda r: seconds(r.engine_wall))
    row("Build wall time, floor", lambda r: seconds(r.floor_wall))
    row("Engine / floor, cold (wall, median of rounds)",
        lambda r: f"{statistics.median(r.cold_ratios):.3f}")
    row("Engine / floor, warm (wall, median of rounds)",
        lambda r: f"{statistics.median(r.ratios):.3f}")
    row("Engine / floor, cold · warm (CPU)",
        lambda r: f"{statistics.median(r.cold_cpu_ratios):.3f} · "
                  f"{statistics.median(r.cpu_ratios):.3f}")
    row("Build time per generated page (cold)",
        lambda r: f"{1000 * r.cold_wall / r.generated_pages:.1f} ms")
    row("Peak memory, engine build (cold)", lambda r: mb(max(b.max_rss for b in r.cold)))
    row("Peak memory, floor build", lambda r: mb(max(b.max_rss for b in r.floor)))
    for phase in ("load", "validate", "assemble", "link", "render"):
        row(f"Engine: {phase}", lambda r, p=phase: seconds(r.phases[p]))
    row("Engine: total", lambda r: seconds(r.engine_own))
    row("Engine: per record", lambda r: f"{1000 * r.engine_own / r.n:.2f} ms")
    row("Engine: from the cache (warm)", lambda r: f"{1000 * r.phases['cached']:.0f} ms")
    row("Median record page", lambda r: kb(r.pages.median_record))
    row("Largest record page", lambda r: kb(r.pages.largest_record[0]))
    row("Largest listing page", lambda r: f"{kb(r.pages.largest_listing[0])} "
                                          f"({r.pages.largest_listing[1]})")
    return "\n".join(lines)


@dataclass
class Target:
    name: str
    verdict: str
    detail: str


def check_targets(results: list[SizeResult], serve: Serve | None) -> list[Target]:
    by_n = {r.n: r for r in results}
    targets = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    missing = "not measured"
    for n in (1000, 10000):
        r = by_n.get(n)
        for state, ratios, cpu in (("warm: unchanged data, from the build cache", "ratios",
                                    "cpu_ratios"),
                                   ("cold: first build, or any data changed", "cold_ratios",
                                    "cold_cpu_ratios")):
            name = f"engine / floor ≤ 1.05 at N = {n:,} ({state})"
            if r is None:
                targets.append(Target(name, missing, ""))
                continue
            ratio = statistics.median(getattr(r, ratios))
            targets.append(Target(name, verdict(ratio <= 1.05),
                                  f"{ratio:.3f} wall (CPU {statistics.median(getattr(r, cpu)):.3f})"))
    small, large = by_n.get(1000), by_n.get(10000)
    name = "linear: build(10,000) ≤ 11 × build(1,000), cold"
    if small and large:
        factor = large.cold_wall / small.cold_wall
        targets.append(Target(name, verdict(factor <= 11), f"{factor:.2f} × "
                              f"({seconds(large.cold_wall)} / {seconds(small.cold_wall)})"))
    else:
        targets.append(Target(name, missing, ""))
    name = "≤ 12 ms of build time per generated page at N = 10,000, cold"
    if large:
        per_page = 1000 * large.cold_wall / large.generated_pages
        targets.append(Target(name, verdict(per_page <= 12), f"{per_page:.1f} ms"))
    else:
        targets.append(Target(name, missing, ""))
    tiny = by_n.get(100)
    name = "median record page at 10,000 within 10 % of the one at 100"
    if tiny and large:
        change = large.pages.median_record / tiny.pages.median_record - 1
        targets.append(Target(name, verdict(abs(change) <= 0.10),
                              f"{kb(large.pages.median_record)} vs {kb(tiny.pages.median_record)} "
                              f"({change:+.1%})"))
    else:
        targets.append(Target(name, missing, ""))
    worst = max(results, key=lambda r: r.pages.largest_listing[0])
    size, url = worst.pages.largest_listing
    over = [f"{u} {kb(s)}" for s, u in worst.pages.listings if s > MB]
    targets.append(Target("no listing page over 1 MB of HTML", verdict(size <= MB),
                          f"at N = {worst.n:,}: " + (", ".join(over) if over else
                                                     f"largest {url} {kb(size)}")))
    name = "engine's own time ≤ 1 ms per record at N = 10,000"
    if large:
        per = 1000 * large.engine_own / large.n
        targets.append(Target(name, verdict(per <= 1), f"{per:.2f} ms ({seconds(large.engine_own)})"))
    else:
        targets.append(Target(name, missing, ""))
    peak = max(results, key=lambda r: r.n)
    targets.append(Target("peak memory reported", "met",
                          f"{mb(max(b.max_rss for b in peak.cold))} at N = {peak.n:,}"))
    if serve is not None:
        targets.append(Target("`mkdocs serve` rebuild after one YAML change measured", "met",
                              f"{seconds(statistics.median(serve.rebuilds))} (median)"))
    return targets


def explanation(results: list[SizeResult]) -> str:
    """What separates cold, warm and floor, from this run's own figures."""
    paragraphs = []
    for r in results:
        cold_extra = median_gap(r.cold, r.engine)
        warm_extra = median_gap(r.engine, r.floor)
        in_hook = r.hook(r.cold) - r.hook(r.engine)
        later = cold_extra - in_hook
        phases = ", ".join(f"{p} {seconds(r.phases[p])}" for p in
                           ("load", "validate", "assemble", "link", "render"))
        if later >= 0.1 * cold_extra:
            rest = (f"The other {seconds(later)} arise after on_config, in MkDocs' page work, "
                    "which is the same work in both builds (the core's output is equal) but "
                    "runs in a process that has just built and released the core's data "
                    f"(peak memory {mb(max(b.max_rss for b in r.cold))} against "
                    f"{mb(max(b.max_rss for b in r.engine))} warm).")
        else:
            rest = f"The rest, {seconds(later)}, is within the differences between rounds."
        paragraphs.append(
            f"- N = {r.n:,}: a cold build takes {seconds(cold_extra)} more than a warm one. "
            "The hook's on_config, where the core runs before MkDocs sees any page, takes "
            f"{seconds(r.hook(r.cold))} in a cold build and {seconds(r.hook(r.engine))} in a "
            "warm one (medians, from the hook's log line). Timed outside "
            f"MkDocs, a cold `factbook.publish()` takes {seconds(r.phases['publish'])}: the "
            f"core's build {seconds(r.phases['publish_build'])} ({phases}, timed one by one), "
            f"deriving JSON-LD, facts.json and the rest of the output "
            f"{seconds(r.phases['derive'])}, storing it in the cache "
            f"{seconds(r.phases['store'])}, hashing the inputs {seconds(r.phases['hash'])}. "
            f"{rest} {warm_versus_floor(warm_extra)}")
    return "\n".join(paragraphs) + "\n\n" + critical_path(results)


def warm_versus_floor(extra: float) -> str:
    if extra < 0.005:
        return (f"A warm build takes no longer than the floor here ({seconds(extra)}, within "
                "the differences between rounds).")
    return (f"A warm build still takes {seconds(extra)} more than the floor: the hook's work on "
            "every page inside MkDocs (glossary marking of each page's text, JSON-LD and meta "
            "tags) and the larger pages it makes (tooltips) to index for search and write.")


def critical_path(results: list[SizeResult]) -> str:
    """Why a cold build cannot get within 5 % of the floor by moving work elsewhere."""
    bounds = []
    for r in results:
        if r.n < 1000:
            continue
        floor = r.floor_wall
        # What a warm build adds over the floor; below zero it is noise, and counts as nothing.
        warm_extra = max(0.0, median_gap(r.engine, r.floor))
        least = r.check_time + warm_extra
        bounds.append((r, floor, warm_extra, least))
    if not bounds:
        return ""
    figures = "; ".join(
        f"at N = {r.n:,}, checking {seconds(r.check_time)} + per-page work {seconds(extra)} = "
        f"{seconds(least)} against an allowance of {seconds(0.05 * floor)} (5 % of the floor's "
        f"{seconds(floor)}), so engine / floor ≥ {1 + least / floor:.3f}"
        for r, floor, extra, least in bounds)
    above = [r for r, floor, _, least in bounds if least > 0.05 * floor]
    # The slowest check step at the largest size the bound rules out (not merely the largest).
    largest = above[-1] if above else bounds[-1][0]
    heaviest = max(("load", "validate", "assemble", "link"), key=lambda p: largest.phases[p])
    verdict = (
        "so a cold build cannot reach 1.05 at " + " or ".join(f"N = {r.n:,}" for r in above) +
        " by running anything beside MkDocs; the check itself would have to get faster (its "
        f"largest part at N = {largest.n:,} is {heaviest}, "
        f"{seconds(largest.phases[heaviest])})." if above else
        "so 1.05 is within reach only if everything after the check runs beside MkDocs.")
    return (
        "What a cold build cannot avoid: MkDocs cannot start on any page before it knows which "
        "pages exist, and the data must be checked before MkDocs cleans `site/` (so that a "
        "failed build leaves the previous site untouched). Loading, validating, assembling and "
        "checking references (the check: linking without the backlinks, which only rendering "
        "needs) therefore come before all of MkDocs' page work, whatever could run beside it. Even if rendering, deriving and storing moved to the machine's second core "
        "and cost nothing, a cold build would still take that check plus the per-page work a "
        "warm build does: " + figures + "; " + verdict)


def targets_table(targets: list[Target]) -> str:
    lines = ["| Target | Result | Measured |", "| --- | --- | --- |"]
    lines += [f"| {t.name} | {t.verdict} | {t.detail} |" for t in targets]
    return "\n".join(lines)


def serve_table(serve: Serve, n: int) -> str:
    median = statistics.median
    return "\n".join([
        f"`mkdocs serve` at N = {n:,}, changing one title in `{serve.edited}` "
        f"{len(serve.rebuilds)} times:", "",
        "| Measure | Value |", "| --- | --- |",
        f"| Start of `mkdocs serve` to \"Serving on\" (first build) | {seconds(serve.initial)} |",
        f"| Write to \"Reloading browsers\" (median) | **{seconds(median(serve.rebuilds))}** "
        f"(each: {', '.join(seconds(x) for x in serve.rebuilds)}) |",
        f"| … of which the file watcher (write to \"Detected file changes\") | "
        f"{seconds(median(serve.detected))} |",
        f"| … of which the build (MkDocs' own figure) | {seconds(median(serve.reported))} |",
    ])


def snapshot_core(work: Path) -> Path:
    """A copy of hooks/ for the whole run: every size, the floor, the phases and `mkdocs serve`
    measure the same core even if hooks/ changes meanwhile."""
    core = work / "core" / "hooks"
    if core.exists():
        shutil.rmtree(core)
    shutil.copytree(REPO / "hooks", core, ignore=shutil.ignore_patterns("__pycache__"))
    os.environ["FACTBOOK_HOOKS"] = str(core)  # for phases.py
    return core


def core_version() -> str:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                                  timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "hooks")
    return f"hooks/ at commit {commit}" + (" with uncommitted changes" if dirty else "")


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "markdown", "pyyaml", "jinja2", "jsonschema"))
    return (f"{os.cpu_count()} cores ({cpu or 'unknown CPU'}), {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; {versions}")


def reproducible(argv: list[str]) -> list[str]:
    """The arguments that decide the results (not where files go or what else is printed)."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--profile", "--keep"):
            continue
        elif arg == "--workdir":
            skip = True
        elif not arg.startswith("--workdir="):
            kept.append(arg)
    return kept


def report(args: argparse.Namespace, results: list[SizeResult], serve: Serve | None,
           targets: list[Target], argv: list[str], version: str) -> str:
    command = ".venv/bin/python tests/benchmark/run.py " + " ".join(
        shlex.quote(a) for a in reproducible(argv))
    parts = [
        "## Summary", "", summary_table(results), "",
        "## Targets", "", targets_table(targets), "",
        "## Where the time goes", "", explanation(results), "",
    ]
    if serve is not None:
        parts += ["## Rebuild under `mkdocs serve`", "", serve_table(serve, args.serve_size), ""]
    parts += ["## Each size", ""]
    for r in results:
        parts += [size_table(r), ""]
    parts += [
        "## How it was measured", "",
        f"- Command: `{command.strip()}`",
        f"- Machine: {machine()}",
        f"- Core measured: {version}",
        f"- Run: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; seed {args.seed}; "
        "rounds (engine cold, floor, engine warm) per size: " + ", ".join(f"{pairs_for(r.n, args)} at N = {r.n:,}"
                                                    for r in results)
        + f"; {args.phase_runs} runs of the engine phases (fastest kept).",
        "",
    ]
    return "\n".join(parts)


PAGE_INTRO = """\
# Benchmark

How the cost of building this site grows with the amount of data. The numbers come from
synthetic projects with 100, 1,000 and 10,000 records in the same proportions as the real
data (sources, organizations, people, topics, events, glossary terms), with references and
glossary terms in their prose.

- **Engine**: `mkdocs build --strict` of a synthetic project, with the factbook hook. **Cold**:
  without the build cache (`.cache/factbook/`): a first build, a fresh clone, or any build after
  a data file or page changed. **Warm**: the same project built again with nothing changed, so
  the core's output is read from the cache; the glossary marking, JSON-LD and the rest of the
  hook's per-page work still run.
- **Floor**: the same generated Markdown written out as ordinary pages and built by plain MkDocs
  with the same theme, extensions and navigation, no hook. Engine / floor is what the engine
  adds; builds run in rounds (engine cold, floor, engine warm) and the ratios are taken within
  each round.
- **Engine's own time**: the core's phases (load, validate, assemble, link, render) timed
  outside MkDocs; glossary marking happens inside MkDocs' Markdown conversion and is included in
  engine / floor only. **The hook's on_config**: the time the hook's log line reports for the
  core inside each build (`factbook: … pages built in …` or `… read from the build cache in …`).
- Every build writes its site to a RAM disk (`/dev/shm`) when the machine has one: written to
  disk, identical builds differed by up to a second of system time while the previous build's
  output was still being flushed, more than the differences being measured.

This page is written by `tests/benchmark/run.py --write-page`; do not edit it by hand. To
reproduce it, run the command below from the repository root (about 30 minutes on 2 cores).

"""


# --- profile --------------------------------------------------------------------------------

def profile(work: Path, sites: Path, n: int) -> str:
    project, floor = work / f"n{n}" / "project", work / f"n{n}" / "floor"
    log(f"N={n:,}: profiling one cold engine build and one floor build")
    engine_prof, floor_prof = work / "engine.prof", work / "floor.prof"
    shutil.rmtree(project / ".cache", ignore_errors=True)
    run_build(project, sites / "profile-engine", profile=engine_prof)
    run_build(floor, sites / "profile-floor", profile=floor_prof)
    engine = pstats.Stats(str(engine_prof)).stats  # type: ignore[attr-defined]
    plain = pstats.Stats(str(floor_prof)).stats  # type: ignore[attr-defined]

    def name(key: tuple[str, int, str]) -> str:
        path = key[0].split("site-packages/")[-1].replace(str(REPO) + "/", "")
        return f"{path}:{key[1]}({key[2]})"

    rows = []
    for key, (_, calls, tottime, cumtime, _) in engine.items():
        other = plain.get(key, (0, 0, 0.0, 0.0, {}))
        rows.append((cumtime - other[3], tottime - other[2], calls, other[1], name(key)))
    rows.sort(reverse=True)
    engine_total = max(v[3] for v in engine.values())
    floor_total = max(v[3] for v in plain.values())
    lines = [f"Profile at N = {n:,} (cProfile; times inflated by profiling): cold engine build "
             f"{engine_total:.1f} s, floor build {floor_total:.1f} s.",
             "Functions by extra cumulative time in the engine's build (engine − floor):", "",
             "  Δcum s  Δtot s   calls(engine)  calls(floor)  function"]
    lines += [f"{d_cum:8.2f}{d_tot:8.2f}{calls:16,}{floor_calls:14,}  {fn}"
              for d_cum, d_tot, calls, floor_calls, fn in rows[:40]]
    own = sorted(((v[2], v[3], v[1], name(k)) for k, v in engine.items()
                  if "hooks/" in k[0]), reverse=True)[:25]
    lines += ["", "The engine's own functions by own time (tottime):", "",
              "   tot s   cum s         calls  function"]
    lines += [f"{tot:8.2f}{cum:8.2f}{calls:14,}  {fn}" for tot, cum, calls, fn in own]
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000",
                        help="comma-separated numbers of records (default: 100,1000,10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", type=int,
                        help="rounds of builds (engine cold, floor, engine warm) per size "
                             "(default: 5)")
    parser.add_argument("--phase-runs", type=int, default=3,
                        help="runs of the engine phases per size (default 3)")
    parser.add_argument("--serve-size", type=int, default=1000,
                        help="N for the `mkdocs serve` rebuild (0 to skip; default 1000)")
    parser.add_argument("--serve-edits", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="also profile an engine and a floor build at the largest N")
    parser.add_argument("--write-page", action="store_true",
                        help=f"write the results to {PAGE.relative_to(REPO)}")
    parser.add_argument("--workdir", type=Path,
                        help="where to generate projects (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    work = args.workdir or Path(tempfile.mkdtemp(prefix="factbook-benchmark-"))
    work.mkdir(parents=True, exist_ok=True)
    if REPO in work.resolve().parents or work.resolve() == REPO:
        raise SystemExit("--workdir must be outside the repository")
    args.sites = site_folder(work)
    log(f"working in {work}; sites are written to {args.sites}")
    try:
        version = core_version()
        core = snapshot_core(work)
        log(f"measuring the core as of now: {version} (copied to {core})")
        results = []
        for index, n in enumerate(sizes):
            result = measure_size(n, work, core, args, warm_up=index == 0)
            results.append(result)
            print(size_table(result) + "\n", flush=True)
        serve = None
        if args.serve_size:
            project = work / f"n{args.serve_size}" / "project"
            if not project.exists():
                generate(args.serve_size, project, args.seed, hooks=core)
            log(f"N={args.serve_size:,}: mkdocs serve, {args.serve_edits} edits")
            serve = serve_rebuild(project, args.serve_edits)
            print(serve_table(serve, args.serve_size) + "\n", flush=True)
        targets = check_targets(results, serve)
        text = report(args, results, serve, targets, argv, version)
        if args.profile:
            text += ("\n## Profile\n\nFrom `--profile`: where a cold engine build spends more "
                     "than the floor's build.\n\n```text\n" + profile(work, args.sites, max(sizes)) + "\n```\n")
        print(text, flush=True)
        if args.write_page:
            PAGE.write_text(PAGE_INTRO + text, encoding="utf-8")
            log(f"wrote {PAGE}")
    finally:
        if args.keep:
            log(f"kept {work} and {args.sites}")
        elif args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(args.sites, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
