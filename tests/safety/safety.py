"""What the data-safety tests share: catalogue cases, projects with a case added, real builds that
cannot hang the suite, snapshots of folders, and a reader's-eye check of built HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from support import BuildRun, mkdocs_build

CASES = Path(__file__).resolve().parent / "cases"
"""The catalogue of bad inputs: one `<name>.yaml` and the lines it must produce, `<name>.txt`."""

GENERATED = {
    "too-large": lambda: b"events: []\n" + b"#" * (1024 * 1024),
    "deep-flow": lambda: b"events: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep-block": lambda: b"events:\n" + b"- " * 100_000 + b"x\n",
    # 110 events, each summary 1,995 characters with 190 marks (within its own limits):
    # 20,900 marks in one file.
    "too-much-markdown": lambda: (
        b"events:\n"
        + b"".join(
            b"  - id: e%d\n    title: E\n    date: 2020\n    kind: other\n" % i
            + b"    sources: [daily-2023]\n    summary: "
            + b"They *met* in Seoul. " * 95
            + b"\n"
            for i in range(110)
        )
    ),
}
"""Cases whose input is too big to keep in the repository: generated here, expected lines in
cases/<name>.txt like the others. (100,000 levels crash libyaml's composer without the depth
check: the process dies of a stack overflow.)"""


@dataclass(frozen=True)
class Case:
    name: str

    @property
    def data(self) -> bytes:
        if self.name in GENERATED:
            return GENERATED[self.name]()
        return (CASES / f"{self.name}.yaml").read_bytes()

    @property
    def expected(self) -> list[str]:
        return (CASES / f"{self.name}.txt").read_text(encoding="utf-8").splitlines()

    @property
    def fails(self) -> bool:
        """Whether the case has errors (not only warnings): the build must stop."""
        return any(": warning: " not in line for line in self.expected)

    @property
    def relative(self) -> str:
        # Under data/new/ so it sorts after the good data: a duplicate is reported in the case.
        return f"data/new/{self.name}.yaml"

    def add_to(self, project: Path) -> Path:
        target = project / self.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.data)
        return target

    def __str__(self) -> str:
        return self.name


ALL_CASES = [Case(p.stem) for p in sorted(CASES.glob("*.txt"))]


def build(project: Path, site: Path, timeout: float = 60) -> BuildRun:
    """A real strict build; a hang fails the test within a minute."""
    return mkdocs_build(project, site, timeout=timeout)


# -- reading built HTML the way a browser would --------------------------------------------------

UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster")


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def injected(root) -> list[str]:
    """Every sign of markup that came from data rather than from the site: elements marked
    class="pwned" (every payload element carries it), event-handler attributes, scripts that run
    the payloads' `alert(`, embedding elements, and unsafe link schemes. Empty when clean."""
    problems = []
    for element in root.find_all(True):
        where = f"<{element.name} {dict(element.attrs)}>"[:160]
        if "pwned" in (element.get("class") or []):
            problems.append(f"payload element {where}")
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        if handlers:
            problems.append(f"event handler {handlers} on {where}")
        if element.name in ("iframe", "object", "embed", "frame", "base"):
            problems.append(f"embedding element {where}")
        if (
            element.name == "script"
            and "alert(" in (element.string or "")
            and element.get("type") not in ("application/json", "application/ld+json")
        ):
            problems.append(f"payload script {where} {element.string!r:.80}")
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str) and UNSAFE_SCHEME.match(value):
                problems.append(f"unsafe {name} on {where}")
    return problems


def text(element) -> str:
    """What a reader sees of an element, white space collapsed, without permalink marks."""
    return " ".join(element.get_text().replace("¶", "").split())
