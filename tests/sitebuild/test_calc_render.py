"""The calculators plugin in-process: a marker in a page's Markdown → the form's HTML, without a build.

The ``render`` fixture runs a page's Markdown through the plugin's ``on_page_markdown`` and then
through Markdown with mkdocs.yml's extensions, as ``mkdocs build`` does, and parses the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, make_dataclass
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any, get_args
from urllib.parse import unquote
from xml.etree import ElementTree

import markdown  # type: ignore[import-untyped]  # no stubs; used here only
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

from calculators import Calculator, Field, Output, all_calculators, get_calculator
from calculators._internal.fields import OutputKind
from mkdocs_guide.calc.contract import (
    ASSETS_DIR,
    PAGE_SCRIPT,
    PAGE_SCRIPTS,
    PROGRESS_STEPS,
    RUNTIME_DIR,
    START_MODULE,
    WORKER_MODULE,
    field_ids,
)
from mkdocs_guide.calc.plugin import CalculatorsPlugin
from mkdocs_guide.calc.precompute import form_values, precompute
from mkdocs_guide.calc.render import UI_TEXT, precomputed_slot, render_calculator
from mkdocs_guide.hant.convert import converter

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Element:
    """A start tag, its attributes and the text directly inside it."""

    tag: str
    attrs: dict[str, str | None]
    parents: tuple[str, ...]
    text: str = ""


class Tree(HTMLParser):
    """Every element of some HTML, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), tuple(e.tag for e in self._open))
        self.elements.append(element)
        if tag not in {"input", "br", "hr", "img", "meta", "link"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].text += data

    def find(self, **attrs: str | None) -> list[Element]:
        """Elements that have each attribute (with that value, unless the value given is None)."""
        names = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            e
            for e in self.elements
            if all(name in e.attrs and (value is None or e.attrs[name] == value) for name, value in names.items())
        ]

    def one(self, **attrs: str | None) -> Element:
        """The one element with these attributes."""
        found = self.find(**attrs)
        assert len(found) == 1, (attrs, found)
        return found[0]


def parse(html: str) -> Tree:
    """``html`` parsed into a :class:`Tree`."""
    tree = Tree()
    tree.feed(html)
    tree.close()
    return tree


Render = Callable[..., str]


@pytest.fixture(scope="module")
def markdown_config() -> dict[str, Any]:
    """mkdocs.yml's Markdown extensions, as mkdocs resolves them."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as text:
        extensions = yaml_load(text)["markdown_extensions"]
    config = MkDocsConfig()
    config.load_dict({"site_name": "test", "markdown_extensions": extensions})
    errors, _warnings = config.validate()
    assert errors == []
    return {"extensions": config.markdown_extensions, "extension_configs": config.mdx_configs}


@pytest.fixture
def render(tmp_path: Path, markdown_config: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Render:
    """A function: a page's Markdown → its HTML through the calculators plugin and Markdown.

    Keyword arguments: ``src`` (the page's path in docs/), ``language`` (a language the page is
    built in, as i18n does for zh-Hant: into its folder, and converted by the hant plugin after
    the calculators plugin) and ``options`` (the plugin's).
    """

    def run(
        text: str, *, src: str = "calculators/overdue.md", language: str = "", options: dict[str, Any] | None = None
    ) -> str:
        plugin = CalculatorsPlugin()
        errors, _warnings = plugin.load_config({"snapshot": False, **(options or {})})
        assert errors == []
        (tmp_path / "docs").mkdir(exist_ok=True)
        config = MkDocsConfig()
        config.load_dict({"site_name": "test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
        errors, _warnings = config.validate()
        assert errors == []
        plugin.on_config(config)
        if language:  # i18n builds a language into a folder of the site, with the same plugins
            config["site_dir"] = str(tmp_path / "site" / language)
            monkeypatch.setattr("mkdocs_guide.calc.plugin.current_language", lambda config: language)
        page_file = File(src, config.docs_dir, config.site_dir, use_directory_urls=True)
        page = Page(None, page_file, config)
        # The site's other pages, which calculators' steps link to.
        others = [
            File(path.relative_to(ROOT / "docs").as_posix(), config.docs_dir, config.site_dir, use_directory_urls=True)
            for path in sorted((ROOT / "docs").rglob("*.md"))
            if path.relative_to(ROOT / "docs").as_posix() != src
        ]
        converted = plugin.on_page_markdown(text, page=page, config=config, files=Files([page_file, *others]))
        if language == "zh-Hant":  # the hant plugin converts the page's Markdown, form included
            converted = converter().convert(converted)
        html: str = markdown.Markdown(**markdown_config).convert(converted)
        return html

    return run


def _demo(title: str, fields: tuple[Field, ...], outputs: tuple[Output, ...]) -> Calculator[Any, Any]:
    """A calculator declared in the test, with inputs and results named after its fields and outputs."""
    inputs = make_dataclass("DemoInputs", [(spec.name, Any) for spec in fields], frozen=True)
    results = make_dataclass("DemoResults", [(spec.name, Any) for spec in outputs], frozen=True)
    return Calculator("demo", title, "", fields, outputs, inputs, results, lambda values: results())


PAGE = "# 逾期罚息\n\n说明文字。\n\n<!-- calculator: {name} -->\n\n## 算例 {{#examples}}\n\n一段算例。\n"


@pytest.mark.parametrize("calculator", all_calculators(), ids=lambda calc: calc.name)
def test_each_field_has_its_label_help_and_error_ids(render: Render, calculator: Calculator[Any, Any]) -> None:
    tree = parse(render(PAGE.format(name=calculator.name), src=f"calculators/{calculator.name}.md"))
    for spec in calculator.fields:
        ids = field_ids(calculator.name, spec.name)
        control = tree.one(name=spec.name)
        assert control.attrs["id"] == ids.control
        assert control.attrs["aria-describedby"] == ids.described_by
        assert tree.one(id=ids.help).tag == tree.one(id=ids.error).tag == "p"
        assert "hidden" in tree.one(id=ids.error).attrs
        labels = [e for e in tree.elements if e.tag == "label" and e.attrs.get("for") == ids.control]
        assert len(labels) == 1
        assert tree.one(data_field=spec.name).tag == "div"


@pytest.mark.parametrize("calculator", all_calculators(), ids=lambda calc: calc.name)
def test_each_output_says_its_kind(render: Render, calculator: Calculator[Any, Any]) -> None:
    tree = parse(render(PAGE.format(name=calculator.name), src=f"calculators/{calculator.name}.md"))
    assert len(tree.find(data_output=None)) == len(calculator.outputs)
    for spec in calculator.outputs:
        assert tree.one(data_output=spec.name).attrs["data-kind"] == spec.kind


def test_every_output_kind_is_rendered_with_its_kind() -> None:
    outputs = tuple(
        Output(kind, kind, kind, columns=(("a", "A"),), targets=(("overdue", "→"),), filename="x.csv")
        for kind in get_args(OutputKind)
    )
    demo = _demo("演示", (Field("x", "数", "decimal"),), outputs)
    tree = parse(render_calculator(demo, ".."))
    assert {(e.attrs["data-output"], e.attrs["data-kind"]) for e in tree.find(data_output=None)} == {
        (kind, kind) for kind in get_args(OutputKind)
    }


def test_only_personal_fields_are_marked_personal(render: Render) -> None:
    for calculator in all_calculators():
        tree = parse(render(PAGE.format(name=calculator.name), src=f"calculators/{calculator.name}.md"))
        marked = {e.attrs["name"] for e in tree.find(data_personal=None)}
        assert marked == {spec.name for spec in calculator.fields if spec.personal}, calculator.name
        if calculator.name in {"letter", "pack"}:  # the two that ask for a name and a story
            assert {"name", "contact", "reason_detail"} <= marked
        else:
            assert not marked, calculator.name


def test_submitting_without_the_page_script_goes_nowhere(render: Render) -> None:
    # A form without a method would GET the page with every field (a name, a phone) in its URL.
    for calculator in all_calculators():
        tree = parse(render(PAGE.format(name=calculator.name), src=f"calculators/{calculator.name}.md"))
        [form] = [e for e in tree.elements if e.tag == "form"]
        assert form.attrs.get("method") == "dialog", calculator.name
        assert "action" not in form.attrs, calculator.name
        # A browser without method="dialog" reads GET: the default button starts disabled, so Enter submits nothing.
        [submit] = [e for e in tree.elements if e.tag == "button" and e.attrs.get("type") == "submit"]
        assert "disabled" in submit.attrs, calculator.name


def test_a_field_for_some_kinds_says_so_and_starts_hidden_unless_the_default_kind_is_one(render: Render) -> None:
    letter = get_calculator("letter")
    tree = parse(render(PAGE.format(name="letter"), src="calculators/letter.md"))
    for spec in letter.fields:
        wrapper = tree.one(data_field=spec.name)
        if spec.when is None:
            assert "data-when-field" not in wrapper.attrs and "hidden" not in wrapper.attrs, spec.name
            continue
        assert wrapper.attrs["data-when-field"] == "kind"
        assert wrapper.attrs["data-when-values"] == " ".join(spec.when.values)
        assert ("hidden" in wrapper.attrs) == ("negotiation" not in spec.when.values), spec.name
    assert "hidden" in tree.one(data_field="incidents").attrs
    assert "hidden" not in tree.one(data_field="amount").attrs


def test_paths_are_relative_to_the_site_root(render: Render) -> None:
    tree = parse(render(PAGE.format(name="overdue")))
    assert tree.one(data_calculator="overdue").attrs["data-runtime"] == f"../../{RUNTIME_DIR}/"
    assert tree.one(type="module").attrs["src"] == f"../../{ASSETS_DIR}/{PAGE_SCRIPT}"


def test_paths_from_a_language_folder_lead_to_the_one_runtime(render: Render) -> None:
    tree = parse(render(PAGE.format(name="overdue"), language="zh-Hant"))
    assert tree.one(data_calculator="overdue").attrs["data-runtime"] == f"../../../{RUNTIME_DIR}/"
    assert tree.one(type="module").attrs["src"] == f"../../../{ASSETS_DIR}/{PAGE_SCRIPT}"


def test_the_progress_bar_and_messages_follow_the_steps(render: Render) -> None:
    tree = parse(render(PAGE.format(name="overdue")))
    bar = tree.one(data_progress=None)
    assert bar.tag == "progress"
    assert bar.attrs["data-progress"] == " ".join(PROGRESS_STEPS)
    assert bar.attrs["max"] == str(len(PROGRESS_STEPS) + 1)  # each step, then ready
    root = tree.one(data_calculator="overdue")
    for number, step in enumerate(PROGRESS_STEPS, start=1):
        assert f"（{number}/{len(PROGRESS_STEPS)} " in UI_TEXT[f"progress-{step}"]
    for key, text in UI_TEXT.items():
        assert root.attrs[f"data-msg-{key}"] == text


def test_markdown_keeps_the_block_whole_and_the_page_around_it(render: Render) -> None:
    html = render(PAGE.format(name="overdue"))
    tree = parse(html)
    root = tree.one(data_calculator="overdue")
    assert "p" not in root.parents  # not wrapped in a paragraph
    assert len(tree.find(novalidate=None)) == 1
    # The page's own headings, around the block (its result headings sit inside it).
    assert [e.tag for e in tree.elements if e.tag in {"h1", "h2"} and not e.parents] == ["h1", "h2"]
    assert tree.one(id="examples").tag == "h2"
    assert "说明文字。" in html and "一段算例。" in html
    assert html.index("说明文字。") < html.index('data-calculator="overdue"') < html.index("一段算例。")


def test_ids_are_unique_on_a_page_with_every_calculator(render: Render) -> None:
    text = "\n\n".join(f"<!-- calculator: {calc.name} -->" for calc in all_calculators())
    tree = parse(render(text, src="calculators/index.md"))
    ids = [e.attrs["id"] for e in tree.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    assert len(tree.find(data_calculator=None)) == len(all_calculators())


@pytest.mark.parametrize(
    "line",
    [
        "text before <!-- calculator: overdue -->",
        "<!-- calculator: overdue --> and after",
        "    <!-- calculator: overdue -->",
        "<!-- calculators: overdue -->",
    ],
)
def test_only_a_marker_on_its_own_line_is_replaced(render: Render, line: str) -> None:
    assert "data-calculator" not in render(f"# 标题\n\n{line}\n")


def test_a_marker_with_spaces_is_replaced(render: Render) -> None:
    assert 'data-calculator="overdue"' in render("<!--calculator:overdue-->\n\n<!--   calculator:   overdue   -->  \n")


def test_an_unknown_calculator_names_the_page(render: Render) -> None:
    with pytest.raises(PluginError, match=r"calculators/overdue\.md: no calculator named 'nothing'"):
        render("<!-- calculator: nothing -->\n")


def test_disabled_plugin_leaves_the_marker(render: Render) -> None:
    html = render(PAGE.format(name="overdue"), options={"enabled": False})
    assert "<!-- calculator: overdue -->" in html and "data-calculator" not in html


def test_reader_visible_text_from_a_declaration_is_escaped() -> None:
    hostile = '<b onclick="x">&amp;"'
    demo = _demo(
        hostile,
        (
            Field("x", hostile, "decimal", unit=hostile, help=hostile, default=hostile),
            Field("c", hostile, "choice", choices=(("a", hostile),), default="a"),
            Field("t", hostile, "text", max_length=300, default=hostile),
        ),
        (Output("y", hostile, "money", unit=hostile), Output("z", hostile, "text")),
    )
    tree = parse(render_calculator(demo, ".."))
    assert not [e for e in tree.elements if e.tag == "b"]
    assert tree.one(name="x").attrs["value"] == hostile
    assert tree.one(name="t").text == hostile
    assert any(e.tag == "label" and hostile in e.text for e in tree.elements)


def test_the_page_scripts_are_the_plugins_assets() -> None:
    assets = resources.files("mkdocs_guide.calc").joinpath("assets")
    assert {item.name for item in assets.iterdir()} == set(PAGE_SCRIPTS)
    # The page script names its module and its worker's as literals (an import must): the same names.
    page = assets.joinpath(PAGE_SCRIPT).read_text(encoding="utf-8")
    assert f'from "./{START_MODULE}";' in page
    assert f'new Worker(new URL("{WORKER_MODULE}", import.meta.url)' in page


def test_long_free_text_is_a_textarea_that_says_its_limit(render: Render) -> None:
    tree = parse(render(PAGE.format(name="letter"), src="calculators/letter.md"))
    detail = get_calculator("letter").field("reason_detail")
    assert tree.one(name="reason_detail").tag == "textarea"
    assert tree.one(name="reason_detail").attrs["maxlength"] == str(detail.max_length)
    assert tree.one(name="name").tag == "input"


def test_steps_get_each_linked_pages_url_from_the_build(render: Render) -> None:
    import json

    from calculators.plan import GUIDE_PAGES

    for language in ("", "zh-Hant"):
        tree = parse(render("<!-- calculator: plan -->", src="calculators/plan.md", language=language))
        pages = json.loads(tree.one(data_output="steps").attrs["data-pages"] or "")
        assert set(pages) == set(GUIDE_PAGES)
        assert pages["stages.md"] == "../../stages/"
        assert pages["calculators/deadline.md"] == "../deadline/"
    assert tree.one(data_calculator="plan").attrs["data-packages"] == "chinesecalendar"
    assert tree.one(data_calculator="plan").attrs["data-packages-later"] == "icalendar"
    assert tree.one(data_output="ics").attrs["data-media-type"] == "text/calendar;charset=utf-8"
    # Where the page says the file, answered later, is on its way; an output answered at once has none.
    assert "hidden" in tree.one(data_pending_note="ics").attrs
    overdue = parse(render(PAGE.format(name="overdue"), src="calculators/overdue.md"))
    assert "data-packages-later" not in overdue.one(data_calculator="overdue").attrs
    assert not overdue.find(data_pending_note=None)


def _shown(tree: Tree, calc: Calculator[Any, Any]) -> dict[str, Any]:
    """What each output of a rendered calculator holds, as ``calculators.run`` gives it (``None``: nothing)."""
    shown: dict[str, Any] = {}
    for spec in calc.outputs:
        element = tree.one(data_output=spec.name)
        if spec.kind == "table":  # one table a calculator
            keys = [key for key, _label in spec.columns]
            cells = [e.text for e in tree.elements if e.tag == "td"]
            rows = [dict(zip(keys, cells[i : i + len(keys)], strict=True)) for i in range(0, len(cells), len(keys))]
            shown[spec.name] = rows or None
        elif spec.kind == "link":
            bases = {f"../{target}/" for target, _text in spec.targets}
            hrefs = {e.attrs["href"] for e in tree.elements if e.tag == "a" and e.attrs.get("data-base") in bases}
            queries = {href.partition("?")[2] for href in hrefs if href}
            assert len(queries) == 1 and ("hidden" in element.attrs) == (queries == {""})
            shown[spec.name] = queries.pop() or None
        elif spec.kind == "download":
            href = element.attrs.get("href")
            assert ("hidden" in element.attrs) == (href is None)
            prefix = "data:text/csv;charset=utf-8,"
            shown[spec.name] = unquote(href.removeprefix(prefix)).removeprefix("\ufeff") if href else None
        elif spec.kind == "svg":
            svg = [e for e in tree.elements if e.tag == "svg"]
            shown[spec.name] = svg[0].attrs.get("aria-label") if svg else None
        else:
            shown[spec.name] = element.text or None
    return shown


def _as_shown(calc: Calculator[Any, Any], outputs: dict[str, Any]) -> dict[str, Any]:
    # The chart is compared by its description, which names its figures.
    return {
        spec.name: (
            ElementTree.fromstring(outputs[spec.name]).get("aria-label")
            if spec.kind == "svg" and outputs[spec.name]
            else outputs[spec.name]
        )
        for spec in calc.outputs
    }


@pytest.mark.parametrize("language", ["", "zh-Hant"])
@pytest.mark.parametrize("calculator", all_calculators(), ids=lambda calc: calc.name)
def test_the_outputs_hold_the_defaults_result_in_the_pages_script(
    render: Render, calculator: Calculator[Any, Any], language: str
) -> None:
    tree = parse(render(PAGE.format(name=calculator.name), src=f"calculators/{calculator.name}.md", language=language))
    if calculator.uses_today:  # a result of the build's day must never look like today's
        assert set(_shown(tree, calculator).values()) == {None}
        return
    expected = precompute(calculator, form_values(calculator), language or "zh").result
    assert expected["ok"]
    assert _shown(tree, calculator) == _as_shown(calculator, expected["outputs"])


def test_results_are_text_and_survive_markdown_and_the_conversion() -> None:
    hostile = '<b onclick="x">&amp;"\n\n# 标题\n\n简体'
    demo = _demo(
        "演示",
        (Field("x", "数", "decimal"),),
        # Labels in ASCII: they are the page's own text, which the conversion is meant to change.
        (Output("y", "Y", "money"), Output("z", "Z", "text"), Output("t", "T", "table", columns=(("a", "A"),))),
    )
    html = render_calculator(demo, "..", {"y": hostile, "z": hostile, "t": [{"a": hostile}]})
    assert "\n" not in html  # one HTML block for Markdown
    results = html[html.index("<dl") : html.index("</section>")]
    assert "&#" in results and converter().convert(results) == results  # as computed, in their script
    tree = parse(html)
    assert not [e for e in tree.elements if e.tag in {"b", "h1"}]
    assert tree.one(data_output="y").text == tree.one(data_output="z").text == hostile
    assert [e.text for e in tree.elements if e.tag == "td"] == [hostile]


def test_no_result_leaves_the_outputs_empty_and_the_links_hidden() -> None:
    instalment = get_calculator("instalment")
    tree = parse(render_calculator(instalment, ".."))
    for spec in instalment.outputs:
        element = tree.one(data_output=spec.name)
        if spec.kind in {"link", "download"}:  # their text is their label
            assert "hidden" in element.attrs
        else:
            assert element.text == ""
    assert not [e for e in tree.elements if e.tag == "svg" or (e.tag == "tr" and "tbody" in e.parents)]


def test_a_values_unit_is_its_own_span_after_the_output() -> None:
    # calculators.css hides the span while the output is empty: no bare "%" or "天" without a number.
    outputs = (
        Output("p", "率", "percent", unit="%"),
        Output("d", "天数", "number", unit="天"),
        Output("n", "数", "number"),
    )
    html = render_calculator(_demo("演示", (Field("x", "数", "decimal"),), outputs), "..")
    assert '</output><span class="calculator__value-unit">%</span></dd>' in html
    assert '</output><span class="calculator__value-unit"> 天</span></dd>' in html
    assert '<output data-output="n" data-kind="number" data-search-exclude></output></dd>' in html


def test_a_chart_that_is_not_svg_is_refused() -> None:
    demo = _demo("演示", (Field("x", "数", "decimal"),), (Output("c", "图", "svg"),))
    with pytest.raises(ValueError, match="not an SVG chart"):
        render_calculator(demo, "..", {"c": "<div>图</div>"})


def test_the_precomputed_results_have_their_place_in_the_block() -> None:
    html = render_calculator(get_calculator("overdue"), "..")
    assert html.count(precomputed_slot("overdue")) == 1
    assert html.index(precomputed_slot("overdue")) < html.index('<script type="module"')
