"""The sandbox's schema is Shopify's own (a subset), and the client's documents run on it."""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    parse,
    validate,
)

from integrations.shopify.sandbox.schema import SCHEMA_PATH
from tests.shopify.official_schema import official_schema


@cache
def _official() -> GraphQLSchema:
    return official_schema()


@cache
def _sandbox() -> GraphQLSchema:
    return build_schema(SCHEMA_PATH.read_text())


def test_every_sandbox_type_field_and_argument_is_shopifys_own() -> None:
    official, sandbox = _official(), _sandbox()
    for name, ours in sandbox.type_map.items():
        if name.startswith("__"):
            continue
        theirs = official.get_type(name)
        assert theirs is not None, name
        assert type(theirs) is type(ours), name
        if isinstance(ours, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            official_fields: dict[str, Any] = getattr(theirs, "fields", {})
            for field_name, field in ours.fields.items():
                assert field_name in official_fields, f"{name}.{field_name}"
                official_field = official_fields[field_name]
                assert str(field.type) == str(official_field.type), f"{name}.{field_name}"
                for arg_name, arg in getattr(field, "args", {}).items():
                    assert str(arg.type) == str(official_field.args[arg_name].type)
        if isinstance(ours, GraphQLEnumType):
            assert set(ours.values) <= set(getattr(theirs, "values", {})), name
        if isinstance(ours, GraphQLUnionType):
            assert {t.name for t in ours.types} <= {t.name for t in getattr(theirs, "types", [])}


def _client_documents() -> dict[str, str]:
    module = importlib.import_module("integrations.shopify.queries")
    return dict(module.DOCUMENTS)


def test_every_client_document_validates_against_the_sandbox_schema() -> None:
    documents = _client_documents()
    assert documents
    for name, document in documents.items():
        errors = validate(_sandbox(), parse(document))
        assert [e.message for e in errors] == [], name
