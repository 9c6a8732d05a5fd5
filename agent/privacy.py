"""The agent's part of Shopify's privacy webhooks: conversations and handoffs that name a
shopper. Registered with ``integrations.shopify.privacy`` in ``AgentConfig.ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from agent.models import Conversation, Handoff
from integrations.shopify.privacy import Shopper


def _conversations(shopper: Shopper) -> QuerySet[Conversation]:
    match = Q(customer_id__in=shopper.customer_pks)
    for address in (*shopper.emails, *shopper.phones):
        match |= Q(contact__iexact=address)
    return Conversation.objects.filter(store=shopper.store).filter(match)


def _handoffs(shopper: Shopper, conversation_pks: list[int]) -> QuerySet[Handoff]:
    match = Q(conversation_id__in=conversation_pks)
    for email in shopper.emails:
        match |= Q(shopper_email__iexact=email)
    for phone in shopper.phones:
        match |= Q(shopper_phone=phone)
    return Handoff.objects.filter(store=shopper.store).filter(match)


class AgentShopperData:
    """Implements ``integrations.shopify.privacy.ShopperDataHandler``."""

    def export(self, *, shopper: Shopper) -> dict[str, Any]:
        conversations = list(_conversations(shopper).prefetch_related("messages"))
        handoffs = _handoffs(shopper, [c.pk for c in conversations])
        return {
            "conversations": [
                {
                    "id": c.pk,
                    "channel": c.channel,
                    "contact": c.contact,
                    "started_at": c.created_at.isoformat(),
                    "messages": [
                        {"from": m.role, "text": m.text, "sent_at": m.created_at.isoformat()}
                        for m in c.messages.all()
                    ],
                }
                for c in conversations
            ],
            "handoffs": [
                {
                    "id": h.pk,
                    "reason": h.reason,
                    "shopper_name": h.shopper_name,
                    "shopper_email": h.shopper_email,
                    "shopper_phone": h.shopper_phone,
                }
                for h in handoffs
            ],
        }

    def redact(self, *, shopper: Shopper) -> int:
        """Unlink the shopper from their conversations (contact, customer, dialogue state)
        and blank the shopper snapshot and transcript of their handoffs."""
        conversations = _conversations(shopper)
        pks = list(conversations.values_list("pk", flat=True))
        changed = Handoff.objects.filter(pk__in=_handoffs(shopper, pks).values("pk")).update(
            shopper_name="", shopper_email="", shopper_phone="", transcript=[]
        )
        changed += Conversation.objects.filter(pk__in=pks).update(
            contact="", customer=None, state={}
        )
        return changed
