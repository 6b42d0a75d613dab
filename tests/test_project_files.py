"""The files that wire the project into editors, pre-commit and CI point at things that exist."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import time

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


def test_pre_commit_hook_runs_the_check_quickly() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    command = shlex.split(hook["entry"])
    assert command[:2] == ["env", "PYTHONPATH=hooks"] and command[2] == "python"
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, *command[3:]], cwd=ROOT, capture_output=True,
                               text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    elapsed = time.perf_counter() - started
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok: ")
    print(f"check took {elapsed:.2f} s")  # a figure, not an assertion: speed is benchmarked


def test_publishing_workflow_builds_strictly() -> None:
    workflow_file = ROOT / ".github" / "workflows" / "publish.yml"
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "pip install -r requirements.txt" in steps and "mkdocs build --strict" in steps
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
