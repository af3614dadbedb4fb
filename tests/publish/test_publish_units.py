"""The distribution plugin's parts on their own: icons, build id, manifest, 404 fixes, launcher, zip."""

from __future__ import annotations

import ast
import io
import json
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from mkdocs_guide.calc.render import UI_TEXT
from mkdocs_guide.publish import iframe_worker, webapp
from mkdocs_guide.publish.bundle import FOLDER, make_zip
from mkdocs_guide.publish.icons import BACKGROUND, png_icon, svg_icon
from mkdocs_guide.publish.plugin import LAUNCHER

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mkdocs_guide" / "publish"


@pytest.mark.parametrize("size", webapp.ICONS)
def test_png_icon_is_the_logo_on_indigo(size: int) -> None:
    with Image.open(io.BytesIO(png_icon(size))) as image:
        image.verify()
    image = Image.open(io.BytesIO(png_icon(size)))
    assert (image.format, image.mode, image.size) == ("PNG", "RGB", (size, size))

    def pixel(x: int, y: int) -> tuple[int, ...]:
        return tuple(image.getpixel((x, y)))  # type: ignore[arg-type]

    assert pixel(0, 0) == pixel(size - 1, size - 1) == BACKGROUND  # full bleed: maskable
    unit = size * 0.6 / 24
    assert pixel(size // 2, round(size / 2 + (15 - 12.27) * unit)) == (255, 255, 255)  # the open book
    assert pixel(size // 2, round(size / 2 + (5 - 12.27) * unit)) == (255, 255, 255)  # the head
    assert len({pixel(x, size // 2) for x in range(size)}) > 2  # smoothed edges, not two colours
    # The logo stays inside a maskable icon's safe zone (a circle of 40 % radius).
    for y in range(size):
        for x in range(size):
            if pixel(x, y) != BACKGROUND:
                assert (x + 0.5 - size / 2) ** 2 + (y + 0.5 - size / 2) ** 2 < (0.4 * size) ** 2


def test_png_icon_is_the_same_for_the_same_build() -> None:
    assert png_icon(192) == png_icon(192)


def test_svg_icon_is_the_same_drawing() -> None:
    svg = ElementTree.fromstring(svg_icon())
    assert svg.get("viewBox") == "0 0 24 24"
    svg_ns = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{svg_ns}rect").get("fill") == "#{:02x}{:02x}{:02x}".format(*BACKGROUND)  # type: ignore[union-attr]
    logo = svg.find(f"{svg_ns}g")
    assert logo is not None and logo.get("fill") == "#ffffff"
    assert [child.tag for child in logo] == [f"{svg_ns}circle", f"{svg_ns}path"]


def test_build_id_changes_with_any_file_but_not_the_worker(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("a")
    (tmp_path / "sw.js").write_text("1")
    first = webapp.build_id(tmp_path)
    (tmp_path / "sw.js").write_text("2")
    assert webapp.build_id(tmp_path) == first
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "x.whl").write_text("b")
    assert webapp.build_id(tmp_path) != first


def test_service_worker_gets_its_build_and_runtime() -> None:
    template = (PACKAGE / "assets" / "sw.js").read_text(encoding="utf-8")
    text = webapp.service_worker(template, "abc123", ["pyodide/pyodide.asm.wasm"])
    assert 'const BUILD = "abc123";' in text
    assert 'const RUNTIME = ["pyodide/pyodide.asm.wasm"];' in text
    assert "const MESSAGES = {};" not in text and '"runtimeKept": "runtime-kept"' in text
    with pytest.raises(ValueError, match="BUILD or RUNTIME"):
        webapp.service_worker("const MESSAGES = {};\nconst BUILD = 1;", "x", [])


def test_every_script_that_speaks_to_the_service_worker_gets_the_message_types(built_site: Path) -> None:
    # A script that uses the message types has them as the build wrote them; none is left
    # unwritten; no script of the site spells a type itself.
    written = f"const MESSAGES = {json.dumps(webapp.MESSAGES, sort_keys=True)};"
    scripts = [path for path in built_site.rglob("*") if path.suffix in (".js", ".mjs")]
    using: set[str] = set()
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site).as_posix()
        assert "const MESSAGES = {};" not in text, name
        if webapp.uses_messages(text):
            assert text.count(written) == 1, name
            using.add(name)
        rest = text.replace(written, "")
        assert not any(re.search(f"[\"'`]{kind}[\"'`]", rest) for kind in webapp.MESSAGES.values()), name
    # The worker that answers, and the pages that ask it.
    assert webapp.SERVICE_WORKER in using and len(using) >= 2
    with pytest.raises(ValueError, match="MESSAGES"):
        webapp.with_messages("const MESSAGES = {};\nconst MESSAGES = {};")
    assert webapp.uses_messages("x(MESSAGES.remember)") and not webapp.uses_messages("const MESSAGES = {};")
    with pytest.raises(ValueError, match="MESSAGES"):
        webapp.with_messages("x(MESSAGES.remember)")  # used, with no line to write them into


def test_manifest_for_the_traditional_script_reaches_back_to_the_root() -> None:
    data = json.loads(
        webapp.manifest(
            name="京東金融逾期自救指南",
            short_name="京東逾期指南",
            description="說明",
            lang="zh-Hant",
            to_root="../",
            theme_color="#3f51b5",
        )
    )
    assert data["start_url"] == "./" and data["scope"] == "../" and data["lang"] == "zh-Hant"
    assert {icon["src"] for icon in data["icons"]} == {
        "../assets/app/icon-192.png",
        "../assets/app/icon-512.png",
        "../assets/app/icon.svg",
    }
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    assert len(data["short_name"]) <= 12


def test_head_tags_and_the_switch_off() -> None:
    tags = webapp.head_tags(root="../..", lang_dir="zh-Hant/", theme_color="#000", service_worker=False)
    assert '<link rel="manifest" href="../../zh-Hant/manifest.webmanifest">' in tags
    assert '<script src="../../assets/app/app.js" defer data-no-service-worker></script>' in tags
    assert "<script>" not in tags  # no inline script: the pages' CSP allows files only


def test_error_page_links_each_script_home_and_drops_alternates() -> None:
    html = (
        '<head><link rel="alternate" href="/calculators/apr/" hreflang="zh"></head><body>'
        '<a href="/calculators/apr/" hreflang="zh" class="md-select__link">简体中文</a>'
        '<a href="/zh-Hant/calculators/apr/" hreflang="zh-Hant" class="md-select__link">繁體中文</a></body>'
    )
    fixed = webapp.error_page(html, base="/guide/", default_language="zh", tags="<!--tags-->")
    assert 'rel="alternate"' not in fixed
    assert '<a href="/guide/" hreflang="zh" class="md-select__link">' in fixed
    assert '<a href="/guide/zh-Hant/" hreflang="zh-Hant" class="md-select__link">' in fixed
    assert fixed.index("<!--tags-->") < fixed.index("</head>")


def test_iframe_worker_inline_script_hash_is_what_chromium_asked_for() -> None:
    # Chromium's CSP report, from file:// with iframe-worker 1.0.4, named this hash.
    shim = (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_text(encoding="utf-8")
    script = iframe_worker.inline_script(shim, "assets/javascripts/workers/search.a7633da7.min.js")
    assert script.startswith("postMessage=function c(")
    assert iframe_worker.script_hash(script) == "'sha256-zwEeX9SHbdbsDBu4WXpwOZty5sQXKT3c7Ic+TUtFsp0='"


def test_allow_script_extends_only_script_src() -> None:
    html = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\">"
    assert "script-src 'sha256-x' 'self'" in iframe_worker.allow_script(html, "'sha256-x'")
    assert iframe_worker.allow_script("<head>", "'sha256-x'") == "<head>"
    config = '<script id="__config" type="application/json">{"search": "../assets/s.js"}</script>'
    assert iframe_worker.worker_url(config) == "../assets/s.js"


def test_launcher_uses_the_standard_library_only_and_python_3_8_syntax() -> None:
    # Readers run it with whatever Python they have (its servers are tested in test_local_servers.py).
    tree = ast.parse((PACKAGE / "launcher.py").read_text(encoding="utf-8"), feature_version=(3, 8))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported - {"__future__"} <= set(sys.stdlib_module_names)


def test_zip_holds_one_folder_and_an_executable_launcher(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "zh-Hant").mkdir(parents=True)
    for name in ("index.html", "zh-Hant/index.html", LAUNCHER):
        (site / name).write_text("x")
    with zipfile.ZipFile(make_zip(site, tmp_path / "out" / "g.zip")) as archive:
        names = archive.namelist()
        mode = archive.getinfo(f"{FOLDER}/{LAUNCHER}").external_attr >> 16
    assert {name.split("/")[0] for name in names} == {FOLDER}
    assert mode & 0o111
    with pytest.raises(FileNotFoundError):
        make_zip(tmp_path / "empty", tmp_path / "x.zip")


def test_file_message_says_how_to_start_the_launcher() -> None:
    assert LAUNCHER in UI_TEXT["file"] and "file://" in UI_TEXT["file"]
