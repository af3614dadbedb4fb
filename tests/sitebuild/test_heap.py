"""The snapshot's heap packing: it unpacks to the heap; only zeros and the initial memory are left out."""

from __future__ import annotations

import hashlib
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_guide.calc.heap import PAGE_BYTES, Packed, Run, pack, unpack

_ZERO, _ONE = bytes(PAGE_BYTES), b"\1" * PAGE_BYTES
_PAGE = st.one_of(st.just(_ZERO), st.just(_ONE), st.binary(min_size=PAGE_BYTES, max_size=PAGE_BYTES))
#: Heaps of a few pages, some zero, some not, and a tail shorter than a page (as Pyodide's is),
#: with an initial memory of pages that are often the heap's own (zero or not), and may be shorter.
_HEAPS = st.lists(st.tuples(_PAGE, st.one_of(st.none(), _PAGE)), max_size=8).flatmap(
    lambda pages: st.tuples(
        st.just(b"".join(page for page, _ in pages)),
        st.just(b"".join(page if initial is None else initial for page, initial in pages)),
    )
)
_TAILS = st.binary(max_size=PAGE_BYTES - 1)


def _pages(runs: list[Run]) -> set[int]:
    return {start // PAGE_BYTES for run in runs for start in range(run[0], sum(run), PAGE_BYTES)}


@given(_HEAPS, _TAILS, st.integers(min_value=0, max_value=PAGE_BYTES))
def test_unpacking_gives_the_heap_back(heaps: tuple[bytes, bytes], tail: bytes, cut: int) -> None:
    heap, initial = heaps[0] + tail, heaps[1][: len(heaps[1]) - cut]
    packed = pack(heap, initial)
    assert unpack(packed.shipped, packed.runs, len(heap), initial, packed.kept) == heap


@given(_HEAPS, _TAILS)
def test_zeros_are_left_out_the_initial_memory_kept_the_rest_shipped(heaps: tuple[bytes, bytes], tail: bytes) -> None:
    heap, initial = heaps[0] + tail, heaps[1]
    packed = pack(heap, initial)
    shipped, kept = _pages(packed.runs), _pages(packed.kept)
    for index, start in enumerate(range(0, len(heap), PAGE_BYTES)):
        page = heap[start : start + PAGE_BYTES]
        expected = "zeros" if not any(page) else "kept" if page == initial[start : start + PAGE_BYTES] else "shipped"
        assert expected == ("shipped" if index in shipped else "kept" if index in kept else "zeros")
    assert packed.kept_sha256 == hashlib.sha256(b"".join(heap[s : s + n] for s, n in packed.kept)).hexdigest()
    # Runs are in order, apart (adjacent ones are merged) and start on a page.
    for runs in (packed.runs, packed.kept):
        assert all(sum(a) < b[0] for a, b in itertools.pairwise(runs))
        assert all(start % PAGE_BYTES == 0 for start, _ in runs)


def test_without_an_initial_memory_only_zeros_are_left_out() -> None:
    heap = _ONE + _ZERO + b"\1\2\3"
    assert pack(heap) == Packed(
        _ONE + b"\1\2\3", [(0, PAGE_BYTES), (2 * PAGE_BYTES, 3)], [], hashlib.sha256().hexdigest()
    )


def test_a_heap_of_zeros_packs_to_nothing() -> None:
    assert pack(bytes(3 * PAGE_BYTES + 5), _ONE) == Packed(b"", [], [], hashlib.sha256().hexdigest())


@pytest.mark.parametrize(
    ("shipped", "runs", "size", "kept"),
    [
        (b"\1\2", [(0, 3)], 8, []),
        (b"\1\2\3", [(0, 2)], 8, []),
        (b"\1\2", [(7, 2)], 8, []),
        (b"", [], 8, [(0, 8)]),
    ],
    ids=["short", "long", "outside", "kept-outside-initial"],
)
def test_unpacking_what_does_not_fit_is_refused(shipped: bytes, runs: list[Run], size: int, kept: list[Run]) -> None:
    with pytest.raises(ValueError):
        unpack(shipped, runs, size, b"\1\2\3\4", kept)
