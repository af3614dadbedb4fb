"""The calculator declaration and the one entry point that runs any of them."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from .fields import Field, FieldError, Output, parse_field
from .i18n import gettext as _
from .i18n import use_language
from .money import format_money, format_percent

__all__ = ["Calculator", "Result", "all_calculators", "get_calculator", "run"]

Values = Mapping[str, Any]
Result = dict[str, Any]


@dataclass(frozen=True)
class Calculator:
    """A calculator: what it asks, what it answers, and the pure function between.

    Attributes:
        name: the URL and command-line name (``/calculators/<name>/``).
        title: the page title, in simplified Chinese.
        summary: one sentence on what it is for.
        fields: the inputs, in form order.
        outputs: the results, in display order.
        compute: parsed values → raw results (``Decimal`` money and rates, text,
            rows); raises :class:`FieldError` for combinations it cannot use.
        order: position on the calculators' index page.
    """

    name: str
    title: str
    summary: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    compute: Callable[[Values], Values]
    order: int = 100

    def field(self, name: str) -> Field:
        """The input called ``name``."""
        return next(spec for spec in self.fields if spec.name == name)


@cache
def all_calculators() -> tuple[Calculator, ...]:
    """Every calculator module of the package (one with a ``CALCULATOR``), in index order."""
    import calculators

    found = []
    for module in pkgutil.iter_modules(calculators.__path__):
        if module.name.startswith("_"):
            continue
        calculator = getattr(importlib.import_module(f"calculators.{module.name}"), "CALCULATOR", None)
        if isinstance(calculator, Calculator):
            found.append(calculator)
    return tuple(sorted(found, key=lambda calc: (calc.order, calc.name)))


def get_calculator(name: str) -> Calculator:
    """The calculator called ``name``; ``KeyError`` if there is none."""
    for calculator in all_calculators():
        if calculator.name == name:
            return calculator
    raise KeyError(name)


def _serialise(spec: Output, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "money":
        return format_money(value)
    if spec.kind == "percent":
        return format_percent(value)
    if spec.kind == "number":
        return str(value)
    if spec.kind == "table":
        return [{key: _cell(row[key]) for key, _label in spec.columns} for row in value]
    return str(value)


def _cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _parse_all(calculator: Calculator, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for spec in calculator.fields:
        given = raw.get(spec.name)
        try:
            values[spec.name] = parse_field(spec, spec.default if given is None else str(given))
        except FieldError as error:
            errors.append(error)
    return values, errors


def run(name: str, raw: Mapping[str, Any], lang: str = "zh") -> Result:
    """Run a calculator on the reader's raw inputs.

    This never raises for bad input: the reader gets either results or
    messages that name the fields at fault.

    Args:
        name: the calculator's name.
        raw: field name → the text the reader typed (missing fields take
            their default).
        lang: ``"zh"`` or ``"zh-Hant"``, the script of the messages.

    Returns:
        ``{"ok": True, "outputs": {name: value}}`` with money and rates as
        decimal strings, or ``{"ok": False, "errors": [{"field", "message"}]}``.
    """
    with use_language(lang):
        try:
            calculator = get_calculator(name)
        except KeyError:
            return {"ok": False, "errors": [{"field": "", "message": _("没有这个计算器。")}]}
        values, errors = _parse_all(calculator, raw)
        if not errors:
            try:
                results = calculator.compute(values)
            except FieldError as error:
                errors.append(error)
        if errors:
            return {"ok": False, "errors": [{"field": e.field, "message": e.message} for e in errors]}
        outputs = {spec.name: _serialise(spec, results.get(spec.name)) for spec in calculator.outputs}
        return {"ok": True, "outputs": outputs}
