"""Analytics figures are exact for a known set of conversations; preview conversations and
other stores' conversations never count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from agent.dashboard_selectors import Figures, analytics_report
from core.roles import Role
from tests.factories.agent import ConversationFactory, HandoffFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC)  # a Wednesday; ISO week 2026-W10


def _at(day: str, time: str = "12:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}:00+00:00")


@pytest.fixture
def history(store, other_store):
    """Seven shopper conversations in the last 30 days, plus rows that must not count."""

    def make(channel, status, skill, created_at, *, handoff=False, **extra):
        conversation = ConversationFactory.create(
            store=extra.pop("in_store", store),
            channel=channel,
            status=status,
            last_skill=skill,
            created_at=created_at,
            **extra,
        )
        if handoff:
            HandoffFactory.create(store=conversation.store, conversation=conversation)
        return conversation

    make("webchat", "resolved", "order_edit", _at("2026-03-03"))  # resolved by the agent
    # Resolved by a person after a handoff; 00:30 on Monday 2 March in Amsterdam (week 10).
    make("webchat", "resolved", "returns", _at("2026-03-01", "23:30"), handoff=True)
    make("sms", "handed_off", "returns", _at("2026-02-25"), handoff=True)
    make("sms", "open", "order_edit", _at("2026-02-24"))  # not ended
    make("email", "closed", "general_qa", _at("2026-02-10"))
    make("whatsapp", "resolved", "general_qa", _at("2026-02-10"))
    make("webchat", "resolved", "", _at("2026-02-03"))
    # Never counted: a preview, another store's, and one older than 30 days.
    make("webchat", "resolved", "order_edit", _at("2026-03-03"), is_preview=True)
    make("webchat", "resolved", "order_edit", _at("2026-03-03"), in_store=other_store)
    make("webchat", "resolved", "order_edit", _at("2026-01-20"))


def _rows(rows):
    return [(row.key, row.figures) for row in rows]


def test_totals_and_rates_are_exact(store, history):
    # when
    report = analytics_report(store=store, days=30, now=NOW)
    # then
    assert report.totals == Figures(
        total=7, ended=6, resolved_by_agent=3, handed_off=2, order_related=4, deflected=1
    )
    assert report.totals.resolution_rate == 0.5
    assert report.totals.deflection_rate == 0.25


def test_breakdown_per_channel_is_exact(store, history):
    # when
    report = analytics_report(store=store, days=30, now=NOW)
    # then
    assert _rows(report.by_channel) == [
        ("webchat", Figures(3, 3, 2, 1, 2, 1)),
        ("sms", Figures(2, 1, 0, 1, 2, 0)),
        ("whatsapp", Figures(1, 1, 1, 0, 0, 0)),
        ("email", Figures(1, 1, 0, 0, 0, 0)),
    ]


def test_breakdown_per_skill_is_exact(store, history):
    # when
    report = analytics_report(store=store, days=30, now=NOW)
    # then
    assert _rows(report.by_skill) == [
        ("general_qa", Figures(2, 2, 1, 0, 0, 0)),
        ("order_edit", Figures(2, 1, 1, 0, 2, 1)),
        ("returns", Figures(2, 2, 0, 2, 2, 0)),
        ("", Figures(1, 1, 1, 0, 0, 0)),
    ]
    assert [str(row.label) for row in report.by_skill] == [
        "General questions",
        "Order editing",
        "Returns & exchanges",
        "No skill yet",
    ]


def test_weekly_table_has_every_iso_week_in_the_stores_zone(store, history):
    # when
    report = analytics_report(store=store, days=30, now=NOW)
    # then
    assert [(row.label, row.figures.total) for row in report.by_week] == [
        ("2026-W06", 1),
        ("2026-W07", 2),
        ("2026-W08", 0),
        ("2026-W09", 2),
        ("2026-W10", 2),
    ]
    assert report.by_week[4].figures == Figures(2, 2, 1, 1, 2, 1)


def test_longer_period_includes_older_conversations(store, history):
    # when
    report = analytics_report(store=store, days=90, now=NOW)
    # then
    assert report.totals == Figures(8, 7, 4, 2, 5, 2)


def test_no_conversations_gives_zeros_and_no_rates(store):
    # when
    report = analytics_report(store=store, days=7, now=NOW)
    # then
    assert report.totals == Figures()
    assert (report.totals.resolution_rate, report.totals.deflection_rate) == (None, None)
    assert [row.figures for row in report.by_channel] == [Figures()] * 4
    assert report.by_skill == []
    assert [row.label for row in report.by_week] == ["2026-W09", "2026-W10"]


def test_page_shows_figures_for_the_chosen_period(store, member_of, client_for):
    # given
    now = timezone.now()
    ConversationFactory.create(
        store=store, status="resolved", created_at=now - dt.timedelta(days=3)
    )
    ConversationFactory.create(store=store, status="closed", created_at=now - dt.timedelta(days=20))
    ConversationFactory.create(store=store, status="resolved", is_preview=True)
    client = client_for(member_of(store, Role.ANALYST))
    url = reverse("agent:analytics", kwargs={"store_slug": store.slug})
    # when
    week = client.get(url, {"days": "7"})
    month = client.get(url)
    # then
    assert week.context["report"].days == 7
    assert week.context["report"].totals == Figures(1, 1, 1, 0, 0, 0)
    assert month.context["report"].days == 30
    assert month.context["report"].totals == Figures(2, 2, 1, 0, 0, 0)
    assert "50.0%" in month.content.decode()
    assert "No conversations yet in this period." not in month.content.decode()


def test_page_without_conversations_says_so(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = client.get(
        reverse("agent:analytics", kwargs={"store_slug": store.slug}), {"days": "90"}
    )
    # then
    html = response.content.decode()
    assert response.context["report"].totals == Figures()
    assert "No conversations yet in this period." in html
    assert "Resolved by the agent ÷ conversations that ended" in html


def test_unknown_period_falls_back_to_thirty_days(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(
        reverse("agent:analytics", kwargs={"store_slug": store.slug}), {"days": "365"}
    )
    # then
    assert response.status_code == 200
    assert response.context["report"].days == 30
