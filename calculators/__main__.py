"""Command line: ``python -m calculators --list`` and ``python -m calculators NAME --json '{…}'``.

Bad input exits with status 2 and a message naming the field, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import all_calculators, run
from ._internal.i18n import DEFAULT_LANG, LANGS, has_catalog, set_catalog


def _ensure_catalog(lang: str) -> str | None:
    """Make messages in ``lang`` available; a reason for the reader when they cannot be."""
    if has_catalog(lang):
        return None
    # A source checkout has no built catalogue; the build's own code makes one when its tools are installed.
    try:
        from mkdocs_guide.calc.messages import message_catalog
    except ImportError:
        return (
            f"--lang {lang}: this installation has no {lang} messages and cannot make them "
            "(the catalogue is built into the wheel by `make build`; from a source checkout, "
            "run `make setup` first)"
        )
    set_catalog(lang, message_catalog())
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input)."""
    parser = argparse.ArgumentParser(prog="python -m calculators", description="京东金融逾期自助计算器")
    parser.add_argument("name", nargs="?", help="calculator name (see --list)")
    parser.add_argument("--json", default="{}", help='inputs as a JSON object, e.g. \'{"principal": "10000"}\'')
    parser.add_argument("--lang", default=DEFAULT_LANG, choices=LANGS, help="script of the messages")
    parser.add_argument("--list", action="store_true", help="list the calculators")
    args = parser.parse_args(argv)
    if args.list or not args.name:
        for calculator in all_calculators():
            print(f"{calculator.name}\t{calculator.title}")
        return 0
    try:
        raw = json.loads(args.json)
    except ValueError as error:
        print(f"--json: not valid JSON ({error})", file=sys.stderr)
        return 2
    except RecursionError:
        print("--json: nested too deeply", file=sys.stderr)
        return 2
    if not isinstance(raw, dict):
        print("--json: expected a JSON object of field names to values", file=sys.stderr)
        return 2
    unavailable = _ensure_catalog(args.lang)
    if unavailable:
        print(unavailable, file=sys.stderr)
        return 2
    result = run(args.name, raw, args.lang)
    if not result["ok"]:
        for problem in result["errors"]:
            print(f"{problem['field'] or args.name}: {problem['message']}", file=sys.stderr)
        return 2
    print(json.dumps(result["outputs"], ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
