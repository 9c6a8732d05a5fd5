"""A shopper chatting with the demo shop through the public entry point
(``conversation_start`` + ``message_receive``), and what each turn is read for: the skill,
the reply's blocks (the same on every channel), what the channel really sends (web chat JSON,
SMS/WhatsApp text, email text + HTML), the hub links in it, the events and handoffs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

from agent.models import Conversation, ConversationEvent, Handoff
from agent.services import TurnResult, conversation_start, message_receive
from core import demo
from integrations.customer_hub.links import HubLinkClaims, hub_link_verify
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Customer, Order
from skills.replies import (
    Action,
    ActionKind,
    Block,
    HandoffNotice,
    LinkBlock,
    OrderCard,
    QuickReplies,
    SignInRequest,
    SignInStep,
    TextBlock,
)
from tests.agent.scripted.shop import NOW, DemoShop

CHANNELS = ("webchat", "sms", "whatsapp", "email")
LANGUAGES = ("en", "nl")
TEXT_CHANNELS = ("sms", "whatsapp", "email")
SMS_LIMIT = 320
#: A number no demo customer has: SMS/WhatsApp shoppers who must sign in with email + code.
UNKNOWN_PHONE = "+31699999999"

Capture = Callable[..., AbstractContextManager[Any]]
B = TypeVar("B")

_URL = re.compile(r"https?://[^\s<>\"')]+")
_CODE = re.compile(r"^(\d{6})$", flags=re.MULTILINE)


@dataclass
class Turn:
    """One shopper message and everything the agent did about it."""

    said: str
    result: TurnResult
    events: list[ConversationEvent] = field(default_factory=list)

    # --- what the engine decided --------------------------------------------------------

    @property
    def skill(self) -> str:
        return self.result.skill

    @property
    def intent(self) -> str:
        return self.result.intent

    @property
    def language(self) -> str:
        return self.result.language

    @property
    def trace(self) -> dict[str, Any]:
        return self.result.trace

    @property
    def skills(self) -> list[str]:
        return list(self.trace.get("skills", []))

    @property
    def handed_off(self) -> bool:
        return self.result.handed_off

    def event_kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def eligibility_codes(self) -> list[tuple[str, str, str]]:
        return [(e["subject"], e["action"], e["code"]) for e in self.trace.get("eligibility", [])]

    # --- the reply's blocks (channel independent) -----------------------------------------

    @property
    def blocks(self) -> list[Block]:
        return [b for reply in self.result.replies for b in reply.blocks]

    def each(self, kind: type[B]) -> list[B]:
        return [b for b in self.blocks if isinstance(b, kind)]

    def block_types(self) -> list[str]:
        return [type(b).block_type for b in self.blocks]

    @property
    def cards(self) -> list[OrderCard]:
        return self.each(OrderCard)

    def card(self, number: int) -> OrderCard:
        cards = [c for c in self.cards if c.order_name == f"#{number}"]
        assert len(cards) == 1, (number, self.block_types(), [c.order_name for c in self.cards])
        return cards[0]

    def actions(self) -> list[Action]:
        """Every hub action offered: link blocks, cards' actions and their items' actions."""
        found = [b.action for b in self.each(LinkBlock)]
        for card in self.cards:
            found.extend(card.actions)
            found.extend(a for line in card.lines for a in line.actions)
        return found

    def action_kinds(self) -> list[ActionKind]:
        """The kinds of the cards' own actions and link blocks, in order."""
        kinds = [b.kind for b in self.each(LinkBlock)]
        for card in self.cards:
            kinds.extend(a.kind for a in card.actions)
        return kinds

    def said_texts(self) -> list[str]:
        """The agent's own sentences (text blocks without a citation)."""
        return [b.text for b in self.each(TextBlock) if b.citation is None]

    def quoted(self) -> list[TextBlock]:
        """The merchant's words quoted (text blocks with a citation)."""
        return [b for b in self.each(TextBlock) if b.citation is not None]

    def quick_labels(self) -> list[str]:
        return [o.label for b in self.each(QuickReplies) for o in b.options]

    def sign_in(self) -> SignInRequest | None:
        found = self.each(SignInRequest)
        return found[-1] if found else None

    def handoff_notice(self) -> HandoffNotice | None:
        found = self.each(HandoffNotice)
        return found[-1] if found else None

    # --- what the channel sends ---------------------------------------------------------

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The agent's messages as the preview API shows them (rendered for the channel)."""
        return list(self.result.payload()["messages"])

    @property
    def text(self) -> str:
        """Every message's text as the channel sends it (SMS/WhatsApp body, email text part,
        web chat fallback), one after the other."""
        return "\n\n".join(r.text for r in self.result.rendered)

    @property
    def html(self) -> str:
        return "\n".join(r.html for r in self.result.rendered)

    def web_blocks(self) -> list[dict[str, Any]]:
        """The web chat JSON blocks of every message (empty on the other channels)."""
        return [b for m in self.messages for b in m.get("blocks", [])]

    def urls(self) -> list[str]:
        return _URL.findall(self.text)

    def outputs(self) -> Iterator[str]:
        """Every string the shopper's channel receives: texts, HTML, subjects, JSON values."""
        for rendered in self.result.rendered:
            yield rendered.text
            yield rendered.html
            yield rendered.subject
            if rendered.payload is not None:
                yield from _strings(rendered.payload)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class Chat:
    """One conversation of a shopper with the demo shop on ``channel``.

    ``shopper``: the demo customer's key ("sanne"). Verified: the conversation starts signed
    in as them (as Agent Preview's verified test shopper). Not verified: nobody is signed in;
    the shopper writes from their email address on the email channel (so the code goes there
    without the address being asked: ``sender_known``), from a number no customer has on
    SMS/WhatsApp (so the email + code sign-in is asked), anonymously on web chat. ``contact``
    overrides the channel's contact (e.g. the customer's own phone number).
    """

    def __init__(
        self,
        shop: DemoShop,
        channel: str,
        capture: Capture,
        *,
        shopper: str | None = None,
        verified: bool = False,
        contact: str | None = None,
    ) -> None:
        self.shop, self.channel, self.capture = shop, channel, capture
        self.shopper = shopper
        customer = self.customer_row() if shopper is not None and verified else None
        if contact is None:
            contact = self._default_contact()
        self.conversation: Conversation = conversation_start(
            store=shop.store,
            channel=channel,
            contact=contact,
            customer=customer,
            verified=verified,
            now=NOW,
        )
        self.turns: list[Turn] = []
        #: The email channel's sender is a customer: sign-in sends the code there unasked.
        self.sender_known = (
            channel == "email" and shopper is not None and not verified and contact == self.email
        )

    def _default_contact(self) -> str:
        if self.channel in ("sms", "whatsapp"):
            return UNKNOWN_PHONE
        if self.channel == "email" and self.shopper is not None:
            return self.email
        return ""

    @property
    def email(self) -> str:
        assert self.shopper is not None
        return self.shop_customer().email

    def shop_customer(self) -> demo.DemoCustomer:
        return next(c for c in demo.CUSTOMERS if c.key == self.shopper)

    def customer_row(self) -> Customer:
        return Customer.objects.get(
            store=self.shop.store, shopify_id=self.shop_customer().shopify_id
        )

    def say(self, text: str) -> Turn:
        last_event = (
            ConversationEvent.objects.filter(conversation=self.conversation)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
            or 0
        )
        with self.capture(execute=True):  # the code email goes out on commit
            result = message_receive(
                store=self.shop.store, conversation=self.conversation, text=text, now=NOW
            )
        events = list(
            ConversationEvent.objects.filter(
                conversation=self.conversation, id__gt=last_event
            ).order_by("id")
        )
        turn = Turn(said=text, result=result, events=events)
        self.turns.append(turn)
        return turn

    # --- sign-in ------------------------------------------------------------------------

    def code_sent(self) -> str:
        """The last one-time code the outbox holds for the shopper's email."""
        mail = OutboxMessage.objects.filter(to=self.email).order_by("-id").first()
        assert mail is not None, f"no code was sent to {self.email}"
        found = _CODE.search(mail.body)
        assert found is not None, mail.body
        return found.group(1)

    def to_code_step(self) -> None:
        """Bring the sign-in to the code step: give the email unless the last turn already
        sent the code (the email channel's known sender)."""
        asked = self.turns[-1].sign_in() if self.turns else None
        if asked is not None and asked.ask is SignInStep.CODE:
            return
        sent = self.say(self.email)
        asked = sent.sign_in()
        assert asked is not None and asked.ask is SignInStep.CODE, sent.block_types()

    def sign_in(self) -> Turn:
        """Answer the sign-in request: the email (unless the code went to the sender's address
        already), then the code from the outbox. Returns the turn of the code (the original
        request continues in it)."""
        self.to_code_step()
        return self.say(self.code_sent())

    def ask(self, text: str, *, verified: bool) -> Turn:
        """``text`` as a signed-in shopper would get it answered: directly when verified;
        else after the sign-in it causes (checked: asked, no order data shown before)."""
        first = self.say(text)
        if verified:
            return first
        if self.sender_known:
            assert_code_sent_to_sender(first, email=self.email, language=first.language)
        else:
            assert_sign_in_asked(first, language=first.language)
        done = self.sign_in()
        assert done.said_texts()[0] == SIGNED_IN[done.language], done.said_texts()
        assert "verification_succeeded" in done.event_kinds()
        return done

    def handoffs(self) -> list[Handoff]:
        return list(Handoff.objects.filter(conversation=self.conversation))


SIGNED_IN = {"en": "Thank you, you are signed in.", "nl": "Bedankt, je bent ingelogd."}
SIGN_IN_PROMPT = {
    "en": "What is the email address on your account?",
    "nl": "Wat is het e-mailadres van je account?",
}


CODE_SENT_PROMPT = {
    "en": "I've sent a 6-digit code to {email}.",
    "nl": "Ik heb een code van 6 cijfers gestuurd naar {email}.",
}
OTHER_EMAIL = {"en": "Use another email address", "nl": "Een ander e-mailadres gebruiken"}


def assert_code_sent_to_sender(turn: Turn, *, email: str, language: str) -> None:
    """Email channel, the sender a customer: the code went to the sender's address at once
    (masked in the reply, never the code itself), another address is offered, and nothing of
    any order was shown."""
    asked = turn.sign_in()
    assert asked is not None and asked.ask is SignInStep.CODE, turn.block_types()
    masked = f"{email[0]}•••@{email.partition('@')[2]}"
    assert asked.masked_email == masked
    assert CODE_SENT_PROMPT[language].format(email=masked) in turn.text, turn.text
    assert SIGN_IN_PROMPT[language] not in turn.text and email not in turn.text
    assert turn.quick_labels() == [OTHER_EMAIL[language]]
    assert turn.trace["expecting"] == "code"
    _assert_nothing_of_orders(turn)
    assert ("verification_asked", {"step": "code", "to": "sender"}) in [
        (e.kind, e.data) for e in turn.events
    ]


def _assert_nothing_of_orders(turn: Turn) -> None:
    assert turn.cards == [] and turn.actions() == []
    assert not [u for u in turn.urls() if "/hub/" in u]
    assert not re.search(r"#1\d{3}", turn.text), turn.text
    assert turn.trace.get("order_facts", []) == []
    assert not turn.handed_off


def assert_sign_in_asked(turn: Turn, *, language: str) -> None:
    """The agent asks for the email on the profile and shows nothing of any order."""
    asked = turn.sign_in()
    assert asked is not None and asked.ask is SignInStep.EMAIL, turn.block_types()
    assert SIGN_IN_PROMPT[language] in turn.text
    assert turn.cards == [] and turn.actions() == []
    assert not [u for u in turn.urls() if "/hub/" in u]
    assert not re.search(r"#1\d{3}", turn.text), turn.text
    assert turn.trace.get("order_facts", []) == []
    assert "verification_asked" in turn.event_kinds()
    assert not turn.handed_off


# --- hub links --------------------------------------------------------------------------------


def hub_claims(url: str, *, shop: DemoShop, number: int, action: str) -> HubLinkClaims:
    """A built-in hub deep link for ``number``/``action``, checked as the hub checks it, and
    bound to the order's owner."""
    prefix = f"{settings.APP_BASE_URL}/hub/{shop.store.slug}/orders/{number}/{action}?t="
    assert url.startswith(prefix), (url, prefix)
    token = parse_qs(urlsplit(url).query)["t"][0]
    claims = hub_link_verify(
        store=shop.store, token=token, order_number=number, action=action, now=NOW
    )
    owner = Order.objects.select_related("customer").get(store=shop.store, number=number)
    assert owner.customer is not None and claims.customer_id == owner.customer.shopify_id
    return claims


def hub_urls(turn: Turn) -> list[str]:
    return [u for u in turn.urls() if "/hub/" in u]


def assert_link_sent(turn: Turn, shop: DemoShop, *, channel: str, number: int, action: str) -> None:
    """The order's hub link for ``action`` reaches the shopper as the channel sends links:
    web chat an order card with that action (its URL a signed hub link); SMS the link as the
    one URL of at most 320 characters; WhatsApp and email the link in the text (email also in
    the HTML)."""
    card = turn.card(number)
    wanted = [a for a in card.actions if a.kind == action]
    assert wanted, (action, [a.kind for a in card.actions])
    url = wanted[0].url
    hub_claims(url, shop=shop, number=number, action=action)
    if channel == "webchat":
        (web_card,) = [
            b
            for b in turn.web_blocks()
            if b["type"] == "order_card" and b["order_name"] == f"#{number}"
        ]
        assert url in [a["url"] for a in web_card["actions"] if a["kind"] == action]
        return
    if channel == "sms":
        assert len(turn.result.rendered[-1].text) <= SMS_LIMIT
        assert all(len(r.text) <= SMS_LIMIT for r in turn.result.rendered)
        assert hub_urls(turn)[-1] == url, turn.text
        assert len(_URL.findall(turn.result.rendered[-1].text)) == 1
        return
    assert url in hub_urls(turn), turn.text
    if channel == "email":
        assert f'href="{url}"' in turn.html


def assert_no_hub_action(turn: Turn, *actions: str) -> None:
    """No link into the hub for any of ``actions`` in blocks or in what the channel sends."""
    kinds = {a.kind.value for a in turn.actions()}
    assert not kinds & set(actions), kinds
    for action in actions:
        assert not [u for u in hub_urls(turn) if f"/{action}?t=" in u], turn.text


def assert_sms_fits(turn: Turn, channel: str) -> None:
    if channel == "sms":
        assert all(len(r.text) <= SMS_LIMIT for r in turn.result.rendered), [
            len(r.text) for r in turn.result.rendered
        ]
        assert all(len(_URL.findall(r.text)) <= 1 for r in turn.result.rendered)
