"""A lean bulk upsert for the mirror's large tables: ``INSERT ... ON CONFLICT (store_id,
shopify_id) DO UPDATE ... RETURNING shopify_id, id`` from plain value dicts.

Django's ``bulk_create(update_conflicts=True)`` builds a model instance per row and prepares
every value through the full field machinery, and on SQLite it splits a batch into statements
of at most 999 parameters (about 40 orders). The sync writes hundreds of thousands of rows, so
it skips both: values are adapted once per column kind with the connection's own adapters
(times, decimals, JSON), and each statement carries as many rows as the database allows.
PostgreSQL and SQLite (3.35+) both support ``ON CONFLICT ... DO UPDATE`` and ``RETURNING``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC
from functools import cache
from typing import Any

import orjson
from django.db import connection, models
from django.utils import timezone

# Parameters per statement: well under SQLite's default limit (32,766 before 3.32, 250,000 in
# this build) and PostgreSQL's 65,535.
MAX_PARAMS = 30_000

Adapter = Callable[[Any], Any] | None


def rows_upsert(
    *,
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    update: Sequence[str],
    max_params: int = MAX_PARAMS,
) -> dict[int, int]:
    """Insert or update ``rows`` (dicts keyed by column attnames, the same keys in each, with
    ``store_id`` and ``shopify_id``); on conflict set the ``update`` attnames and
    ``updated_at``. ``created_at``/``updated_at`` are set here. At most ``max_params``
    parameters go in one statement. Returns {Shopify id: pk}."""
    if not rows:
        return {}
    names = tuple(rows[0])
    now = timezone.now()
    sql, adapters = _statement(model, names, tuple(update), connection.vendor)
    stamp = _adapt_time(now)
    per_row = len(names) + 2
    pks: dict[int, int] = {}
    with connection.cursor() as cursor:
        start = 0
        for size in _chunk_sizes(len(rows), max_params // per_row):
            chunk = rows[start : start + size]
            start += size
            params: list[Any] = []
            for row in chunk:
                for name, adapt in zip(names, adapters, strict=True):
                    value = row[name]
                    params.append(
                        adapt(value) if adapt is not None and value is not None else value
                    )
                params.append(stamp)
                params.append(stamp)
            placeholders = ", ".join([_row_placeholder(per_row)] * len(chunk))
            cursor.execute(sql.format(values=placeholders), params)
            pks.update(cursor.fetchall())
    return pks


def _chunk_sizes(count: int, most: int) -> list[int]:
    """Rows per statement: full chunks of a power of two <= ``most``, then the rest as powers
    of two. Only a few distinct statement texts ever exist (the driver caches the compiled
    statements; one text per batch length would fill the cache with large ones)."""
    full = 1 << max(most, 1).bit_length() - 1
    sizes = [full] * (count // full)
    rest = count % full
    sizes += [1 << bit for bit in reversed(range(rest.bit_length())) if rest & (1 << bit)]
    return sizes


@cache
def _row_placeholder(width: int) -> str:
    return "(" + ", ".join(["%s"] * width) + ")"


def _adapt_time(value: Any) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


@cache
def _statement(
    model: type[models.Model], names: tuple[str, ...], update: tuple[str, ...], vendor: str
) -> tuple[str, list[Adapter]]:
    """The statement (with ``{values}`` for the rows) and one adapter per column."""
    meta = model._meta
    qn = connection.ops.quote_name
    by_attname = {f.attname: f for f in meta.concrete_fields}
    fields = [by_attname[name] for name in names]
    columns = [qn(f.column) for f in fields] + [qn("created_at"), qn("updated_at")]
    sets = [
        f"{qn(by_attname[name].column)} = excluded.{qn(by_attname[name].column)}"
        for name in (*update, "updated_at")
    ]
    # Every identifier comes from the model's meta and is quoted; values are parameters.
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(columns)}) VALUES {{values}} "  # noqa: S608
        f"ON CONFLICT ({qn('store_id')}, {qn('shopify_id')}) DO UPDATE SET {', '.join(sets)} "
        f"RETURNING {qn('shopify_id')}, {qn(meta.pk.column)}"
    )
    return sql, [_adapter(field) for field in fields]


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


def _adapter(field: models.Field[Any, Any]) -> Adapter:
    ops = connection.ops
    if connection.vendor == "sqlite":
        # What Django's SQLite adapters produce (JSON text; naive UTC "YYYY-MM-DD HH:MM:SS"),
        # without their per-value overhead.
        if isinstance(field, models.JSONField):
            return _json_text
        if isinstance(field, models.DateTimeField):
            return lambda value: str(value.astimezone(UTC).replace(tzinfo=None))
    if connection.vendor == "postgresql" and isinstance(field, models.JSONField):
        from psycopg.types.json import Jsonb

        return lambda value: Jsonb(value, dumps=_json_text)
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    return None
