"""POST /api/v1/webchat/sessions: the storefront widget's session, checked against the web chat
channel's key, switch and allowed origins; resuming from an earlier token; CORS."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient, APIRequestFactory

from agent.apis_webchat import WebchatSessionApi
from agent.models import ChannelConfig, Conversation
from agent.realtime.rate import WebchatLimits
from agent.realtime.sessions import (
    RESUME_MAX_AGE,
    TOKEN_MAX_AGE,
    session_token_make,
    session_token_read,
)
from core.models import Store
from integrations.customer_hub.verification import (
    identity_secret_rotate,
    shopper_identity_signature,
)
from tests.factories.agent import ChannelConfigFactory, ConversationFactory
from tests.factories.integrations import CustomerFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/webchat/sessions"
SHOP = "https://shop.example.com"
GREETING_EN = "Hi! Ask me anything about your order."
GREETING_NL = "Hoi! Vraag me alles over je bestelling."


@pytest.fixture(autouse=True)
def fresh_rate_counters() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def webchat(store: Store) -> ChannelConfig:
    return ChannelConfigFactory.create(
        store=store,
        public_key="pk_test_webchat",
        settings={
            "allowed_origins": [SHOP, "http://localhost:8000"],
            "accent_color": "#123456",
            "greeting_en": GREETING_EN,
            "greeting_nl": GREETING_NL,
        },
    )


def post(body: dict[str, Any], *, origin: str | None = SHOP) -> Any:
    headers: dict[str, Any] = {"HTTP_ORIGIN": origin} if origin else {}
    return APIClient().post(URL, body, format="json", **headers)


def test_an_allowed_storefront_gets_a_session_with_a_new_conversation(
    store: Store, webchat: ChannelConfig
) -> None:
    # when
    response = post({"public_key": "pk_test_webchat", "language": "en-GB"})
    # then
    assert response.status_code == 200, response.json()
    body = response.json()
    conversation = Conversation.objects.get(pk=body["conversation_id"])
    assert (conversation.store, conversation.channel, conversation.is_preview) == (
        store,
        "webchat",
        False,
    )
    assert conversation.language == "en"
    assert body == {
        "token": body["token"],
        "conversation_id": conversation.pk,
        "resumed": False,
        "identified": False,
        "language": "en",
        "last_seq": 0,
        "expires_in": int(TOKEN_MAX_AGE.total_seconds()),
        "websocket_path": "/ws/webchat/",
        "store": {"name": store.name},
        "appearance": {"accent_color": "#123456", "greeting": GREETING_EN},
        "strings": body["strings"],
    }
    claims = session_token_read(body["token"], now=timezone.now(), max_age=TOKEN_MAX_AGE)
    assert (claims.store_id, claims.conversation_id, claims.language) == (
        store.pk,
        conversation.pk,
        "en",
    )
    assert body["strings"]["send"] == "Send"
    assert body["strings"]["open"] == "Chat with us"
    assert response["Access-Control-Allow-Origin"] == SHOP


def test_a_dutch_shopper_gets_dutch_words_and_greeting(webchat: ChannelConfig) -> None:
    # when
    body = post({"public_key": "pk_test_webchat", "language": "nl-NL"}).json()
    # then
    assert body["language"] == "nl"
    assert body["appearance"]["greeting"] == GREETING_NL
    assert body["strings"]["send"] == "Versturen"
    assert body["strings"]["open"] == "Chat met ons"
    assert Conversation.objects.get(pk=body["conversation_id"]).language == "nl"


def test_an_unknown_language_gets_the_stores_language(store: Store, webchat: ChannelConfig) -> None:
    store.default_language = "nl"
    store.save()
    assert post({"public_key": "pk_test_webchat", "language": "de-DE"}).json()["language"] == "nl"


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "https://shop.example.com.evil.example",
        "http://shop.example.com",
        "null",
        None,
    ],
    ids=["other-site", "lookalike", "other-scheme", "null", "none"],
)
def test_a_site_not_in_the_allowed_origins_is_refused(
    webchat: ChannelConfig, origin: str | None
) -> None:
    # when
    response = post({"public_key": "pk_test_webchat"}, origin=origin)
    # then
    assert response.status_code == 403
    assert response.json()["code"] == "origin_not_allowed"
    assert not Conversation.objects.exists()


def test_a_disabled_web_chat_is_refused(webchat: ChannelConfig) -> None:
    # given
    webchat.enabled = False
    webchat.save()
    # when
    response = post({"public_key": "pk_test_webchat"})
    # then
    assert response.status_code == 403
    assert response.json() == {
        "code": "webchat_unavailable",
        "message": "The web chat of this shop is not active.",
        "detail": None,
    }
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("key", ["pk_nope", "pk_test_sms", ""], ids=["unknown", "sms", "empty"])
def test_a_bad_key_is_not_found_or_invalid(store: Store, webchat: ChannelConfig, key: str) -> None:
    # given: another channel's key is not a web chat key
    ChannelConfigFactory.create(store=store, kind="sms", public_key="pk_test_sms")
    # when
    response = post({"public_key": key})
    # then
    assert response.status_code == (400 if key == "" else 404)
    assert response.json()["code"] == ("invalid" if key == "" else "not_found")
    assert not Conversation.objects.exists()


def test_a_token_resumes_its_conversation_with_a_fresh_token(
    store: Store, webchat: ChannelConfig
) -> None:
    # given
    first = post({"public_key": "pk_test_webchat", "language": "en"}).json()
    conversation = Conversation.objects.get(pk=first["conversation_id"])
    conversation.next_seq = 5
    conversation.save()
    # when
    again = post({"public_key": "pk_test_webchat", "language": "nl", "resume": first["token"]})
    # then
    body = again.json()
    assert (body["conversation_id"], body["resumed"], body["last_seq"]) == (
        conversation.pk,
        True,
        4,
    )
    assert body["language"] == "nl"
    assert Conversation.objects.count() == 1


def test_an_expired_token_starts_a_new_conversation(store: Store, webchat: ChannelConfig) -> None:
    # given: a token issued just over the resume window ago
    old = ConversationFactory.create(store=store)
    issued = timezone.now() - RESUME_MAX_AGE - dt.timedelta(minutes=1)
    token = session_token_make(store_id=store.pk, conversation_id=old.pk, language="en", now=issued)
    # when
    body = post({"public_key": "pk_test_webchat", "resume": token}).json()
    # then
    assert body["resumed"] is False
    assert body["conversation_id"] not in (None, old.pk)


def test_another_stores_token_never_resumes_its_conversation(
    webchat: ChannelConfig, other_store: Store
) -> None:
    # given: a valid token of another store's conversation
    theirs = ConversationFactory.create(store=other_store)
    token = session_token_make(
        store_id=other_store.pk, conversation_id=theirs.pk, language="en", now=timezone.now()
    )
    # when
    body = post({"public_key": "pk_test_webchat", "resume": token}).json()
    # then
    assert body["resumed"] is False
    mine = Conversation.objects.get(pk=body["conversation_id"])
    assert mine.store == webchat.store and mine.pk != theirs.pk


@pytest.mark.parametrize(
    "tamper", ["garbage", "swap"], ids=["not-a-token", "claims-of-a-preview-conversation"]
)
def test_a_token_for_no_usable_conversation_starts_a_new_one(
    store: Store, webchat: ChannelConfig, tamper: str
) -> None:
    preview = ConversationFactory.create(store=store, is_preview=True)
    token = (
        "garbage"
        if tamper == "garbage"
        else session_token_make(
            store_id=store.pk, conversation_id=preview.pk, language="en", now=timezone.now()
        )
    )
    body = post({"public_key": "pk_test_webchat", "resume": token}).json()
    assert body["resumed"] is False and body["conversation_id"] != preview.pk


def test_start_false_gives_words_and_looks_without_a_conversation(webchat: ChannelConfig) -> None:
    # when
    body = post({"public_key": "pk_test_webchat", "language": "en", "start": False}).json()
    # then
    assert (body["token"], body["conversation_id"], body["last_seq"]) == (None, None, 0)
    assert body["strings"]["open"] == "Chat with us"
    assert not Conversation.objects.exists()


def test_a_signed_storefront_identity_signs_the_shopper_in(
    store: Store, webchat: ChannelConfig
) -> None:
    # given
    secret = identity_secret_rotate(store=store)
    sanne = CustomerFactory.create(store=store, shopify_id=7_123_456, email="sanne@example.com")
    expires = str(int((timezone.now() + dt.timedelta(hours=1)).timestamp()))
    identity = {"customer_id": "7123456", "email": "sanne@example.com", "expires": expires}
    signature = shopper_identity_signature(secret=secret, **identity)
    # when
    good = post({"public_key": "pk_test_webchat", "identity": {**identity, "signature": signature}})
    bad = post({"public_key": "pk_test_webchat", "identity": {**identity, "signature": "00"}})
    # then
    assert good.json()["identified"] is True
    assert Conversation.objects.get(pk=good.json()["conversation_id"]).customer == sanne
    assert bad.status_code == 200 and bad.json()["identified"] is False
    assert Conversation.objects.get(pk=bad.json()["conversation_id"]).customer is None


def test_the_cors_preflight_is_answered() -> None:
    # when
    response = APIClient().options(
        URL,
        HTTP_ORIGIN=SHOP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    # then
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == SHOP
    assert response["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "Content-Type"


def limited(limits: WebchatLimits) -> Callable[[dict[str, Any]], Any]:
    """POST to the endpoint built with these limits (an hour long window, so it never ends
    mid-test)."""
    view = WebchatSessionApi.as_view(limits=replace(limits, window_seconds=3600))

    def send(body: dict[str, Any]) -> Any:
        request = APIRequestFactory().post(URL, body, format="json", HTTP_ORIGIN=SHOP)
        return view(request).render()

    return send


def test_too_many_session_requests_from_one_address_are_refused(webchat: ChannelConfig) -> None:
    # given: as many page views with the widget as one address may make in a minute
    send = limited(WebchatLimits(sessions_per_ip=3))
    for _ in range(3):
        assert send({"public_key": "pk_test_webchat", "start": False}).status_code == 200
    # when
    response = send({"public_key": "pk_test_webchat", "start": False})
    # then
    assert response.status_code == 429
    assert json.loads(response.content)["code"] == "rate_limited"


def test_too_many_new_conversations_from_one_address_are_refused(
    webchat: ChannelConfig,
) -> None:
    # given
    send = limited(WebchatLimits(conversations_per_ip=2))
    first = send({"public_key": "pk_test_webchat"})
    send({"public_key": "pk_test_webchat"})
    # when
    refused = send({"public_key": "pk_test_webchat"})
    words_only = send({"public_key": "pk_test_webchat", "start": False})
    resumed = send({"public_key": "pk_test_webchat", "resume": json.loads(first.content)["token"]})
    # then
    assert refused.status_code == 429
    assert json.loads(refused.content)["code"] == "rate_limited"
    assert (words_only.status_code, resumed.status_code) == (200, 200)
    assert Conversation.objects.count() == 2


def test_no_session_cookie_or_csrf_is_needed(webchat: ChannelConfig) -> None:
    client = APIClient(enforce_csrf_checks=True)
    response = client.post(URL, {"public_key": "pk_test_webchat"}, format="json", HTTP_ORIGIN=SHOP)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
