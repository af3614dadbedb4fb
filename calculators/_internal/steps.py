"""An ordered list of steps, each with links to the guide: the value of a ``steps`` output.

A link names a page of the guide by its path below ``docs/`` (``stages.md``,
``calculators/deadline.md``), never by URL: the build resolves the path to the page's
URL in each script and URL style, and the page script makes links only to the pages
the output declares (``Output.pages``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Step", "StepLink"]


@dataclass(frozen=True)
class StepLink:
    """A link from a step to the guide section or calculator that explains it.

    Attributes:
        label: the link's text, in the reader's script.
        page: the page's path below ``docs/``.
        anchor: a heading's id on that page, or ``""``.
        query: a query string that prefills a calculator page, or ``""``.
    """

    label: str
    page: str
    anchor: str = ""
    query: str = ""


@dataclass(frozen=True)
class Step:
    """One step: what to do, and where the guide explains it.

    Attributes:
        title: the step in a few words.
        text: what to do and why, in a sentence or two.
        links: the sections and calculators that explain it.
    """

    title: str
    text: str
    links: tuple[StepLink, ...] = ()
