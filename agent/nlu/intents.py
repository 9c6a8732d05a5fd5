"""Intent ids, skill ids and the map from one to the other.

The ids are stable: they appear in traces, analytics and the ``agent_classify`` output, and the
training files are named after them (``agent/nlu/data/<language>/<intent>.txt``).
"""

from __future__ import annotations

from typing import Final, Literal

Language = Literal["en", "nl"]
LANGUAGES: Final[tuple[Language, ...]] = ("en", "nl")

ORDER_CHANGE: Final = "order_change"
ORDER_CANCEL: Final = "order_cancel"
ORDER_ADD_ITEMS: Final = "order_add_items"
ORDER_CHANGE_POLICY: Final = "order_change_policy"
RETURN_START: Final = "return_start"
EXCHANGE: Final = "exchange"
RETURN_POLICY: Final = "return_policy"
REFUND_STATUS: Final = "refund_status"
HUMAN: Final = "human"
ORDER_STATUS: Final = "order_status"
GENERAL_QUESTION: Final = "general_question"
GREETING: Final = "greeting"
THANKS_GOODBYE: Final = "thanks_goodbye"
UNKNOWN: Final = "unknown"

SKILL_BY_INTENT: Final[dict[str, str]] = {
    ORDER_CHANGE: "order_edit",
    ORDER_CANCEL: "order_edit",
    ORDER_ADD_ITEMS: "order_edit",
    ORDER_CHANGE_POLICY: "order_edit",
    RETURN_START: "returns",
    EXCHANGE: "returns",
    RETURN_POLICY: "returns",
    REFUND_STATUS: "returns",
    GENERAL_QUESTION: "general_qa",
    ORDER_STATUS: "order_status",
    HUMAN: "handoff",
    GREETING: "smalltalk",
    THANKS_GOODBYE: "smalltalk",
    UNKNOWN: "unknown",
}

INTENTS: Final[tuple[str, ...]] = tuple(SKILL_BY_INTENT)
SKILLS: Final[tuple[str, ...]] = tuple(dict.fromkeys(SKILL_BY_INTENT.values()))


def intent_skill(intent: str) -> str:
    """The skill id that handles ``intent`` (``"unknown"`` for an id we do not know)."""
    return SKILL_BY_INTENT.get(intent, "unknown")
