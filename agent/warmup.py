"""Process warm-up: what the first agent turn of a process would otherwise pay for.

The intent classifier is trained from the committed utterances on first use (about 1–3 s on
2 cores) and the embedding model loads on the first embedded question (about 0.4 s; the first
process after an install also builds the model's ONNX file, about 1.5 s, unless
``manage.py kb_model_build`` did). A web process (``config.asgi``) and a worker process
(``config.celery_app``, on ``worker_process_init``) call ``process_warm`` when they start, so
no shopper waits for either.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)


def process_warm() -> None:
    from agent.nlu.classifier import classifier_get
    from knowledge.embeddings import embeddings_enabled, query_embed

    started = time.perf_counter()
    classifier_get()
    if embeddings_enabled():
        query_embed("warm-up")
    logger.info("agent warm-up done in %.2f s", time.perf_counter() - started)
