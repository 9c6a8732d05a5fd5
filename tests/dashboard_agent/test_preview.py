"""Agent Preview: choosing a channel and a test shopper, earlier preview conversations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.roles import Role
from tests.factories.agent import ChannelConfigFactory, ConversationFactory
from tests.factories.integrations import CustomerFactory, OrderFactory

pytestmark = pytest.mark.django_db


def _url(store):
    return reverse("agent:preview", kwargs={"store_slug": store.slug})


def test_page_explains_that_chat_needs_the_agent_engine(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(_url(store))
    # then
    html = response.content.decode()
    assert "This version does not include the agent engine yet" in html
    assert response.context["channel"] is None
    assert response.context["shopper"] is None


def test_test_shopper_select_lists_only_this_stores_customers(
    store, other_store, member_of, client_for
):
    # given
    CustomerFactory.create(
        store=store, first_name="Anna", last_name="Bakker", email="anna@example.com"
    )
    CustomerFactory.create(store=other_store, first_name="Frank", last_name="Foreign")
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = client.get(_url(store))
    # then
    choices = [label for _value, label in response.context["form"].fields["customer"].choices]
    assert choices == ["Not signed in", "Anna Bakker <anna@example.com>"]


def test_choosing_a_signed_in_shopper_shows_their_orders(store, member_of, client_for):
    # given
    customer = CustomerFactory.create(store=store, first_name="Anna", last_name="Bakker")
    older = OrderFactory.create(store=store, customer=customer, number=1001, name="#1001")
    newer = OrderFactory.create(
        store=store,
        customer=customer,
        number=1002,
        name="#1002",
        shop_created_at=older.shop_created_at + dt.timedelta(days=2),
    )
    OrderFactory.create(store=store, number=1003)  # another customer's
    ChannelConfigFactory.create(store=store, kind="sms", enabled=True)
    client = client_for(member_of(store, Role.MANAGER))
    # when
    response = client.get(_url(store), {"channel": "sms", "customer": customer.pk})
    # then
    assert response.context["channel"].kind == "sms"
    assert response.context["channel"].enabled is True
    shopper = response.context["shopper"]
    assert shopper.customer == customer
    assert shopper.order_count == 2
    assert shopper.recent_orders == [newer, older]
    html = response.content.decode()
    assert "#1002" in html
    assert "#1003" not in html


def test_choosing_not_signed_in_says_the_agent_asks_to_sign_in(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(_url(store), {"channel": "webchat", "customer": ""})
    # then
    assert response.context["channel"].kind == "webchat"
    assert response.context["channel"].enabled is False
    assert response.context["shopper"] is None
    assert "must ask the shopper to sign in" in response.content.decode()


def test_another_stores_customer_is_refused(store, other_store, member_of, client_for):
    # given
    foreign = CustomerFactory.create(store=other_store)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(_url(store), {"channel": "email", "customer": foreign.pk})
    # then
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["customer"]
    assert response.context["shopper"] is None


def test_earlier_preview_conversations_link_to_their_transcripts(
    store, other_store, member_of, client_for
):
    # given
    preview = ConversationFactory.create(store=store, is_preview=True)
    ConversationFactory.create(store=store, is_preview=False)
    ConversationFactory.create(store=other_store, is_preview=True)
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(_url(store))
    # then
    assert response.context["previews"] == [preview]
    assert (
        reverse(
            "agent:conversation-detail",
            kwargs={"store_slug": store.slug, "conversation_id": preview.pk},
        )
        in response.content.decode()
    )
