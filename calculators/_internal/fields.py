"""Declarations of a calculator's inputs and outputs, and input parsing.

What a reader types is read as they meant it, or refused with a :class:`FieldError` whose
message names the field in the reader's script:

- Numbers: ASCII digits with an optional sign (``-0`` is 0) and decimal point, plain or
  grouped in thousands with commas (``10,000``, ``12,345.67``); full-width forms fold to
  these (``１０，０００．５``). Amounts of money may end in 万 or 亿 (``1万``, ``1.5万``), in
  either script (``1萬``, ``1億``), as may a unit (``3個月``).
  The field's own unit may follow (``30天``, ``0.05%``, ``1万元``), no other (``5%`` is not
  an amount). No exponents, no other digits (``1²``, ``①``, ``١``). Decimal places and
  integers are checked on the text as typed, never on a rounded value.
- Yes or no: the words of :data:`BOOLEAN_WORDS`.
- Dates: year, month and day, separated by ``-``, ``/``, ``.`` or 年月日.
- Choices: the value, or its label in either script.
- Text: anything but control characters and lone surrogates, up to a length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Context, Decimal, InvalidOperation
from typing import Literal, Protocol, runtime_checkable

from .i18n import gettext as _

__all__ = [
    "BOOLEAN_WORDS",
    "MULTIPLIERS",
    "DeferredText",
    "Field",
    "FieldError",
    "FieldKind",
    "Output",
    "OutputKind",
    "When",
    "field_error",
    "fold_number",
    "fold_width",
    "normalise_word",
    "parse_field",
]

FieldKind = Literal["money", "decimal", "integer", "boolean", "choice", "date", "text"]
OutputKind = Literal["money", "percent", "number", "text", "table", "svg", "link", "download", "steps"]

#: Full-width ASCII (U+FF01–U+FF5E) and the ideographic space, as Chinese keyboards type them, fold
#: to ASCII. Nothing else is folded: NFKC would also read "1²" as 12 and "①" as 1.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
#: What is trimmed around a value: ASCII white space and the no-break space (the ideographic space is folded to " ").
_SPACE = " \t\n\r\f\v\u00a0"
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
#: The traditional characters a number or its unit may hold (萬, 億, 個月), read as their simplified forms.
_SIMPLIFIED = str.maketrans("萬億個", "万亿个")
#: 万 and 亿 multiply amounts of money only; their value is a power of ten.
_MULTIPLIER_EXPONENTS = {"": 0, "万": 4, "亿": 8}
#: The characters that multiply an amount, as a regular-expression class's contents (after :func:`fold_number`).
MULTIPLIERS = "".join(_MULTIPLIER_EXPONENTS)
#: Digits as readers write them: plain, grouped in thousands with commas (12,345.67), or a bare fraction.
_NUMBER = re.compile(
    r"(?P<sign>[+-]?)"
    r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?|[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    rf"[ ]*(?P<multiplier>[{MULTIPLIERS}]?)[ ]*(?P<unit>.*)",
    re.DOTALL,
)
#: Longest digit string read as a number (30 digits already exceed every maximum).
_MAX_DIGITS = 40
#: Enough precision that no parsed number (at most 40 digits, times 1亿) is ever rounded.
_EXACT = Context(prec=64, traps=[InvalidOperation])
#: The words that tick a checkbox (True) or leave it clear (False), after :func:`normalise_word`.
#: The page's prefill reads the true ones from the checkbox's ``data-true-words`` (render.py).
BOOLEAN_WORDS: dict[str, bool] = {
    "1": True,
    "true": True,
    "on": True,
    "yes": True,
    "y": True,
    "是": True,
    "": False,
    "0": False,
    "false": False,
    "off": False,
    "no": False,
    "n": False,
    "否": False,
}
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Half of a UTF-16 pair on its own (JSON "\ud800", undecodable bytes on a command line): not text.
_SURROGATE = re.compile("[\ud800-\udfff]")


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
class When:
    """The values of another field (a choice, earlier in the form) for which a field applies.

    For any other value the field is ignored: not parsed (a bad value there is no error; the
    inputs hold the field's default) and hidden on the page.

    Attributes:
        field: the name of the choice field that decides.
        values: the choice's values for which the field applies.
    """

    field: str
    values: tuple[str, ...]


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
        when: the values of another field for which this one applies (see :class:`When`);
            ``None``: it always applies.
        completes: the name of another field this one only makes sense with (a falling plan's
            last instalment completes its first): this one given while that one is left out
            (absent, so its default would stand in for what the reader never gave) is refused.
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
    when: When | None = None
    completes: str = ""


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
        filename: for ``download`` outputs, the file's name.
        media_type: for ``download`` outputs, the file's type (``text/csv;charset=utf-8``).
        pages: for ``steps`` outputs, the guide pages (paths below ``docs/``, calculator pages
            included) its steps may link to; the build resolves each to its URL in the page.
        packages: for ``download`` outputs whose value is a :class:`DeferredText`, the
            distributions that making its text imports, beyond the calculator's own
            ``packages``. The page's engine answers first without them (the output is then
            ``pending``) and loads them afterwards, so no first answer waits for their bytes.
    """

    name: str
    label: str
    kind: OutputKind
    unit: str = ""
    columns: tuple[tuple[str, str], ...] = field(default=())
    targets: tuple[tuple[str, str], ...] = ()
    filename: str = ""
    media_type: str = "text/plain;charset=utf-8"
    pages: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Only a file is answered later: the page says so where its link will be.
        if self.packages and self.kind != "download":
            raise ValueError(f"{self.name}: only a download output may need packages of its own")


@runtime_checkable
class DeferredText(Protocol):
    """A ``download`` output's value whose text is made only when the result is serialised.

    ``compute`` returns it instead of the text when making the text needs a package the
    first answer should not wait for (:attr:`Output.packages`).
    """

    def text(self) -> str:
        """The file's text."""
        ...


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


def fold_width(raw: str) -> str:
    """Full-width ASCII and the ideographic space to ASCII: ``"１０，０００．５"`` → ``"10,000.5"``."""
    return raw.translate(_FULL_WIDTH)


def fold_number(raw: str) -> str:
    """A number as typed, ready to read: :func:`fold_width`, and 萬 億 個 as 万 亿 个 (``"1萬"`` → ``"1万"``)."""
    return fold_width(raw).translate(_SIMPLIFIED)


def normalise_word(raw: str) -> str:
    """A checkbox word as :data:`BOOLEAN_WORDS` holds it: full width folded, trimmed, A–Z in lower case.

    ``calculator.js`` applies the same three steps to a query-string value before it looks it
    up in the checkbox's ``data-true-words``.
    """
    return fold_width(raw).strip(_SPACE).translate(_ASCII_LOWER)


def _compact(raw: str) -> str:
    return "".join(fold_width(raw).split())


def _looks_like_unit(rest: str) -> bool:
    # "5%" in a field of 元, "30元" in one of days; not "1²", "0x10", "1_000" or "10 000".
    return not any(char.isdigit() or (char.isascii() and (char.isalnum() or char in "_.,+- ")) for char in rest)


def _parse_number(spec: Field, raw: str) -> Decimal:
    text = fold_number(raw).strip(_SPACE)
    match = _NUMBER.fullmatch(text)
    money = spec.kind == "money"
    if match and match["unit"] not in ("", spec.unit) and spec.unit and _looks_like_unit(match["unit"]):
        raise field_error(spec, "单位是{unit}，请只填数字。", unit=_(spec.unit))
    if (
        not match
        or match["unit"] not in ("", spec.unit)
        or len(match["digits"]) > _MAX_DIGITS
        or (match["multiplier"] and not money)
    ):
        if money:
            raise field_error(spec, "请输入一个数字，例如 10000、10,000 或 1万。")
        raise field_error(spec, "请输入一个数字。")
    digits = match["digits"].replace(",", "")
    shift = _MULTIPLIER_EXPONENTS[match["multiplier"]]
    # Checked on the text as typed: Decimal arithmetic in the default context would round to
    # 28 digits first and let "1.0000000000000000000000000000001" pass as an integer.
    fraction = digits.partition(".")[2]
    places = max(len(fraction.rstrip("0")) - shift, 0)
    value = Decimal(match["sign"] + digits).scaleb(shift, _EXACT)
    if value.is_zero():
        value = value.copy_abs()  # "-0" is 0; nothing may show "-0.00"
    _check_range(spec, value)
    allowed = 0 if spec.kind == "integer" else spec.places
    if places > allowed:
        if allowed == 0:
            raise field_error(spec, "请输入整数。")
        raise field_error(spec, "最多保留 {places} 位小数。", places=allowed)
    return value


def _check_range(spec: Field, value: Decimal) -> None:
    if isinstance(spec.minimum, Decimal) and value < spec.minimum:
        raise field_error(spec, "不能小于 {minimum}{unit}。", minimum=spec.minimum, unit=_(spec.unit))
    if isinstance(spec.maximum, Decimal) and value > spec.maximum:
        raise field_error(spec, "不能大于 {maximum}{unit}。", maximum=spec.maximum, unit=_(spec.unit))


def _parse_date(spec: Field, raw: str) -> date:
    match = _DATE.fullmatch(fold_width(raw).strip(_SPACE))
    if not match:
        raise field_error(spec, "请按 年-月-日 输入日期，例如 2024-01-15。")
    try:
        value = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise field_error(spec, "没有这一天，请检查日期。") from None
    if isinstance(spec.minimum, date) and value < spec.minimum:
        raise field_error(spec, "日期不能早于 {minimum}。", minimum=spec.minimum.isoformat())
    if isinstance(spec.maximum, date) and value > spec.maximum:
        raise field_error(spec, "日期不能晚于 {maximum}。", maximum=spec.maximum.isoformat())
    return value


def _parse_choice(spec: Field, raw: str) -> str:
    # A choice's value, or its label in either script (links in the guide may carry the label).
    value = _compact(raw)
    for choice, label in spec.choices:
        if value in {choice, _compact(label), _compact(_(label))}:
            return choice
    raise field_error(spec, "请从列表中选择。")


def _parse_text(spec: Field, raw: str) -> str:
    if _SURROGATE.search(raw):
        raise field_error(spec, "含有无法识别的字符，请重新输入。")
    cleaned = _CONTROL.sub("", raw).strip()
    if not cleaned and spec.required:
        raise field_error(spec, "请填写这一项。")
    if len(cleaned) > spec.max_length:
        raise field_error(spec, "最多 {limit} 个字。", limit=spec.max_length)
    return cleaned


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
        flag = BOOLEAN_WORDS.get(normalise_word(text))
        if flag is None:
            raise field_error(spec, "请选择是或否。")
        return flag
    if spec.kind == "text":
        return _parse_text(spec, text)
    if not _compact(text):
        if spec.required:
            raise field_error(spec, "请填写这一项。")
        return None
    if spec.kind == "choice":
        return _parse_choice(spec, text)
    if spec.kind == "date":
        return _parse_date(spec, text)
    number = _parse_number(spec, text)
    return int(number) if spec.kind == "integer" else number
