"""Reads for the agent's dashboard pages: channels, handoffs, conversations, analytics and
Agent Preview.

Every function takes the store it reads for; nothing here reads another store's rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agent import selectors as agent_selectors
from agent.engine.production import in_business_hours
from agent.models import (
    Channel,
    Conversation,
    ConversationEvent,
    Handoff,
    HandoffSettings,
    Message,
)
from agent.preview_selectors import PreviewMessage, PreviewTrace, preview_turn_list
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
    """Shoppers' handoffs newest first (never Agent Preview ones: nobody is waiting there).
    ``active`` = open or taken over; ``all`` = every status."""
    if status == "active":
        handoffs = agent_selectors.handoff_list(store=store).exclude(status=Handoff.Status.CLOSED)
    else:
        handoffs = agent_selectors.handoff_list(
            store=store, status=status if status in Handoff.Status.values else None
        )
    return handoffs.filter(conversation__is_preview=False).select_related("conversation")


def handoff_counts(*, store: Store) -> dict[str, int]:
    """Number of shoppers' handoffs (Agent Preview ones left out) per status, every status
    present (zero when none)."""
    rows = (
        Handoff.objects.filter(store=store, conversation__is_preview=False)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(Handoff.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


@dataclass(frozen=True)
class HandoffAvailability:
    """Whether the team is within business hours at ``local_now`` (the store's time zone),
    as the agent decides it when it hands a shopper off: which message shoppers get now."""

    open_now: bool
    local_now: dt.datetime
    zone: str


def handoff_availability(
    *, store: Store, handoff_settings: HandoffSettings, now: dt.datetime
) -> HandoffAvailability:
    zone = store.timezone
    return HandoffAvailability(
        open_now=in_business_hours(hours=handoff_settings.business_hours, at=now, zone=zone),
        local_now=now.astimezone(ZoneInfo(zone)),
        zone=zone,
    )


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
    handoff: bool | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Conversation]:
    """The store's conversations for the dashboard list: the API's filters (dates are
    inclusive days in the store's zone), the last skill, and whether a handoff was made (any
    status), with message counts and ``handed_off`` (bool) on each row."""
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
    conversations = conversations.annotate(
        handed_off=Exists(Handoff.objects.filter(store=store, conversation=OuterRef("pk")))
    )
    if handoff is not None:
        conversations = conversations.filter(handed_off=handoff)
    return conversations.select_related("customer").annotate(
        message_count=Count("messages", distinct=True)
    )


@dataclass(frozen=True)
class TranscriptTurn:
    """One turn of a conversation: the shopper's message (None when the conversation opened
    with an agent message), every message after it up to the next shopper message (the
    agent's, a person's), and the agent's trace of that turn read readably (None when the
    agent did not answer, e.g. while a person has the conversation)."""

    number: int
    shopper: PreviewMessage | None
    messages: list[Message]
    trace: PreviewTrace | None
    last: bool = False  # the trace template opens the last turn's trace in Agent Preview only


@dataclass(frozen=True)
class ConversationDetail:
    conversation: Conversation
    turns: list[TranscriptTurn]
    events: list[ConversationEvent]
    handoffs: list[Handoff]


def conversation_detail_get(*, store: Store, conversation_id: int) -> ConversationDetail:
    """One of the store's conversations (NotFound for another store's id) with its turns and
    their traces (as Agent Preview reads them), its other events and its handoffs."""
    conversation = (
        Conversation.objects.filter(store=store, id=conversation_id)
        .select_related("customer")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ConversationEvent.objects.filter(store=store)
                .exclude(kind=ConversationEvent.Kind.TURN)
                .order_by("created_at", "id"),
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
    turns = [
        TranscriptTurn(
            number=turn.number,
            shopper=turn.shopper,
            messages=[m.message for m in ([turn.shopper] if turn.shopper else []) + turn.replies],
            trace=turn.trace,
        )
        for turn in preview_turn_list(conversation=conversation)
    ]
    return ConversationDetail(
        conversation=conversation,
        turns=turns,
        events=list(conversation.events.all()),
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
