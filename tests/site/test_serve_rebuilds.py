"""Quick rebuilds under `mkdocs serve` (issue 15): after every kind of edit, every file the server
serves is byte-identical to a clean `mkdocs build` of the same data; edits the core cannot scope
rebuild in full and say why; data with errors shows the problems at every address, 404 included.

One server runs through a sequence of edits of a small project (English edition), each compared
with a clean build of the data as it then is; another serves the real site in its three editions."""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import (
    ENGINE,
    HOOK,
    ROOT,
    build_env,
    copy_fixture,
    copy_project,
    free_port,
    mkdocs_build,
)


class Server:
    """`mkdocs serve` of a project, its log read line by line."""

    def __init__(self, project: Path, tmp: Path, editions: str | None = "en") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.temp = tmp / "serve-temp"  # MkDocs serves from a folder it makes here
        self.temp.mkdir()
        env = {**build_env(editions=editions), "TMPDIR": str(self.temp)}
        self.editions = editions
        self.process = subprocess.Popen(
            [sys.executable, "-m", ENGINE, "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.transcript: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("Serving on", 300)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str, seconds: float = 120) -> list[str]:
        """The log lines up to the first that matches `pattern`."""
        seen = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.transcript[-30:])
                continue
            self.transcript.append(line)
            seen.append(line)
            if re.search(pattern, line):
                return seen
        raise AssertionError(f"no '{pattern}' in the log:\n" + "".join(self.transcript[-30:]))

    def edit(self, path: Path, text: str) -> list[str]:
        """Save a file and wait until the browsers would reload; the log of that rebuild."""
        time.sleep(0.6)  # the watcher polls every 0.5 s: a quick second save must not merge
        path.write_text(text, encoding="utf-8")
        return self.wait_for("Reloading browsers")

    @property
    def site(self) -> Path:
        (folder,) = [p for p in self.temp.iterdir() if p.name.startswith(f"{ENGINE}_")]
        return folder

    def stop(self) -> str:
        self.process.terminate()
        rest = self.process.communicate(timeout=30)[0] or ""
        return "".join(self.transcript) + rest


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def assert_same_as_clean_build(server: Server, project: Path, tmp: Path, label: str) -> None:
    clean = tmp / f"clean-{label}"
    run = mkdocs_build(project, clean, addresses={"SITE_URL": server.url}, editions=server.editions)
    assert run.returncode == 0, run.output
    served, built = files_of(server.site), files_of(clean)
    assert served.keys() == built.keys(), (
        f"{label}: only served {sorted(served.keys() - built.keys())[:5]}, "
        f"only built {sorted(built.keys() - served.keys())[:5]}"
    )
    differ = [name for name in built if served[name] != built[name]]
    assert not differ, f"{label}: {len(differ)} files differ from a clean build: {differ[:8]}"


def quick(log: list[str]) -> bool:
    return not any("rebuilding the whole site" in line for line in log)


def replace_once(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """The small fixture project with a code folder of its own (one step edits the code)."""
    project = copy_fixture("mini", tmp_path)
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace(str(HOOK), "hooks/mkdocs_adapter.py")
    # The address `serve` uses, for the clean builds too (as the real mkdocs.yml reads it).
    text = text.replace("site_url: https://example.invalid/", "site_url: !ENV SITE_URL")
    config.write_text(text, "utf-8")
    server = Server(project, tmp_path)
    try:
        yield server, project
    finally:
        output = server.stop()
        assert "Traceback" not in output, output[-3000:]


def test_every_kind_of_edit_serves_what_a_clean_build_writes(
    served: tuple[Server, Path], tmp_path: Path
) -> None:
    server, project = served
    data = project / "data" / "facts.yaml"
    assert_same_as_clean_build(server, project, tmp_path, "start")

    # A title changed: only the pages that show it are rendered again.
    log = server.edit(data, replace_once(data, "title: First Sample Talks", "title: First talks"))
    assert quick(log), "".join(log)
    assert any("Documentation built in" in line for line in log)
    assert_same_as_clean_build(server, project, tmp_path, "title")

    # A record added, then deleted.
    before = data.read_text(encoding="utf-8")
    added = before.replace(
        "\nevents:\n",
        "  - id: test-added-topic\n    type: agreement\n    name: A topic added in a test\n"
        "    summary: Added to test quick rebuilds.\n    sources: [daily-2023]\n\nevents:\n",
        1,
    )
    log = server.edit(data, added)
    assert quick(log), "".join(log)
    assert_same_as_clean_build(server, project, tmp_path, "added")
    assert (server.site / "topics" / "test-added-topic" / "index.html").is_file()
    log = server.edit(data, before)
    assert quick(log), "".join(log)
    assert_same_as_clean_build(server, project, tmp_path, "deleted")
    assert not (server.site / "topics" / "test-added-topic").exists()

    # ProperDocs (the second engine of `make test`) runs the edits above and the errors below:
    # they exercise every internal; MkDocs runs every kind of edit.
    if ENGINE == "mkdocs":
        edit_ids_pages_glossary_code_and_configuration(server, project, tmp_path)

    # An error introduced: every address shows the problems, 404 included; then fixed.
    good = data.read_text(encoding="utf-8")
    server.edit(data, good.replace("date: 2019-11", "date: 2019-13", 1))
    for address in ("events/round-two/", "people/kim-example/", "no/such/page/"):
        try:
            with urllib.request.urlopen(server.url + address, timeout=5) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            assert error.code == 404, address
            body = error.read()
        shown = BeautifulSoup(body, "html.parser").find("article").get_text()
        assert "impossible date '2019-13'" in shown, address
    server.edit(data, good)
    assert_same_as_clean_build(server, project, tmp_path, "fixed")


def edit_ids_pages_glossary_code_and_configuration(
    server: Server, project: Path, tmp_path: Path
) -> None:
    data = project / "data" / "facts.yaml"
    page = project / "docs" / "index.md"

    # An id renamed with every reference to it, in the data and in a page: two saves, and the
    # page's old reference is an error in between (the build after an error is a full one).
    server.edit(data, data.read_text("utf-8").replace("round-one", "round-1"))
    server.edit(page, page.read_text("utf-8").replace("round-one", "round-1"))
    assert_same_as_clean_build(server, project, tmp_path, "renamed")

    # A hand-written page edited.
    log = server.edit(page, page.read_text("utf-8") + "\nOne more line, on [[bureau-a]].\n")
    assert quick(log), "".join(log)
    assert_same_as_clean_build(server, project, tmp_path, "page")

    # A glossary term added: terms are marked on every page, so the whole site is rebuilt.
    log = server.edit(
        data,
        data.read_text("utf-8").rstrip("\n")
        + "\n  - id: test-term\n    term: Quick rebuild\n    short: A term added in a test.\n"
        "    definition: A term added in a test.\n    sources: [daily-2023]\n",
    )
    assert any("glossary's terms changed" in line for line in log), log
    assert_same_as_clean_build(server, project, tmp_path, "term")

    # The code edited (a page template): noticed at the next save, which loads it again.
    template = project / "hooks" / "factbook" / "templates" / "person.md.j2"
    template.write_text(template.read_text("utf-8") + "\nEdited template.\n", "utf-8")
    log = server.edit(data, data.read_text("utf-8") + "\n")
    assert any("code under hooks/ changed: rebuilding the whole site" in line for line in log)
    assert_same_as_clean_build(server, project, tmp_path, "code")
    person = server.site / "people" / "kim-example" / "index.html"
    assert "Edited template." in person.read_text("utf-8")

    # The configuration edited.
    config = project / "mkdocs.yml"
    log = server.edit(config, config.read_text("utf-8") + "\n# edited\n")
    assert any("mkdocs.yml changed: rebuilding the whole site" in line for line in log), log
    assert_same_as_clean_build(server, project, tmp_path, "config")


def test_the_internals_quick_rebuilds_use_are_there() -> None:
    """If MkDocs (or ProperDocs) changes the private functions quick rebuilds call, this fails
    (and `mkdocs serve` says so and rebuilds in full). Asked in a process of its own, with the
    engine loaded as its command line loads it."""
    check = (
        f"import {ENGINE}.__main__, mkdocs_internals as m; "
        f"assert m.ENGINE == {ENGINE!r}, m.ENGINE; print(m.missing())"
    )
    found = subprocess.run(
        [sys.executable, "-c", check],
        env={**build_env(), "PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "[]", found.stdout + found.stderr


def test_the_korean_and_japanese_editions_rebuild_quickly_too(tmp_path: Path) -> None:
    """Served with all three editions: each edition's process rebuilds what changed, and the
    whole site served is what a clean build of the three writes."""
    project = copy_project(tmp_path)
    server = Server(project, tmp_path, editions=None)
    try:
        events = project / "data" / "events" / "two-plus-two.yaml"
        log = server.edit(
            events, replace_once(events, "Kim Dae-jung–Obuchi action plan", "Kim–Obuchi plan")
        )
        assert quick(log), "".join(log)
        korean = project / "data" / "translations" / "ko" / "people.yaml"
        log = server.edit(korean, replace_once(korean, "text: ", "text: (수정) "))
        assert quick(log), "".join(log)
        assert_same_as_clean_build(server, project, tmp_path, "editions")
        pages = (server.site / "ko" / "people").rglob("*.html")
        assert any("(수정)" in page.read_text("utf-8") for page in pages)
    finally:
        output = server.stop()
    assert "Traceback" not in output, output[-3000:]
