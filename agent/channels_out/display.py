"""Blocks as display-ready JSON: every word translated and neutralised, every URL checked,
dates and money formatted for the shopper's language. The web chat widget renders these (as
text, never as HTML) and the email template lays them out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent.channels_out import wording
from agent.channels_out.text import neutralise, one_line, safe_url
from skills.replies import (
    Action,
    Block,
    Citation,
    HandoffNotice,
    LinkBlock,
    OrderCard,
    OrderLine,
    QuickReplies,
    SignInRequest,
    SignInStep,
    TextBlock,
)

JSON = dict[str, Any]


def display_blocks(blocks: Sequence[Block], *, typed_here: bool) -> list[JSON]:
    """``typed_here``: the sign-in code is typed into the widget's field (web chat), not
    replied by message (email). Blocks left empty (no text, no safe link) are left out."""
    out = []
    for block in blocks:
        shown = _display(block, typed_here=typed_here)
        if shown is not None:
            out.append(shown)
    return out


def _display(block: Block, *, typed_here: bool) -> JSON | None:
    if isinstance(block, TextBlock):
        text = neutralise(block.text)
        citation = _citation(block.citation) if block.citation else None
        return {"type": "text", "text": text, "citation": citation} if text else None
    if isinstance(block, SignInRequest):
        return _sign_in(block, typed_here=typed_here)
    if isinstance(block, OrderCard):
        return _order_card(block)
    if isinstance(block, LinkBlock):
        link = _action(block.action, on_line=False)
        return {"type": "link", **link} if link else None
    if isinstance(block, QuickReplies):
        options = [
            {"label": one_line(o.label), "payload": one_line(o.payload) or one_line(o.label)}
            for o in block.options
            if one_line(o.label)
        ]
        return {"type": "quick_replies", "options": options} if options else None
    return _handoff(block)


def _citation(citation: Citation) -> JSON:
    return {
        "title": one_line(citation.article_title),
        "heading_path": [one_line(h) for h in citation.heading_path if one_line(h)],
        "quote": neutralise(citation.quote),
        "label": wording.citation_text(citation),
    }


def _sign_in(block: SignInRequest, *, typed_here: bool) -> JSON:
    email = block.ask == SignInStep.EMAIL
    return {
        "type": "sign_in",
        "ask": block.ask.value,
        "masked_email": one_line(block.masked_email),
        "prompt": wording.sign_in_prompt(block, typed_here=typed_here),
        "input": {
            "label": wording.sign_in_field_label(block),
            "type": "email" if email else "text",
            "inputmode": "email" if email else "numeric",
            "autocomplete": "email" if email else "one-time-code",
            "maxlength": 254 if email else block.code_length,
        },
        "submit_label": wording.sign_in_submit_label(block),
    }


def _action(action: Action, *, on_line: bool) -> JSON | None:
    url = safe_url(action.url)
    if not url:
        return None
    label = wording.action_label(action, on_line=on_line)
    return {"kind": action.kind.value, "label": label, "url": url}


def _actions(actions: Sequence[Action], *, on_line: bool) -> list[JSON]:
    return [a for a in (_action(action, on_line=on_line) for action in actions) if a]


def _line(line: OrderLine) -> JSON:
    return {
        "title": one_line(line.title),
        "variant": one_line(line.variant),
        "quantity": line.quantity,
        "quantity_label": wording.quantity(line),
        "status": line.status.value,
        "status_label": str(wording.LINE_STATUS_LABELS[line.status]),
        "reason": one_line(line.reason),
        "actions": _actions(line.actions, on_line=True),
    }


def _order_card(card: OrderCard) -> JSON:
    return {
        "type": "order_card",
        "order_name": one_line(card.order_name),
        "title": wording.order_title(card),
        "summary": _summary(card),
        "date": card.order_date.isoformat(),
        "date_label": wording.day_long(card.order_date),
        "currency": one_line(card.currency),
        "total": str(card.total),
        "total_label": wording.money(card.total, card.currency),
        "status": card.status.value,
        "status_label": str(wording.ORDER_STATUS_LABELS[card.status]),
        "lines": [_line(line) for line in card.lines],
        "actions": _actions(card.actions, on_line=False),
    }


def _summary(card: OrderCard) -> str:
    """The card in one sentence, for screen readers and notifications."""
    head, *lines = wording.card_summary(card)
    return " ".join([head, "; ".join(line.removeprefix("- ") for line in lines)]).strip()


def _handoff(block: HandoffNotice) -> JSON:
    return {
        "type": "handoff",
        "message": wording.handoff_text(block),
        "in_business_hours": block.in_business_hours,
        "status_label": wording.handoff_status(block),
    }
