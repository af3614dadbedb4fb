"""A wasm heap packed for shipping: the pages the browser cannot make itself, and where they go.

About three fifths of a Pyodide snapshot's heap is zeros, and about a quarter is the wasm's
own data as instantiation writes it (:mod:`.wasm_memory`). Gzip makes zeros nearly free to
download, but the browser still inflates them, and the wasm's data would come twice. So the
file holds only the other pages ("shipped"), one after another; the worker inflates them into
a zeroed buffer and copies the "kept" pages from the memory Pyodide has just instantiated,
checking them against ``kept_sha256`` (the worker's ``snapshotHeap``). Both lists of runs go
into the snapshot's manifest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["PAGE_BYTES", "Packed", "Run", "pack", "unpack"]

#: The unit the heap is cut into: a run starts and ends on it (or at the heap's end).
PAGE_BYTES = 4096

#: Where a run of pages starts in the heap, and how many bytes it has.
Run = tuple[int, int]


@dataclass(frozen=True)
class Packed:
    """A heap's shipped bytes and their runs; the runs kept from the initial memory, and their sha256."""

    shipped: bytes
    runs: list[Run]
    kept: list[Run]
    kept_sha256: str


def _append(runs: list[Run], start: int, length: int) -> None:
    """Add a page to ``runs``, merged with the last run when adjacent."""
    if runs and sum(runs[-1]) == start:
        runs[-1] = (runs[-1][0], runs[-1][1] + length)
    else:
        runs.append((start, length))


def _pieces(data: bytes, runs: list[Run]) -> bytes:
    return b"".join(data[start : start + length] for start, length in runs)


def pack(heap: bytes, initial: bytes = b"") -> Packed:
    """Split ``heap`` into pages of zeros (left out), pages equal to ``initial``'s (kept), the rest (shipped).

    Args:
        heap: the snapshot's bytes.
        initial: what the browser's buffer for them holds where it copies from Pyodide's
            memory, in the same coordinates (shorter is padded with zeros); empty: nothing kept.
    """
    runs: list[Run] = []
    kept: list[Run] = []
    view, base = memoryview(heap), memoryview(initial)
    for start in range(0, len(heap), PAGE_BYTES):
        page = view[start : start + PAGE_BYTES]
        if not any(page):
            continue
        if page == base[start : start + PAGE_BYTES]:
            _append(kept, start, len(page))
        else:
            _append(runs, start, len(page))
    return Packed(_pieces(heap, runs), runs, kept, hashlib.sha256(_pieces(heap, kept)).hexdigest())


def unpack(shipped: bytes, runs: list[Run], size: int, initial: bytes = b"", kept: list[Run] | None = None) -> bytes:
    """The heap of ``size`` bytes that :func:`pack` gave ``shipped``, ``runs`` and ``kept`` for.

    Raises:
        ValueError: when ``shipped`` is not as long as the runs, or a run lies outside the heap
            (or, for a kept one, outside ``initial``).
    """
    if len(shipped) != sum(length for _, length in runs):
        raise ValueError(f"{len(shipped)} packed bytes for runs of {sum(length for _, length in runs)}")
    heap = bytearray(size)
    at = 0
    for start, length in runs:
        if start < 0 or start + length > size:
            raise ValueError(f"run {start}+{length} outside a heap of {size}")
        heap[start : start + length] = shipped[at : at + length]
        at += length
    for start, length in kept or []:
        if start < 0 or start + length > min(size, len(initial)):
            raise ValueError(f"kept run {start}+{length} outside the initial memory")
        heap[start : start + length] = initial[start : start + length]
    return bytes(heap)
