"""How a static host such as GitHub Pages answers: gzip for text and wasm, ``ETag``, ``max-age=600``, 304s.

Without validators and a max-age, a browser (and the service worker keeping what a
page used) fetches everything again, so the phone profile answers as the real host
does.  Bodies are compressed once and kept: a CDN sends a cached compressed copy,
it does not compress on every request.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CACHE_CONTROL", "COMPRESSIBLE", "GZIP_LEVEL", "Bodies", "Body", "compressible", "etag_matches"]

#: File types the host compresses (not zip, whl, gz or png: compressed already).
COMPRESSIBLE = frozenset({".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".webmanifest", ".txt", ".xml"})
#: GitHub Pages' freshness for every file.
CACHE_CONTROL = "max-age=600"
#: zlib's default, and what gives the wasm's 3.55 MB measured from the real host's settings.
GZIP_LEVEL = 6


def compressible(path: str | os.PathLike[str]) -> bool:
    """Whether the host sends this file gzip-compressed (to a browser that accepts gzip)."""
    return Path(path).suffix.lower() in COMPRESSIBLE


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, as for GET)."""
    if not if_none_match:
        return False

    def strong(tag: str) -> str:
        tag = tag.strip()
        return tag[2:] if tag.startswith("W/") else tag

    return any(tag.strip() == "*" or strong(tag) == strong(etag) for tag in if_none_match.split(","))


@dataclass(frozen=True)
class Body:
    """A file as the host keeps it.

    Attributes:
        raw: the file's bytes.
        gzip: the gzip-compressed bytes, if the type is compressible.
        etag: the validator (quoted), from the content: one for both encodings.
    """

    raw: bytes
    gzip: bytes | None
    etag: str


class Bodies:
    """Files read, compressed and tagged once, kept while they do not change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[tuple[int, int], Body]] = {}

    def get(self, path: str | os.PathLike[str]) -> Body:
        """The file at ``path`` as the host sends it (read anew if it changed)."""
        key = os.fspath(path)
        stat = os.stat(key)
        version = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] == version:
            return kept[1]
        raw = Path(key).read_bytes()
        body = Body(
            raw=raw,
            gzip=gzip.compress(raw, GZIP_LEVEL, mtime=0) if compressible(key) else None,
            etag='"' + hashlib.sha256(raw).hexdigest()[:20] + '"',
        )
        with self._lock:
            self._kept[key] = (version, body)
        return body

    def prime(self, folders: Iterable[Path]) -> int:
        """Read and compress every file under ``folders`` now, so no run pays for it; the number of files."""
        count = 0
        for folder in folders:
            for path in sorted(folder.rglob("*") if folder.is_dir() else [folder]):
                if path.is_file():
                    self.get(path)
                    count += 1
        return count
