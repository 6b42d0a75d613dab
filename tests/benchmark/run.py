"""The factbook benchmark: how building the site scales with the amount of data.

Run it from the repository root with the project's virtualenv:

    .venv/bin/python tests/benchmark/run.py                      # N = 100, 1,000, 10,000
    .venv/bin/python tests/benchmark/run.py --sizes 100,1000     # quicker
    .venv/bin/python tests/benchmark/run.py --write-page         # also write docs/benchmark.md
    .venv/bin/python tests/benchmark/run.py --baseline main      # A/B against another revision
    .venv/bin/python tests/benchmark/run.py --from-json FILE --write-page   # render only

The full run, with `--baseline` and 3 rounds, took 32 minutes on 2 cores (1 December 2026,
with `mkdocs serve` at 1,000 only and 3 edits), most of it the N = 10,000 builds: each round
there is an engine, a baseline and a floor build cold and warm (about 70–80 s each) and a cold
build of all three editions (about 165 s). Measurements go to a JSON file (`--json`; with
`--write-page` tests/benchmark/results.json, the page's source, else a file in the system's
temporary folder); the page is rendered from it by templates/benchmark.md.j2. Nothing else is
written into the repository; generated projects live in a temporary folder that is removed at
the end (`--keep` keeps it).

What it does, for each N (measure.py): generate a synthetic project and the floor, the same
Markdown as plain MkDocs pages (generate.py); time the engine's own figures (phases.py); build
in rounds — engine cold, [baseline cold,] floor, engine warm[, baseline warm], three editions
cold — and measure the HTML (builds.py). Every build makes the English edition only
(`FACTBOOK_EDITIONS=en`), so that the engine, the floor and a baseline compare like for like,
except the last of each round: a cold build of all three editions (English, Korean, Japanese),
as `mkdocs build` makes them by default, compared with the English alone. Then, at each of
`--serve-sizes` (default 1,000 and 10,000), start `mkdocs serve` (serve.py, English only), change
one title in a YAML file `--serve-edits` times (default 100), and time each quick rebuild, from
the write to "Reloading browsers", and the server's memory after it; check the targets
(targets.py); with `--profile`, profile a cold engine build and a floor build at the largest N
(profiling.py). Each edit costs its rebuild, the file watcher's delay and 1.5 s of quiet before
it (serve.py): 100 edits of 2–4 s each add some 4–7 minutes per serve size (an estimate, not yet
measured at 10,000).

`--baseline REV` checks REV out in a temporary git worktree (baseline.py) and builds the same
projects with its hooks/ in the same rounds, so the page shows current / baseline per size.
"""

from __future__ import annotations

import argparse
import datetime
import shlex
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import report  # noqa: E402
import results as results_file  # noqa: E402
from baseline import checked_out  # noqa: E402
from builds import site_folder  # noqa: E402
from generate import REPO, generate  # noqa: E402
from measure import Plan, core_version, log, machine, measure_size, snapshot_core  # noqa: E402
from profiling import profile  # noqa: E402
from results import Meta, Results, SizeResult  # noqa: E402
from serve import serve_rebuild  # noqa: E402

PAGE = REPO / "docs" / "benchmark.md"
PAGE_JSON = HERE / "results.json"
"""Where --write-page keeps the measurements the page is rendered from."""
DEFAULT_ROUNDS = 5
NOT_REPRODUCING = {"--profile": 0, "--keep": 0, "--workdir": 1, "--json": 1}
"""Options that change where files go or what else is printed, not the figures (and how many
values follow them)."""


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default="100,1000,10000",
        help="comma-separated numbers of records (default: 100,1000,10000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pairs",
        "--rounds",
        dest="rounds",
        type=int,
        default=DEFAULT_ROUNDS,
        help="rounds of builds (engine cold, floor, engine warm, three editions cold) per size "
        f"(default: {DEFAULT_ROUNDS})",
    )
    parser.add_argument(
        "--phase-runs",
        type=int,
        default=3,
        help="runs of the engine's figures per size, fastest kept (default 3)",
    )
    parser.add_argument(
        "--serve-sizes",
        default="1000,10000",
        help="comma-separated numbers of records to time `mkdocs serve` rebuilds at "
        '("0" or "" to skip; default 1000,10000)',
    )
    parser.add_argument(
        "--serve-edits",
        type=int,
        default=100,
        help="edits (one title changed) per `mkdocs serve` (default 100; the memory target "
        "needs 100)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile an engine and a floor build at the largest N",
    )
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also build with the engine of git revision REV (a temporary "
        "worktree), in the same rounds, and compare",
    )
    parser.add_argument(
        "--write-page",
        action="store_true",
        help=f"write the results to {PAGE.relative_to(REPO)} (and their JSON "
        f"to {PAGE_JSON.relative_to(REPO)})",
    )
    parser.add_argument(
        "--json", type=Path, help="where to write the measurements (default: see above)"
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="FILE",
        help="measure nothing: render the page from FILE (with --write-page, write it)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where to generate projects (default: a new temporary folder)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    return parser.parse_args(argv)


def numbers(text: str) -> list[int]:
    """The numbers of a comma-separated list: "100,1000,10_000" gives [100, 1000, 10000]."""
    return [int(s.strip().replace("_", "")) for s in text.split(",") if s.strip()]


def reproducible(argv: list[str]) -> list[str]:
    """The arguments that decide the results (not where files go or what else is printed)."""
    kept, skip = [], 0
    for arg in argv:
        name = arg.split("=", 1)[0]
        if skip:
            skip -= 1
        elif name in NOT_REPRODUCING:
            skip = NOT_REPRODUCING[name] if "=" not in arg else 0
        else:
            kept.append(arg)
    return kept


def pinned(argv: list[str], commit: str) -> list[str]:
    """`argv` with the value of --baseline replaced by the commit it resolved to."""
    out = list(argv)
    for i, arg in enumerate(out):
        if arg == "--baseline" and i + 1 < len(out):
            out[i + 1] = commit
        elif arg.startswith("--baseline="):
            out[i] = f"--baseline={commit}"
    return out


def measure_all(
    args: argparse.Namespace, argv: list[str], work: Path, sites: Path, stack: ExitStack
) -> Results:
    sizes = numbers(args.sizes)
    serve_sizes = sorted({n for n in numbers(args.serve_sizes) if n > 0})
    if serve_sizes and args.serve_edits < 1:
        raise SystemExit("--serve-edits must be at least 1 (or skip serve: --serve-sizes 0)")
    version = core_version()
    core = snapshot_core(work)
    log(f"measuring the core as of now: {version} (copied to {core})")
    other = stack.enter_context(checked_out(REPO, args.baseline)) if args.baseline else None
    if other is not None:
        log(f"baseline: {other.label} (worktree {other.hooks.parent})")
    plan = Plan(
        args.seed, args.rounds, args.phase_runs, sites, core, other.hooks if other else None
    )
    measured: list[SizeResult] = []
    for index, n in enumerate(sizes):
        measured.append(measure_size(n, work, plan, warm_up=index == 0))
        print(report.size_table(measured[-1]) + "\n", flush=True)
    serve = []
    for n in serve_sizes:
        project = work / f"n{n}" / "project"
        if not project.exists():
            generate(n, project, args.seed, hooks=core)
        log(f"N={n:,}: mkdocs serve, {args.serve_edits} edits")
        serve.append(serve_rebuild(project, n, args.serve_edits))
        print(report.serve_table(serve[-1:]) + "\n", flush=True)
    profiled = None
    if args.profile:
        n = max(sizes)
        log(f"N={n:,}: profiling one cold engine build and one floor build")
        profiled = profile(
            work / f"n{n}" / "project",
            work / f"n{n}" / "floor",
            sites,
            work,
            n,
            (core.parent, REPO),
        )
    kept = reproducible(argv)
    command = ".venv/bin/python tests/benchmark/run.py " + " ".join(
        shlex.quote(a) for a in (pinned(kept, other.commit) if other else kept)
    )
    meta = Meta(
        command.strip(),
        machine(),
        version,
        datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        args.seed,
        {n: args.rounds for n in sizes},
        args.phase_runs,
        other.label if other else None,
    )
    return Results(meta, tuple(measured), tuple(serve), profiled)


def publish(results: Results, args: argparse.Namespace, measured: bool) -> None:
    """Print the report; write the JSON (after measuring) and, if asked, the page."""
    if measured:
        default = (
            PAGE_JSON
            if args.write_page
            else Path(tempfile.gettempdir()) / "factbook-benchmark-results.json"
        )
        path = args.json or default
        path.write_text(results_file.to_json(results, report.derived(results)), encoding="utf-8")
        log(f"wrote the measurements to {path}")
    print(report.page(results, intro=False), flush=True)
    if args.write_page:
        PAGE.write_text(report.page(results), encoding="utf-8")
        log(f"wrote {PAGE}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    if args.from_json:
        publish(results_file.read(args.from_json), args, measured=False)
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="factbook-benchmark-"))
    work.mkdir(parents=True, exist_ok=True)
    if REPO in work.resolve().parents or work.resolve() == REPO:
        raise SystemExit("--workdir must be outside the repository")
    sites = site_folder(work)
    log(f"working in {work}; sites are written to {sites}")
    try:
        with ExitStack() as stack:  # the baseline's worktree, if any, is removed on leaving
            results = measure_all(args, argv, work, sites, stack)
        publish(results, args, measured=True)
    finally:
        if args.keep:
            log(f"kept {work} and {sites}")
        else:
            if args.workdir is None:
                shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(sites, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
