"""Builds for the distribution tests: the site as hosted below a path, and the offline bundle.

Plain functions, built once per session (``functools.cache``) and wrapped as fixtures by
the test modules that need them: a ``conftest.py`` here would clash with the root one in mypy.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from mkdocs_guide.publish.bundle import FOLDER, make_zip

__all__ = ["HOSTED_URL", "hosted_site", "offline_bundle"]

ROOT = Path(__file__).resolve().parents[2]
#: Where the hosted build pretends to live: a project site below a path, as on GitHub Pages.
HOSTED_URL = "https://example.org/guide/"


def _build(site: Path, **env: str) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    environment = {key: value for key, value in os.environ.items() if key not in {"SITE_URL", "GUIDE_OFFLINE"}}
    subprocess.run(
        [str(mkdocs), "build", "--strict", "--clean", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        env={**environment, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
    )


@functools.cache
def hosted_site(base: Path) -> Path:
    """The site built below ``base`` with ``SITE_URL`` set to :data:`HOSTED_URL`."""
    site = base / "hosted-site"
    _build(site, SITE_URL=HOSTED_URL)
    return site


@functools.cache
def offline_bundle(base: Path) -> tuple[Path, Path]:
    """The offline bundle's zip and the folder it unzips to, below ``base``.

    The zip is ``GUIDE_OFFLINE_ZIP`` if set (e.g. ``dist/guide-offline.zip`` from
    ``make offline``), else built here.  It is unzipped as a reader would, modes kept,
    so the launcher stays executable.
    """
    given = os.environ.get("GUIDE_OFFLINE_ZIP")
    if given:
        bundle = Path(given).resolve()
    else:
        _build(base / "offline-site", GUIDE_OFFLINE="true")
        bundle = make_zip(base / "offline-site", base / "guide-offline.zip")
    target = base / "unzipped"
    with zipfile.ZipFile(bundle) as archive:
        for entry in archive.infolist():
            archive.extract(entry, target)
            mode = entry.external_attr >> 16 & 0o777
            if mode:
                (target / entry.filename).chmod(mode)
    return bundle, target / FOLDER
