"""Quick rebuilds under `mkdocs serve` (issue 15): after every kind of edit, every file the server
serves is byte-identical to a clean `mkdocs build` of the same data; edits the core cannot scope
rebuild in full and say why; data with errors shows the problems at every address, 404 included.

One server runs through a sequence of edits of the real project (English edition), each compared
with a clean build of the data as it then is."""

from __future__ import annotations

import importlib
import queue
import re
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

from support import ENGINE, build_env, copy_project, free_port, mkdocs_build


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
    project = copy_project(tmp_path)
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
    data = project / "data"
    events = data / "events" / "two-plus-two.yaml"
    assert_same_as_clean_build(server, project, tmp_path, "start")

    # A title changed: only the pages that show it are rendered again.
    log = server.edit(
        events,
        replace_once(
            events,
            "title: Foreign ministers agree to set up a security consultation body",
            "title: Foreign ministers agree to set up a consultation body on security",
        ),
    )
    assert quick(log), "".join(log)
    assert any("Documentation built in" in line for line in log)
    assert_same_as_clean_build(server, project, tmp_path, "title")

    # ProperDocs (the second engine of `make test`) runs the edits that exercise MkDocs'
    # internals differently: a page changed, pages added and removed, errors.
    every_edit = ENGINE == "mkdocs"

    # An id renamed with every reference to it (data and pages).
    if every_edit:
        for path in [*data.rglob("*.yaml"), *(project / "docs").rglob("*.md")]:
            text = path.read_text(encoding="utf-8")
            if "kim-obuchi-action-plan" in text:
                server.edit(path, text.replace("kim-obuchi-action-plan", "kim-obuchi-plan-1998"))
        assert_same_as_clean_build(server, project, tmp_path, "renamed")

    # A record added, then deleted.
    topics = data / "topics.yaml"
    before = topics.read_text(encoding="utf-8")
    added = before.rstrip("\n") + (
        "\n\n  - id: test-added-topic\n    reviewed: 2026-12-01\n"
        "    name: A topic added in a test\n    type: agreement\n"
        "    summary: Added to test quick rebuilds.\n"
        "    sources: [joongang-2023-04-17]\n"
    )
    log = server.edit(topics, added)
    assert quick(log), "".join(log)
    assert_same_as_clean_build(server, project, tmp_path, "added")
    assert (server.site / "topics" / "test-added-topic" / "index.html").is_file()
    log = server.edit(topics, before)
    assert quick(log), "".join(log)
    assert_same_as_clean_build(server, project, tmp_path, "deleted")
    assert not (server.site / "topics" / "test-added-topic").exists()

    # A hand-written page edited.
    page = project / "docs" / "gsomia-explained.md"
    log = server.edit(page, page.read_text(encoding="utf-8") + "\nOne more line, [[gsomia]].\n")
    assert quick(log), "".join(log)
    assert_same_as_clean_build(server, project, tmp_path, "page")

    if every_edit:
        edit_the_glossary_and_configuration(server, project, tmp_path)

    # An error introduced: every address shows the problems, 404 included; then fixed.
    good = events.read_text(encoding="utf-8")
    server.edit(events, good.replace("date: 1998-10-08", "date: 1998-13-08", 1))
    for address in ("events/spc-round-1/", "people/kim-dae-jung/", "no/such/page/"):
        try:
            with urllib.request.urlopen(server.url + address, timeout=5) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            assert error.code == 404, address
            body = error.read()
        shown = BeautifulSoup(body, "html.parser").find("article").get_text()
        assert "impossible date '1998-13-08'" in shown, address
    log = server.edit(events, good)
    assert_same_as_clean_build(server, project, tmp_path, "fixed")


def edit_the_glossary_and_configuration(server: Server, project: Path, tmp_path: Path) -> None:
    """Edits a quick rebuild cannot scope: the whole site is rebuilt, and the log says why."""
    # A glossary term added: marked on every page.
    terms = project / "data" / "terms.yaml"
    log = server.edit(
        terms,
        terms.read_text(encoding="utf-8").rstrip("\n")
        + "\n\n  - id: test-term\n    reviewed: 2026-12-01\n    term: Quick rebuild\n"
        "    short: A term added in a test.\n    definition: A term added in a test.\n"
        "    sources: [joongang-2023-04-17]\n",
    )
    assert any("glossary's terms changed" in line for line in log), "".join(log)
    assert_same_as_clean_build(server, project, tmp_path, "term")

    # The code edited (a page template): noticed at the next save, the code is loaded again.
    template = project / "hooks" / "factbook" / "templates" / "person.md.j2"
    template.write_text(template.read_text("utf-8") + "\nEdited template.\n", "utf-8")
    topics = project / "data" / "topics.yaml"
    log = server.edit(topics, topics.read_text("utf-8") + "\n")
    assert any("code under hooks/ changed: rebuilding the whole site" in line for line in log)
    assert_same_as_clean_build(server, project, tmp_path, "code")
    assert "Edited template." in (server.site / "people" / "obuchi" / "index.html").read_text(
        "utf-8"
    )

    # The configuration edited: a full build, and the log says why.
    config = project / "mkdocs.yml"
    log = server.edit(config, config.read_text(encoding="utf-8") + "\n# edited\n")
    assert any("mkdocs.yml changed: rebuilding the whole site" in line for line in log), log
    assert_same_as_clean_build(server, project, tmp_path, "config")


def test_the_internals_quick_rebuilds_use_are_there() -> None:
    """If MkDocs (or ProperDocs) changes the private functions quick rebuilds call, this fails
    (and `mkdocs serve` says so and rebuilds in full)."""
    importlib.import_module(ENGINE)  # the module below asks the engine that is loaded
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
    try:
        internals = importlib.import_module("mkdocs_internals")
        assert internals.ENGINE == ENGINE
        assert internals.missing() == []
    finally:
        sys.path.pop(0)


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
