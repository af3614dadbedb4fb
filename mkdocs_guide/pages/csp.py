"""A Content-Security-Policy for each built page, as a ``<meta>`` tag (static hosts vary).

Everything comes from the site itself.  Material's few inline scripts are
allowed by their sha256, computed from the page as built, so no
``'unsafe-inline'`` is needed; calculator pages also get what Pyodide needs.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["add_content_security_policy", "content_security_policy"]

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:(?!\bsrc=)[^>])*)>(?P<body>.*?)</script>", re.DOTALL)
_NOT_JS = re.compile(r'\btype="(?!module"|text/javascript")[^"]*"')


def _inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if _NOT_JS.search(match.group("attrs")):  # JSON data blocks are not run
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def content_security_policy(html: str) -> str:
    """The policy for one page.

    Args:
        html: the page as built.

    Returns:
        The policy text for the ``content`` attribute.
    """
    scripts = ["'self'", *_inline_script_hashes(html)]
    if "data-calculator=" in html:
        # Pyodide compiles WebAssembly (in its worker; kept here for browsers that check the page).
        scripts.append("'wasm-unsafe-eval'")
    directives = {
        "default-src": ["'none'"],
        "script-src": scripts,
        "style-src": ["'self'"],
        # Material's scripts set style attributes (sizes, positions); attributes cannot run code.
        "style-src-attr": ["'unsafe-inline'"],
        # Material's CSS draws icons from data: URLs; the CSV download is a blob: URL.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_content_security_policy(html: str) -> str:
    """Insert the page's policy as the first element of ``<head>``."""
    head = html.find("<head>")
    if head < 0:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    at = head + len("<head>")
    return html[:at] + meta + html[at:]
