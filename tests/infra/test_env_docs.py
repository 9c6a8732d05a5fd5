"""Every setting read from the environment is documented for operators."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _keys_read_by_env_py() -> set[str]:
    source = (ROOT / "config" / "env.py").read_text()
    return set(re.findall(r'env\.\w+\(\s*"([A-Z0-9_]+)"', source))


def test_env_py_reads_the_expected_number_of_keys() -> None:
    # Guards the regex below: if it stopped matching, the other tests would pass vacuously.
    assert len(_keys_read_by_env_py()) >= 15


def test_every_key_is_in_env_example() -> None:
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert _keys_read_by_env_py() - listed == set()


def test_every_key_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    assert {k for k in _keys_read_by_env_py() if f"`{k}`" not in readme} == set()
