"""Declarations of a calculator's inputs and outputs, and input parsing.

Readers type numbers the way they write them: ``10000``, ``10,000``,
``１００００`` (full-width), ``1万`` or ``1.5万``.  All of these parse to the
same :class:`~decimal.Decimal`; anything else becomes a :class:`FieldError`
whose message names the field in the reader's script.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from .i18n import gettext as _

__all__ = [
    "Field",
    "FieldError",
    "FieldKind",
    "Output",
    "OutputKind",
    "field_error",
    "parse_field",
]

FieldKind = Literal["money", "decimal", "integer", "boolean", "choice", "date", "text"]
OutputKind = Literal["money", "percent", "number", "text", "table", "svg", "link", "download"]

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_TRUE = {"1", "true", "on", "yes", "y", "是"}
_FALSE = {"", "0", "false", "off", "no", "n", "否"}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_RAW_LENGTH = 40


class FieldError(ValueError):
    """A reader's input that cannot be used, with a message for the reader.

    Attributes:
        field: the name of the field at fault.
        message: what is wrong, in the reader's script, naming the field.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Field:
    """One input of a calculator.

    Attributes:
        name: the name used in the form, the query string and the JSON.
        label: what the reader sees, in simplified Chinese.
        kind: how the raw text is parsed.
        unit: shown after the input (元, %, 天…).
        minimum: smallest accepted value (numbers) or date.
        maximum: largest accepted value (numbers) or date.
        default: the raw value the form starts with.
        help: one line under the input.
        choices: ``(value, label)`` pairs for ``choice`` fields.
        required: whether an empty value is an error.
        places: most decimal places accepted for numbers.
        max_length: longest accepted text.
        personal: the reader's own details (name, contact, their story): never written into the URL.
    """

    name: str
    label: str
    kind: FieldKind
    unit: str = ""
    minimum: Decimal | date | None = None
    maximum: Decimal | date | None = None
    default: str = ""
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = True
    places: int = 2
    max_length: int = 200
    personal: bool = False


@dataclass(frozen=True)
class Output:
    """One result of a calculator, shown in ``data-output="<name>"``.

    Attributes:
        name: the key in the result mapping.
        label: what the reader sees, in simplified Chinese.
        kind: how the value is serialised and shown.
        unit: shown after the value.
        columns: ``(key, label)`` pairs for ``table`` outputs.
        targets: for ``link`` outputs (a query string), ``(calculator, label)``
            pairs: each becomes a link that opens that calculator prefilled.
        filename: for ``download`` outputs (CSV text), the file's name.
    """

    name: str
    label: str
    kind: OutputKind
    unit: str = ""
    columns: tuple[tuple[str, str], ...] = field(default=())
    targets: tuple[tuple[str, str], ...] = ()
    filename: str = ""


def field_error(spec: Field, template: str, **values: object) -> FieldError:
    """A :class:`FieldError` for ``spec`` whose message starts with the field's label.

    Args:
        spec: the field at fault.
        template: the message, a simplified-Chinese literal; it is translated
            before ``values`` are filled in.
        **values: the template's placeholders.

    Returns:
        The error, ready to raise: ``"<label>：<message>"`` in the active script.
    """
    message = _("{label}：").format(label=_(spec.label)) + _(template).format(**values)
    return FieldError(spec.name, message)


_error = field_error


def _normalise(raw: str) -> str:
    # NFKC folds full-width digits, commas and points (１０，０００．５) to ASCII.
    text = unicodedata.normalize("NFKC", raw)
    return "".join(text.split())


def _parse_number(spec: Field, raw: str) -> Decimal:
    text = _normalise(raw)
    for suffix in (spec.unit, "元", "%"):
        if suffix and text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    multiplier = Decimal(1)
    if text[-1:] in _MULTIPLIERS:
        multiplier = _MULTIPLIERS[text[-1]]
        text = text[:-1]
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if len(text) > _MAX_RAW_LENGTH or not _NUMBER.fullmatch(text):
        raise _error(spec, "请输入一个数字，例如 10000、10,000 或 1万。")
    try:
        value = Decimal(text) * multiplier
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid text
        raise _error(spec, "请输入一个数字。") from None
    _check_range(spec, value)
    places = 0 if spec.kind == "integer" else spec.places
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        if places == 0:
            raise _error(spec, "请输入整数。")
        raise _error(spec, "最多保留 {places} 位小数。", places=places)
    return value


def _check_range(spec: Field, value: Decimal) -> None:
    if isinstance(spec.minimum, Decimal) and value < spec.minimum:
        raise _error(spec, "不能小于 {minimum}{unit}。", minimum=spec.minimum, unit=_(spec.unit))
    if isinstance(spec.maximum, Decimal) and value > spec.maximum:
        raise _error(spec, "不能大于 {maximum}{unit}。", maximum=spec.maximum, unit=_(spec.unit))


def _parse_date(spec: Field, raw: str) -> date:
    match = _DATE.fullmatch(_normalise(raw))
    if not match:
        raise _error(spec, "请按 年-月-日 输入日期，例如 2024-01-15。")
    try:
        value = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise _error(spec, "没有这一天，请检查日期。") from None
    if isinstance(spec.minimum, date) and value < spec.minimum:
        raise _error(spec, "日期不能早于 {minimum}。", minimum=spec.minimum.isoformat())
    if isinstance(spec.maximum, date) and value > spec.maximum:
        raise _error(spec, "日期不能晚于 {maximum}。", maximum=spec.maximum.isoformat())
    return value


def _parse_choice(spec: Field, raw: str) -> str:
    # A choice's value, or its label in either script (links in the guide may carry the label).
    value = _normalise(raw)
    for choice, label in spec.choices:
        if value in {choice, _normalise(label), _normalise(_(label))}:
            return choice
    raise _error(spec, "请从列表中选择。")


def parse_field(spec: Field, raw: str | None) -> Decimal | int | bool | date | str | None:
    """Turn the reader's raw text into a value of the field's kind.

    Args:
        spec: the field's declaration.
        raw: the text from the form, the query string or the command line.

    Returns:
        A ``Decimal`` (money, decimal), ``int`` (integer), ``bool``, ``date``
        or ``str`` (choice, text); ``None`` for an empty optional field.

    Raises:
        FieldError: the text cannot be used, with a message naming the field.
    """
    text = "" if raw is None else str(raw)
    if spec.kind == "boolean":
        flag = _normalise(text).lower()
        if flag in _TRUE:
            return True
        if flag in _FALSE:
            return False
        raise _error(spec, "请选择是或否。")
    if spec.kind == "text":
        cleaned = _CONTROL.sub("", text).strip()
        if not cleaned and spec.required:
            raise _error(spec, "请填写这一项。")
        if len(cleaned) > spec.max_length:
            raise _error(spec, "最多 {limit} 个字。", limit=spec.max_length)
        return cleaned
    if not _normalise(text):
        if spec.required:
            raise _error(spec, "请填写这一项。")
        return None
    if spec.kind == "choice":
        return _parse_choice(spec, text)
    if spec.kind == "date":
        return _parse_date(spec, text)
    number = _parse_number(spec, text)
    return int(number) if spec.kind == "integer" else number
