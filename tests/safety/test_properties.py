"""Properties, not just examples (Hypothesis, deterministic: derandomized, no example database).

- Whatever a data file holds — random text, random bytes, generated records of every kind,
  mutations of real fixture data — the core returns a model or diagnostics, never raises; every
  diagnostic is one line naming a real file and a line that exists in it; and data without
  errors always renders.
- Markdown from data never becomes markup of its own: rendered with the site's extensions,
  it holds no element or attribute the text did not ask for as Markdown, and any link with a
  scheme other than http(s) is one that the check refuses.
- Text in plain fields reaches the page as exactly that text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import factbook
from factbook import Project, links
from factbook.glossary import GlossaryExtension
from factbook.kinds import Term
from factbook.render import PageContext, Site
from factbook.schema import SCHEMA_PATH
from safety import CASES, injected
from support import FIXTURES

PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)


def examples(count: int) -> settings:
    return settings(PROPERTY, max_examples=count)


EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
"""The Markdown extensions of the real site and the fixtures (a superset of what pages need)."""


# -- the outcome of checking any data file --------------------------------------------------------


def lines_in(path: Path) -> int:
    content = path.read_bytes().decode("utf-8-sig", errors="replace")
    return max(content.count("\n"), len(content.splitlines())) + 1


def assert_model_or_located_diagnostics(project: Path) -> factbook.Checked:
    """The property: no exception; each diagnostic one line, in a real file, at a real line."""
    result = factbook.check(Project(project))
    files = {
        p.relative_to(project).as_posix(): p for p in sorted(project.rglob("*")) if p.is_file()
    }
    for diagnostic in result.diagnostics:
        position = diagnostic.position
        assert position.path in files, str(diagnostic)
        assert 1 <= position.line <= lines_in(files[position.path]), str(diagnostic)
        assert position.column >= 1, str(diagnostic)
        assert len(str(diagnostic).splitlines()) == 1, str(diagnostic)
    if result.ok:
        assert factbook.build(Project(project)).pages
    return result


@pytest.fixture(scope="module")
def beside_good_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture, plus data/new.yaml that each example overwrites."""
    project = tmp_path_factory.mktemp("beside") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    return project


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose only data file is data/new.yaml."""
    project = tmp_path_factory.mktemp("alone")
    (project / "data").mkdir()
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    return project


YAML_PIECES = st.sampled_from(
    [
        "events:",
        "sources:",
        "people:",
        "- ",
        "  ",
        "    ",
        "\n",
        "\n  - ",
        ": ",
        "id: x",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "'",
        '"',
        "\\",
        "#",
        "&a ",
        "*a",
        "!!str ",
        "!!python/object:os.system ",
        "!!int ",
        "!",
        "|",
        ">",
        "%YAML 1.2\n",
        "---\n",
        "...\n",
        "? ",
        "\t",
        "[[",
        "]]",
        "2023-02-30",
        "2023",
        "\ufeff",
        "\x85",
        "\u2028",
        "\r",
        "\x00",
        "\\x02",
        "99999999999999999999",
        "~",
        "<b>",
        "`",
        "title: ",
        "sources: [daily-2023]",
        "date: ",
        "summary: ",
    ]
)
RAW_TEXT = st.lists(YAML_PIECES | st.text(max_size=6), max_size=40).map("".join)


@examples(600)
@given(content=RAW_TEXT)
def test_any_text_gives_a_model_or_located_diagnostics(
    beside_good_data: Path, content: str
) -> None:
    (beside_good_data / "data" / "new.yaml").write_text(content, encoding="utf-8")
    assert_model_or_located_diagnostics(beside_good_data)


@examples(250)
@given(content=st.binary(max_size=200) | RAW_TEXT.map(lambda t: t.encode("utf-16")))
def test_any_bytes_give_a_model_or_located_diagnostics(
    beside_good_data: Path, content: bytes
) -> None:
    (beside_good_data / "data" / "new.yaml").write_bytes(content)
    assert_model_or_located_diagnostics(beside_good_data)


# -- generated records of every kind, dumped as YAML ----------------------------------------------

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]
IDS = st.sampled_from(
    [
        "kim-example",
        "ministry-a",
        "bureau-a",
        "round-one",
        "round-two",
        "sample-talks",
        "daily-2023",
        "two-by-two",
        "new-a",
        "new-b",
        "index",
        "Bad_Id",
        "../up",
        "a.b",
        "",
    ]
)
DATES = st.sampled_from(
    [
        "2023",
        "2023-04",
        "2023-04-17",
        "2023-02-30",
        "2023-13",
        "0999",
        "2999-12-31",
        "17/04/2023",
        2023,
        12,
        1999,
    ]
) | st.dates().map(str)
WORDS = st.sampled_from(
    [
        "[[kim-example]]",
        "[[nobody]]",
        "[[round-one|the first round]]",
        "[[chart:sample-talks]]",
        "[[]]",
        "<b>bold</b>",
        "[a](javascript:alert(1))",
        "[b](https://example.org/(x))",
        "*x*{: onclick=alert(1)}",
        "`code <b>`",
        "&amp;",
        "\n\n",
        "two-by-two",
        "Seoul",
        "KR",
        "jp",
    ]
)
TEXTS = st.lists(WORDS | st.text(max_size=8), min_size=1, max_size=5).map(" ".join)
URLS = st.sampled_from(
    [
        "https://example.org/a",
        "http://x.kr/(y)",
        "javascript:alert(1)",
        "data:text/html,x",
        "https://a/)<b>",
        "ftp://x",
        "",
    ]
)


def value_for(field: str, spec: dict[str, Any], depth: int = 0) -> st.SearchStrategy:
    ref = spec.get("$ref", "").rsplit("/", 1)[-1]
    spec = {**DEFS.get(ref, {}), **spec}
    if field in ("id", "parent", "organization", "person", "topic", "by", "source") or ref == "ref":
        choice = IDS
    elif ref == "date" or field in ("from", "to", "as_of", "end_date"):
        choice = DATES
    elif ref == "url":
        choice = URLS
    elif "enum" in spec:
        choice = st.sampled_from(spec["enum"] + ["other-value"])
    elif spec.get("type") == "integer":
        choice = st.integers(-3, 10**6)
    elif spec.get("type") == "array" and depth < 2:
        item = spec.get("items", {})
        choice = st.lists(value_for(field, item, depth + 1), max_size=3)
    elif "properties" in spec and depth < 2:
        choice = record(spec, depth + 1)
    else:
        choice = TEXTS
    anything = st.none() | st.booleans() | st.integers() | TEXTS | st.lists(TEXTS, max_size=2)
    return st.one_of(choice, choice, choice, anything)


def record(spec: dict[str, Any], depth: int = 0) -> st.SearchStrategy:
    properties = spec["properties"]
    required = {name: value_for(name, properties[name], depth) for name in spec.get("required", [])}
    optional = {
        name: value_for(name, prop, depth)
        for name, prop in properties.items()
        if name not in required
    }
    optional["unknown_field"] = TEXTS
    return st.fixed_dictionaries(required, optional=optional)


KIND_RECORDS = {
    "sources": DEFS["source"],
    "organizations": DEFS["organization"],
    "people": DEFS["person"],
    "topics": DEFS["topic"],
    "events": DEFS["event"],
    "terms": DEFS["term"],
}
DOCUMENTS = st.fixed_dictionaries(
    {}, optional={kind: st.lists(record(spec), max_size=3) for kind, spec in KIND_RECORDS.items()}
)


@examples(350)
@given(document=DOCUMENTS, flow=st.sampled_from([False, True, None]))
def test_generated_records_give_a_model_or_located_diagnostics(
    beside_good_data: Path, document: dict, flow: bool | None
) -> None:
    content = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    (beside_good_data / "data" / "new.yaml").write_text(content, encoding="utf-8")
    assert_model_or_located_diagnostics(beside_good_data)


# -- mutations of real data ------------------------------------------------------------------------

BASES = [
    (FIXTURES / "mini" / "data" / "facts.yaml").read_text(encoding="utf-8"),
    (FIXTURES / "hostile" / "data" / "hostile.yaml").read_text(encoding="utf-8"),
    *(
        (FIXTURES / "broken" / "data" / name).read_text(encoding="utf-8")
        for name in ("facts.yaml", "more.yaml", "trap.yaml")
    ),
    *(
        p.read_bytes().decode("utf-8", errors="replace")
        for p in sorted(CASES.glob("*.yaml"))
        if p.stat().st_size < 20_000
    ),
]


def mutate(base: str, operations: list[tuple[str, float, float, str]]) -> str:
    lines = base.splitlines(keepends=True)
    for operation, where, other, token in operations:
        if not lines:
            lines = [token]
        at = int(where * len(lines)) % len(lines)
        to = int(other * len(lines)) % len(lines)
        line = lines[at]
        column = int(other * len(line)) if line else 0
        if operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(to, line)
        elif operation == "swap":
            lines[at], lines[to] = lines[to], lines[at]
        elif operation == "insert":
            lines[at] = line[:column] + token + line[column:]
        elif operation == "replace":
            lines[at] = line[:column] + token + line[column + 1 :]
        elif operation == "indent":
            lines[at] = token.replace("\n", "") + line if token.strip() == "" else " " + line
        elif operation == "dedent":
            lines[at] = line[1:] if line[:1] in (" ", "\t") else line
        elif operation == "truncate":
            lines = lines[:at] + [line[:column]]
    return "".join(lines)


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["delete", "duplicate", "swap", "insert", "replace", "indent", "dedent", "truncate"]
        ),
        st.floats(0, 1),
        st.floats(0, 1),
        YAML_PIECES | st.text(max_size=3),
    ),
    min_size=1,
    max_size=4,
)


@examples(800)
@given(base=st.sampled_from(BASES), operations=OPERATIONS)
def test_mutated_real_data_gives_a_model_or_located_diagnostics(
    alone: Path, base: str, operations: list
) -> None:
    (alone / "data" / "new.yaml").write_text(mutate(base, operations), encoding="utf-8")
    assert_model_or_located_diagnostics(alone)


# -- Markdown from data never becomes markup -------------------------------------------------------

MARKDOWN_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "`",
        "``",
        "\\",
        "{",
        "}",
        ":",
        " ",
        "\n",
        "\n\n",
        "    ",
        "\t",
        "*",
        "_",
        "#",
        "-",
        "|",
        "&",
        ";",
        '"',
        "'",
        "=",
        "[r]: ",
        "[r]",
        "[^1]",
        "*[x]: ",
        "!!! note ",
        "javascript:",
        "JaVaScRiPt:",
        "data:",
        "vbscript:",
        "java\tscript:",
        "&#106;",
        "&#x6A;",
        "&Tab;",
        "&colon;",
        "https://example.org/",
        "x",
        "<b class=pwned>",
        "</p>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{: onclick=alert(1) }",
        "{: .pwned }",
        '{ onmouseover="alert(1)" }',
        "<div markdown=1>",
        "[[kim-example]]",
        "[[kim-example|<b class=pwned>]]",
        "[[round-one|{: onclick=alert(1)}]]",
        "<!--",
        "-->",
        "<![CDATA[",
        "<?",
    ]
)
MINI = factbook.check(Project(FIXTURES / "mini"))
NEVER_FROM_MARKDOWN = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "link",
    "meta",
    "base",
    "title",
    "b",
    "i",
    "span",
    "video",
    "audio",
    "source",
    "details",
}
"""Elements Markdown syntax cannot produce: any of them would have come from raw HTML."""
SCHEMES = st.sampled_from(
    [
        "javascript:",
        "JavaScript:",
        "vbscript:",
        "data:",
        "java\tscript:",
        " javascript:",
        "&#106;avascript:",
        "&#x6A;avascript:",
        "&#0000106avascript:",
        "java&Tab;script:",
        "javascript&colon;",
        "javascript&#58;",
        "javascript\\:",
        "https:",
        "http:",
        "mailto:",
        "",
    ]
)
LINKS = st.builds(
    str.format,
    st.sampled_from(
        [
            "[a]({})",
            "![i]({})",
            "[a]( {} )",
            "[a](<{}>)",
            '[a]({} "t")',
            "[r]\n\n[r]: {}",
            "- [r]: {}\n\n[r]",
            "> [r]:\n> {}\n\n[r]",
            "[r][]\n\n   [r]: <{}>",
        ]
    ),
    st.builds("{}{}".format, SCHEMES, st.sampled_from(["alert(1)", "//x", "x,y", ""])),
)
"""Links whose address is written with every trick for hiding a scheme."""
MARKDOWN = st.lists(MARKDOWN_PIECES | LINKS | st.text(max_size=4), max_size=30).map("".join)


@examples(1200)
@given(source=MARKDOWN)
def test_markdown_from_data_never_becomes_markup(source: str) -> None:
    if any(found.target not in MINI.model.records for found in links.find(source)):
        return  # an unknown id: the check refuses it, nothing is rendered
    # What a generated page does with a Markdown field (PageContext.md), then the engine.
    page = PageContext(Site(MINI.model, {}, {}), "people/someone.md")
    html = markdown.markdown(page.md(source), extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    unsafe_links = [p for p in injected(soup) if p.startswith("unsafe ")]
    assert [p for p in injected(soup) if not p.startswith("unsafe ")] == [], html
    for element in soup.find_all(True):
        assert element.name not in NEVER_FROM_MARKDOWN, html
        assert (
            element.name != "div"
            or "footnote" in element["class"]
            or "admonition" in element["class"]
        ), html
        assert set(element.attrs) <= {"href", "src", "alt", "title", "id", "class"}, html
    if unsafe_links:  # the engine made a javascript:/data:/vbscript: link: the check refuses it
        assert any(not links.is_safe_url(d.url) for d in links.destinations(source)), (source, html)


# -- plain fields reach the page as exactly their text ---------------------------------------------

PLAIN_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "&",
        "&amp;",
        "&lt;",
        '"',
        "'",
        "`",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "|",
        "#",
        "!",
        "\\",
        "-",
        ":",
        " ",
        "\n",
        "\n\n",
        "    ",
        "<b class=pwned>",
        "</b>",
        "</title>",
        "</text></svg>",
        "<script>alert(1)</script>",
        "{: onclick=alert(1) }",
        "[x](y)",
        "[[p]]",
        "<!--",
        "]]>",
        "\u2028",
        "\u00a0",
        "서민정",
        "x",
    ]
)
HOSTILE_TEXT = (
    st.lists(
        PLAIN_PIECES
        | st.text(
            st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)
"""Text that passes the check (no control characters) and is full of markup."""


@settings(PROPERTY, max_examples=60, phases=(Phase.explicit, Phase.generate))  # slow to shrink
@given(name=HOSTILE_TEXT, place=HOSTILE_TEXT, short=HOSTILE_TEXT, summary=HOSTILE_TEXT)
def test_any_text_in_data_is_shown_as_that_text(
    alone: Path, name: str, place: str, short: str, summary: str
) -> None:
    data = {
        "sources": [{"id": "src", "title": name, "publisher": place}],
        "people": [{"id": "p", "name": name, "summary": summary, "sources": ["src"]}],
        "topics": [
            {"id": "t", "type": "series", "name": name, "summary": summary, "sources": ["src"]}
        ],
        "events": [
            {
                "id": f"e{i}",
                "title": name,
                "date": f"202{i}",
                "kind": "meeting",
                "topic": "t",
                "round": i,
                "place": place,
                "status": short,
                "summary": "The laughs format [[p]].",
                "sources": ["src"],
            }
            for i in (1, 2)
        ],
        "terms": [
            {
                "id": "laughs",
                "term": "laughs format",
                "short": short,
                "definition": summary,
                "sources": ["src"],
            }
        ],
    }
    (alone / "data" / "new.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    result = factbook.build(Project(alone))
    assert result.ok, [str(d) for d in result.diagnostics]
    terms = factbook.check(Project(alone)).model.of(Term)
    for src_uri in ("people/p.md", "events/e1.md", "topics/t.md", "sources/src.md"):
        glossary = GlossaryExtension(terms)
        glossary.set_page(src_uri)
        html = markdown.markdown(
            result.pages[src_uri].split("---\n", 2)[-1], extensions=[*EXTENSIONS, glossary]
        )
        soup = BeautifulSoup(html, "html.parser")
        assert [p for p in injected(soup) if not p.startswith("unsafe ")] == [], html
        assert " ".join(soup.h1.get_text().split()) == " ".join(name.split())
        for mark in soup.select(".fb-term"):
            # Exactly the text, spaces included (an entity in it is a known gap of glossary.py).
            assert mark["title"] == short or "&" in short, mark
    figure = BeautifulSoup(result.figures["t"], "html.parser")
    shown = " ".join(figure.get_text().split())
    assert " ".join(place.split()) in shown and " ".join(short.split()) in shown
