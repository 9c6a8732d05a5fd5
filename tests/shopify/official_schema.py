"""Shopify's official Admin API 2026-10 schema, vendored in tests/fixtures/shopify/."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from graphql import GraphQLSchema, build_schema

OFFICIAL_SCHEMA_PATH = (
    Path(__file__).resolve().parents[1] / "fixtures/shopify/admin_2026-10.schema.graphql.gz"
)


@cache
def official_schema() -> GraphQLSchema:
    """Built once per test process: building the 3.7 MB schema takes a few seconds."""
    return build_schema(gzip.decompress(OFFICIAL_SCHEMA_PATH.read_bytes()).decode("utf-8"))
