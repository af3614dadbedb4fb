"""The memory a wasm module's data segments write at instantiation, read from hand-made modules."""

from __future__ import annotations

import pytest

from mkdocs_guide.calc.wasm_memory import WasmFormatError, initial_memory

_HEADER = b"\0asm\x01\0\0\0"


def _section(kind: int, body: bytes) -> bytes:
    assert len(body) < 128
    return bytes([kind, len(body)]) + body


def _active(offset: int, data: bytes, flags: bytes = b"\0") -> bytes:
    assert 0 <= offset < 64 and len(data) < 128
    return flags + b"\x41" + bytes([offset]) + b"\x0b" + bytes([len(data)]) + data


def _module(*segments: bytes) -> bytes:
    custom = _section(0, b"\x04name")  # another section before, skipped
    return _HEADER + custom + _section(11, bytes([len(segments)]) + b"".join(segments))


def test_active_segments_are_written_where_they_say_and_passive_ones_not() -> None:
    passive = b"\x01\x02zz"
    wasm = _module(_active(4, b"ab"), passive, _active(1, b"c"), _active(5, b"X", b"\x02\x00"))
    assert initial_memory(wasm) == b"\0c\0\0aX"


def test_a_module_without_data_starts_with_nothing() -> None:
    assert initial_memory(_HEADER + _section(0, b"\x04name")) == b""


@pytest.mark.parametrize(
    "wasm",
    [
        b"\0asm\x02\0\0\0",
        _HEADER + _section(11, b"\x01\x00\x23\x00\x0b\x01a"),  # at a global's value: placed at instantiation
        _HEADER + _section(11, b"\x01\x02\x01\x41\x00\x0b\x01a"),  # for memory 1
        _HEADER + _section(11, b"\x01\x00\x41\x00\x0b\x05a"),  # longer than the module
        _HEADER + b"\x0b\x05\x01\x00\x41\x80",  # ends inside a number
    ],
    ids=["not-wasm-1", "relocatable", "memory-1", "truncated", "unfinished-number"],
)
def test_what_it_cannot_read_is_refused(wasm: bytes) -> None:
    with pytest.raises(WasmFormatError):
        initial_memory(wasm)
