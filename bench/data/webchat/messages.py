"""What the load test's shoppers type: anonymous storefront shoppers (no storefront-signed
identity), half in English and half in Dutch, in a mix of kinds of message.

======================  ======  ========================================================
kind                    weight  what the agent does
======================  ======  ========================================================
greeting                14      small talk
kb_question             28      answers from the help centre (``bench/data/kb/`` questions)
policy                  16      answers from the return / change / cancel policy content
order                   16      an order question with its number: asks the shopper to sign in
handoff                  8      hands the conversation off to a person (the agent keeps answering
                                until a person claims it, which nobody does here)
out_of_scope             8      says what it can help with
thanks                  10      says goodbye
======================  ======  ========================================================

The templates and the question variations are the agent-turn benchmark's
(``bench/data/agent/messages.py``); the handoff requests are written here, not taken from the
intent model's training utterances. A shopper's first message is drawn from the same mix
(not always a greeting), so that a window in which most shoppers get only one or two
replies, as at high N, still measures the mix.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from bench.data.agent.messages import CLOSINGS, OPENINGS, TEMPLATES

KINDS: tuple[tuple[str, int], ...] = (
    ("greeting", 14),
    ("kb_question", 28),
    ("policy", 16),
    ("order", 16),
    ("handoff", 8),
    ("out_of_scope", 8),
    ("thanks", 10),
)
HANDOFF: dict[str, tuple[str, ...]] = {
    "en": (
        "can I chat with a real person please",
        "I'd rather talk to somebody from customer service",
        "is there a human I can talk to?",
        "put me through to an employee",
    ),
    "nl": (
        "kan ik met een echt persoon chatten",
        "ik wil liever iemand van de klantenservice spreken",
        "is er een mens met wie ik kan praten?",
        "verbind me door met een medewerker",
    ),
}


class Mix:
    """Draws a shopper's next message: ``next(language)`` -> (kind, text)."""

    def __init__(
        self, *, questions: Sequence[tuple[str, str]], order_numbers: Sequence[int], seed: int
    ) -> None:
        self.rng = random.Random(f"{seed}/webchat-mix")
        self.questions = {
            lang: [q for q, language in questions if language == lang] for lang in ("en", "nl")
        }
        self.order_numbers = list(order_numbers)
        self.kinds, self.weights = zip(*KINDS, strict=True)

    def next(self, language: str) -> tuple[str, str]:
        rng = self.rng
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind == "kb_question":
            return kind, self._vary(rng.choice(self.questions[language]), language)
        if kind == "order":
            template = rng.choice(TEMPLATES["order_status"][language])
            text = template.format(n=rng.choice(self.order_numbers))
            return kind, self._vary(text, language)
        if kind == "handoff":
            return kind, rng.choice(HANDOFF[language])
        text = rng.choice(TEMPLATES[kind][language])
        return kind, text if kind in ("greeting", "thanks") else self._vary(text, language)

    def _vary(self, text: str, language: str) -> str:
        """As ``bench.data.agent.scripts._Builder.vary``: case, question mark, an opening and
        a closing that leave the intent alone; most questions are new text to the server."""
        rng = self.rng
        if rng.random() < 0.3:
            text = text.lower()
        if rng.random() < 0.3:
            text = text.rstrip("?")
        return f"{rng.choice(OPENINGS[language])}{text}{rng.choice(CLOSINGS[language])}"
