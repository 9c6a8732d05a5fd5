from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from agent.models import (
    Channel,
    ChannelConfig,
    Conversation,
    ConversationEvent,
    Handoff,
    HandoffSettings,
    Message,
)
from tests.factories.core import StoreFactory


class ConversationFactory(factory.django.DjangoModelFactory[Conversation]):
    """``created_at=...`` backdates the row (the field is auto_now_add, so it is set after)."""

    class Meta:
        model = Conversation
        skip_postgeneration_save = True

    store = factory.SubFactory(StoreFactory)
    channel = Channel.WEBCHAT
    language = "en"
    status = Conversation.Status.OPEN
    contact = factory.Sequence(lambda n: f"shopper{n}@example.com")
    last_message_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def created_at(
        obj: Conversation, create: bool, extracted: dt.datetime | None, **kwargs: Any
    ) -> None:
        if create and extracted is not None:
            Conversation.objects.filter(pk=obj.pk).update(created_at=extracted)
            obj.created_at = extracted


class MessageFactory(factory.django.DjangoModelFactory[Message]):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    store = factory.SelfAttribute("conversation.store")
    seq = factory.Sequence(lambda n: n + 1)
    role = Message.Role.SHOPPER
    text = "Can I change the size of my recent order?"


class ConversationEventFactory(factory.django.DjangoModelFactory[ConversationEvent]):
    class Meta:
        model = ConversationEvent

    conversation = factory.SubFactory(ConversationFactory)
    store = factory.SelfAttribute("conversation.store")
    kind = ConversationEvent.Kind.TURN
    skill = "order_edit"
    data = factory.LazyFunction(dict)


class HandoffFactory(factory.django.DjangoModelFactory[Handoff]):
    class Meta:
        model = Handoff

    store = factory.SubFactory(StoreFactory)
    conversation = factory.SubFactory(ConversationFactory, store=factory.SelfAttribute("..store"))
    reason = "Shopper asked for a person"
    status = Handoff.Status.OPEN
    shopper_name = "Sanne de Vries"
    shopper_email = "sanne@example.com"
    shopper_phone = "+31612345678"
    transcript = factory.LazyFunction(
        lambda: [
            {
                "role": "shopper",
                "text": "I want to talk to a person",
                "at": (timezone.now() - dt.timedelta(minutes=5)).isoformat(),
            },
            {
                "role": "agent",
                "text": "A member of our team will follow up with you shortly.",
                "at": timezone.now().isoformat(),
            },
        ]
    )


class HandoffSettingsFactory(factory.django.DjangoModelFactory[HandoffSettings]):
    class Meta:
        model = HandoffSettings

    store = factory.SubFactory(StoreFactory)


class ChannelConfigFactory(factory.django.DjangoModelFactory[ChannelConfig]):
    class Meta:
        model = ChannelConfig

    store = factory.SubFactory(StoreFactory)
    kind = Channel.WEBCHAT
    enabled = True
    settings = factory.LazyFunction(dict)
