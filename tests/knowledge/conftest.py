"""Fixtures for the knowledge tests: the API client fixture is shared with tests/api."""

from __future__ import annotations

from tests.api.conftest import api_for

__all__ = ["api_for"]
