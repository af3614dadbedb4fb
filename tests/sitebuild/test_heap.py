"""The snapshot's heap packing: what unpacks is the heap, byte for byte, and only zeros are left out."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_guide.calc.heap import PAGE_BYTES, nonzero_runs, pack, unpack

#: Heaps of a few pages, some zero, some not, and a tail shorter than a page (as Pyodide's is).
_PAGES = st.lists(
    st.one_of(st.just(bytes(PAGE_BYTES)), st.binary(min_size=PAGE_BYTES, max_size=PAGE_BYTES)), max_size=8
)
_HEAPS = st.builds(lambda pages, tail: b"".join(pages) + tail, _PAGES, st.binary(max_size=PAGE_BYTES - 1))


@given(_HEAPS)
def test_unpacking_gives_the_heap_back(heap: bytes) -> None:
    packed, runs = pack(heap)
    assert unpack(packed, runs, len(heap)) == heap


@given(_HEAPS)
def test_only_pages_of_zeros_are_left_out(heap: bytes) -> None:
    runs = nonzero_runs(heap)
    kept = {start // PAGE_BYTES for run in runs for start in range(run[0], sum(run), PAGE_BYTES)}
    for index, start in enumerate(range(0, len(heap), PAGE_BYTES)):
        assert (index in kept) == any(heap[start : start + PAGE_BYTES])
    # Runs are in order, apart (adjacent ones are merged) and start on a page.
    assert all(sum(a) < b[0] for a, b in itertools.pairwise(runs))
    assert all(start % PAGE_BYTES == 0 for start, _ in runs)


def test_a_heap_of_zeros_packs_to_nothing() -> None:
    assert pack(bytes(3 * PAGE_BYTES + 5)) == (b"", [])


def test_a_heap_ending_in_a_partial_page_keeps_it() -> None:
    heap = bytes(PAGE_BYTES) + b"\1\2\3"
    assert pack(heap) == (b"\1\2\3", [(PAGE_BYTES, 3)])


@pytest.mark.parametrize(
    ("packed", "runs", "size"),
    [(b"\1\2", [(0, 3)], 8), (b"\1\2\3", [(0, 2)], 8), (b"\1\2", [(7, 2)], 8)],
    ids=["short", "long", "outside"],
)
def test_unpacking_what_does_not_fit_is_refused(packed: bytes, runs: list[tuple[int, int]], size: int) -> None:
    with pytest.raises(ValueError):
        unpack(packed, runs, size)
