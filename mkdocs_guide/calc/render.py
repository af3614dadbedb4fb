"""The HTML form of a calculator, rendered at build time from its Python declaration.

The form is real HTML with labels, so the page reads and the fields can be
filled before (or without) JavaScript; ``calculator.js`` then connects it to
the Python worker.  The markup is one block with no blank lines, so that
Markdown passes it through untouched.

Everything the page script needs to know is written here into data attributes:
the runtime's folder, the loading steps, each output's kind, which fields are
personal, which apply only to some values of a choice, and every text it shows.

A result the build computed ahead (:mod:`.precompute`) is written into the
outputs as the page script would show it, so the page shows a worked answer at
first paint, before and without the engine.  Its text is ASCII with numeric
character references: the zh-Hant build converts the page's Markdown, form
included, but a result is already in the script it was computed in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

from calculators import BOOLEAN_WORDS, Calculator, Field, Output, parse_field

from .contract import ASSETS_DIR, PAGE_SCRIPT, PROGRESS_STEPS, RUNTIME_DIR, START_MODULE, field_ids

__all__ = [
    "TRUE_WORDS",
    "UI_TEXT",
    "is_textarea",
    "precomputed_block",
    "precomputed_slot",
    "render_calculator",
]

#: What each step of :data:`~mkdocs_guide.calc.contract.PROGRESS_STEPS` loads.
_PROGRESS_TEXT = {"runtime": "Python 运行环境", "package": "计算器"}

#: Texts the page script shows, in simplified Chinese (the zh-Hant build converts them).
UI_TEXT = {
    "loading": "正在加载计算引擎…",
    **{
        f"progress-{step}": f"正在加载计算引擎…（{number}/{len(PROGRESS_STEPS)} {_PROGRESS_TEXT[step]}）"
        for number, step in enumerate(PROGRESS_STEPS, start=1)
    },
    "ready": "计算引擎已就绪，修改数字会立即重新计算。",
    "computing": "正在计算…",
    # A result the build computed (precompute.py) is on screen, for the inputs on screen.
    "precomputed": "下面的结果是按上面这组数字预先算好的。只有修改数字重新计算时，才需要计算引擎。",
    "precomputed-failed": (
        "下面的结果是按上面这组数字预先算好的。只有修改数字重新计算时，才需要计算引擎，"
        "但它没能加载（可能是网络中断或文件被拦截）。"
    ),
    "failed": "计算引擎没能加载（可能是网络中断或文件被拦截）。页面上的文字不受影响。",
    "slow": "计算引擎加载得比平时慢，可能是网络较慢。可以继续等待，或点“重试”。",
    "timeout": "这次计算用时过长，已停止并重新启动计算引擎。请检查输入的数字后再试。",
    "crashed": "计算器出了错，没能算出结果。请换一组数字再试；如果一直出错，请告诉我们。",
    # An output answered after the rest (Output.packages): its package loads after the first answer.
    "pending": "这个文件还在准备（要再加载一个组件），稍候就可以下载。",
    "pending-failed": (
        "这个文件没能准备好：要用的组件没能加载（可能是网络中断）。上面的结果不受影响，刷新页面可以再试。"
    ),
    "retry": "重试",
    "errors": "请修改以下输入：",
    # Only the offline bundle is opened from file://; its launcher serves it on 127.0.0.1.
    "file": (
        "浏览器不允许计算器直接从本地文件（file://）运行。请运行离线包文件夹里的 serve_offline.py"
        "（电脑上需装有 Python 3）：双击它，或在该文件夹中打开终端输入 python3 serve_offline.py，"
        "它会在本机打开浏览器，计算器即可使用。"
    ),
}


_VALUE_KINDS = {"money", "percent", "number"}


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


#: The words a query string may use to tick a checkbox, for calculator.js's prefill (fields.BOOLEAN_WORDS).
TRUE_WORDS = " ".join(word for word, value in BOOLEAN_WORDS.items() if value)


def is_textarea(spec: Field) -> bool:
    """Whether the field is a ``<textarea>`` (long free text), not an ``<input>``."""
    return spec.kind == "text" and spec.max_length > 80


def _input(calc: Calculator[Any, Any], spec: Field) -> str:
    ids = field_ids(calc.name, spec.name)
    personal = " data-personal" if spec.personal else ""
    common = f'id="{ids.control}" name="{_attr(spec.name)}" aria-describedby="{ids.described_by}"{personal}'
    if spec.kind == "boolean":
        checked = " checked" if parse_field(spec, spec.default) is True else ""
        return f'<input type="checkbox" value="true" data-true-words="{_attr(TRUE_WORDS)}" {common}{checked}>'
    if spec.kind == "choice":
        options = "".join(
            f'<option value="{_attr(value)}"{" selected" if value == spec.default else ""}>{escape(label)}</option>'
            for value, label in spec.choices
        )
        return f"<select {common}>{options}</select>"
    if is_textarea(spec):
        return f'<textarea {common} rows="3" maxlength="{spec.max_length}">{escape(spec.default)}</textarea>'
    mode = {"integer": "numeric", "money": "decimal", "decimal": "decimal", "date": "numeric"}.get(spec.kind, "text")
    placeholder = ' placeholder="2024-01-15"' if spec.kind == "date" else ""
    required = " required" if spec.required else ""
    return (
        f'<input type="text" inputmode="{mode}" autocomplete="off" spellcheck="false" {common}'
        f' value="{_attr(spec.default)}"{placeholder}{required}>'
    )


def _field(calc: Calculator[Any, Any], spec: Field) -> str:
    ids = field_ids(calc.name, spec.name)
    unit = f'<span class="calculator__unit">（{escape(spec.unit)}）</span>' if spec.unit else ""
    optional = (
        '<span class="calculator__optional">（选填）</span>' if not spec.required and spec.kind != "boolean" else ""
    )
    label = f'<label for="{ids.control}">{escape(spec.label)}{unit}{optional}</label>'
    control = _input(calc, spec)
    parts = [control, label] if spec.kind == "boolean" else [label, control]
    help_text = f'<p class="calculator__help" id="{ids.help}">{escape(spec.help)}</p>'
    error = f'<p class="calculator__field-error" id="{ids.error}" hidden></p>'
    kind = f"calculator__field calculator__field--{spec.kind}"
    attrs = f'class="{kind}" data-field="{_attr(spec.name)}"{_when(calc, spec)}'
    return f"<div {attrs}>{''.join(parts)}{help_text}{error}</div>"


def _when(calc: Calculator[Any, Any], spec: Field) -> str:
    """The field's ``when`` for calculator.js, and ``hidden`` if it does not apply to the form's default."""
    if spec.when is None:
        return ""
    switch = calc.field(spec.when.field)
    hidden = "" if parse_field(switch, switch.default) in spec.when.values else " hidden"
    return f' data-when-field="{_attr(switch.name)}" data-when-values="{_attr(" ".join(spec.when.values))}"{hidden}'


def _ascii(html: str) -> str:
    # Numeric references for everything but printable ASCII: the zh-Hant conversion of the
    # page leaves them alone, and no line break can end Markdown's HTML block.
    return "".join(char if " " <= char <= "~" else f"&#{ord(char)};" for char in html)


def _text(value: object) -> str:
    """A value as HTML text (never markup), in ASCII; ``None`` is empty, as in the page script."""
    return _ascii(escape("" if value is None else str(value), quote=True))


#: The SVG namespace, which a chart's root must be in (the page script parses it as SVG too).
_SVG = "{http://www.w3.org/2000/svg}svg"


def _svg(markup: str) -> str:
    # Python draws the chart from numbers; like the page script's DOMParser, read it as XML.
    if ElementTree.fromstring(markup).tag != _SVG:
        raise ValueError(f"not an SVG chart: {markup[:80]!r}")
    return _ascii(markup)


def _data_url(media_type: str, text: str) -> str:
    # The page script makes a blob of the same bytes; a CSV's BOM lets spreadsheets read UTF-8.
    bom = "\ufeff" if media_type.startswith("text/csv") else ""
    return f"data:{media_type}," + quote(bom + text, safe="")


def _output(spec: Output, value: Any = None, page_url: Callable[[str], str] | None = None) -> str:
    # Every output says its kind: the page script shows each kind its own way. A value (a result
    # computed by the build) is shown here the same way.
    name = f'data-output="{_attr(spec.name)}" data-kind="{_attr(spec.kind)}"'
    # A result is not what the page is found by: search skips it (the labels stay indexed).
    found_by = name if spec.kind in {"link", "download"} else f"{name} data-search-exclude"
    label = escape(spec.label)
    unit = f" {escape(spec.unit)}" if spec.unit and spec.unit != "%" else ""
    percent = "%" if spec.unit == "%" else ""
    # After the output, in its own span, which calculators.css hides while the output is empty.
    shown_unit = f'<span class="calculator__value-unit">{percent}{unit}</span>' if percent or unit else ""
    if spec.kind == "table":
        head = "".join(f'<th scope="col">{escape(text)}</th>' for _key, text in spec.columns)
        keys = [key for key, _text in spec.columns]
        cells = ("".join(f"<td>{_text(row.get(key))}</td>" for key in keys) for row in value or ())
        rows = "".join(f"<tr>{row}</tr>" for row in cells)
        return (
            f'<div class="calculator__table"><table><caption>{label}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody {found_by} data-columns="{_attr(",".join(keys))}">{rows}</tbody></table></div>'
        )
    if spec.kind == "link":
        # Calculator pages are siblings (/calculators/NAME/), in either script.
        query = f"?{value}" if value else ""
        links = "".join(
            f'<a class="md-button" data-base="../{_attr(target)}/" href="../{_attr(target)}/{_text(query)}">'
            f"{escape(text)}</a>"
            for target, text in spec.targets
        )
        return f'<p class="calculator__links" {name}{"" if value else " hidden"}>{links}</p>'
    if spec.kind == "download":
        shown = f' href="{_data_url(spec.media_type, value)}"' if value else " hidden"
        # Where the page says a file answered later (Output.packages) is on its way.
        note = f'<span class="calculator__pending" data-pending-note="{_attr(spec.name)}" hidden></span>'
        return (
            f'<p class="calculator__links"><a class="md-button" {name} data-media-type="{_attr(spec.media_type)}"'
            f' download="{_attr(spec.filename)}"{shown}>{label}</a>{note if spec.packages else ""}</p>'
        )
    if spec.kind == "steps":
        # The guide pages its steps may link to, resolved by the build for this page's script and URL style
        # (rendered outside a build, without page_url, the steps show no links).
        pages = {path: page_url(path) for path in spec.pages} if page_url else {}
        return (
            f'<div class="calculator__block calculator__block--steps"><h2>{label}</h2>'
            f'<ol {name} data-pages="{_attr(json.dumps(pages, ensure_ascii=False, sort_keys=True))}"></ol>'
            '<p class="calculator__links"><button type="button" class="md-button" data-print>打印这份清单</button></p>'
            "</div>"
        )
    if spec.kind in {"text", "svg"}:
        content = _svg(value) if spec.kind == "svg" and value else _text(value)
        return (
            f'<div class="calculator__block calculator__block--{spec.kind}"><h2>{label}</h2>'
            f"<div {found_by}>{content}</div></div>"
        )
    return (
        f'<div class="calculator__value"><dt>{label}</dt><dd><output {found_by}>{_text(value)}</output>'
        f"{shown_unit}</dd></div>"
    )


def precomputed_slot(name: str) -> str:
    """Where a calculator's block of precomputed results goes, until the plugin has them all.

    ASCII, so the zh-Hant conversion keeps it; the plugin replaces it with
    :func:`precomputed_block` once every page's links are known.
    """
    return f"<!-- precomputed results: {name} -->"


def precomputed_block(entries: Sequence[Mapping[str, Any]]) -> str:
    """The results the build computed for a calculator, as a JSON data block for the page script.

    Args:
        entries: ``{"values": {field: text}, "outputs": {output: value}}`` each.

    Returns:
        A ``<script type="application/json">`` element: data, never run (the page's CSP
        does not list it), and no ``</script>`` or comment can end or open inside it.
    """
    data = json.dumps(list(entries), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" data-precomputed>{data}</script>'


def render_calculator(
    calc: Calculator[Any, Any],
    site_root: str,
    outputs: Mapping[str, Any] | None = None,
    page_url: Callable[[str], str] | None = None,
) -> str:
    """The whole calculator block for a page.

    Args:
        calc: the calculator's declaration.
        site_root: the page-relative URL of the site's root, without a final
            slash (``..`` for ``/calculators/``, ``../../..`` in a language folder).
        outputs: the result for the form's defaults, computed by the build
            (``calculators.run``'s ``outputs``), shown in the output elements;
            ``None`` leaves them empty.
        page_url: a guide page's path below ``docs/`` → its URL relative to this page, for
            ``steps`` outputs, whose links name pages by path (the build always gives it).

    Returns:
        One HTML block (no blank lines) with ``data-calculator``, the form,
        a status line, an alert region, the output elements and the slot of
        the precomputed results' data block.
    """
    script_url, imported_url = (f"{site_root}/{ASSETS_DIR}/{name}" for name in (PAGE_SCRIPT, START_MODULE))
    runtime_url = f"{site_root}/{RUNTIME_DIR}/"
    messages = " ".join(f'data-msg-{key}="{_attr(text)}"' for key, text in UI_TEXT.items())
    # The worker loads these (names in the site's Pyodide lock) before this calculator's first run,
    # and the later ones after it.
    packages = f' data-packages="{_attr(" ".join(calc.packages))}"' if calc.packages else ""
    if calc.later_packages:
        packages += f' data-packages-later="{_attr(" ".join(calc.later_packages))}"'
    fields = "".join(_field(calc, spec) for spec in calc.fields)
    shown = outputs or {}
    rendered = {spec.name: _output(spec, shown.get(spec.name), page_url) for spec in calc.outputs}
    values = "".join(rendered[spec.name] for spec in calc.outputs if spec.kind in _VALUE_KINDS)
    blocks = "".join(rendered[spec.name] for spec in calc.outputs if spec.kind not in _VALUE_KINDS)
    return (
        f'<div class="calculator" data-calculator="{_attr(calc.name)}" data-runtime="{_attr(runtime_url)}"{packages}'
        f" {messages}>"
        # Submitted without calculator.js (blocked, failed, scripts off), the form must go nowhere,
        # rather than GET the page with every field, a name or phone number included, in its URL,
        # the history and the host's logs. method="dialog" does nothing outside a <dialog>; a browser
        # older than it reads GET, so the submit button also starts disabled (calculator.js enables
        # it): with the default button disabled, Enter submits nothing, in any browser.
        f'<form class="calculator__form" method="dialog" novalidate aria-label="{_attr(calc.title)}">{fields}'
        '<p class="calculator__actions">'
        '<button type="submit" class="md-button md-button--primary" disabled>计算</button></p>'
        "</form>"
        '<div class="calculator__status" role="status" aria-live="polite"><span data-status></span>'
        f'<progress data-progress="{_attr(" ".join(PROGRESS_STEPS))}" max="{len(PROGRESS_STEPS) + 1}" value="0" hidden>'
        "</progress>"
        '<button type="button" class="md-button" data-retry hidden></button></div>'
        '<div class="calculator__errors" role="alert" hidden></div>'
        '<section class="calculator__results" aria-label="计算结果">'
        f'<dl class="calculator__values">{values}</dl>{blocks}</section>'
        f"{precomputed_slot(calc.name)}"
        '<noscript><p class="calculator__noscript">'
        "这个计算器需要启用 JavaScript 才能计算；页面上的说明和算例不受影响。</p></noscript>"
        # What the script imports, fetched with it rather than once it has arrived and been parsed.
        f'<link rel="modulepreload" href="{_attr(imported_url)}">'
        # async: it runs as soon as it arrives, not after the whole page and Material's bundle,
        # so the worker starts sooner (README, "Each change's measured effect").
        f'<script type="module" async src="{_attr(script_url)}"></script>'
        "</div>"
    )
