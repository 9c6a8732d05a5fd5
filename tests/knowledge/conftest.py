"""Fixtures for the knowledge tests: the API client fixture is shared with tests/api."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.dense import dense_cache_clear
from tests.api.conftest import api_for

__all__ = ["api_for", "embeddings_on"]


@pytest.fixture
def embeddings_on(settings: pytest.FixtureRequest) -> Iterator[None]:
    """Embeddings switched on (the test settings turn them off), with every process-level
    dense matrix forgotten before and after."""
    settings.KNOWLEDGE_EMBEDDINGS = True  # type: ignore[attr-defined]
    dense_cache_clear()
    yield
    dense_cache_clear()
