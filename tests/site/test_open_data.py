"""Open data and the web's conventions: facts.json, JSON-LD, Open Graph, edit links, sitemap."""

from __future__ import annotations

import json

from sitecheck import page

from support import BuildRun


def jsonld(mini_site: BuildRun, url: str) -> list[dict]:
    scripts = page(mini_site.site, url).find_all("script", type="application/ld+json")
    return [json.loads(s.string) for s in scripts]


def test_facts_json_holds_every_record_with_resolved_references(mini_site: BuildRun) -> None:
    facts = json.loads((mini_site.site / "facts.json").read_text(encoding="utf-8"))
    records = facts["records"]
    assert sorted(records) == ["events", "organizations", "people", "sources", "terms", "topics"]
    event = next(e for e in records["events"] if e["id"] == "round-two")
    assert (
        event["date"] == "2023-04-17"
        and event["url"] == "https://example.invalid/events/round-two/"
    )
    assert event["participants"][0]["person"] == {
        "id": "kim-example",
        "kind": "person",
        "name": "Kim Example",
        "url": "https://example.invalid/people/kim-example/",
    }
    assert event["sources"][0]["id"] == "daily-2023"
    first = next(e for e in records["events"] if e["id"] == "round-one")
    assert first["date"] == "2019-11"  # precision kept
    schema_file = mini_site.site / "schema" / "facts.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["title"] == "Factbook data file"


def test_each_record_page_describes_itself_in_json_ld(mini_site: BuildRun) -> None:
    [event] = jsonld(mini_site, "events/round-two/")
    assert event["@type"] == "Event" and event["name"] == "Second Sample Talks"
    assert event["startDate"] == "2023-04-17"
    assert event["attendee"] == [
        {
            "@type": "Person",
            "name": "Kim Example",
            "url": "https://example.invalid/people/kim-example/",
        }
    ]
    assert event["superEvent"]["name"] == "Sample Talks"
    [person] = jsonld(mini_site, "people/kim-example/")
    assert person["@type"] == "Person" and person["alternateName"] == ["김예시", "Kim Ye-si"]
    [term] = jsonld(mini_site, "glossary/two-by-two/")
    assert term["@type"] == "DefinedTerm" and term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    [glossary] = jsonld(mini_site, "glossary/")
    assert [t["name"] for t in glossary["hasDefinedTerm"]] == ["two-by-two"]
    [source] = jsonld(mini_site, "sources/daily-2023/")
    assert source["@type"] == "NewsArticle" and source["author"]["name"] == "A. Reporter"


def test_open_graph_and_description(mini_site: BuildRun) -> None:
    head = page(mini_site.site, "events/round-two/").head
    og = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
    assert og["og:title"].startswith("Second Sample Talks")
    assert og["og:url"] == "https://example.invalid/events/round-two/"
    assert og["og:description"] == (
        "Kim Example met counterparts; the talks followed the first round."
    )
    assert head.find("meta", attrs={"name": "description"})["content"] == og["og:description"]


def test_edit_button_opens_the_yaml_that_defines_the_record(mini_site: BuildRun) -> None:
    edit_button = "a.md-content__button[href*='/edit/']"
    edit = page(mini_site.site, "people/kim-example/").select_one(edit_button)
    # no repository widget: no API calls
    assert page(mini_site.site, "").select_one(".md-source") is None
    assert edit["href"] == "https://github.com/example/mini/edit/main/data/facts.yaml#L25"
    home = page(mini_site.site, "").select_one("a.md-content__button[href*='/edit/']")
    assert home["href"] == "https://github.com/example/mini/edit/main/docs/index.md"
    assert page(mini_site.site, "timeline/").select_one(edit_button) is None


def test_sitemap_lists_record_pages(mini_site: BuildRun) -> None:
    from xml.etree import ElementTree

    root = ElementTree.parse(mini_site.site / "sitemap.xml").getroot()
    locations = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://example.invalid/people/kim-example/" in locations
    assert "https://example.invalid/glossary/" in locations


def test_edit_base_from_absolute_or_repository_relative_edit_uri() -> None:
    import sys
    from types import SimpleNamespace

    from support import ROOT

    sys.path.insert(0, str(ROOT / "hooks"))
    import mkdocs_adapter

    def base(edit_uri: str | None, repo_url: str | None = None) -> str | None:
        config = SimpleNamespace(edit_uri=edit_uri, repo_url=repo_url, docs_dir="/project/docs")
        return mkdocs_adapter._edit_base(config)  # type: ignore[arg-type]

    assert base("https://host/r/edit/main/docs/") == "https://host/r/edit/main/"
    assert base("edit/main/docs/", "https://host/r") == "https://host/r/edit/main/"
    assert base("edit/main/docs/") is None  # no repository to point at
    assert base("https://host/r/edit/main/other/") is None  # not the docs folder: cannot tell
