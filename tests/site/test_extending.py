"""A kind declared outside the core, through `register()` alone (README "Extending"): one file
declares it (tests/fixtures/extension/treaty_kind.py) and one template renders it. A real build
then has its pages, its listing in the navigation, its JSON-LD and facts.json entries, and
messages that name it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import FIXTURES, ROOT, copy_fixture, mkdocs_build, reported

HOOKS = ROOT / "hooks"
EXTENSION = FIXTURES / "extension"


def extended_project(tmp_path: Path, data: str | None = None) -> Path:
    project = copy_fixture("mini", tmp_path)
    shutil.copytree(EXTENSION / "templates", project / "kinds" / "templates")
    shutil.copyfile(EXTENSION / "treaty_kind.py", project / "kinds" / "treaty_kind.py")
    treaties = (EXTENSION / "data" / "treaties.yaml").read_text(encoding="utf-8")
    (project / "data" / "treaties.yaml").write_text(data or treaties, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # After the factbook hook (which puts the core on the path); records section filled in.
    text = text.replace("mkdocs_adapter.py\n", "mkdocs_adapter.py\n  - kinds/treaty_kind.py\n", 1)
    nav_start = text.index("  - Topics: topics/index.md")
    text = text[:nav_start] + "  - Records: []\n"
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def extended_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("extended")
    run = mkdocs_build(extended_project(base), base / "site")
    assert run.returncode == 0, run.output
    return run.site


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_new_kind_has_its_page_with_links_and_citations(extended_site: Path) -> None:
    article = soup_of(extended_site, "treaties/sample-treaty").select_one("article")
    assert article is not None and article.h1 is not None
    assert article.h1.get_text(strip=True).rstrip("¶") == "Sample Treaty"
    hrefs = [a["href"] for a in article.select("a[href]")]
    assert "../../people/kim-example/" in hrefs and "../../organizations/ministry-a/" in hrefs
    assert "Signed November 2016" in article.get_text()
    assert article.select(".footnote li")


def test_its_listing_is_in_the_navigation_and_lists_it(extended_site: Path) -> None:
    home = soup_of(extended_site, "")
    nav_links = {a.get_text(strip=True): a["href"] for a in home.select("nav.md-nav a[href]")}
    assert nav_links["Treaties"] == "treaties/"
    assert list(nav_links).index("Topics") < list(nav_links).index("Treaties")
    listing = soup_of(extended_site, "treaties").select_one("article")
    assert listing is not None
    assert [a["href"] for a in listing.select("li > a")] == ["sample-treaty/"]


def test_its_relations_are_backlinks(extended_site: Path) -> None:
    ministry = soup_of(extended_site, "organizations/ministry-a").get_text(" ", strip=True)
    assert "Sample Treaty — party to" in ministry


def test_its_jsonld_and_open_data(extended_site: Path) -> None:
    page = soup_of(extended_site, "treaties/sample-treaty")
    script = page.find("script", type="application/ld+json")
    assert script is not None
    node = json.loads(script.get_text())
    assert node["@type"] == "Legislation" and node["name"] == "Sample Treaty"
    assert node["legislationDate"] == "2016-11"
    assert node["legislationPassedBy"][0]["name"] == "Ministry of Examples"
    facts = json.loads((extended_site / "facts.json").read_text(encoding="utf-8"))
    treaty = facts["records"]["treaties"][0]
    assert treaty["kind"] == "treaty" and treaty["signed"] == "2016-11"
    assert treaty["parties"][0]["id"] == "ministry-a"
    schema = json.loads((extended_site / "schema" / "facts.schema.json").read_text("utf-8"))
    assert schema["properties"]["treaties"]["items"] == {"$ref": "#/$defs/treaty"}


def test_messages_name_the_new_kind(tmp_path: Path) -> None:
    broken = (
        "treaties:\n  - id: bad-treaty\n    nmae: Misspelt\n    signed: 2016-13\n"
        "    parties: [kim-example]\n    sources: [daily-2023]\n"
    )
    run = mkdocs_build(extended_project(tmp_path, broken), tmp_path / "site")
    assert run.returncode != 0
    assert reported(run) == [
        "data/treaties.yaml:2:5: treaty is missing required field 'name' (add `name:`)",
        "data/treaties.yaml:3:5: unknown field 'nmae' in treaty (did you mean 'name'?)",
        "data/treaties.yaml:4:13: impossible date '2016-13': there is no month 13 (check the "
        "source; if only the month is known, write 2023-04)",
        "data/treaties.yaml:5:15: 'kim-example' is a person, but an organization is expected "
        "here (use the id of an organization)",
    ]
    assert "4 problems in the data or pages" in run.output


def test_the_command_line_check_knows_the_new_kind(tmp_path: Path) -> None:
    project = extended_project(tmp_path, "treaties:\n  - id: t\n    name: T\n    sources: [nope]\n")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "factbook",
            "--root",
            str(project),
            "--kinds",
            str(project / "kinds" / "treaty_kind.py"),
            "check",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(HOOKS)},
    )
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[0] == (
        "data/treaties.yaml:4:15: unknown id 'nope' (check the id, or add a record with it)"
    )
