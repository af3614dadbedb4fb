"""The site as hosted below a path (SITE_URL set): what search engines, link previews and browsers need."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import publish_builds
import pytest
import yaml

from mkdocs_guide.calc.contract import ASSETS_DIR, WORKER_MODULE
from mkdocs_guide.hant.convert import converter
from mkdocs_guide.pages.csp import HEADERS_FILE, content_security_policy, page_policy
from mkdocs_guide.publish import launcher, webapp

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SOURCES = sorted(path for path in DOCS.rglob("*.md") if not path.name.endswith(".zh-Hant.md"))
PREFIXES = ("", "zh-Hant/")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOSTED_URL = publish_builds.HOSTED_URL


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_builds.hosted_site(tmp_path_factory.getbasetemp())


def _url_path(source: Path) -> str:
    """docs/a/b.md → "a/b/", docs/a/index.md → "a/"."""
    relative = source.relative_to(DOCS).with_suffix("").as_posix()
    relative = re.sub(r"(^|/)index$", "", relative)
    return f"{relative}/" if relative else ""


def _description(source: Path) -> str:
    match = re.match(r"^---\n(.*?)\n---\n", source.read_text(encoding="utf-8"), re.DOTALL)
    assert match
    return str(yaml.safe_load(match.group(1))["description"])


def _head(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[: html.index("</head>")]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_page_has_its_description_and_canonical_url(hosted_site: Path, prefix: str) -> None:
    convert = converter()
    for source in SOURCES:
        path = _url_path(source)
        head = _head(hosted_site / prefix / path / "index.html")
        description = _description(source)
        expected = convert.convert(description) if prefix else description
        found = re.search(r'<meta name="description" content="([^"]*)">', head)
        assert found and unescape(found.group(1)) == expected, path
        assert f'<link rel="canonical" href="{HOSTED_URL}{prefix}{path}">' in head, path
        # hreflang pairs live in sitemap.xml: a head alternate makes Material fetch a sitemap beside it.
        assert 'rel="alternate"' not in head, path


def test_sitemap_pairs_every_page_with_its_other_script(hosted_site: Path) -> None:
    urls = ElementTree.parse(hosted_site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    locations = {url.findtext(f"{SITEMAP}loc") for url in urls}
    expected = {f"{HOSTED_URL}{prefix}{_url_path(source)}" for prefix in PREFIXES for source in SOURCES}
    assert locations == expected
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        path = (url.findtext(f"{SITEMAP}loc") or "").removeprefix(HOSTED_URL).removeprefix("zh-Hant/")
        assert alternates == {"zh": f"{HOSTED_URL}{path}", "zh-Hant": f"{HOSTED_URL}zh-Hant/{path}"}


@pytest.mark.parametrize(("prefix", "lang", "name"), [("", "zh", "京东金融"), ("zh-Hant/", "zh-Hant", "京東金融")])
def test_404_page_in_each_script_works_from_any_depth(hosted_site: Path, prefix: str, lang: str, name: str) -> None:
    html = (hosted_site / prefix / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html and name in html
    urls = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert urls
    local = [url for url in urls if not url.startswith(("#", "http://", "https://", "mailto:", "data:"))]
    assert all(url.startswith("/guide/") for url in local), [url for url in local if not url.startswith("/guide/")]
    for url in local:
        assert (
            hosted_site / url.removeprefix("/guide/").split("#")[0] / ("index.html" if url.endswith("/") else "")
        ).exists(), url
    assert '<a href="/guide/" hreflang="zh" class="md-select__link">' in html
    assert '<a href="/guide/zh-Hant/" hreflang="zh-Hant" class="md-select__link">' in html
    assert 'rel="alternate"' not in html[: html.index("</head>")]
    assert f'<link rel="manifest" href="/guide/{prefix}manifest.webmanifest">' in html
    # Its own policy (its inline scripts differ from the other pages'), first in its head.
    assert html.index('<meta http-equiv="Content-Security-Policy"') < html.index("<title>")
    assert page_policy(html) == content_security_policy(html)


def _directives(policy: str) -> dict[str, set[str]]:
    return {name: set(values) for name, *values in (part.split() for part in policy.split(";"))}


def test_every_page_has_its_policy_and_the_headers_file_allows_every_one(hosted_site: Path) -> None:
    # Netlify and Cloudflare Pages send _headers; a worker gets no policy but that one.
    text = (hosted_site / HEADERS_FILE).read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= 2000  # Cloudflare Pages' limit per line
    rules = launcher.header_rules(text)
    assert [pattern for pattern, _headers in rules] == ["/*"]
    header = _directives(dict(rules[0][1])["Content-Security-Policy"])
    assert header["frame-ancestors"] == {"'none'"} and header["connect-src"] == {"'self'"}
    assert "'wasm-unsafe-eval'" in header["script-src"]  # the calculators' worker compiles Pyodide
    pages = sorted(hosted_site.rglob("*.html"))
    assert {"404.html", "index.html"} <= {page.name for page in pages}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = page_policy(html)
        assert policy == content_security_policy(html), page
        for name, values in _directives(policy).items():
            assert values <= header[name], (page, name, values - header[name])


@pytest.mark.parametrize(
    ("prefix", "lang", "name"), [("", "zh", "京东金融逾期自救指南"), ("zh-Hant/", "zh-Hant", "京東金融逾期自救指南")]
)
def test_each_script_has_its_manifest_with_local_icons(hosted_site: Path, prefix: str, lang: str, name: str) -> None:
    manifest = hosted_site / prefix / "manifest.webmanifest"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert (data["name"], data["lang"]) == (name, lang)
    assert data["short_name"][:2] == name[:2] and len(data["short_name"]) <= 12
    assert (manifest.parent / data["scope"]).resolve() == hosted_site.resolve()  # covers both scripts
    for icon in data["icons"]:
        assert (manifest.parent / icon["src"]).is_file(), icon["src"]


def test_every_page_links_its_manifest_and_app_script(hosted_site: Path) -> None:
    pages = [p for p in hosted_site.rglob("index.html") if "pyodide" not in p.parts]
    assert len(pages) == 2 * len(SOURCES)
    for page in pages:
        head = _head(page)
        manifest = re.search(r'<link rel="manifest" href="([^"]+)">', head)
        script = re.search(r'<script src="([^"]+/assets/app/app\.js)" defer></script>', head)
        assert manifest and script, page
        lang_dir = "zh-Hant/" if "zh-Hant" in page.relative_to(hosted_site).parts else ""
        assert (page.parent / manifest.group(1)).resolve() == (
            hosted_site / lang_dir / "manifest.webmanifest"
        ).resolve()
        assert (page.parent / script.group(1)).resolve().is_file()
        assert "iframe-worker" not in head  # only the offline bundle needs the shim


def test_service_worker_sits_at_the_root_with_this_builds_id_and_runtime(hosted_site: Path) -> None:
    text = (hosted_site / webapp.SERVICE_WORKER).read_text(encoding="utf-8")
    build = re.search(r'^const BUILD = "([0-9a-f]{16})";$', text, re.MULTILINE)
    runtime = re.search(r"^const RUNTIME = (\[.*\]);$", text, re.MULTILINE)
    assert build and runtime
    assert build.group(1) == webapp.build_id(hosted_site)
    files = json.loads(runtime.group(1))
    assert {"pyodide/pyodide.asm.wasm", "pyodide/pyodide-lock.json", f"{ASSETS_DIR}/{WORKER_MODULE}"} <= set(files)
    assert any(name.endswith(".whl") for name in files)
    assert all((hosted_site / name).is_file() for name in files)
