"""`mkdocs serve` (`properdocs serve` on ProperDocs): a data edit rebuilds; invalid data shows the
problems in the browser instead of a stale site (even with `strict: true`), at every address;
the next good edit brings the site back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

from support import ENGINE, copy_fixture, free_port, mkdocs_build


def heading(url: str) -> str | None:
    """The page's first heading (a "not found" page's too), or None while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        body = error.read()
    except OSError:
        return None
    found = BeautifulSoup(body, "html.parser").find("h1")
    return found.get_text().strip("¶ ") if found else None


def wait_for(url: str, expected: str, seconds: float = 30) -> str | None:
    deadline = time.monotonic() + seconds
    seen = None
    while time.monotonic() < deadline:
        seen = heading(url)
        if seen == expected:
            return seen
        time.sleep(0.3)
    return seen


def start_serve(project: Path) -> tuple[subprocess.Popen[str], str]:
    """`mkdocs serve` of a project, and the address of its record page for Kim Example."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", ENGINE, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return server, f"http://127.0.0.1:{port}/people/kim-example/"


def test_serve_shows_errors_then_recovers(tmp_path: Path) -> None:
    project = copy_fixture("mini", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    data = project / "data" / "facts.yaml"
    good = data.read_text(encoding="utf-8")
    server, url = start_serve(project)
    try:
        assert wait_for(url, "Kim Example") == "Kim Example"
        data.write_text(good.replace("date: 2019-11\n", "date: 2019-13\n"), encoding="utf-8")
        assert wait_for(url, "The data has 1 problem") == "The data has 1 problem"
        with urllib.request.urlopen(url, timeout=2) as response:
            page = BeautifulSoup(response.read(), "html.parser")
        assert page.find("article").find("code").get_text().strip() == (
            "data/facts.yaml:51:11: impossible date '2019-13': there is no month 13 "
            "(check the source; if only the month is known, write 2023-04)"
        )
        # The same data still fails a real build.
        assert mkdocs_build(project, tmp_path / "site").returncode != 0
        data.write_text(
            good.replace("given_name: Example\n", "given_name: Example-Fixed\n", 1),
            encoding="utf-8",
        )
        assert wait_for(url, "Kim Example-Fixed") == "Kim Example-Fixed"
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output


def test_serve_started_on_bad_data_shows_the_problems_at_every_address(tmp_path: Path) -> None:
    """A record page's address (a bookmark) was never built: it answers "not found", with the
    list of problems, until the data is fixed."""
    project = copy_fixture("mini", tmp_path)
    data = project / "data" / "facts.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("date: 2019-11\n", "date: 2019-13\n"), encoding="utf-8")
    server, url = start_serve(project)
    try:
        assert wait_for(url, "The data has 1 problem") == "The data has 1 problem"
        data.write_text(good, encoding="utf-8")
        assert wait_for(url, "Kim Example") == "Kim Example"
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output
