"""A wasm heap packed for shipping: its non-zero pages only, and where each run of them goes.

About three fifths of a Pyodide snapshot's heap is zeros. Gzip makes them nearly free to
download, but the browser still inflates them, which took as long as the rest of the heap;
packed, it inflates only the pages that hold something and writes them into a zeroed buffer
(the worker's ``inflate``). The runs go into the snapshot's manifest.
"""

from __future__ import annotations

__all__ = ["PAGE_BYTES", "Run", "nonzero_runs", "pack", "unpack"]

#: The unit the heap is cut into: a run starts and ends on it (or at the heap's end).
PAGE_BYTES = 4096

#: Where a run of non-zero pages starts in the heap, and how many bytes it has.
Run = tuple[int, int]


def nonzero_runs(heap: bytes, page: int = PAGE_BYTES) -> list[Run]:
    """The runs of pages of ``heap`` that hold a byte other than zero, in order, adjacent ones merged."""
    runs: list[Run] = []
    zero = bytes(page)
    view = memoryview(heap)
    for start in range(0, len(heap), page):
        chunk = view[start : start + page]
        if chunk == zero[: len(chunk)]:
            continue
        if runs and sum(runs[-1]) == start:
            runs[-1] = (runs[-1][0], runs[-1][1] + len(chunk))
        else:
            runs.append((start, len(chunk)))
    return runs


def pack(heap: bytes) -> tuple[bytes, list[Run]]:
    """The bytes of ``heap``'s non-zero runs, one after another, and the runs."""
    runs = nonzero_runs(heap)
    return b"".join(heap[start : start + length] for start, length in runs), runs


def unpack(packed: bytes, runs: list[Run], size: int) -> bytes:
    """The heap of ``size`` bytes that :func:`pack` gave ``packed`` and ``runs`` for.

    Raises:
        ValueError: when ``packed`` is not as long as the runs, or a run lies outside the heap.
    """
    if len(packed) != sum(length for _, length in runs):
        raise ValueError(f"{len(packed)} packed bytes for runs of {sum(length for _, length in runs)}")
    heap = bytearray(size)
    at = 0
    for start, length in runs:
        if start < 0 or start + length > size:
            raise ValueError(f"run {start}+{length} outside a heap of {size}")
        heap[start : start + length] = packed[at : at + length]
        at += length
    return bytes(heap)
