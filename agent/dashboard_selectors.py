"""Reads for the agent's dashboard pages: channels, handoffs, conversations, analytics and
Agent Preview.

Every function takes the store it reads for; nothing here reads another store's rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agent import selectors as agent_selectors
from agent.models import (
    Channel,
    Conversation,
    ConversationEvent,
    Handoff,
    Message,
)
from core.errors import NotFound
from core.models import Store
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Customer, Order
from skills.registry import SKILLS

# Used for a web chat channel that has never been saved, so the form starts from sensible values.
WEBCHAT_DEFAULTS: dict[str, Any] = {
    "allowed_origins": [],
    "accent_color": "#1f6feb",
    "greeting_en": "Hi! How can we help you today?",
    "greeting_nl": "Hoi! Waarmee kunnen we je helpen?",
}


def outbox_recent_list(*, store: Store, limit: int = 10) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(store=store).order_by("-created_at", "-id")[:limit])


_NO_SKILL = _("No skill yet")


# --- handoffs ----------------------------------------------------------------------------------

HANDOFF_STATUS_FILTERS = ("active", "open", "claimed", "closed", "all")


def handoff_inbox_list(*, store: Store, status: str = "active") -> QuerySet[Handoff]:
    """Handoffs newest first. ``active`` = open or taken over; ``all`` = every status."""
    if status == "active":
        handoffs = agent_selectors.handoff_list(store=store).exclude(status=Handoff.Status.CLOSED)
    else:
        handoffs = agent_selectors.handoff_list(
            store=store, status=status if status in Handoff.Status.values else None
        )
    return handoffs.select_related("conversation")


def handoff_counts(*, store: Store) -> dict[str, int]:
    """Number of handoffs per status, every status present (zero when none)."""
    rows = Handoff.objects.filter(store=store).order_by().values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(Handoff.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


@dataclass(frozen=True)
class TranscriptLine:
    role: str
    role_label: str | Promise
    text: str
    at: dt.datetime | None


def _role_label(role: str) -> str | Promise:
    return dict(Message.Role.choices).get(role, role)


def handoff_get(*, store: Store, handoff_id: int) -> Handoff:
    handoff = (
        Handoff.objects.filter(store=store, id=handoff_id)
        .select_related("assigned_to", "conversation", "conversation__customer")
        .first()
    )
    if handoff is None:
        raise NotFound()
    return handoff


def handoff_transcript(*, handoff: Handoff) -> list[TranscriptLine]:
    """The ticket's transcript snapshot ({role, text, at} items) ready to show."""
    lines = []
    for item in handoff.transcript if isinstance(handoff.transcript, list) else []:
        if not isinstance(item, dict):
            continue
        role = str(item.get("role", ""))
        at = item.get("at")
        lines.append(
            TranscriptLine(
                role=role,
                role_label=_role_label(role),
                text=str(item.get("text", "")),
                at=parse_datetime(at) if isinstance(at, str) else None,
            )
        )
    return lines


# --- conversations -----------------------------------------------------------------------------


def conversation_page_list(
    *,
    store: Store,
    skill: str = "",
    channel: str = "",
    status: str = "",
    preview: bool | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Conversation]:
    """The store's conversations for the dashboard list: the API's filters (dates are
    inclusive days in the store's zone) plus the last skill, with message counts."""
    conversations = agent_selectors.conversation_list(
        store=store,
        channel=channel,
        status=status,
        is_preview=preview,
        date_from=date_from,
        date_to=date_to,
    )
    if skill:
        conversations = conversations.filter(last_skill=skill)
    return conversations.select_related("customer").annotate(
        message_count=Count("messages", distinct=True)
    )


@dataclass(frozen=True)
class TraceItem:
    key: str
    value: str


@dataclass(frozen=True)
class Turn:
    message: Message
    traces: list[list[TraceItem]] = field(default_factory=list)


@dataclass(frozen=True)
class ConversationDetail:
    conversation: Conversation
    turns: list[Turn]
    events: list[ConversationEvent]
    handoffs: list[Handoff]


def _trace_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def trace_items(*, event: ConversationEvent) -> list[TraceItem]:
    """A turn event's data as a flat, readable key/value list: skill first, then the keys in
    alphabetical order (PostgreSQL's jsonb does not keep insertion order, so sort for both)."""
    items = [TraceItem(key="skill", value=event.skill)] if event.skill else []
    data = event.data if isinstance(event.data, dict) else {"data": event.data}
    items.extend(
        TraceItem(key=str(k), value=_trace_value(v)) for k, v in sorted(data.items(), key=str)
    )
    return items


def conversation_detail_get(*, store: Store, conversation_id: int) -> ConversationDetail:
    conversation = (
        Conversation.objects.filter(store=store, id=conversation_id)
        .select_related("customer")
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.filter(store=store).order_by("seq")),
            Prefetch(
                "events",
                queryset=ConversationEvent.objects.filter(store=store).order_by("created_at", "id"),
            ),
            Prefetch(
                "handoffs",
                queryset=Handoff.objects.filter(store=store).select_related("assigned_to"),
            ),
        )
        .first()
    )
    if conversation is None:
        raise NotFound()
    events = list(conversation.events.all())
    traces: dict[int, list[list[TraceItem]]] = {}
    other_events = []
    for event in events:
        if event.kind == ConversationEvent.Kind.TURN and event.message_id is not None:
            traces.setdefault(event.message_id, []).append(trace_items(event=event))
        else:
            other_events.append(event)
    turns = [Turn(message=m, traces=traces.get(m.id, [])) for m in conversation.messages.all()]
    return ConversationDetail(
        conversation=conversation,
        turns=turns,
        events=other_events,
        handoffs=list(conversation.handoffs.all()),
    )


# --- Agent Preview -----------------------------------------------------------------------------


def preview_customer_list(*, store: Store) -> QuerySet[Customer]:
    """The store's mirrored customers that can play the test shopper."""
    return Customer.objects.filter(store=store).order_by("last_name", "first_name", "id")


def preview_conversation_list(*, store: Store, limit: int = 20) -> list[Conversation]:
    return list(
        Conversation.objects.filter(store=store, is_preview=True)
        .select_related("customer")
        .annotate(message_count=Count("messages", distinct=True))
        .order_by("-created_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class PreviewShopper:
    customer: Customer
    order_count: int
    recent_orders: list[Order]


def preview_shopper_get(*, store: Store, customer: Customer, limit: int = 5) -> PreviewShopper:
    """What the agent can know about a signed-in test shopper: their mirrored orders."""
    orders = Order.objects.filter(store=store, customer=customer).order_by("-shop_created_at")
    return PreviewShopper(
        customer=customer, order_count=orders.count(), recent_orders=list(orders[:limit])
    )


# --- analytics ---------------------------------------------------------------------------------

ANALYTICS_PERIODS = (7, 30, 90)
# Skills whose conversations would otherwise have become a ticket about an order.
ORDER_SKILLS = ("order_edit", "returns")

_ENDED = ~Q(status=Conversation.Status.OPEN)
_HUMAN = Q(has_handoff=True) | Q(status=Conversation.Status.HANDED_OFF)
_AGENT_RESOLVED = Q(status=Conversation.Status.RESOLVED, has_handoff=False)
_ORDER_RELATED = Q(last_skill__in=ORDER_SKILLS)
_FIGURES = {
    "total": Count("id"),
    "ended": Count("id", filter=_ENDED),
    "resolved_by_agent": Count("id", filter=_AGENT_RESOLVED),
    "handed_off": Count("id", filter=_HUMAN),
    "order_related": Count("id", filter=_ORDER_RELATED),
    "deflected": Count("id", filter=_ORDER_RELATED & _AGENT_RESOLVED),
}


@dataclass(frozen=True)
class Figures:
    """Counts for one slice of conversations, and the two rates derived from them.

    resolution rate = resolved by the agent / ended (not open);
    deflection = order-related (order_edit, returns) resolved by the agent / order-related.
    A rate is None when its denominator is zero.
    """

    total: int = 0
    ended: int = 0
    resolved_by_agent: int = 0
    handed_off: int = 0
    order_related: int = 0
    deflected: int = 0

    @property
    def resolution_rate(self) -> float | None:
        return self.resolved_by_agent / self.ended if self.ended else None

    @property
    def deflection_rate(self) -> float | None:
        return self.deflected / self.order_related if self.order_related else None

    @property
    def resolution_percent(self) -> float | None:
        rate = self.resolution_rate
        return None if rate is None else rate * 100

    @property
    def deflection_percent(self) -> float | None:
        rate = self.deflection_rate
        return None if rate is None else rate * 100


@dataclass(frozen=True)
class FiguresRow:
    key: str
    label: str | Promise
    figures: Figures
    start: dt.date | None = None  # weekly rows: the Monday the week starts on


@dataclass(frozen=True)
class AnalyticsReport:
    days: int
    since: dt.datetime
    totals: Figures
    by_channel: list[FiguresRow]
    by_skill: list[FiguresRow]
    by_week: list[FiguresRow]


def _figures(row: dict[str, Any]) -> Figures:
    return Figures(**{name: row[name] for name in _FIGURES})


def _week_starts(*, since: dt.datetime, now: dt.datetime, zone: ZoneInfo) -> list[dt.date]:
    first = since.astimezone(zone).date()
    first -= dt.timedelta(days=first.weekday())
    last = now.astimezone(zone).date()
    return [first + dt.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def analytics_report(*, store: Store, days: int, now: dt.datetime) -> AnalyticsReport:
    """Figures for shopper conversations (never Agent Preview ones) started in the ``days``
    before ``now``: in total, per channel, per skill (last skill used) and per ISO week in the
    store's time zone (weeks without conversations included, as zeros). Computed in SQL."""
    since = now - dt.timedelta(days=days)
    zone = ZoneInfo(store.timezone)
    handoffs = Handoff.objects.filter(store=store, conversation=OuterRef("pk"))
    conversations = (
        Conversation.objects.filter(store=store, is_preview=False, created_at__gte=since)
        .filter(created_at__lte=now)
        .annotate(has_handoff=Exists(handoffs))
        .order_by()
    )
    totals = _figures(conversations.aggregate(**_FIGURES))
    channel_rows = {
        row["channel"]: _figures(row)
        for row in conversations.values("channel").annotate(**_FIGURES)
    }
    by_channel = [
        FiguresRow(key=kind, label=label, figures=channel_rows.get(kind, Figures()))
        for kind, label in Channel.choices
    ]
    skill_names = {s.id: s.name for s in SKILLS}
    by_skill = [
        FiguresRow(
            key=row["last_skill"],
            label=skill_names.get(row["last_skill"], row["last_skill"]) or _NO_SKILL,
            figures=_figures(row),
        )
        for row in conversations.values("last_skill")
        .annotate(**_FIGURES)
        .order_by("-total", "last_skill")
    ]
    week_rows = {
        row["week"].astimezone(zone).date(): _figures(row)
        for row in conversations.annotate(week=TruncWeek("created_at", tzinfo=zone))
        .values("week")
        .annotate(**_FIGURES)
    }
    by_week = [
        FiguresRow(
            key=start.isoformat(),
            label="{}-W{:02d}".format(*start.isocalendar()[:2]),
            figures=week_rows.get(start, Figures()),
            start=start,
        )
        for start in _week_starts(since=since, now=now, zone=zone)
    ]
    return AnalyticsReport(
        days=days,
        since=since,
        totals=totals,
        by_channel=by_channel,
        by_skill=by_skill,
        by_week=by_week,
    )
