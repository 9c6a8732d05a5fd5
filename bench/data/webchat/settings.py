"""The bench server's settings: the project's local settings (``make run``'s), unchanged
unless a what-if experiment asks otherwise.

``BENCH_CONN_MAX_AGE`` (seconds, or "none" for unlimited): the database connection's
lifetime. The product leaves SQLite at Django's default, 0: ``database_sync_to_async`` closes
the connection after every call, and each turn opens a new one. ``bench/webchat_load.py
--conn-max-age`` sets this to measure what persistent connections would change.
"""

from __future__ import annotations

import os

from config.settings.local import *  # noqa: F403
from config.settings.local import DATABASES

_age = os.environ.get("BENCH_CONN_MAX_AGE", "")
if _age:
    DATABASES["default"]["CONN_MAX_AGE"] = None if _age == "none" else int(_age)
