"""message_receive / conversation_start: stored messages with sequence numbers, idempotent
client ids, events, handoffs with transcripts and the store's message, status and analytics,
bad input. Fake skills, real everything else."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from agent.dashboard_selectors import analytics_report
from agent.engine import Engine, SkillGate, TurnInput, TurnOutcome
from agent.engine.production import engine_deps
from agent.models import Conversation, ConversationEvent, Handoff, Message
from agent.services import MAX_MESSAGE_CHARS, TurnResult, conversation_start, message_receive
from agent.services.turn_records import message_add
from core.errors import NotFound, ValidationFailed
from core.models import Store
from skills.base import SkillContext, SkillResult
from skills.replies import ActionKind, HandoffNotice, LinkBlock, TextBlock
from tests.agent.engine_support import FakeSkill, handoff_behaviour, reply, skills
from tests.factories.agent import HandoffSettingsFactory
from tests.factories.integrations import CustomerFactory

# A Monday, 10:00 in Amsterdam: inside the default business hours.
MONDAY = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)
SUNDAY = dt.datetime(2026, 5, 3, 12, 0, tzinfo=dt.UTC)


def live(*, store: Store, skill_id: str) -> SkillGate:
    return SkillGate(skill=skill_id, usable=True)


def policy(context: SkillContext) -> SkillResult:
    return SkillResult(
        reply=reply(
            TextBlock("You can return within 30 days."),
            LinkBlock(kind=ActionKind.RETURN, url="https://hub.example.com/return"),
        ),
        resolved=True,
    )


def engine(now: dt.datetime = MONDAY, **handlers: FakeSkill) -> Engine:
    found = skills(
        "smalltalk", "general_qa", "order_edit", returns=policy, handoff=handoff_behaviour
    )
    found.update(handlers)
    return Engine(replace(engine_deps(now=now), handlers=found, skill_gate=live))


def receive(store: Store, conversation: Conversation, text: str, **kwargs: Any) -> TurnResult:
    kwargs.setdefault("now", MONDAY)
    kwargs.setdefault("engine", engine(kwargs["now"]))
    return message_receive(store=store, conversation=conversation, text=text, **kwargs)


@pytest.fixture
def conversation(store: Store) -> Conversation:
    return conversation_start(store=store, channel="webchat", contact="", now=MONDAY)


def test_start_records_started_and_takes_the_store_language(store: Store) -> None:
    # given
    store.default_language = "nl"
    # when
    conversation = conversation_start(store=store, channel="sms", contact="+31612345678")
    # then
    assert (conversation.language, conversation.status, conversation.is_preview) == (
        "nl",
        "open",
        False,
    )
    (event,) = ConversationEvent.objects.filter(conversation=conversation)
    assert (event.kind, event.data) == (
        "started",
        {"channel": "sms", "preview": False, "verified": False},
    )


def test_start_as_a_verified_test_shopper_and_refuses_another_stores_customer(
    store: Store, other_store: Store
) -> None:
    # given
    customer = CustomerFactory.create(store=store, email="sanne@example.com")
    stranger = CustomerFactory.create(store=other_store)
    # when
    conversation = conversation_start(
        store=store, channel="email", customer=customer, verified=True, is_preview=True
    )
    # then
    assert (conversation.customer, conversation.contact) == (customer, "sanne@example.com")
    assert conversation.verified_at is not None and conversation.is_preview
    with pytest.raises(NotFound):
        conversation_start(store=store, channel="webchat", customer=stranger)
    with pytest.raises(ValidationFailed):
        conversation_start(store=store, channel="webchat", verified=True)
    with pytest.raises(ValidationFailed):
        conversation_start(store=store, channel="fax")


def test_messages_are_stored_in_sequence_with_their_blocks(
    store: Store, conversation: Conversation
) -> None:
    # when
    first = receive(store, conversation, "What is your return policy?")
    second = receive(store, conversation, "hi")
    # then
    rows = list(conversation.messages.order_by("seq").values_list("seq", "role", "text"))
    assert rows == [
        (1, "shopper", "What is your return policy?"),
        (2, "agent", first.rendered[0].text),
        (3, "shopper", "hi"),
        (4, "agent", "smalltalk: greeting"),
    ]
    assert conversation.next_seq == 5
    stored = Message.objects.get(conversation=conversation, seq=2)
    assert stored.blocks == [
        {"type": "text", "text": "You can return within 30 days.", "citation": None},
        {
            "type": "link",
            "kind": "return",
            "url": "https://hub.example.com/return",
            "label": "",
        },
    ]
    assert (second.intent, second.skill, second.handed_off) == ("greeting", "smalltalk", False)


def test_the_same_client_id_twice_returns_the_first_answer_and_stores_nothing_new(
    store: Store, conversation: Conversation
) -> None:
    # given
    first = receive(store, conversation, "What is your return policy?", client_id="c-1")
    # when
    again = receive(store, conversation, "What is your return policy?", client_id="c-1")
    # then
    assert again.replayed and not first.replayed
    assert conversation.messages.count() == 2
    assert again.payload() == first.payload()
    assert again.agent_messages == first.agent_messages


def test_events_status_and_last_skill_follow_the_turn(
    store: Store, conversation: Conversation
) -> None:
    # when
    receive(store, conversation, "What is your return policy?")
    receive(store, conversation, "thanks!")
    # then
    events = list(
        ConversationEvent.objects.filter(conversation=conversation)
        .order_by("id")
        .values_list("kind", "skill")
    )
    assert events == [
        ("started", ""),
        ("skill_chosen", "returns"),
        ("link_presented", "returns"),
        ("resolved", "returns"),
        ("turn", "returns"),
        ("skill_chosen", "smalltalk"),
        ("turn", "smalltalk"),
    ]
    turn = ConversationEvent.objects.filter(conversation=conversation, kind="turn").first()
    assert turn is not None and turn.message is not None and turn.message.seq == 2
    assert turn.data["intent"] == "return_policy" and turn.data["skill"] == "returns"
    conversation.refresh_from_db()
    assert (conversation.status, conversation.last_skill) == ("resolved", "returns")


def test_a_handoff_is_created_with_transcript_and_the_verified_shoppers_details(
    store: Store,
) -> None:
    # given
    customer = CustomerFactory.create(store=store, email="sanne@example.com", phone="+31612345678")
    conversation = conversation_start(
        store=store, channel="webchat", customer=customer, verified=True
    )
    receive(store, conversation, "What is your return policy?")
    # when
    result = receive(store, conversation, "I want to talk to a person")
    # then
    handoff = Handoff.objects.get(conversation=conversation)
    assert result.handoff == handoff and result.handed_off
    assert (handoff.reason, handoff.status) == ("shopper_asked", "open")
    assert (handoff.shopper_name, handoff.shopper_email, handoff.shopper_phone) == (
        "Sanne de Vries",
        "sanne@example.com",
        "+31612345678",
    )
    assert [(t["role"], t["text"]) for t in handoff.transcript] == [
        ("shopper", "What is your return policy?"),
        ("agent", result_text(conversation, 2)),
        ("shopper", "I want to talk to a person"),
        ("agent", result.rendered[0].text),
    ]
    assert "A member of our team will follow up with you shortly." in result.rendered[0].text
    conversation.refresh_from_db()
    assert conversation.status == "handed_off"
    assert conversation.last_skill == "returns"  # what it was about
    event = ConversationEvent.objects.get(conversation=conversation, kind="handoff")
    assert event.data == {"reason": "shopper_asked", "handoff_id": handoff.pk}


def result_text(conversation: Conversation, seq: int) -> str:
    return Message.objects.get(conversation=conversation, seq=seq).text


def test_a_second_handoff_request_reuses_the_open_ticket(
    store: Store, conversation: Conversation
) -> None:
    # given
    receive(store, conversation, "I want to talk to a person")
    # when
    receive(store, conversation, "hello? a human please")
    # then
    handoff = Handoff.objects.get(conversation=conversation)
    assert len(handoff.transcript) == 4
    assert (handoff.shopper_email, handoff.shopper_phone) == ("", "")


def test_out_of_hours_the_shopper_gets_the_out_of_hours_message_in_their_language(
    store: Store,
) -> None:
    # given
    HandoffSettingsFactory.create(store=store, out_of_hours_message_nl="We zijn er maandag weer.")
    conversation = conversation_start(
        store=store, channel="sms", contact="+31611111111", language="nl"
    )
    # when
    result = receive(store, conversation, "Ik wil een medewerker spreken", now=SUNDAY)
    # then
    assert result.replies[0].blocks[-1] == HandoffNotice(
        message="We zijn er maandag weer.", in_business_hours=False
    )
    handoff = Handoff.objects.get(conversation=conversation)
    assert (handoff.shopper_phone, handoff.shopper_email) == ("+31611111111", "")


def test_empty_message_is_asked_again_and_nothing_is_stored(
    store: Store, conversation: Conversation
) -> None:
    # when
    result = receive(store, conversation, " \n\t ")
    # then
    assert result.stored is False
    assert result.rendered[0].text == "I didn't receive any text. What can I help you with?"
    assert conversation.messages.count() == 0


def test_a_huge_message_is_stored_cut(store: Store, conversation: Conversation) -> None:
    # when
    result = receive(store, conversation, "return policy? " * 2000)
    # then
    shopper = Message.objects.get(conversation=conversation, role="shopper")
    assert len(shopper.text) == MAX_MESSAGE_CHARS
    assert result.trace["truncated"] is True


def test_markup_is_stored_as_text_and_neutralised_in_the_email(store: Store) -> None:
    # given
    conversation = conversation_start(store=store, channel="email", contact="x@example.com")
    echo = FakeSkill(
        "general_qa",
        behave=lambda c: SkillResult(reply=reply(TextBlock(f"You said: {c.request.text}"))),
    )
    # when
    result = receive(
        store,
        conversation,
        "Do you ship <script>alert(1)</script> to Belgium?",
        engine=engine(general_qa=echo),
    )
    # then
    shopper = Message.objects.get(conversation=conversation, role="shopper")
    assert shopper.text == "Do you ship <script>alert(1)</script> to Belgium?"
    html = result.payload()["messages"][0]["html"]
    assert "<script" not in html and "You said: Do you ship" in html


def test_another_stores_conversation_is_not_found(
    store: Store, other_store: Store, conversation: Conversation
) -> None:
    with pytest.raises(NotFound):
        receive(other_store, conversation, "hi")


def test_preview_conversations_never_count_in_analytics(store: Store) -> None:
    # given
    real = conversation_start(store=store, channel="webchat")
    preview = conversation_start(store=store, channel="webchat", is_preview=True)
    # when
    for conversation in (real, preview):
        receive(store, conversation, "What is your return policy?")
    # then
    report = analytics_report(store=store, days=7, now=dt.datetime.now(tz=dt.UTC))
    assert (report.totals.total, report.totals.resolved_by_agent) == (1, 1)
    assert (report.totals.order_related, report.totals.deflected) == (1, 1)


def test_with_the_agent_switched_off_every_request_is_handed_off(store: Store) -> None:
    # given: the real skill status
    store.agent_enabled = False
    store.save()
    conversation = conversation_start(store=store, channel="webchat")
    handlers = skills("returns", "smalltalk")
    real = Engine(replace(engine_deps(now=MONDAY), handlers=handlers))
    # when
    result = receive(store, conversation, "How do I start a return?", engine=real)
    # then
    assert handlers["returns"].calls == []
    assert result.rendered[0].text.startswith(
        "Sorry, I can't help with that in this chat right now."
    )
    handoff = Handoff.objects.get(conversation=conversation)
    assert handoff.reason == "prerequisite_missing:agent_enabled"
    assert {p["name"]: p["met"] for p in result.trace["prerequisites"]}["agent_enabled"] is False


def test_while_a_person_has_taken_over_the_agent_stays_silent(
    store: Store, conversation: Conversation
) -> None:
    # given
    receive(store, conversation, "I want to talk to a person")
    Handoff.objects.filter(conversation=conversation).update(status=Handoff.Status.CLAIMED)
    # when
    result = receive(store, conversation, "Are you there?", client_id="c-9")
    # then
    assert result.taken_over and result.replies == () and result.payload()["messages"] == []
    last = conversation.messages.order_by("-seq").first()
    assert last is not None and (last.seq, last.role, last.text) == (3, "shopper", "Are you there?")
    assert conversation.next_seq == 4
    assert not ConversationEvent.objects.filter(conversation=conversation, message=last).exists()


class _Recording(Engine):
    """The engine, remembering what each turn was given."""

    def __init__(self, base: Engine, seen: list[TurnInput]) -> None:
        super().__init__(base.deps)
        self.seen = seen

    def turn(self, turn: TurnInput) -> TurnOutcome:
        self.seen.append(turn)
        return super().turn(turn)


@pytest.mark.parametrize(("earlier", "queries"), [(0, 10), (1, 11)])
def test_a_first_message_costs_no_query_to_know_it_is_the_first(
    store: Store, earlier: int, queries: int, django_assert_num_queries: Any
) -> None:
    # given a new conversation, or one the shopper has written in before
    conversation = conversation_start(store=store, channel="webchat", now=MONDAY)
    for _ in range(earlier):
        receive(store, conversation, "hi")
    seen: list[TurnInput] = []

    # then a turn (fake skills) costs: the savepoint, the conversation's lock, [whether the
    # shopper wrote before: only when there are messages], the shopper's message, taken
    # over?, the skill's savepoint and release, the agent's message, the conversation's
    # update, the events, the release
    with django_assert_num_queries(queries):
        result = receive(store, conversation, "thanks!", engine=_Recording(engine(), seen))
    assert (result.skill, result.taken_over) == ("smalltalk", False)
    assert [t.first for t in seen] == [earlier == 0]


def test_only_the_shoppers_first_message_is_first_even_after_the_agent_spoke(
    store: Store, conversation: Conversation
) -> None:
    # given an agent message before the shopper wrote (a greeting a channel might send)
    locked = Conversation.objects.get(pk=conversation.pk)
    message_add(locked, role=Message.Role.AGENT, text="Hello!")
    locked.save(update_fields=["next_seq"])
    conversation.refresh_from_db()
    seen: list[TurnInput] = []

    # when the shopper writes twice
    receive(store, conversation, "hi", engine=_Recording(engine(), seen))
    receive(store, conversation, "hi again", engine=_Recording(engine(), seen))

    # then only the first counts as first
    assert [t.first for t in seen] == [True, False]
