"""Process warm-up: web and worker processes train the classifier before the first turn."""

from __future__ import annotations

import importlib

import pytest
from celery.signals import worker_process_init

from agent.nlu.classifier import classifier_get
from agent.warmup import process_warm


def test_process_warm_trains_the_classifier_once_for_the_process() -> None:
    classifier_get.cache_clear()

    process_warm()

    assert classifier_get.cache_info().currsize == 1
    trained = classifier_get()
    process_warm()
    assert classifier_get() is trained


def test_process_warm_loads_the_embedding_model_when_embeddings_are_on(
    settings: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.KNOWLEDGE_EMBEDDINGS = True  # type: ignore[attr-defined]
    embedded: list[str] = []
    monkeypatch.setattr("knowledge.embeddings.query_embed", embedded.append)

    process_warm()

    assert embedded == ["warm-up"]


def test_each_worker_process_warms_when_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    importlib.import_module("config.celery_app")
    warmed: list[bool] = []
    monkeypatch.setattr("agent.warmup.process_warm", lambda: warmed.append(True))

    worker_process_init.send(sender=None)

    assert warmed == [True]
