"""The site's Content-Security-Policy: a ``<meta>`` tag per page, and the same policy as HTTP headers.

Everything comes from the site itself.  Material's few inline scripts are
allowed by their sha256, computed from the page as built, so no
``'unsafe-inline'`` is needed; calculator pages also get what Pyodide needs.

A ``<meta>`` policy governs its page only: a Web Worker (the calculators',
Material's search) takes its policy from the HTTP headers of its own script.
So the build also writes :data:`HEADERS_FILE`, which Netlify and Cloudflare
Pages turn into headers and the local servers send with every response: one
site-wide policy, the union of every page's, plus what only a header can say.
A page served with both obeys both, so each page stays as strict as its tag.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from ..publish.launcher import HEADERS_FILE

__all__ = [
    "HEADERS_FILE",
    "add_content_security_policy",
    "content_security_policy",
    "headers_file",
    "page_policy",
    "site_headers",
    "site_policy",
]

#: Directives a ``<meta>`` policy cannot carry (browsers ignore them there), for the headers only.
_HEADER_ONLY = {"frame-ancestors": ["'none'"]}
#: Sent with every response besides the policy: no type guessing, no address sent to other sites.
_OTHER_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:(?!\bsrc=)[^>])*)>(?P<body>.*?)</script>", re.DOTALL)
_NOT_JS = re.compile(r'\btype="(?!module"|text/javascript")[^"]*"')
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')


def _inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _NOT_JS.search(match.group("attrs")):  # JSON data blocks are not run
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def _directives(html: str) -> dict[str, list[str]]:
    scripts = ["'self'", *_inline_script_hashes(html)]
    if "data-calculator=" in html:
        # Pyodide compiles WebAssembly (in its worker; kept here for browsers that check the page).
        scripts.append("'wasm-unsafe-eval'")
    return {
        "default-src": ["'none'"],
        "script-src": scripts,
        "style-src": ["'self'"],
        # Material's scripts set style attributes (sizes, positions); attributes cannot run code.
        "style-src-attr": ["'unsafe-inline'"],
        # Material's CSS draws icons from data: URLs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }


def _text(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _parse(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def content_security_policy(html: str) -> str:
    """The policy for one page.

    Args:
        html: the page as built.

    Returns:
        The policy text for the ``content`` attribute.
    """
    return _text(_directives(html))


def add_content_security_policy(html: str) -> str:
    """Insert the page's policy as the first element of ``<head>``."""
    head = html.find("<head>")
    if head < 0:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    at = head + len("<head>")
    return html[:at] + meta + html[at:]


def page_policy(html: str) -> str | None:
    """The policy in a built page's ``<meta>`` tag, as later plugins left it (``None``: no tag)."""
    found = _META.search(html)
    return found.group("policy") if found else None


def site_policy(policies: Iterable[str]) -> str:
    """One policy that allows what any of ``policies`` allows, plus the header-only directives.

    Sent as a header beside a page's own ``<meta>`` policy, it leaves the page
    as strict as its tag (a browser enforces both); a worker script, which no
    tag reaches, gets this policy alone.

    Raises:
        ValueError: no policies were given (there is nothing to serve).
    """
    merged: dict[str, list[str]] = {}
    for policy in policies:
        for name, values in _parse(policy).items():
            kept = merged.setdefault(name, [])
            kept.extend(value for value in values if value not in kept)
    if not merged:
        raise ValueError("no page carries a Content-Security-Policy")
    return _text({**merged, **_HEADER_ONLY})


def headers_file(policy: str) -> str:
    """The text of :data:`HEADERS_FILE`: ``policy`` and the other headers, for every path.

    The format is Netlify's, which Cloudflare Pages reads as well: a path
    pattern, then its headers indented below it.
    """
    headers = {"Content-Security-Policy": policy, **_OTHER_HEADERS}
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def site_headers(site: Path) -> str | None:
    """:func:`headers_file` for a built site, from the policies of all its HTML pages (``None``: no page has one)."""
    found = (page_policy(path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html")))
    policies = [policy for policy in found if policy is not None]
    return headers_file(site_policy(policies)) if policies else None
