"""The memory a wasm module starts with: what its active data segments write at instantiation.

A Pyodide snapshot's heap still holds most of these bytes (Python's static tables, frozen
modules, strings) as the wasm file has them, so the build ships only the pages that differ
(:mod:`.heap`) and the browser takes the rest from the memory it has just instantiated.
Only the module's sections are read (the binary format's section and data-segment encoding,
https://webassembly.github.io/spec/core/binary/modules.html); nothing is run.
"""

from __future__ import annotations

__all__ = ["WasmFormatError", "initial_memory"]

_MAGIC = b"\0asm\x01\0\0\0"
_DATA_SECTION = 11
_I32_CONST, _END = 0x41, 0x0B


class WasmFormatError(ValueError):
    """The file is not a module whose data segments this reads (offsets other than constants)."""


def _unsigned(data: bytes, at: int) -> tuple[int, int]:
    """The LEB128 unsigned integer at ``at``, and where the next field starts."""
    value = shift = 0
    while True:
        if at >= len(data):
            raise WasmFormatError("the module ends inside a number")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _signed(data: bytes, at: int) -> tuple[int, int]:
    """The LEB128 signed integer at ``at``, and where the next field starts."""
    value, end = _unsigned(data, at)
    bits = 7 * (end - at)
    return (value - (1 << bits) if value >> (bits - 1) & 1 else value), end


def _data_section(wasm: bytes) -> tuple[int, int]:
    """Where the data section's contents start and end; (0, 0) when the module has none."""
    if not wasm.startswith(_MAGIC):
        raise WasmFormatError("not a wasm module (version 1)")
    at = len(_MAGIC)
    while at < len(wasm):
        section = wasm[at]
        size, start = _unsigned(wasm, at + 1)
        if section == _DATA_SECTION:
            return start, start + size
        at = start + size
    return 0, 0


def initial_memory(wasm: bytes) -> bytes:
    """The bytes memory 0 holds once ``wasm`` is instantiated, up to its last active segment's end.

    Raises:
        WasmFormatError: when a segment is placed other than at a constant offset in memory 0
            (a relocatable module's are placed at instantiation), or the module is malformed.
    """
    at, end = _data_section(wasm)
    memory = bytearray()
    if at == end:
        return b""
    count, at = _unsigned(wasm, at)
    for _ in range(count):
        flags, at = _unsigned(wasm, at)
        if flags == 1:  # passive: written only when the code says so
            size, at = _unsigned(wasm, at)
            at += size
            continue
        if flags not in (0, 2):
            raise WasmFormatError(f"data segment flags {flags}")
        if flags == 2:
            index, at = _unsigned(wasm, at)
            if index != 0:
                raise WasmFormatError(f"a data segment for memory {index}")
        if wasm[at] != _I32_CONST:
            raise WasmFormatError("a data segment placed at instantiation")
        offset, at = _signed(wasm, at + 1)
        if wasm[at] != _END:
            raise WasmFormatError("a data segment's offset is not a constant")
        size, at = _unsigned(wasm, at + 1)
        if offset < 0 or at + size > end:
            raise WasmFormatError("a data segment outside the module or memory")
        if len(memory) < offset + size:
            memory.extend(bytes(offset + size - len(memory)))
        memory[offset : offset + size] = wasm[at : at + size]
        at += size
    return bytes(memory)
