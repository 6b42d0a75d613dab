"""`mkdocs serve`: how long an editor waits after saving one YAML file, and the server's memory.

Starts `mkdocs serve` on a free localhost port, changes the first plain event title of one data
file again and again ("one title changed": each edit writes a title the file has not had just
before, so every save is a real change) and measures from each write to MkDocs' "Reloading
browsers" line (and to the watcher's "Detected file changes", and MkDocs' own build time). Under
`mkdocs serve` the factbook hook rebuilds only what an edit changed (quick rebuilds,
hooks/mkdocs_adapter.py `_rebuild`), so this is the time of such a rebuild. Before each edit the
server must have been quiet for QUIET seconds, so that a save the file watcher reports twice is
not counted against the next edit. The file is restored at the end.

Memory: right after "Serving on", and right after each edit's "Reloading browsers", the resident
memory of the `mkdocs serve` process (VmRSS in /proc/<pid>/status). Like the builds, the server
makes the English edition only (`FACTBOOK_EDITIONS=en`, builds.mkdocs_env): the Korean and
Japanese editions, which under a plain `mkdocs serve` are built by processes of their own, are
not made, so the Python process started here is the whole server and no child process is counted.
"""

from __future__ import annotations

import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from builds import mkdocs_env
from results import Serve

QUIET = 1.5
"""Seconds without output from the server before the next edit is written."""
PAGES_LINE = re.compile(r"factbook: ([\d,]+) pages (?:built|read from the build cache)")
"""The hook's log line after the core ran (as builds.HOOK_LINE), for the number of pages."""
FULL_REBUILD = ": rebuilding the whole site"
"""The hook's log line when it cannot rebuild quickly (hooks/mkdocs_adapter.py `_rebuild`)."""


def resident_mb(pid: int) -> float | None:
    """Resident memory of process `pid` (VmRSS), MB; None where /proc does not tell."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve_rebuild(project: Path, n: int, edits: int, timeout: float = 900) -> Serve:
    """Start `mkdocs serve`, change one YAML file `edits` times, time each rebuild and read the
    server's memory after it."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "-f",
        str(project / "mkdocs.yml"),
        "-a",
        f"127.0.0.1:{port}",
    ]
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
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
                raise SystemExit(
                    f"mkdocs serve: no '{pattern}' within {limit:.0f} s:\n"
                    + "".join(transcript[-40:])
                )
            try:
                stamp, line = lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                if process.poll() is not None:
                    raise SystemExit(
                        "mkdocs serve stopped:\n" + "".join(transcript[-40:])
                    ) from None
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
        initial = ready - started
        memory_initial = resident_mb(process.pid)
        first_build = next(filter(None, map(PAGES_LINE.search, transcript)), None)
        pages = int(first_build.group(1).replace(",", "")) if first_build else None
        detected_after: list[float] = []
        rebuilds: list[float] = []
        reported: list[float] = []
        memory: list[float] = []
        full: list[int] = []
        for number in range(1, edits + 1):
            settle(QUIET)
            seen = len(transcript)
            text = _edited(original, number)
            wrote = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            detected, _ = wait_for(r"Detected file changes", wrote, timeout)
            _, built = wait_for(r"Documentation built in", wrote, timeout)
            reloaded, _ = wait_for(r"Reloading browsers", wrote, timeout)
            rss = resident_mb(process.pid)
            if rss is not None:
                memory.append(rss)
            if any(FULL_REBUILD in line for line in transcript[seen:]):
                full.append(number)
            seconds = re.search(r"built in ([\d.]+) seconds", built)
            detected_after.append(detected - wrote)
            rebuilds.append(reloaded - wrote)
            reported.append(float(seconds.group(1)) if seconds else float("nan"))
        return Serve(
            n,
            target.relative_to(project).as_posix(),
            initial,
            tuple(rebuilds),
            tuple(detected_after),
            tuple(reported),
            tuple(memory) if len(memory) == edits else (),
            memory_initial,
            pages,
            tuple(full),
            QUIET,
        )
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
