"""The agent app's writes: conversations (``conversations``: the one entry point for shopper
messages) and the handoff and channel settings and handoff tickets (``settings``)."""

from agent.services.conversations import (
    MAX_MESSAGE_CHARS,
    TurnResult,
    conversation_identify,
    conversation_start,
    message_receive,
    rendered_payload,
)
from agent.services.settings import (
    HandoffClosed,
    channel_config_update,
    handoff_claim,
    handoff_close,
    handoff_settings_get_or_create,
    handoff_settings_update,
)

__all__ = [
    "MAX_MESSAGE_CHARS",
    "HandoffClosed",
    "TurnResult",
    "channel_config_update",
    "conversation_identify",
    "conversation_start",
    "handoff_claim",
    "handoff_close",
    "handoff_settings_get_or_create",
    "handoff_settings_update",
    "message_receive",
    "rendered_payload",
]
