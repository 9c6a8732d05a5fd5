"""The built-in skills: stable ids, names, descriptions, tools and prerequisites.

Behaviour (how each skill answers) arrives with the agent engine; this registry is the one
list of skills every part of the product shows. Status (Live/Unavailable) is computed from the
store's real state by the status selector, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SkillInfo:
    id: str
    name: str | Promise
    description: str | Promise
    tools: tuple[str | Promise, ...]
    prerequisites: tuple[str | Promise, ...]
    channels: tuple[str, ...] = ("webchat", "sms", "whatsapp", "email")


SKILLS: tuple[SkillInfo, ...] = (
    SkillInfo(
        id="order_edit",
        name=_("Order editing"),
        description=_(
            "Helps shoppers change or cancel an order that has not shipped yet, within the "
            "store's edit window, by sending them to the right step in the Customer Hub."
        ),
        tools=(_("Knowledge base"), _("Shopify orders"), _("Customer Hub")),
        prerequisites=(
            _("Agent enabled"),
            _("Customer Hub active"),
            _("Shopify connected with orders synced"),
            _("Content about changing and cancelling orders"),
        ),
    ),
    SkillInfo(
        id="returns",
        name=_("Returns & exchanges"),
        description=_(
            "Answers return and refund questions, checks whether delivered items can still be "
            "returned or exchanged, and links to the returns portal."
        ),
        tools=(_("Knowledge base"), _("Shopify orders"), _("Customer Hub"), _("Returns provider")),
        prerequisites=(
            _("Agent enabled"),
            _("Customer Hub active"),
            _("Returns provider connected"),
            _("Return-policy content"),
            _("At least one active channel"),
        ),
    ),
    SkillInfo(
        id="order_status",
        name=_("Order status"),
        description=_(
            "Tells signed-in shoppers where their order is: whether it has shipped, which items "
            "are still on their way, and how to track the parcel."
        ),
        tools=(_("Shopify orders"),),
        prerequisites=(_("Agent enabled"), _("Shopify connected with orders synced")),
    ),
    SkillInfo(
        id="general_qa",
        name=_("General questions"),
        description=_(
            "Answers questions from the store's own content, quoting and citing it, and says "
            "so when the content has no answer."
        ),
        tools=(_("Knowledge base"),),
        prerequisites=(_("Agent enabled"), _("Published content")),
    ),
    SkillInfo(
        id="handoff",
        name=_("Handoff to a person"),
        description=_(
            "Lets a shopper reach a person at any time: tells them who will follow up and "
            "creates a ticket with the transcript and their details."
        ),
        tools=(_("Handoff inbox"),),
        prerequisites=(_("Agent enabled"),),
    ),
    SkillInfo(
        id="smalltalk",
        name=_("Greetings and small talk"),
        description=_("Greets shoppers, answers thanks and goodbyes, and says what it can do."),
        tools=(),
        prerequisites=(_("Agent enabled"),),
    ),
)

SKILL_IDS: frozenset[str] = frozenset(s.id for s in SKILLS)


def skill_info(skill_id: str) -> SkillInfo:
    for info in SKILLS:
        if info.id == skill_id:
            return info
    raise KeyError(skill_id)
