"""The Content-Security-Policy code on its own: each page's ``<meta>``, the site's ``_headers`` file."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_guide.pages import csp
from mkdocs_guide.pages.plugin import PagesPlugin
from mkdocs_guide.publish import launcher

# sha256 of the script bodies, base64, as a browser's CSP report names them.
ALERT = "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
VAR = "'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='"
PAGE = (
    "<html><head><title>t</title><script>alert(1)</script>"
    '<script id="__config" type="application/json">{"a": 1}</script>'
    '<script src="x.js"></script><script type="module">var a=1</script>'
    "<script>alert(1)</script></head><body></body></html>"
)


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def test_inline_scripts_are_allowed_by_hash_and_nothing_else_runs() -> None:
    policy = _directives(csp.content_security_policy(PAGE))
    assert policy["script-src"] == ["'self'", *sorted([ALERT, VAR])]  # once each; not the JSON block, not src=
    assert policy["default-src"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert policy["connect-src"] == policy["worker-src"] == ["'self'"]
    assert not any(
        "unsafe-inline" in value for name, values in policy.items() if name != "style-src-attr" for value in values
    )


def test_only_calculator_pages_may_compile_webassembly() -> None:
    assert "'wasm-unsafe-eval'" not in csp.content_security_policy(PAGE)
    calculator = PAGE.replace("<body>", '<body><div data-calculator="overdue">')
    assert "'wasm-unsafe-eval'" in _directives(csp.content_security_policy(calculator))["script-src"]


def test_the_meta_tag_comes_first_in_the_head_and_reads_back() -> None:
    html = csp.add_content_security_policy(PAGE)
    assert html.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="default-src')
    assert csp.page_policy(html) == csp.content_security_policy(PAGE)
    assert csp.add_content_security_policy("<p>no head</p>") == "<p>no head</p>"
    assert csp.page_policy(PAGE) is None


def test_site_policy_allows_what_any_page_allows_and_adds_header_only_directives() -> None:
    content = csp.content_security_policy(PAGE.replace("alert(1)", "x()"))
    calculator = csp.content_security_policy(PAGE.replace("<body>", '<body data-calculator="x">'))
    site = _directives(csp.site_policy([content, calculator, content]))
    assert site["script-src"][0] == "'self'"
    assert sorted(site["script-src"]) == sorted(
        {*_directives(content)["script-src"], *_directives(calculator)["script-src"]}
    )
    assert len(site["script-src"]) == len(set(site["script-src"]))
    assert site["frame-ancestors"] == ["'none'"]  # ignored in a <meta>, so only here
    assert "frame-ancestors" not in _directives(content)
    with pytest.raises(ValueError, match="no page"):
        csp.site_policy([])


def test_headers_file_is_netlifys_format_for_every_path() -> None:
    text = csp.headers_file("default-src 'none'")
    assert text.splitlines() == [
        "/*",
        "  Content-Security-Policy: default-src 'none'",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
    ]
    assert launcher.header_rules(text)[0][1][0] == ("Content-Security-Policy", "default-src 'none'")


def test_site_headers_come_from_every_built_page(tmp_path: Path) -> None:
    assert csp.site_headers(tmp_path) is None  # no page carries a policy: no file
    (tmp_path / "zh-Hant").mkdir()
    (tmp_path / "index.html").write_text(csp.add_content_security_policy(PAGE), encoding="utf-8")
    other = PAGE.replace("alert(1)", "other()").replace("<body>", '<body data-calculator="x">')
    (tmp_path / "zh-Hant" / "404.html").write_text(csp.add_content_security_policy(other), encoding="utf-8")
    (tmp_path / "plain.html").write_text("<p>none</p>", encoding="utf-8")
    text = csp.site_headers(tmp_path)
    assert text is not None
    policy = _directives(dict(launcher.header_rules(text)[0][1])["Content-Security-Policy"])
    assert {ALERT, VAR, "'wasm-unsafe-eval'"} <= set(policy["script-src"])
    assert set(_directives(csp.content_security_policy(other))["script-src"]) <= set(policy["script-src"])


def _plugin(**options: object) -> PagesPlugin:
    plugin = PagesPlugin()
    errors, _warnings = plugin.load_config(options)
    assert errors == []
    return plugin


def test_the_404_template_gets_its_policy_too() -> None:
    # 404.html is rendered from a template, not a page: on_post_page never sees it.
    config = MkDocsConfig()
    html = _plugin().on_post_template(PAGE, template_name="404.html", config=config)
    assert csp.page_policy(html) == csp.content_security_policy(PAGE)
    assert _plugin().on_post_template(PAGE, template_name="sitemap.xml", config=config) == PAGE
    assert (
        _plugin(content_security_policy=False).on_post_template(PAGE, template_name="404.html", config=config) == PAGE
    )
