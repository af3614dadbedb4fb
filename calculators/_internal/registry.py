"""The calculator declaration and the one entry point that runs any of them.

A calculator's inputs and results are dataclasses of its own (``OverdueInputs``,
``OverdueResult``…), whose field names are checked against its declared fields and
outputs when it is declared: a misspelt or missing name fails at import, and a
``compute`` that leaves a result out fails when the result is built, never as a
silent ``null``.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from .fields import DeferredText, Field, FieldError, Output, field_error, parse_field
from .i18n import gettext as _
from .i18n import use_language
from .money import format_money, format_percent
from .steps import Step

__all__ = ["Calculator", "Result", "all_calculators", "applies", "get_calculator", "run"]

Result = dict[str, Any]


def _require_names(kind: type[object], declared: Iterable[str], what: str) -> None:
    if not dataclasses.is_dataclass(kind):
        raise TypeError(f"{what} must be a dataclass, not {kind!r}")
    names = [item.name for item in dataclasses.fields(kind)]
    wanted = list(declared)
    if sorted(names) != sorted(wanted) or len(set(wanted)) != len(wanted):
        raise TypeError(f"{kind.__name__} has {names}; the declaration has {wanted}")


def _require_conditions(name: str, fields: tuple[Field, ...]) -> None:
    """Each ``when`` names an earlier choice and some of its values, and its field's default parses.

    Each ``completes`` names another field of the calculator.
    """
    for index, spec in enumerate(fields):
        if spec.when is None:
            continue
        earlier = {item.name: item for item in fields[:index]}
        switch = earlier.get(spec.when.field)
        if switch is None or switch.kind != "choice" or switch.when is not None:
            raise TypeError(f"{name}.{spec.name}: when names {spec.when.field!r}, not an earlier, unconditional choice")
        unknown = set(spec.when.values) - {value for value, _label in switch.choices}
        if not spec.when.values or unknown:
            raise TypeError(f"{name}.{spec.name}: when has values {sorted(unknown)} that {switch.name} does not offer")
        parse_field(spec, spec.default)  # an ignored field takes its default: it must be valid
    names = {spec.name for spec in fields}
    for spec in fields:
        if spec.completes and (spec.completes not in names or spec.completes == spec.name):
            raise TypeError(f"{name}.{spec.name}: completes names {spec.completes!r}, not another of its fields")


@dataclass(frozen=True)
class Calculator[In, Out]:
    """A calculator: what it asks, what it answers, and the pure function between.

    Attributes:
        name: the URL and command-line name (``/calculators/<name>/``).
        title: the page title, in simplified Chinese.
        summary: one sentence on what it is for.
        fields: the inputs, in form order.
        outputs: the results, in display order.
        inputs: the dataclass of parsed inputs, one attribute per field.
        results: the dataclass ``compute`` returns, one attribute per output (``Decimal``
            money and rates, text, schedules; ``None`` for a result that does not apply).
        compute: parsed inputs → results; raises :class:`FieldError` for combinations it
            cannot use.
        order: position on the calculators' index page.
        packages: distributions beyond the standard library that ``compute`` imports (names in
            the site's Pyodide lock, e.g. ``chinesecalendar``). The module must import them inside
            functions, not at its top: every calculator module is imported when the
            calculators start, and only pages whose calculators declare a package load it.
            Those only an output's text needs are that output's (:attr:`Output.packages`).
        uses_today: the results depend on the day they are computed (a date that defaults to
            today, a count of days until a deadline). The build then computes nothing ahead for
            the calculator's page (``mkdocs_guide/calc/precompute.py``): a result from the day of
            the build must never look like today's.

    Raises:
        TypeError: ``inputs`` or ``results`` do not name exactly the declared fields or outputs.
    """

    name: str
    title: str
    summary: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    inputs: type[In]
    results: type[Out]
    compute: Callable[[In], Out]
    order: int = 100
    packages: tuple[str, ...] = ()
    uses_today: bool = False

    def __post_init__(self) -> None:
        _require_names(self.inputs, (spec.name for spec in self.fields), f"{self.name}: inputs")
        _require_names(self.results, (spec.name for spec in self.outputs), f"{self.name}: results")
        _require_conditions(self.name, self.fields)

    @property
    def later_packages(self) -> tuple[str, ...]:
        """The distributions only some outputs' texts import (:attr:`Output.packages`), beyond ``packages``."""
        wanted = {package for spec in self.outputs for package in spec.packages}
        return tuple(sorted(wanted - set(self.packages)))

    @property
    def all_packages(self) -> tuple[str, ...]:
        """Every distribution it may import: ``packages``, then :attr:`later_packages`."""
        return (*self.packages, *self.later_packages)

    def field(self, name: str) -> Field:
        """The input called ``name``."""
        return next(spec for spec in self.fields if spec.name == name)

    def evaluate(self, values: Mapping[str, Any]) -> Out:
        """``compute`` on parsed values (field name → value), checking what it returns.

        Raises:
            FieldError: from ``compute``, for a combination it cannot use.
            TypeError: ``compute`` returned something other than its results dataclass.
        """
        result = self.compute(self.inputs(**values))
        if not isinstance(result, self.results):
            raise TypeError(f"{self.name}: compute returned {type(result).__name__}, not {self.results.__name__}")
        return result


@cache
def all_calculators() -> tuple[Calculator[Any, Any], ...]:
    """Every calculator module of the package (one with a ``CALCULATOR``), in index order."""
    import calculators

    found: list[Calculator[Any, Any]] = []
    for module in pkgutil.iter_modules(calculators.__path__):
        if module.name.startswith("_"):
            continue
        calculator = getattr(importlib.import_module(f"calculators.{module.name}"), "CALCULATOR", None)
        if isinstance(calculator, Calculator):
            found.append(calculator)
    return tuple(sorted(found, key=lambda calc: (calc.order, calc.name)))


def get_calculator(name: str) -> Calculator[Any, Any]:
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
        return [{key: _cell(getattr(row, key)) for key, _label in spec.columns} for row in value]
    if spec.kind == "steps":
        return [_step(step) for step in value]
    if spec.kind == "download" and isinstance(value, DeferredText):
        return value.text()
    return str(value)


def _step(step: Step) -> dict[str, Any]:
    links = [
        {"label": link.label, "page": link.page, "anchor": link.anchor, "query": link.query} for link in step.links
    ]
    return {"title": step.title, "text": step.text, "links": links}


def _cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def applies(spec: Field, values: Mapping[str, Any]) -> bool:
    """Whether ``spec`` applies, given the parsed values of the fields before it (see :class:`When`)."""
    return spec.when is None or values.get(spec.when.field) in spec.when.values


def _incomplete(calculator: Calculator[Any, Any], spec: Field, raw: Mapping[str, Any]) -> FieldError | None:
    """An error for ``spec`` given while the field it completes (:attr:`Field.completes`) is left out."""
    value = raw.get(spec.name)
    if not spec.completes or spec.completes in raw or value is None or not str(value).strip():
        return None
    # Left out, that field's default would stand in for what the reader never gave.
    return field_error(spec, "填了这一项，也要填“{other}”。", other=_(calculator.field(spec.completes).label))


def _parse_all(calculator: Calculator[Any, Any], raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for spec in calculator.fields:
        if not applies(spec, values):
            # Ignored, as the page hides it: whatever it holds, its default (checked at declaration) stands in.
            values[spec.name] = parse_field(spec, spec.default)
            continue
        # A field left out takes its default; one given as null (JSON) is empty, as the page sends it.
        given = raw.get(spec.name, spec.default)
        try:
            values[spec.name] = parse_field(spec, "" if given is None else str(given))
        except FieldError as error:
            errors.append(error)
            continue
        if (incomplete := _incomplete(calculator, spec, raw)) is not None:
            errors.append(incomplete)
    return values, errors


def run(name: str, raw: Mapping[str, Any], lang: str = "zh", without: Iterable[str] = ()) -> Result:
    """Run a calculator on the reader's raw inputs.

    This never raises for bad input: the reader gets either results or
    messages that name the fields at fault.

    Args:
        name: the calculator's name.
        raw: field name → the text the reader typed (missing fields take
            their default; ``None`` is empty).
        lang: ``"zh"`` or ``"zh-Hant"``, the script of the messages.
        without: distributions not loaded yet (the browser's engine, before its later
            packages): an output whose text needs one is left out (``None``) and named in
            ``pending``, unless it has no value anyway.

    Returns:
        ``{"ok": True, "outputs": {name: value}}`` with money and rates as
        decimal strings, and ``"pending": [name, …]`` when some are left out;
        or ``{"ok": False, "errors": [{"field", "message"}]}``.
    """
    with use_language(lang):
        try:
            calculator = get_calculator(name)
        except KeyError:
            return {"ok": False, "errors": [{"field": "", "message": _("没有这个计算器。")}]}
        values, errors = _parse_all(calculator, raw)
        if not errors:
            try:
                results = calculator.evaluate(values)
            except FieldError as error:
                errors.append(error)
        if errors:
            return {"ok": False, "errors": [{"field": e.field, "message": e.message} for e in errors]}
        missing = set(without)
        outputs: dict[str, Any] = {}
        pending: list[str] = []
        for spec in calculator.outputs:
            value = getattr(results, spec.name)
            if value is not None and missing.intersection(spec.packages):
                pending.append(spec.name)
                value = None
            outputs[spec.name] = _serialise(spec, value)
        return {"ok": True, "outputs": outputs, **({"pending": pending} if pending else {})}
