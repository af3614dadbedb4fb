"""Pack the offline build into one zip: ``python -m mkdocs_guide.publish.bundle SITE ZIP``.

The zip holds one folder (unzipping it scatters nothing), with ``index.html``,
``README.txt`` and the ``serve_offline.py`` launcher at its top.
"""

from __future__ import annotations

import argparse
import os
import time
import zipfile
from pathlib import Path

__all__ = ["FOLDER", "main", "make_zip"]

#: The folder the zip unpacks to.
FOLDER = "jd-overdue-guide-offline"
_EXECUTABLE = 0o100755 << 16
_REGULAR = 0o100644 << 16


def make_zip(site: Path, target: Path, folder: str = FOLDER) -> Path:
    """Write every file of ``site`` into ``target`` below ``folder``.

    Entries are sorted and dated ``SOURCE_DATE_EPOCH`` when it is set, so the
    same build gives the same zip.

    Returns:
        ``target``.
    """
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} holds no built site (no index.html)")
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
    date_time = (max(stamp.tm_year, 1980), *stamp[1:6])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            name = path.relative_to(site).as_posix()
            entry = zipfile.ZipInfo(f"{folder}/{name}", date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = _EXECUTABLE if name.endswith(".py") else _REGULAR
            archive.writestr(entry, path.read_bytes())
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> None:
    """Command line: the built offline site and the zip to write."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("zip", type=Path)
    args = parser.parse_args(argv)
    made = make_zip(args.site, args.zip)
    print(f"{made} ({made.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
