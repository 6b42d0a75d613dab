"""Synthetic but realistic factbook projects for the benchmark, deterministic from a seed.

`generate(n, out, seed)` writes a whole project into `out/`:

- `data/` — N records of the six kinds in the real site's proportions (counted in `data/`:
  25 sources, 14 organizations, 21 people, 4 topics, 36 events, 13 terms). Records are grouped
  in stories, one per topic, like the real data: a story's events, people, organizations and
  sources mostly refer to one another (80 %), sometimes to any record (20 %), so the number of
  links to a record — and so the size of its page — does not grow with N. Prose fields carry
  `[[id]]` / `[[id|label]]` references and mentions of glossary terms at about the real rates
  (≈ 5 references per record that has prose). Series topics get numbered rounds and agreements
  get status changes, so topic pages draw charts as they do on the real site.
  Files are split as a growing site would split them: events by topic, other kinds in files of
  at most 250 records.
- `docs/` — the four hand-written pages of the real site's navigation (home and three
  explainers), with `[[id]]` references and two `[[chart:…]]` lines.
- `mkdocs.yml` — the real `mkdocs.yml` (theme, extensions, plugins, validation, strict) with
  this project's navigation and the adapter hook by absolute path.

`write_floor(project, floor)` writes "the floor": the very Markdown the engine generates for
`project`, as ordinary hand-written pages of a plain MkDocs project with the same configuration
and navigation, minus the hook.

Command line: `python tests/benchmark/generate.py N OUT [--seed S]`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag
from phases import engine_pages
from records import Generator
from world import KIND_WEIGHTS, counts_for
from yamlout import dump_records

__all__ = ["KIND_WEIGHTS", "Floor", "Summary", "counts_for", "generate", "write_floor"]

REPO = Path(__file__).resolve().parents[2]
HOOKS = REPO / "hooks"
ADAPTER = HOOKS / "mkdocs_adapter.py"
REAL_CONFIG = REPO / "mkdocs.yml"
FILE_RECORDS = 250
"""At most this many records per generated data file (events: one file per topic)."""

NAV = [
    {"Home": "index.md"},
    {
        "Explainers": [
            {"Why the talks stopped": "why-the-talks-stopped.md"},
            {"GSOMIA explained": "gsomia-explained.md"},
            {"Who's who": "whos-who.md"},
        ]
    },
    {"Timeline": "timeline.md"},
    {"Glossary": "glossary/index.md"},
    {
        "Records": [
            {"Topics": "topics/index.md"},
            {"Events": "events/index.md"},
            {"People": "people/index.md"},
            {"Organizations": "organizations/index.md"},
            {"Sources": "sources/index.md"},
        ]
    },
]
"""The real site's navigation (listing pages only; record pages are reached from listings)."""


@dataclass(frozen=True)
class Summary:
    n: int
    seed: int
    counts: dict[str, int]
    data_files: int
    doc_pages: int
    root: Path

    @property
    def describe(self) -> str:
        return ", ".join(f"{self.counts[kind]:,} {kind}" for kind in KIND_WEIGHTS)


# --- configuration --------------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """YAML's safe loader plus the `!ENV` tag, as MkDocs loads mkdocs.yml."""


yaml_env_tag.add_env_tag(_ConfigLoader)


def base_config() -> dict[str, Any]:
    """The real mkdocs.yml (theme, extensions, plugins, validation, strict) without its hooks,
    watch list and navigation. Its `!ENV` values are read as MkDocs reads them (the site's
    address comes from the environment: mkdocs.yml says why)."""
    config = yaml.load(REAL_CONFIG.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    for key in ("hooks", "watch", "nav", "docs_dir", "site_dir"):
        config.pop(key, None)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):  # theme overrides live in the repo
        theme["custom_dir"] = str(REPO / theme["custom_dir"])
    return config


def engine_config(hooks: Path = HOOKS) -> dict[str, Any]:
    config = base_config()
    config.update(
        docs_dir="docs", site_dir="site", hooks=[str(hooks / ADAPTER.name)], watch=["data"], nav=NAV
    )
    return config


def floor_config() -> dict[str, Any]:
    """Plain MkDocs: no hook. What the adapter adds by code is written out by hand: the required
    extensions (already in the real config), the stylesheet, and the pages that are not in the
    navigation marked as such (`not_in_nav`, the hand-written equivalent of the adapter's
    NOT_IN_NAV; pages listed in `nav` stay in it, so one pattern covers them all)."""
    config = base_config()
    extensions = config.setdefault("markdown_extensions", [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    for name in ("attr_list", "footnotes", "tables", "md_in_html", "toc"):
        if name not in names:
            extensions.append(name)
    config.update(
        docs_dir="docs",
        site_dir="site",
        nav=NAV,
        extra_css=[*config.get("extra_css", []), "assets/factbook.css"],
        not_in_nav="*.md\n",
    )
    return config


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


# --- entry points ---------------------------------------------------------------------------


def generate(n: int, out: Path, seed: int = 1, hooks: Path = HOOKS) -> Summary:
    """Write a project of N records into `out` (replaced if it exists); its mkdocs.yml uses the
    adapter in `hooks` (the repository's by default)."""
    if n < 10:
        raise ValueError("N must be at least 10")
    generator = Generator(n, seed)
    generator.create()
    records = generator.records()
    docs = generator.docs(records)
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    files = 0
    for kind, items in records.items():
        if kind == "events":
            groups: dict[str, list[dict[str, Any]]] = {}
            for record in items:
                groups.setdefault(record.get("topic") or "context", []).append(record)
            for name, group in groups.items():
                for start in range(0, len(group), FILE_RECORDS):
                    suffix = f"-{start // FILE_RECORDS + 1}" if len(group) > FILE_RECORDS else ""
                    _write(
                        out / "data" / "events" / f"{name}{suffix}.yaml",
                        dump_records(kind, group[start : start + FILE_RECORDS], 2),
                    )
                    files += 1
        elif len(items) <= FILE_RECORDS:
            _write(out / "data" / f"{kind}.yaml", dump_records(kind, items, 1))
            files += 1
        else:
            for start in range(0, len(items), FILE_RECORDS):
                _write(
                    out / "data" / kind / f"{kind}-{start // FILE_RECORDS + 1:03d}.yaml",
                    dump_records(kind, items[start : start + FILE_RECORDS], 2),
                )
                files += 1
    for name, text in docs.items():
        _write(out / "docs" / name, text)
    write_config(out / "mkdocs.yml", engine_config(hooks))
    return Summary(
        n, seed, {kind: len(items) for kind, items in records.items()}, files, len(docs), out
    )


@dataclass(frozen=True)
class Floor:
    pages: dict[str, str]
    """Every generated page: path in docs/ → Markdown."""
    records: frozenset[str]
    """The paths of the generated pages that show one record (the rest are listings)."""


def write_floor(project: Path, floor: Path, hooks: Path = HOOKS) -> Floor:
    """The engine's Markdown for `project` as a plain MkDocs project in `floor`, rendered by the
    core in `hooks` (which must be the first core this process imports)."""
    made = engine_pages(project, hooks)
    if floor.exists():
        shutil.rmtree(floor)
    for src_uri, markdown in {**made.hand_written, **made.generated}.items():
        _write(floor / "docs" / src_uri, markdown)
    (floor / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made.stylesheet, floor / "docs" / "assets" / "factbook.css")
    write_config(floor / "mkdocs.yml", floor_config())
    return Floor(made.generated, made.records)


def copy_for_core(project: Path, copy: Path, hooks: Path) -> None:
    """The same data and pages in `copy`, built by the adapter in `hooks` (another revision's
    core, for `run.py --baseline`); no cache is copied, so its first build is cold."""
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    write_config(copy / "mkdocs.yml", engine_config(hooks))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("out", type=Path, help="project folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--floor", type=Path, help="also write the floor project here")
    args = parser.parse_args(argv)
    summary = generate(args.n, args.out, args.seed)
    print(
        f"wrote {summary.n:,} records ({summary.describe}) in {summary.data_files} data files "
        f"to {args.out}"
    )
    if args.floor:
        floor = write_floor(args.out, args.floor)
        print(
            f"wrote the floor ({len(floor.pages):,} generated pages as plain Markdown) to "
            f"{args.floor}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
