"""A lean bulk upsert for the mirror's large tables: ``INSERT ... ON CONFLICT (store_id,
shopify_id) DO UPDATE ... RETURNING shopify_id, id`` from plain value dicts.

Django's ``bulk_create(update_conflicts=True)`` builds a model instance per row and prepares
every value through the full field machinery, and on SQLite it splits a batch into statements
of at most 999 parameters (about 40 orders). The sync writes hundreds of thousands of rows, so
it skips both: values are adapted once per column kind with the connection's own adapters
(times, decimals, JSON), and each statement carries as many rows as the database allows.
PostgreSQL and SQLite (3.35+) both support ``ON CONFLICT ... DO UPDATE`` and ``RETURNING``.

On PostgreSQL the rows go in as one array per column, ``INSERT ... SELECT * FROM UNNEST(...)``
(as Django's own ``bulk_create`` does there): the statement stays short and the same for every
chunk. With a ``VALUES`` list of tens of thousands of ``%s``, psycopg (client-side binding, as
Django uses it) scanned the whole statement text for placeholders on every execute — most of
the sync's time on PostgreSQL. SQLite binds ``VALUES`` parameters natively and keeps them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC
from functools import cache
from operator import itemgetter
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
    most = max_params // per_row
    unnest = connection.vendor == "postgresql"
    # UNNEST's statement is the same for any number of rows: plain chunks of the most rows.
    sizes = [most] * -(-len(rows) // most) if unnest else _chunk_sizes(len(rows), most)
    with connection.cursor() as cursor:
        start = 0
        for size in sizes:
            chunk = rows[start : start + size]
            start += size
            if unnest:
                cursor.execute(sql, [stamp, stamp, *_columns(chunk, names, adapters)])
            else:
                placeholders = ", ".join([_row_placeholder(per_row)] * len(chunk))
                cursor.execute(
                    sql.format(values=placeholders), _flat(chunk, names, adapters, stamp)
                )
            pks.update(cursor.fetchall())
    return pks


def _flat(
    chunk: Sequence[dict[str, Any]], names: tuple[str, ...], adapters: list[Adapter], stamp: Any
) -> list[Any]:
    """The parameters of a ``VALUES`` list: row after row, each ending with its two times.
    Values are read with one itemgetter per row and only the columns with an adapter are
    touched one by one (this loop runs for every value the sync writes)."""
    get = itemgetter(*names)
    adapted = [(i, adapt) for i, adapt in enumerate(adapters) if adapt is not None]
    params: list[Any] = []
    for row in chunk:
        values = list(get(row)) if len(names) > 1 else [get(row)]
        for i, adapt in adapted:
            if (value := values[i]) is not None:
                values[i] = adapt(value)
        params += values
        params.append(stamp)
        params.append(stamp)
    return params


def _columns(
    chunk: Sequence[dict[str, Any]], names: tuple[str, ...], adapters: list[Adapter]
) -> list[list[Any]]:
    """One list per column (the arrays UNNEST turns back into rows)."""
    columns = []
    for name, adapt in zip(names, adapters, strict=True):
        column = list(map(itemgetter(name), chunk))
        if adapt is not None:
            column = [adapt(v) if v is not None else v for v in column]
        columns.append(column)
    return columns


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
    """The statement (on SQLite with ``{values}`` for the rows' placeholders) and one adapter
    per column."""
    meta = model._meta
    qn = connection.ops.quote_name
    by_attname = {f.attname: f for f in meta.concrete_fields}
    fields = [by_attname[name] for name in names]
    columns = [qn(f.column) for f in fields] + [qn("created_at"), qn("updated_at")]
    sets = [
        f"{qn(by_attname[name].column)} = excluded.{qn(by_attname[name].column)}"
        for name in (*update, "updated_at")
    ]
    if vendor == "postgresql":
        # Array types without their modifiers (varchar[], numeric[]), as Django's bulk_create
        # casts them, so no value is truncated on the way.
        arrays = ", ".join(f"(%s)::{_array_type(f)}[]" for f in fields)
        rows = f"SELECT *, %s, %s FROM UNNEST({arrays})"  # noqa: S608 - types from the meta
    else:
        rows = "VALUES {values}"
    # Every identifier comes from the model's meta and is quoted; values are parameters.
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(columns)}) {rows} "
        f"ON CONFLICT ({qn('store_id')}, {qn('shopify_id')}) DO UPDATE SET {', '.join(sets)} "
        f"RETURNING {qn('shopify_id')}, {qn(meta.pk.column)}"
    )
    return sql, [_adapter(field) for field in fields]


def _array_type(field: models.Field[Any, Any]) -> str:
    db_type = field.db_type(connection)
    if db_type is None:
        raise ValueError(f"{field} has no column type")
    return db_type.split("(")[0]


def _sqlite_time(value: Any) -> str:
    """Django's SQLite form of an aware time: naive UTC, ``YYYY-MM-DD HH:MM:SS[.ffffff]``."""
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return str(value.replace(tzinfo=None))


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
            return _sqlite_time
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
