"""Database: PostgreSQL when DATABASE_URL is set, else a SQLite file under var/."""

from __future__ import annotations

from typing import Any

from config import env as E

DATABASES: dict[str, dict[str, Any]]
if E.DATABASE_URL:
    DATABASES = {"default": E.env.db_url("DATABASE_URL")}
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": E.VAR_DIR / "db.sqlite3",
            # Keep each thread's connection: closing the last one checkpoints and deletes the
            # WAL, which cost ~13 ms per web chat turn (bench/webchat_load.py --conn-max-age).
            "CONN_MAX_AGE": 600,
            # WAL lets the web process read while the Celery worker writes.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
