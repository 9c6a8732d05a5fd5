"""The committed compiled catalogues (.mo) match their .po sources, so a machine without
gettext (where `make` cannot compile them) shows the same Dutch as the .po says."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR).glob("locale/*/LC_MESSAGES/*.po"))


def test_there_is_a_dutch_catalogue() -> None:
    assert Path(settings.BASE_DIR, "locale/nl/LC_MESSAGES/django.po") in CATALOGUES


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt not found (gettext)")
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_the_committed_mo_is_compiled_from_the_current_po(po: Path, tmp_path: Path) -> None:
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run `make messages` and commit it"
    fresh = tmp_path / "fresh.mo"
    subprocess.run(  # noqa: S603 - gettext's compiler on our own file
        ["msgfmt", "--check-format", "-o", str(fresh), str(po)],  # noqa: S607
        check=True,
        capture_output=True,
    )

    with committed.open("rb") as old, fresh.open("rb") as new:
        old_catalog = gettext.GNUTranslations(old)._catalog  # type: ignore[attr-defined]
        new_catalog = gettext.GNUTranslations(new)._catalog  # type: ignore[attr-defined]

    stale = sorted(
        str(key)
        for key in old_catalog.keys() | new_catalog.keys()
        if old_catalog.get(key) != new_catalog.get(key)
    )
    assert not stale, f"{committed} is out of date ({len(stale)} entries): run `make messages`"
