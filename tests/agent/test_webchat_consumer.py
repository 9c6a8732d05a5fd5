"""The web chat websocket through the real ASGI application: the session gate (token, store,
origin, switch), a message answered on the socket, resume without loss or duplicates,
pushes from other processes through the channel layer (in-memory and Redis), bad frames,
rate limits with the error in the shopper's language. Fake skills (AGENT_ENGINE) answer."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper

from agent.engine import Engine, SkillGate
from agent.engine.production import engine_deps
from agent.models import ChannelConfig, Conversation, Message
from agent.realtime.middleware import WebchatSessionMiddleware
from agent.realtime.push import webchat_message_push
from agent.realtime.rate import WebchatLimits
from agent.realtime.sessions import TOKEN_MAX_AGE, session_token_make
from agent.realtime.webchat import CLOSE_FLOOD, WebchatConsumer
from agent.services import message_receive
from config.asgi import application
from core.models import Store
from skills.base import SkillContext, SkillResult
from skills.registry import SKILL_IDS
from skills.replies import QuickReplies, QuickReply, TextBlock
from tests.agent.engine_support import reply, skills
from tests.factories.agent import ChannelConfigFactory, ConversationFactory, MessageFactory
from tests.factories.core import StoreFactory
from tests.infra.conftest import IN_MEMORY_LAYER, redis_answers, redis_layer, redis_url

pytestmark = pytest.mark.django_db(transaction=True)

SHOP = "https://shop.example.com"
ORIGIN = (b"origin", SHOP.encode())
needs_redis = pytest.mark.skipif(
    not redis_answers(), reason=f"Redis does not answer at {redis_url()} (set REDIS_URL)"
)


def echo(context: SkillContext) -> SkillResult:
    text = context.request.text
    return SkillResult(
        reply=reply(
            TextBlock(f"echo: {text}"),
            QuickReplies(options=(QuickReply(label="More", payload="more"),)),
            language=context.request.language,
        )
    )


def live(*, store: Store, skill_id: str) -> SkillGate:
    return SkillGate(skill=skill_id, usable=True)


def fake_engine(*, now: dt.datetime | None = None) -> Engine:
    """Production collaborators; every skill echoes the message."""
    handlers = skills(**dict.fromkeys(SKILL_IDS, echo))
    return Engine(replace(engine_deps(now=now), handlers=handlers, skill_gate=live))


@pytest.fixture(autouse=True)
def echo_skills(settings: SettingsWrapper) -> Iterator[None]:
    settings.AGENT_ENGINE = "tests.agent.test_webchat_consumer.fake_engine"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=["in_memory", pytest.param("redis", marks=[needs_redis, pytest.mark.redis])])
def layer(request: pytest.FixtureRequest, settings: SettingsWrapper) -> str:
    settings.CHANNEL_LAYERS = IN_MEMORY_LAYER if request.param == "in_memory" else redis_layer()
    return str(request.param)


@pytest.fixture(autouse=True)
async def cleanup_layer() -> AsyncIterator[None]:
    yield
    channel_layer: Any = get_channel_layer()
    if hasattr(channel_layer, "flush"):
        await channel_layer.flush()
    if hasattr(channel_layer, "close_pools"):
        await channel_layer.close_pools()


@pytest.fixture
def webchat(store: Store) -> ChannelConfig:
    return ChannelConfigFactory.create(
        store=store, public_key="pk_shop_a", settings={"allowed_origins": [SHOP]}
    )


@pytest.fixture
def conversation(store: Store, webchat: ChannelConfig) -> Conversation:
    return ConversationFactory.create(store=store, language="en", contact="")


def token_for(
    conversation: Conversation, *, language: str = "en", age: dt.timedelta = dt.timedelta()
) -> str:
    return session_token_make(
        store_id=conversation.store_id,
        conversation_id=conversation.pk,
        language=language,
        now=timezone.now() - age,
    )


async def connect(
    token: str,
    *,
    store_key: str = "pk_shop_a",
    headers: tuple[tuple[bytes, bytes], ...] = (ORIGIN,),
    app: Any = application,
) -> tuple[WebsocketCommunicator, bool]:
    path = f"/ws/webchat/?token={token}" + (f"&store={store_key}" if store_key else "")
    communicator = WebsocketCommunicator(app, path, headers=list(headers))
    connected, _detail = await communicator.connect(timeout=5)
    return communicator, connected


async def frames_until(
    communicator: WebsocketCommunicator, kind: str, *, seq: int | None = None
) -> list[dict[str, Any]]:
    """Frames received up to and including the first of ``kind`` (and ``seq``)."""
    received = []
    while True:
        frame: dict[str, Any] = await communicator.receive_json_from(timeout=10)
        received.append(frame)
        if frame["type"] == kind and (seq is None or frame.get("seq") == seq):
            return received


async def say(
    communicator: WebsocketCommunicator, text: str, client_id: str, *, answer_seq: int
) -> list[dict[str, Any]]:
    await communicator.send_json_to({"type": "message", "text": text, "client_id": client_id})
    return await frames_until(communicator, "message", seq=answer_seq)


ECHO_PAYLOAD = {
    "text": "echo: Hello there\n\nReply with a number:\n1. More",
    "blocks": [
        {"type": "text", "text": "echo: Hello there", "citation": None},
        {"type": "quick_replies", "options": [{"label": "More", "payload": "more"}]},
    ],
}


# --- a message and its answer -------------------------------------------------------------------


async def test_a_message_is_answered_on_the_socket(layer: str, conversation: Conversation) -> None:
    # given
    communicator, connected = await connect(token_for(conversation))
    assert connected
    # when
    frames = await say(communicator, "Hello there", "c-1", answer_seq=2)
    # then
    assert frames == [
        {"type": "typing"},
        {
            "type": "message",
            "seq": 1,
            "role": "shopper",
            "payload": {"text": "Hello there", "blocks": []},
            "client_id": "c-1",
        },
        {"type": "message", "seq": 2, "role": "agent", "payload": ECHO_PAYLOAD},
    ]
    assert await communicator.receive_nothing(timeout=0.2)
    await communicator.disconnect()


async def test_turns_run_on_the_web_chat_turn_threads(
    layer: str, conversation: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a record of the thread each turn runs on
    from agent.realtime import webchat

    threads: list[str] = []
    real = webchat.message_receive

    def recording(**kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(**kwargs)

    monkeypatch.setattr(webchat, "message_receive", recording)
    communicator, connected = await connect(token_for(conversation))
    assert connected

    # when
    await say(communicator, "Hello there", "c-1", answer_seq=2)

    # then the turn ran on one of the settings.WEBCHAT_TURN_THREADS threads
    assert len(threads) == 1 and threads[0].startswith("webchat-turn")
    assert webchat._turn_threads()._max_workers == settings.WEBCHAT_TURN_THREADS
    await communicator.disconnect()


async def test_a_resent_message_is_answered_once_with_the_first_answer(
    layer: str, conversation: Conversation
) -> None:
    # given: the message was answered on a socket that then dropped
    first, _ = await connect(token_for(conversation))
    answered = await say(first, "Hello there", "c-1", answer_seq=2)
    await first.disconnect()
    # when: the widget resends it on a new socket (it never saw the answer)
    second, _ = await connect(token_for(conversation))
    again = await say(second, "Hello there", "c-1", answer_seq=2)
    # then: the same frames, nothing stored twice
    assert again == answered
    count = await sync_to_async(Message.objects.filter(conversation=conversation).count)()
    assert count == 2
    await second.disconnect()


# --- resume -------------------------------------------------------------------------------------


async def test_resume_replays_what_the_widget_missed_exactly_once(
    layer: str, conversation: Conversation
) -> None:
    # given: the widget saw seq 1-2, then its socket dropped while the next turn ran
    first, _ = await connect(token_for(conversation))
    seen = await say(first, "Hello there", "c-1", answer_seq=2)
    await first.disconnect()
    await sync_to_async(message_receive)(
        store=conversation.store, conversation=conversation, text="Second", client_id="c-2"
    )
    # when
    second, _ = await connect(token_for(conversation))
    await second.send_json_to({"type": "resume", "after_seq": 2})
    replayed = await frames_until(second, "resumed")
    # then: exactly the missed messages, who answers now, then the end of the replay
    assert [(f["type"], f.get("seq"), f.get("role")) for f in replayed] == [
        ("message", 3, "shopper"),
        ("message", 4, "agent"),
        ("responder", None, None),
        ("resumed", None, None),
    ]
    assert replayed[0]["client_id"] == "c-2"
    assert replayed[1]["payload"]["text"].startswith("echo: Second")
    assert replayed[2]["kind"] == "assistant"
    assert replayed[3] == {"type": "resumed", "last_seq": 4, "more": False}
    # and a second resume (a flaky client) sends nothing twice
    await second.send_json_to({"type": "resume", "after_seq": 0})
    assert await frames_until(second, "resumed") == [
        *[f for f in seen if f["type"] == "message"],
        replayed[2],
        {"type": "resumed", "last_seq": 4, "more": False},
    ]
    await second.disconnect()


async def test_resume_renders_stored_replies_in_their_language(
    layer: str, conversation: Conversation
) -> None:
    # given: a person's reply (text only) after a handoff
    await sync_to_async(MessageFactory.create)(
        conversation=conversation, seq=1, role="human", text="Hoi, ik help je verder."
    )
    communicator, _ = await connect(token_for(conversation))
    # when
    await communicator.send_json_to({"type": "resume", "after_seq": 0})
    frames = await frames_until(communicator, "resumed")
    # then
    assert frames[0] == {
        "type": "message",
        "seq": 1,
        "role": "human",
        "payload": {
            "text": "Hoi, ik help je verder.",
            "blocks": [{"type": "text", "text": "Hoi, ik help je verder.", "citation": None}],
        },
    }
    await communicator.disconnect()


# --- pushes from elsewhere ----------------------------------------------------------------------


async def test_a_persons_reply_pushed_from_another_process_reaches_the_widget_once(
    layer: str, conversation: Conversation
) -> None:
    # given: the shopper's socket is open
    communicator, _ = await connect(token_for(conversation))
    message = await sync_to_async(MessageFactory.create)(
        conversation=conversation, seq=1, role="human", text="A colleague here: happy to help."
    )
    # when: a dashboard process pushes it (twice, e.g. a retried job)
    await sync_to_async(webchat_message_push)(message=message, language="en")
    await sync_to_async(webchat_message_push)(message=message, language="en")
    # then
    frame = await communicator.receive_json_from(timeout=5)
    assert (frame["type"], frame["seq"], frame["role"]) == ("message", 1, "human")
    assert frame["payload"]["text"] == "A colleague here: happy to help."
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_a_push_reaches_only_its_own_conversation(
    layer: str, store: Store, conversation: Conversation
) -> None:
    other = await sync_to_async(ConversationFactory.create)(store=store)
    mine, _ = await connect(token_for(conversation))
    message = await sync_to_async(MessageFactory.create)(
        conversation=other, seq=1, role="human", text="Not for you"
    )
    await sync_to_async(webchat_message_push)(message=message, language="en")
    assert await mine.receive_nothing(timeout=0.3)
    await mine.disconnect()


# --- bad frames ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "code", "message"),
    [
        ({"text_data": '{"type": "message"'}, "invalid_frame", "That message could not be read."),
        ({"text_data": "[1]"}, "invalid_frame", "That message could not be read."),
        ({"bytes_data": b'{"type": "ping"}'}, "invalid_frame", "That message could not be read."),
        ({"text_data": '{"type": "shout"}'}, "unknown_type", "That message could not be read."),
        ({"text_data": '{"type": "message", "text": 5}'}, "invalid_frame", "That message could"),
        ({"text_data": '{"type": "message", "text": "  "}'}, "empty_message", "Please type"),
        (
            {"text_data": '{"type": "message", "text": "hi", "client_id": "<x>"}'},
            "invalid_frame",
            "That message could not be read.",
        ),
        (
            {"text_data": '{"type": "message", "text": "' + "a" * 17_000 + '"}'},
            "too_large",
            "That message is too long.",
        ),
        (
            {"text_data": '{"type": "message", "text": "' + "a" * 2_001 + '"}'},
            "too_long",
            "That message is too long.",
        ),
        ({"text_data": '{"type": "resume", "after_seq": -1}'}, "invalid_frame", "That message"),
    ],
    ids=[
        "broken-json",
        "not-an-object",
        "binary",
        "unknown-type",
        "text-not-a-string",
        "blank-text",
        "bad-client-id",
        "oversize-frame",
        "text-too-long",
        "negative-seq",
    ],
)
async def test_a_bad_frame_gets_an_error_frame_and_the_socket_stays_usable(
    conversation: Conversation, frame: dict[str, Any], code: str, message: str
) -> None:
    communicator, _ = await connect(token_for(conversation))
    # when
    await communicator.send_to(**frame)
    # then
    error = await communicator.receive_json_from(timeout=5)
    assert (error["type"], error["code"]) == ("error", code)
    assert error["message"].startswith(message)
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    assert await sync_to_async(Message.objects.count)() == 0
    await communicator.disconnect()


# --- rate limits --------------------------------------------------------------------------------


def limited_app(limits: WebchatLimits) -> Any:
    """The socket with these limits (an hour long window, so it never ends mid-test)."""
    limits = replace(limits, window_seconds=3600)
    return WebchatSessionMiddleware(WebchatConsumer.as_asgi(limits=limits))


async def test_too_many_messages_in_a_minute_get_an_error_in_dutch(
    store: Store, webchat: ChannelConfig
) -> None:
    # given: a Dutch session allowed two messages a minute
    conversation = await sync_to_async(ConversationFactory.create)(store=store, language="nl")
    app = limited_app(WebchatLimits(messages_per_session=2))
    communicator, _ = await connect(token_for(conversation, language="nl"), app=app)
    await say(communicator, "Hallo daar", "c-1", answer_seq=2)
    await say(communicator, "Nog een vraag", "c-2", answer_seq=4)
    # when
    await communicator.send_json_to({"type": "message", "text": "En nog een", "client_id": "c-3"})
    # then
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "error",
        "code": "rate_limited",
        "message": "Je stuurt heel snel berichten. Wacht even.",
        "client_id": "c-3",
    }
    assert await sync_to_async(Message.objects.filter(conversation=conversation).count)() == 4
    await communicator.disconnect()


async def test_too_many_messages_from_one_address_are_refused_across_conversations(
    store: Store, webchat: ChannelConfig
) -> None:
    # given: one address, two conversations, three messages a minute for the address
    app = limited_app(WebchatLimits(messages_per_ip=3))
    one, two = await sync_to_async(ConversationFactory.create_batch)(2, store=store)
    first, _ = await connect(token_for(one), app=app)
    second, _ = await connect(token_for(two), app=app)
    await say(first, "One", "a-1", answer_seq=2)
    await say(first, "Two", "a-2", answer_seq=4)
    await say(second, "Three", "b-1", answer_seq=2)
    # when
    await second.send_json_to({"type": "message", "text": "Four", "client_id": "b-2"})
    # then
    error = await second.receive_json_from(timeout=5)
    assert (error["type"], error["code"]) == ("error", "rate_limited")
    await first.disconnect()
    await second.disconnect()


async def test_a_flood_of_frames_closes_the_socket(conversation: Conversation) -> None:
    # given
    app = limited_app(WebchatLimits(frames_per_connection=5))
    communicator, _ = await connect(token_for(conversation), app=app)
    # when
    for _ in range(6):
        await communicator.send_json_to({"type": "ping"})
    # then
    for _ in range(5):
        assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    error = await communicator.receive_json_from(timeout=5)
    assert (error["type"], error["code"]) == ("error", "rate_limited")
    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": CLOSE_FLOOD,
    }


# --- the gate -----------------------------------------------------------------------------------


async def test_another_stores_token_is_refused(
    conversation: Conversation, webchat: ChannelConfig
) -> None:
    # given: shop B's own valid session, its web chat allowed on its own site only
    store_b = await sync_to_async(StoreFactory.create)()
    await sync_to_async(ChannelConfigFactory.create)(
        store=store_b, public_key="pk_shop_b", settings={"allowed_origins": ["https://b.example"]}
    )
    theirs = await sync_to_async(ConversationFactory.create)(store=store_b)
    token_b = token_for(theirs)
    # when: it is used on shop A's page (A's key, or no key, from A's site)
    with_a_key, ok_with_a_key = await connect(token_b, store_key="pk_shop_a")
    from_a_site, ok_from_a_site = await connect(token_b, store_key="")
    # then
    assert (ok_with_a_key, ok_from_a_site) == (False, False)
    # while on B's own site it works
    own, ok_own = await connect(
        token_b, store_key="pk_shop_b", headers=((b"origin", b"https://b.example"),)
    )
    assert ok_own
    for communicator in (with_a_key, from_a_site, own):
        await communicator.disconnect()


@pytest.mark.parametrize(
    "case",
    ["no-token", "garbage", "expired", "foreign-origin", "no-origin", "disabled", "preview"],
)
async def test_a_socket_without_a_good_session_is_refused(
    conversation: Conversation, webchat: ChannelConfig, case: str
) -> None:
    # given
    token = token_for(conversation)
    headers: tuple[tuple[bytes, bytes], ...] = (ORIGIN,)
    if case == "no-token":
        token = ""
    elif case == "garbage":
        token = token[:-3] + "abc"
    elif case == "expired":
        token = token_for(conversation, age=TOKEN_MAX_AGE + dt.timedelta(minutes=1))
    elif case == "foreign-origin":
        headers = ((b"origin", b"https://evil.example"),)
    elif case == "no-origin":
        headers = ()
    elif case == "disabled":
        webchat.enabled = False
        await sync_to_async(webchat.save)()
    elif case == "preview":
        preview = await sync_to_async(ConversationFactory.create)(
            store=conversation.store, is_preview=True
        )
        token = token_for(preview)
    # when
    communicator, connected = await connect(token, headers=headers)
    # then
    assert not connected
    await communicator.disconnect()
