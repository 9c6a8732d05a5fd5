"""Every agent page renders for every role of the store, and is 404 across stores."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.roles import Role
from tests.factories.agent import ConversationFactory, HandoffFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("agent:channels", {}),
    ("agent:channel-edit", {"kind": "webchat"}),
    ("agent:channel-edit", {"kind": "sms"}),
    ("agent:channel-edit", {"kind": "whatsapp"}),
    ("agent:channel-edit", {"kind": "email"}),
    ("agent:handoff", {}),
    ("agent:handoff-inbox", {}),
    ("agent:preview", {}),
    ("agent:conversations", {}),
    ("agent:analytics", {}),
]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_role_can_view_every_page(store, member_of, client_for, role, name, kwargs):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.get(reverse(name, kwargs={"store_slug": store.slug, **kwargs}))
    # then
    assert response.status_code == 200
    assert response.templates[0].name.startswith("agent/")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_view_conversation_and_handoff_details(store, member_of, client_for, role):
    # given
    handoff = HandoffFactory.create(store=store)
    client = client_for(member_of(store, role))
    # when
    conversation_page = client.get(
        reverse(
            "agent:conversation-detail",
            kwargs={"store_slug": store.slug, "conversation_id": handoff.conversation_id},
        )
    )
    handoff_page = client.get(
        reverse("agent:handoff-detail", kwargs={"store_slug": store.slug, "handoff_id": handoff.pk})
    )
    # then
    assert conversation_page.status_code == 200
    assert handoff_page.status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_member_of_another_store_gets_404(store, other_store, member_of, client_for, name, kwargs):
    # given
    client = client_for(member_of(other_store, Role.OWNER))
    # when
    response = client.get(reverse(name, kwargs={"store_slug": store.slug, **kwargs}))
    # then
    assert response.status_code == 404


def test_unknown_channel_kind_is_404(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(
        reverse("agent:channel-edit", kwargs={"store_slug": store.slug, "kind": "fax"})
    )
    # then
    assert response.status_code == 404


def test_another_stores_conversation_under_own_slug_is_404(
    store, other_store, member_of, client_for
):
    # given
    foreign = ConversationFactory.create(store=other_store)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(
        reverse(
            "agent:conversation-detail",
            kwargs={"store_slug": store.slug, "conversation_id": foreign.pk},
        )
    )
    # then
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["agent:handoff-detail", "agent:handoff-claim", "agent:handoff-close"]
)
def test_another_stores_handoff_under_own_slug_is_404(
    store, other_store, member_of, client_for, name
):
    # given
    foreign = HandoffFactory.create(store=other_store)
    client = client_for(member_of(store, Role.OWNER))
    url = reverse(name, kwargs={"store_slug": store.slug, "handoff_id": foreign.pk})
    # when
    response = client.post(url) if name != "agent:handoff-detail" else client.get(url)
    # then
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "open"
    assert foreign.assigned_to is None


def test_anonymous_user_is_sent_to_login(client, store):
    # when
    response = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
    # then
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
