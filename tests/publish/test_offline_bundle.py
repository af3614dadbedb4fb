"""The offline bundle's contents: one folder, both scripts, search inlined, nothing fetched from a CDN."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import publish_builds
import pytest

from mkdocs_guide.pages.csp import HEADERS_FILE
from mkdocs_guide.publish.bundle import FOLDER
from mkdocs_guide.publish.iframe_worker import inline_script, script_hash, worker_url
from mkdocs_guide.publish.plugin import IFRAME_WORKER, LAUNCHER

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_builds.offline_bundle(tmp_path_factory.getbasetemp())[0]


@pytest.fixture(scope="module")
def offline_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_builds.offline_bundle(tmp_path_factory.getbasetemp())[1]


def test_zip_is_one_folder_with_readme_and_launcher(offline_zip: Path, offline_folder: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    assert tops == {FOLDER}
    for name in ("index.html", "zh-Hant/index.html", "README.txt", LAUNCHER, HEADERS_FILE, "pyodide/pyodide.asm.wasm"):
        assert (offline_folder / name).is_file(), name
    assert (offline_folder / LAUNCHER).stat().st_mode & 0o111
    readme = (offline_folder / "README.txt").read_text(encoding="utf-8")
    assert LAUNCHER in readme and "离线版" in readme and "離線版" in readme


def test_pages_link_files_not_folders(offline_folder: Path) -> None:
    html = (offline_folder / "zh-Hant" / "negotiate.html").read_text(encoding="utf-8")
    assert '<a href="../negotiate.html" hreflang="zh" class="md-select__link">' in html
    assert not (offline_folder / "negotiate").exists()


def test_iframe_worker_is_self_hosted_and_allowed_by_each_pages_policy(offline_folder: Path) -> None:
    shim = (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_text(encoding="utf-8")
    assert (offline_folder / IFRAME_WORKER).read_text(encoding="utf-8") == shim
    pages = sorted(offline_folder.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html, page
        if page.name == "404.html":
            continue
        head = html[: html.index("</head>")]
        assert re.search(r'<script src="(\.\./)*assets/app/iframe-worker-shim\.js"></script>', head), page
        url = worker_url(html)
        assert url is not None
        if "Content-Security-Policy" in head:
            assert script_hash(inline_script(shim, url)) in head, page


def test_each_script_inlines_its_own_search_index(offline_folder: Path) -> None:
    # Search works from file:// only through the inlined index; each script gets its own (guide-search).
    for folder, own, other in ((offline_folder, "协商", "協商"), (offline_folder / "zh-Hant", "協商", "协商")):
        text = (folder / "search" / "search_index.js").read_text(encoding="utf-8")
        assert text.startswith("var __index = ")
        titles = " ".join(doc["title"] for doc in json.loads(text.removeprefix("var __index = "))["docs"])
        assert own in titles
        assert other not in titles
