"""The intent classifier: TF-IDF features -> linear SVM (scikit-learn's LinearSVC), with
confidences from a softmax over its scores at a temperature fitted by cross-validation.

Trained from the utterances in ``agent/nlu/data/`` on first use (1-2 s on one core), then kept
for the life of the process. Nothing is pickled or downloaded: the model is a pure function of
the committed text files, and training is deterministic (fixed row order, liblinear's dual
coordinate descent with a fixed seed, unshuffled folds), so every process gets the same model.

Why a temperature: an SVM's scores are margins, not probabilities. Scores of each training
utterance from a model that did not see it (3-fold cross-validation) give the one scale factor
under which softmax(scale * scores) best predicts the true intent (lowest log loss); the
threshold the engine uses to ask a clarifying question is then a probability-like number.

Features, on ``text.classifier_view`` (folded, numbers as "0"):
- character n-grams (2-5, within word boundaries): typos, inflections, compounds, emoji;
- word unigrams as Snowball stems in both English and Dutch, plus word bigrams: phrasing
  ("cancel my", "waar blijft").

Inference skips scikit-learn's per-call validation: the vectorisers' vocabularies and idf
weights and the model's coefficients are read once into plain dicts and a numpy matrix, so one
message costs a few dict look-ups and one small matrix product (see ``bench/nlu_speed.py``).
``Classifier.predict_sklearn`` keeps the library path for the tests that check both agree.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.svm import LinearSVC

from agent.nlu.data import Utterance, utterances_load
from agent.nlu.text import classifier_view, stems_both

_TOKEN_RE: Final = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
CHAR_NGRAMS: Final = (2, 5)
REGULARISATION_C: Final = 0.5
_CACHE_LIMIT: Final = 50_000
CALIBRATION_FOLDS: Final = 3
_TEMPERATURES: Final = np.geomspace(0.5, 30.0, 120)


def _tokens(view: str) -> list[str]:
    return [t for t in _TOKEN_RE.findall(view) if t.isalnum()]


def word_features(view: str) -> list[str]:
    """Word features of a classifier view: stems (EN and NL) of each word and raw bigrams."""
    tokens = _tokens(view)
    features: list[str] = []
    for token in tokens:
        en, nl = stems_both(token)
        features.append(en)
        if nl != en:
            features.append(nl)
    features.extend(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return features


def _char_ngrams(word: str) -> list[str]:
    """The n-grams scikit-learn's ``analyzer="char_wb"`` takes from one word (``CHAR_NGRAMS``)."""
    low, high = CHAR_NGRAMS
    padded = f" {word} "
    length = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if n > length:
            break
        grams.extend(padded[i : i + n] for i in range(length - n + 1))
    return grams


@dataclass(frozen=True)
class Prediction:
    """Probabilities over ``Classifier.labels``, best first."""

    ranked: tuple[tuple[str, float], ...]


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=-1, keepdims=True)
    exponents = np.exp(shifted)
    return np.asarray(exponents / exponents.sum(axis=-1, keepdims=True))


def _temperature_fit(scores: np.ndarray, truth: np.ndarray) -> float:
    """The scale (from a fixed grid) minimising the log loss of softmax(scale * scores)."""
    rows = np.arange(len(truth))
    losses = [-np.log(_softmax(scores * t)[rows, truth] + 1e-12).mean() for t in _TEMPERATURES]
    return float(_TEMPERATURES[int(np.argmin(losses))])


class Classifier:
    """A trained intent model. Build with ``Classifier.train`` (or ``classifier_get()``)."""

    def __init__(
        self, char: TfidfVectorizer, word: TfidfVectorizer, model: LinearSVC, scale: float
    ):
        self._char = char
        self._word = word
        self._model = model
        self.scale = scale
        self.labels: tuple[str, ...] = tuple(str(label) for label in model.classes_)
        # The fitted state, copied into plain structures for the fast path. Word features are
        # numbered after the character n-grams, as in the stacked training matrix.
        self._char_vocab: dict[str, int] = dict(char.vocabulary_)
        self._offset = len(self._char_vocab)
        self._word_vocab: dict[str, int] = {
            feature: index + self._offset for feature, index in word.vocabulary_.items()
        }
        self._idf = np.concatenate([char.idf_, word.idf_]).astype(np.float64)
        self._coef = np.asarray(model.coef_, dtype=np.float64).T.copy()
        self._intercept = np.asarray(model.intercept_, dtype=np.float64)
        # Per-word feature indices: shoppers reuse words, so most look-ups hit.
        self._char_cache: dict[str, tuple[int, ...]] = {}
        self._stem_cache: dict[str, tuple[int, ...]] = {}

    @classmethod
    def train(cls, utterances: Sequence[Utterance]) -> Classifier:
        views = [classifier_view(u.text) for u in utterances]
        labels = [u.intent for u in utterances]
        char = TfidfVectorizer(
            analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, lowercase=False
        )
        word = TfidfVectorizer(analyzer=word_features, sublinear_tf=True, lowercase=False)
        features = sparse.hstack([char.fit_transform(views), word.fit_transform(views)]).tocsr()
        held_out_scores = cross_val_predict(
            LinearSVC(C=REGULARISATION_C, random_state=0),
            features,
            labels,
            cv=StratifiedKFold(CALIBRATION_FOLDS),
            method="decision_function",
        )
        model = LinearSVC(C=REGULARISATION_C, random_state=0).fit(features, labels)
        truth = np.searchsorted(model.classes_, np.asarray(labels))
        return cls(char, word, model, _temperature_fit(np.asarray(held_out_scores), truth))

    def caches_clear(self) -> None:
        """Forget the per-word feature look-ups (for measuring the cold path)."""
        self._char_cache.clear()
        self._stem_cache.clear()

    def _cached(self, cache: dict[str, tuple[int, ...]], key: str, features: list[str],
                vocab: dict[str, int]) -> tuple[int, ...]:  # fmt: skip
        indices = tuple(vocab[f] for f in features if f in vocab)
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = indices
        return indices

    def _char_indices(self, view: str) -> list[int]:
        indices: list[int] = []
        for word in view.split():
            cached = self._char_cache.get(word)
            if cached is None:
                cached = self._cached(self._char_cache, word, _char_ngrams(word), self._char_vocab)
            indices.extend(cached)
        return indices

    def _word_indices(self, view: str) -> list[int]:
        tokens = _tokens(view)
        indices: list[int] = []
        for token in tokens:
            cached = self._stem_cache.get(token)
            if cached is None:
                stems = list(dict.fromkeys(stems_both(token)))
                cached = self._cached(self._stem_cache, token, stems, self._word_vocab)
            indices.extend(cached)
        for a, b in itertools.pairwise(tokens):
            index = self._word_vocab.get(f"{a} {b}")
            if index is not None:
                indices.append(index)
        return indices

    def _tfidf(self, indices: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Feature indices and their l2-normalised sublinear tf-idf weights."""
        counts = Counter(indices)
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        if not len(columns):
            return columns, np.zeros(0)
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        weights = (1.0 + np.log(tf)) * self._idf[columns]
        return columns, weights / math.sqrt(float(weights @ weights))

    def predict(self, text: str) -> Prediction:
        """Intent probabilities for one message (raw text; the view is computed here)."""
        view = classifier_view(text)
        char_columns, char_weights = self._tfidf(self._char_indices(view))
        word_columns, word_weights = self._tfidf(self._word_indices(view))
        columns = np.concatenate([char_columns, word_columns])
        weights = np.concatenate([char_weights, word_weights])
        logits = weights @ self._coef[columns] + self._intercept
        probabilities = _softmax(logits * self.scale)
        order = np.argsort(-probabilities, kind="stable")
        return Prediction(tuple((self.labels[i], float(probabilities[i])) for i in order))

    def predict_sklearn(self, texts: Sequence[str]) -> np.ndarray:
        """The same probabilities through scikit-learn's own transform and decision function
        (columns in ``labels`` order): the reference the fast path is tested against, and the
        batch path."""
        views = [classifier_view(t) for t in texts]
        features = sparse.hstack([self._char.transform(views), self._word.transform(views)])
        return _softmax(np.asarray(self._model.decision_function(features.tocsr())) * self.scale)


@functools.cache
def classifier_get() -> Classifier:
    """The process-wide classifier, trained from the committed data on first call."""
    return Classifier.train(utterances_load())
