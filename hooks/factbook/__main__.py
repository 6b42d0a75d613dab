"""Command line: `python -m factbook check` (what the pre-commit hook runs; it also prints how
much of each edition is translated), `python -m factbook translations ko` (what a translator
fills in), `python -m factbook emit OUT` (every page as plain Markdown, for engines that run no
MkDocs hooks) and `python -m factbook schema` (rewrite the JSON Schema file editors' tooling
reads).

Run from the project folder with `hooks/` on the path: `PYTHONPATH=hooks python -m factbook check`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import time
from pathlib import Path

from . import Checked, Model, Output, Project, build, check, dates, resolve, translations
from .dates import PartialDate
from .schema import SCHEMA_PATH, schema_text
from .wording import TRANSLATED_LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factbook", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    parser.add_argument("--data", default="data", help="data folder, relative to the root")
    parser.add_argument("--docs", default="docs", help="hand-written pages, relative to the root")
    parser.add_argument(
        "--kinds",
        type=Path,
        action="append",
        default=[],
        metavar="FILE.py",
        help="a file that declares kinds of record with register() (the hook "
        "file mkdocs.yml lists after the factbook hook); may be repeated",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="validate data/ and docs/; print every problem")
    checking.add_argument(
        "--stale",
        metavar="PERIOD",
        help="also list the records not reviewed "
        "within PERIOD (12m, 1y, 90d) before today: a report, never a failure",
    )
    checking.add_argument(
        "--today",
        type=PartialDate.parse,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day --stale counts back from (default: SOURCE_DATE_EPOCH's "
        "day, else the clock's)",
    )
    translating = commands.add_parser(
        "translations",
        help="print YAML for every missing or out-of-date translation into a language",
    )
    translating.add_argument("language", choices=TRANSLATED_LANGUAGES)
    translating.add_argument(
        "file", nargs="?", help="only the records of this data file (e.g. data/people.yaml)"
    )
    emit = commands.add_parser("emit", help="write all pages as Markdown into a folder")
    emit.add_argument("out", type=Path, help="the folder to write (must not be docs/ or data/)")
    commands.add_parser("schema", help=f"rewrite {SCHEMA_PATH.name} from the declared kinds")
    args = parser.parse_args(argv)
    for declaration in args.kinds:
        _run_file(declaration)

    if args.command == "schema":
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return 0
    project = Project(args.root, args.data, args.docs)
    started = time.perf_counter()
    result = build(project) if args.command == "emit" else check(project)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if isinstance(result, Checked):
        for notice in result.translations.warnings:
            print(notice, file=sys.stderr)
    if not result.ok:
        count = sum(1 for d in result.diagnostics if d.severity.value == "error")
        print(f"{count} error{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    if isinstance(result, Output):
        return _emit(project, result, args.out)
    if args.command == "translations":
        print(translations.skeleton(result.model, result.translations, args.language, args.file))
        return 0
    elapsed = time.perf_counter() - started
    print(
        f"ok: {len(result.model.records)} records, {len(result.doc_pages)} pages checked "
        f"in {elapsed:.2f} s"
    )
    for language in TRANSLATED_LANGUAGES:
        words = result.translations.coverage.get(language, translations.Coverage())
        pages = result.translations.pages.get(language, translations.Coverage())
        print(f"{language}: records' words {words}; pages {pages}")
    if args.stale:
        _report_stale(result.model, args.stale, args.today or _today())
    return 0


def _report_stale(model: Model, period: str, today: PartialDate) -> None:
    try:
        cutoff = dates.before(today, period)
    except ValueError:
        raise SystemExit(f"--stale takes a period such as 12m, 1y or 90d, not '{period}'") from None
    found = resolve.stale(model, cutoff)
    for line in found:
        print(line)
    print(
        f"{len(found)} of {len(model.records)} records not reviewed since {cutoff} "
        f"({period} before {today})"
    )


def _today() -> PartialDate:
    # Like the MkDocs adapter, the command line may read the clock; SOURCE_DATE_EPOCH keeps
    # reports reproducible.
    return PartialDate.day_of(float(os.environ.get("SOURCE_DATE_EPOCH") or time.time()))


def _run_file(path: Path) -> None:
    """Run a file that declares kinds (as MkDocs runs a hook file), so they are registered."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot read {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)


def _emit(project: Project, result: Output, out: Path) -> int:
    out = out.resolve()
    for protected in (project.root / project.docs_dir, project.root / project.data_dir):
        if out == protected.resolve() or protected.resolve() in out.parents:
            print(f"refusing to write into {protected}", file=sys.stderr)
            return 2
    if out.exists():
        shutil.rmtree(out)
    docs = project.root / project.docs_dir
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            target = out / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".md":
                src_uri = path.relative_to(docs).as_posix()
                target.write_text(
                    result.expand_page(src_uri, path.read_text(encoding="utf-8-sig")),
                    encoding="utf-8",
                )
            else:
                shutil.copyfile(path, target)
    for src_uri, markdown in result.pages.items():
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    print(f"wrote {len(result.pages)} generated pages and the hand-written ones to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
