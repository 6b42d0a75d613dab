"""The files that wire the project into editors, pre-commit and CI point at things that exist."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import ROOT


def test_editor_settings_map_the_schema_onto_the_data() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    [(schema, globs)] = settings["yaml.schemas"].items()
    assert (ROOT / schema).is_file() and "data/**/*.yaml" in globs
    for data_file in sorted((ROOT / "data").rglob("*.yaml")):
        first = data_file.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), data_file
        target = (data_file.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (ROOT / schema).resolve(), data_file


def _pre_commit_hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    return {hook["id"]: hook for hook in repo["hooks"]}


def _run_like_pre_commit(hook: dict[str, Any], root: Path) -> subprocess.CompletedProcess[str]:
    """What pre-commit does for a `language: system` hook with `pass_filenames: false`: split
    the entry like a shell would and run it from the repository's root. The environment is a
    clean machine's: nothing from this test process (no PYTHONPATH, no activated venv)."""
    clean = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", str(root))}
    return subprocess.run(
        shlex.split(hook["entry"]), cwd=root, env=clean, capture_output=True, text=True, timeout=120
    )


def test_pre_commit_hooks_use_the_project_venv() -> None:
    # `language: system` with .venv/bin: the hooks run what requirements*.txt pins, never a
    # separately resolved environment that could drift from it.
    hooks = _pre_commit_hooks()
    assert {"factbook-check", "ruff", "mypy"} <= hooks.keys()
    for hook in hooks.values():
        assert hook["language"] == "system" and ".venv/bin/" in hook["entry"], hook["id"]
        assert "additional_dependencies" not in hook, hook["id"]


@pytest.fixture
def venv_python() -> Path:
    python = ROOT / ".venv" / "bin" / "python"
    if not python.exists():
        pytest.skip("no .venv in the repository (`make test` creates it)")
    return python


def test_pre_commit_hook_passes_on_the_real_data(venv_python: Path) -> None:
    started = time.perf_counter()
    completed = _run_like_pre_commit(_pre_commit_hooks()["factbook-check"], ROOT)
    elapsed = time.perf_counter() - started
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok: ")
    print(f"check took {elapsed:.2f} s")  # a figure, not an assertion: speed is benchmarked


def test_pre_commit_hook_fails_on_a_mistake_with_its_place(
    tmp_path: Path, venv_python: Path
) -> None:
    for folder in ("data", "docs", "hooks"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    people = tmp_path / "data" / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace("    given_name: Min-jung\n", "    gvien_name: Min-jung\n", 1),
        encoding="utf-8",
    )
    completed = _run_like_pre_commit(_pre_commit_hooks()["factbook-check"], tmp_path)
    assert completed.returncode != 0
    assert re.search(
        r"^data/people\.yaml:\d+:\d+: unknown field 'gvien_name'", completed.stderr, re.MULTILINE
    ), completed.stderr


def test_publishing_workflow_builds_strictly() -> None:
    workflow_file = ROOT / ".github" / "workflows" / "publish.yml"
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "pip install -r requirements.txt" in steps and "mkdocs build --strict" in steps
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def _workflow() -> dict[Any, Any]:
    workflow_file = ROOT / ".github" / "workflows" / "publish.yml"
    return yaml.safe_load(workflow_file.read_text(encoding="utf-8"))


def test_publishing_waits_for_the_whole_suite_run_as_ci_runs_it() -> None:
    jobs = _workflow()["jobs"]
    # As root on Debian, as here: .ci/run installs Debian's Chromium and npm (axe-core) itself.
    assert jobs["test"]["container"].startswith("python:3.11-bookworm")
    assert "bash .ci/run" in [step.get("run") for step in jobs["test"]["steps"]]
    assert set(jobs["deploy"]["needs"]) == {"test", "build"}
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "chromium" in ci and "npm" in ci and "FACTBOOK_REQUIRE_BROWSER=1" in ci
    assert ci.rstrip().endswith("make test")
    # `make test` runs the whole suite on MkDocs, then the engine's tests on ProperDocs.
    planned = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert ".venv/bin/python -m pytest" in planned
    [properdocs] = [
        line for line in planned if line.startswith(".venv-properdocs/bin/python -m pytest")
    ]
    assert "tests/site" in properdocs.split()


def _site_addresses(**env: str) -> dict[str, str]:
    completed = subprocess.run(
        ["bash", str(ROOT / ".github" / "site-addresses.sh")],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split("=", 1) for line in completed.stdout.splitlines())


def test_the_workflow_derives_a_forks_addresses() -> None:
    fork = {"GITHUB_REPOSITORY": "Fork-Owner/fork-repo", "GITHUB_SERVER_URL": "https://github.com"}
    assert _site_addresses(**fork, DEFAULT_BRANCH="main") == {
        "SITE_URL": "https://fork-owner.github.io/fork-repo/",
        "EDIT_URI": "https://github.com/Fork-Owner/fork-repo/edit/main/docs/",
    }
    # What GitHub Pages reports (a custom domain set in its settings) wins over the derived
    # address, and the repository variable SITE_URL over both; unset variables arrive empty.
    pages = {**fork, "PAGES_URL": "https://facts.example.org", "SITE_URL": ""}
    assert _site_addresses(**pages)["SITE_URL"] == "https://facts.example.org/"
    chosen = {**pages, "SITE_URL": "https://talks.example.net/explained/"}
    assert _site_addresses(**chosen)["SITE_URL"] == "https://talks.example.net/explained/"
    user_site = {"GITHUB_REPOSITORY": "Fork-Owner/fork-owner.github.io", "DEFAULT_BRANCH": "trunk"}
    assert _site_addresses(**user_site) == {
        "SITE_URL": "https://fork-owner.github.io/",
        "EDIT_URI": "https://github.com/Fork-Owner/fork-owner.github.io/edit/trunk/docs/",
    }


class _EnvTags(yaml.SafeLoader):
    """Reads mkdocs.yml keeping each `!ENV [NAME, default]` as ("!ENV", NAME, default)."""


_EnvTags.add_constructor("!ENV", lambda loader, node: ("!ENV", *loader.construct_sequence(node)))


def test_the_addresses_are_set_in_one_place_that_the_workflow_fills() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvTags)
    assert config["site_url"] == ("!ENV", "SITE_URL", "http://127.0.0.1:8000/")
    assert config["edit_uri"] == ("!ENV", "EDIT_URI", None)
    assert "repo_url" not in config  # Material would ask GitHub's API from readers' browsers
    steps = _workflow()["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    address = next(i for i, run in enumerate(runs) if "site-addresses.sh" in run)
    assert runs.index("mkdocs build --strict") > address
    step = steps[address]
    # Its output reaches the build's environment, and a failing script fails the step.
    assert '"$GITHUB_ENV"' in step["run"] and step["shell"] == "bash"
    assert step["env"] == {
        "SITE_URL": "${{ vars.SITE_URL }}",
        "PAGES_URL": "${{ steps.pages.outputs.base_url }}",
        "DEFAULT_BRANCH": "${{ github.event.repository.default_branch }}",
    }
    pages = next(s for s in steps if s.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@") and pages["continue-on-error"]
    published = (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "example.invalid" not in published and "github.com/example" not in published
