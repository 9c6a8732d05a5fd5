"""Returns & exchanges (returns): every row of PRODUCT.md's Returns & exchanges steps and its
edge cases, in English and Dutch, on the demo shop (fixed clock: Monday 2 March 2026, 11:00 in
Amsterdam), with the hub and returns provider present and missing, verified and not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from skills.base import Shopper, SkillResult
from skills.replies import ActionKind, LineStatus, OrderStatus
from skills.returns import ReturnsSkill
from tests.factories.skills import SkillConfigFactory
from tests.skills.conftest import (
    DemoShop,
    block_types,
    event_kinds,
    hub_claims,
    quick_labels,
    quoted,
    said,
    skill_context,
    the_card,
)

pytestmark = pytest.mark.django_db

SKILL = ReturnsSkill()
HUMAN = {"en": "Talk to a person", "nl": "Met een medewerker praten"}
RETURNS_ARTICLE = {"en": "Returns and exchanges", "nl": "Retourneren en ruilen"}
REFUNDS_ARTICLE = {"en": "Refunds", "nl": "Terugbetalingen"}
WINDOW = {"en": "Return window", "nl": "Retourtermijn"}
NOT_RETURNABLE = {"en": "Items that cannot be returned", "nl": "Wat kun je niet retourneren?"}
START = {"en": "How to start a return", "nl": "Zo meld je een retour aan"}


def run(
    shop: DemoShop,
    *,
    intent: str,
    number: int | None = None,
    language: str = "en",
    shopper: Shopper | None = None,
    text: str = "",
    **request: Any,
) -> SkillResult:
    if shopper is None and number is not None:
        shopper = shop.shopper_of(number)
    default = {
        "return_start": {"en": "How do I start a return?", "nl": "Hoe meld ik een retour aan?"},
        "exchange": {"en": "I want another size", "nl": "Ik wil een andere maat"},
        "refund_status": {"en": "Where is my refund?", "nl": "Wanneer krijg ik mijn geld terug?"},
        "return_policy": {"en": "What is your return window?", "nl": "Wat is de retourtermijn?"},
    }[intent][language]
    return SKILL.handle(
        skill_context(
            store=shop.store,
            text=text or default,
            intent=intent,
            language=language,
            shopper=shopper,
            order_numbers=(number,) if number is not None else (),
            **request,
        )
    )


# --- returns: per item, reasons in words and dates ---------------------------------------------


@dataclass(frozen=True)
class Row:
    number: int
    said: dict[str, list[str]]
    actions: tuple[ActionKind, ...]
    lines: tuple[tuple[str, LineStatus, dict[str, str]], ...]
    quote_heading: dict[str, str]
    quick: tuple[dict[str, str], ...] = ()
    status: OrderStatus = OrderStatus.DELIVERED


ROWS = {
    "delivered, inside the window: Start a return": Row(
        1017,
        {
            "en": [
                "You can return these items from order #1017 until 5 March: Cable Knit "
                "Cardigan, S / Ecru."
            ],
            "nl": [
                "Deze artikelen uit bestelling #1017 kun je retourneren tot en met 5 maart: "
                "Cable Knit Cardigan, S / Ecru."
            ],
        },
        (ActionKind.RETURN, ActionKind.EXCHANGE),
        (
            (
                "Cable Knit Cardigan",
                LineStatus.RETURNABLE,
                {"en": "return by 5 March", "nl": "retour tot en met 5 maart"},
            ),
        ),
        START,
    ),
    "return window passed: delivered 29 January; the 30-day window ended 28 February": Row(
        1015,
        {
            "en": [
                "Nothing in order #1015 can be returned.",
                "Noord Runner Sneaker, 41 / White can't be returned: delivered 29 January; the "
                "30-day window ended 28 February.",
            ],
            "nl": [
                "Niets uit bestelling #1015 kan worden geretourneerd.",
                "Noord Runner Sneaker, 41 / White kan niet worden geretourneerd: bezorgd op 29 "
                "januari; de retourtermijn van 30 dagen liep af op 28 februari.",
            ],
        },
        (ActionKind.HUB,),
        (
            (
                "Noord Runner Sneaker",
                LineStatus.NOT_RETURNABLE,
                {
                    "en": "delivered 29 January; the 30-day window ended 28 February",
                    "nl": "bezorgd op 29 januari; de retourtermijn van 30 dagen liep af op 28 "
                    "februari",
                },
            ),
        ),
        WINDOW,
        quick=(HUMAN,),
    ),
    "final sale item": Row(
        1032,
        {
            "en": [
                "Nothing in order #1032 can be returned.",
                "Linen Summer Dress, M / Terracotta can't be returned: final sale.",
            ],
            "nl": [
                "Niets uit bestelling #1032 kan worden geretourneerd.",
                "Linen Summer Dress, M / Terracotta kan niet worden geretourneerd: final sale.",
            ],
        },
        (ActionKind.HUB,),
        (
            (
                "Linen Summer Dress",
                LineStatus.NOT_RETURNABLE,
                {"en": "final sale", "nl": "final sale"},
            ),
        ),
        NOT_RETURNABLE,
        quick=(HUMAN,),
    ),
    "personalised item": Row(
        1027,
        {
            "en": [
                "Nothing in order #1027 can be returned.",
                "Personalised Canvas Tote, Natural can't be returned: personalised item.",
            ],
            "nl": [
                "Niets uit bestelling #1027 kan worden geretourneerd.",
                "Personalised Canvas Tote, Natural kan niet worden geretourneerd: "
                "gepersonaliseerd artikel.",
            ],
        },
        (ActionKind.HUB,),
        (
            (
                "Personalised Canvas Tote",
                LineStatus.NOT_RETURNABLE,
                {"en": "personalised item", "nl": "gepersonaliseerd artikel"},
            ),
        ),
        NOT_RETURNABLE,
        quick=(HUMAN,),
    ),
    "hygiene item": Row(
        1042,
        {
            "en": [
                "Nothing in order #1042 can be returned.",
                "Silver Hoop Earrings, Small can't be returned: hygiene item.",
            ],
            "nl": [
                "Niets uit bestelling #1042 kan worden geretourneerd.",
                "Silver Hoop Earrings, Small kan niet worden geretourneerd: hygiëne-artikel.",
            ],
        },
        (ActionKind.HUB,),
        (
            (
                "Silver Hoop Earrings",
                LineStatus.NOT_RETURNABLE,
                {"en": "hygiene item", "nl": "hygiëne-artikel"},
            ),
        ),
        NOT_RETURNABLE,
        quick=(HUMAN,),
    ),
    "one item final sale, the other returnable": Row(
        1022,
        {
            "en": [
                "You can return these items from order #1022 until 14 March: Organic Basic "
                "T-shirt, M / White.",
                "Harbour Rain Jacket, M / Navy can't be returned: final sale.",
            ],
            "nl": [
                "Deze artikelen uit bestelling #1022 kun je retourneren tot en met 14 maart: "
                "Organic Basic T-shirt, M / White.",
                "Harbour Rain Jacket, M / Navy kan niet worden geretourneerd: final sale.",
            ],
        },
        (ActionKind.RETURN, ActionKind.EXCHANGE),
        (
            (
                "Harbour Rain Jacket",
                LineStatus.NOT_RETURNABLE,
                {"en": "final sale", "nl": "final sale"},
            ),
            (
                "Organic Basic T-shirt",
                LineStatus.RETURNABLE,
                {"en": "return by 14 March", "nl": "retour tot en met 14 maart"},
            ),
        ),
        START,
    ),
    "one item already returned and refunded": Row(
        1018,
        {
            "en": [
                "You can return these items from order #1018 until 6 March: Organic Basic "
                "T-shirt, S / Black.",
                "Texel Merino Trui, S / Marine can't be returned: already returned.",
            ],
            "nl": [
                "Deze artikelen uit bestelling #1018 kun je retourneren tot en met 6 maart: "
                "Organic Basic T-shirt, S / Black.",
                "Texel Merino Trui, S / Marine kan niet worden geretourneerd: al geretourneerd.",
            ],
        },
        (ActionKind.RETURN, ActionKind.EXCHANGE),
        (
            (
                "Texel Merino Trui",
                LineStatus.REFUNDED,
                {"en": "already returned", "nl": "al geretourneerd"},
            ),
            (
                "Organic Basic T-shirt",
                LineStatus.RETURNABLE,
                {"en": "return by 6 March", "nl": "retour tot en met 6 maart"},
            ),
        ),
        START,
        status=OrderStatus.RETURNED,
    ),
    "not delivered yet: in transit": Row(
        1046,
        {
            "en": [
                "Order #1046 is still on its way, so it can't be returned yet. Once it has been "
                "delivered, you have 30 days to return it."
            ],
            "nl": [
                "Bestelling #1046 is nog onderweg, dus retourneren kan nog niet. Zodra hij is "
                "bezorgd, heb je 30 dagen om hem te retourneren."
            ],
        },
        (ActionKind.HUB,),
        (
            (
                "Straight Leg Jeans",
                LineStatus.SHIPPED,
                {"en": "on its way, not delivered yet", "nl": "onderweg, nog niet bezorgd"},
            ),
        ),
        WINDOW,
        status=OrderStatus.FULFILLED,
    ),
    "not delivered yet: out for delivery": Row(
        1050,
        {
            "en": [
                "Order #1050 is still on its way, so it can't be returned yet. Once it has been "
                "delivered, you have 30 days to return it."
            ],
            "nl": [
                "Bestelling #1050 is nog onderweg, dus retourneren kan nog niet. Zodra hij is "
                "bezorgd, heb je 30 dagen om hem te retourneren."
            ],
        },
        (ActionKind.HUB,),
        (
            (
                "Noord Runner Sneaker",
                LineStatus.SHIPPED,
                {"en": "on its way, not delivered yet", "nl": "onderweg, nog niet bezorgd"},
            ),
        ),
        WINDOW,
        status=OrderStatus.FULFILLED,
    ),
}


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("name", list(ROWS))
def test_returns_per_item(shop: DemoShop, name: str, language: str) -> None:
    row = ROWS[name]

    result = run(shop, intent="return_start", number=row.number, language=language)

    assert said(result) == row.said[language]
    [policy] = quoted(result)
    assert policy.citation is not None
    assert policy.citation.article_title == RETURNS_ARTICLE[language]
    assert policy.citation.heading_path[-1] == row.quote_heading[language]
    assert "**" not in policy.text
    card = the_card(result)
    assert (card.order_name, card.status) == (f"#{row.number}", row.status)
    assert [(li.title, li.status, li.reason) for li in card.lines] == [
        (title, status, reason[language]) for title, status, reason in row.lines
    ]
    assert tuple(a.kind for a in card.actions) == row.actions
    # web chat's inline options: each returnable item has the return link on its line
    start = [a for a in card.actions if a.kind is ActionKind.RETURN]
    assert [li.actions for li in card.lines] == [
        tuple(start) if li.status is LineStatus.RETURNABLE else () for li in card.lines
    ]
    hub_action = {ActionKind.HUB: "view"}
    for action in card.actions:
        claims = hub_claims(
            action.url,
            store=shop.store,
            number=row.number,
            action=hub_action.get(action.kind, action.kind.value),
        )
        assert claims.customer_id == shop.shopper_of(row.number).shopify_customer_id
    assert quick_labels(result) == [q[language] for q in row.quick]
    assert result.resolved is True
    assert "resolved" in event_kinds(result)
    assert result.needs is None and result.handoff is None and result.next_skill is None


def test_the_trace_names_each_items_decision_with_its_reason(shop: DemoShop) -> None:
    result = run(shop, intent="return_start", number=1022)

    trace = result.reply.trace
    assert (trace.skill, trace.intent) == ("returns", "return_start")
    assert [(d.subject, d.action, d.allowed, d.code, d.reason) for d in trace.eligibility] == [
        ("Harbour Rain Jacket (M / Navy)", "return", False, "excluded", "final sale"),
        (
            "Organic Basic T-shirt (M / White)",
            "return",
            True,
            "eligible",
            "delivered 12 February; you can return it until 14 March",
        ),
    ]
    assert [(p.article_title, p.heading_path[-1]) for p in trace.passages] == [
        ("Returns and exchanges", "How to start a return")
    ]
    facts = {(f.order_name, f.name): f.value for f in trace.order_facts}
    assert facts[("#1022", "display_fulfillment_status")] == "FULFILLED"
    assert [(p.name, p.met) for p in trace.prerequisites] == [
        ("hub_active", True),
        ("returns_provider_connected", True),
        ("shopper_verified", True),
    ]
    assert event_kinds(result) == [
        "knowledge_answer",
        "link_presented",
        "link_presented",
        "resolved",
    ]


@pytest.mark.parametrize(("language", "heading"), [("en", "Exchanges"), ("nl", "Ruilen")])
def test_an_exchange_puts_the_exchange_link_first(
    shop: DemoShop, language: str, heading: str
) -> None:
    result = run(shop, intent="exchange", number=1017, language=language)

    assert [a.kind for a in the_card(result).actions] == [ActionKind.EXCHANGE, ActionKind.RETURN]
    hub_claims(the_card(result).actions[0].url, store=shop.store, number=1017, action="exchange")
    citation = quoted(result)[0].citation
    assert citation is not None and citation.heading_path[-1] == heading
    assert result.reply.trace.eligibility[0].action == "exchange"


def test_when_the_store_offers_no_exchanges_only_the_return_link_is_given(
    shop: DemoShop,
) -> None:
    SkillConfigFactory.create(
        store=shop.store, skill_id="returns", settings={"exchange_allowed": False}
    )

    result = run(shop, intent="exchange", number=1017)

    assert said(result)[-1] == (
        "Exchanges aren't offered for this order, but you can return the item and place a new "
        "order."
    )
    assert [a.kind for a in the_card(result).actions] == [ActionKind.RETURN]


def test_a_return_already_underway_is_mentioned(shop: DemoShop) -> None:
    result = run(shop, intent="return_start", number=1020)

    assert said(result) == [
        "You can return these items from order #1020 until 11 March: Noord Runner Sneaker, "
        "42 / White and Organic Basic T-shirt, L / Sage.",
        "Your return for order #1020 has been registered. Once we have received and checked "
        "your parcel, we'll refund you.",
    ]
    assert the_card(result).status is OrderStatus.RETURN_IN_PROGRESS


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Order #1063 hasn't shipped yet, so there is nothing to return. While it hasn't "
            "shipped, you may still be able to change or cancel it.",
        ),
        (
            "nl",
            "Bestelling #1063 is nog niet verzonden, dus er valt nog niets te retourneren. "
            "Zolang hij niet is verzonden, kun je hem misschien nog wijzigen of annuleren.",
        ),
    ],
)
def test_an_order_not_shipped_yet_is_pointed_to_order_editing(
    shop: DemoShop, language: str, expected: str
) -> None:
    result = run(shop, intent="return_start", number=1063, language=language)

    assert said(result) == [expected]
    assert result.next_skill == "order_edit"
    assert "order_card" not in block_types(result)
    assert result.resolved is False
    assert [d.code for d in result.reply.trace.eligibility] == ["not_shipped"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Order #1056 was cancelled, so there is nothing to return."),
        ("nl", "Bestelling #1056 is geannuleerd, dus er valt niets te retourneren."),
    ],
)
def test_a_cancelled_order_has_nothing_to_return(
    shop: DemoShop, language: str, expected: str
) -> None:
    result = run(shop, intent="return_start", number=1056, language=language)

    assert said(result) == [expected]
    assert block_types(result) == ["text"]
    assert result.resolved is True


def test_the_most_recent_shipped_order_is_picked_and_ambiguity_is_asked(shop: DemoShop) -> None:
    # emma: #1057 unfulfilled today, #1040 cancelled, #1035 delivered 8 days ago -> #1035
    emma = run(shop, intent="return_start", shopper=shop.shoppers["emma"])
    assert the_card(emma).order_name == "#1035"

    # sanne: #1046 (in transit) and #1029 (delivered) both shipped recently -> which one?
    sanne = shop.shoppers["sanne"]
    asked = run(shop, intent="return_start", shopper=sanne, language="nl")
    assert said(asked) == ["Je hebt meer dan één recente bestelling. Welke bedoel je?"]
    assert quick_labels(asked) == [
        "#1046 · 27 februari · Straight Leg Jeans",
        "#1029 · 18 februari · Breton Striped Shirt",
    ]
    assert asked.state == {
        "step": "choose_order",
        "intent": "return_start",
        "candidates": [1046, 1029],
    }
    assert asked.expecting == "choice"

    second = SKILL.handle(
        skill_context(
            store=shop.store,
            text="de tweede",
            intent="unknown",
            language="nl",
            shopper=sanne,
            state=asked.state,
            choice_position=2,
            choice_kind="position",
        )
    )
    assert the_card(second).order_name == "#1029"
    assert [a.kind for a in the_card(second).actions] == [ActionKind.RETURN, ActionKind.EXCHANGE]
    assert quoted(second) and second.reply.trace.intent == "return_start"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_another_shoppers_order_gets_exactly_the_reply_of_a_nonexistent_one(
    shop: DemoShop, language: str
) -> None:
    emma = shop.shoppers["emma"]
    theirs = run(shop, intent="return_start", number=1017, language=language, shopper=emma)
    nowhere = run(shop, intent="return_start", number=4242, language=language, shopper=emma)

    def masked(result: SkillResult, number: int) -> Any:
        data = result.reply.to_dict()
        for block in data["blocks"]:
            if block["type"] == "text":
                block["text"] = block["text"].replace(f"#{number}", "#N")
        facts = [{**f, "order_name": "#N"} for f in data["trace"]["order_facts"]]
        return data["blocks"], facts, result.state, result.events, result.resolved

    assert masked(theirs, 1017) == masked(nowhere, 4242)
    assert (
        said(theirs)[0]
        == {
            "en": "I can't find order #1017 on your account. Please check the number, or pick "
            "one of your orders.",
            "nl": "Ik kan bestelling #1017 niet vinden op je account. Controleer het nummer, of "
            "kies een van je bestellingen.",
        }[language]
    )
    assert "order_card" not in block_types(theirs)


# --- refund status -------------------------------------------------------------------------------


REFUNDS = {
    "no return, no refund": (
        1017,
        "I don't see a return or a refund for order #1017.",
        "Ik zie geen retour of terugbetaling voor bestelling #1017.",
        OrderStatus.DELIVERED,
        "no_return",
    ),
    "return requested": (
        1020,
        "Your return for order #1020 has been registered. Once we have received and checked your "
        "parcel, we'll refund you.",
        "Je retour voor bestelling #1020 is aangemeld. Zodra we je pakket hebben ontvangen en "
        "gecontroleerd, betalen we je terug.",
        OrderStatus.RETURN_IN_PROGRESS,
        "return_requested",
    ),
    "return in progress": (
        1025,
        "Your return for order #1025 is in progress: it is on its way to us or being checked.",
        "Je retour voor bestelling #1025 is in behandeling: het pakket is onderweg naar ons of "
        "wordt gecontroleerd.",
        OrderStatus.RETURN_IN_PROGRESS,
        "return_in_progress",
    ),
    "returned and refunded in full": (
        1030,
        "Order #1030 has been refunded in full: €34.90.",
        "Bestelling #1030 is volledig terugbetaald: € 34,90.",
        OrderStatus.REFUNDED,
        "refunded",
    ),
    "partly refunded": (
        1018,
        "We have refunded €89.95 of order #1018.",
        "We hebben € 89,95 van bestelling #1018 terugbetaald.",
        OrderStatus.RETURNED,
        "refunded_partially",
    ),
    "cancelled and refunded": (
        1056,
        "Order #1056 was cancelled on 2 March and we refunded €54.85.",
        "Bestelling #1056 is op 2 maart geannuleerd en we hebben € 54,85 terugbetaald.",
        OrderStatus.CANCELLED,
        "refunded",
    ),
    "cancelled after the window, the fee kept": (
        1033,
        "Order #1033 was cancelled on 20 February and we refunded €84.95.",
        "Bestelling #1033 is op 20 februari geannuleerd en we hebben € 84,95 terugbetaald.",
        OrderStatus.CANCELLED,
        "refunded_partially",
    ),
}


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("name", list(REFUNDS))
def test_refund_status_in_words(shop: DemoShop, name: str, language: str) -> None:
    number, en, nl, status, code = REFUNDS[name]

    result = run(shop, intent="refund_status", number=number, language=language)

    assert said(result) == [en if language == "en" else nl]
    [policy] = quoted(result)
    assert policy.citation is not None
    assert policy.citation.article_title == REFUNDS_ARTICLE[language]
    card = the_card(result)
    assert (card.order_name, card.status) == (f"#{number}", status)
    assert [a.kind for a in card.actions] == [ActionKind.HUB]
    hub_claims(card.actions[0].url, store=shop.store, number=number, action="view")
    assert [(d.action, d.code) for d in result.reply.trace.eligibility] == [("refund", code)]
    assert result.resolved is True


def test_a_refund_question_without_a_number_picks_the_order_with_a_return_or_refund(
    shop: DemoShop,
) -> None:
    # sophie: #1058 unfulfilled today, #1030 returned and refunded, #1015 delivered
    result = run(shop, intent="refund_status", shopper=shop.shoppers["sophie"])

    assert said(result) == ["Order #1030 has been refunded in full: €34.90."]


# --- policy questions, sign-in, limited mode ----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "headings", "expected"),
    [
        (
            "en",
            "What is your return window?",
            ["Return window"],
            "You have 30 days from the delivery date to return an item.",
        ),
        (
            "nl",
            "Wat is de retourtermijn?",
            ["Retourtermijn"],
            "Je hebt 30 dagen vanaf de bezorgdatum",
        ),
        # Another passage answers: the return window is quoted with it.
        (
            "en",
            "Can I return sale items?",
            ["Sale items", "Return window"],
            'except items marked "Final sale"',
        ),
        (
            "en",
            "What is your return policy?",
            ["How to start a return", "Return window"],
            "Open the order and choose Start a return.",
        ),
        # "retour|beleid" (a topic and a filler noun) finds the return passages, as in English.
        (
            "nl",
            "Wat is jullie retourbeleid?",
            ["Zo meld je een retour aan", "Retourtermijn"],
            "Open de bestelling en kies Retour aanmelden.",
        ),
    ],
)
@pytest.mark.parametrize("hub", [True, False])
def test_a_return_policy_question_is_answered_from_the_content_without_sign_in(
    shop: DemoShop, language: str, text: str, headings: list[str], expected: str, hub: bool
) -> None:
    if not hub:  # limited mode still answers policy questions
        CustomerHubSettings.objects.filter(store=shop.store).update(active=False)

    result = run(shop, intent="return_policy", language=language, text=text)

    policy = quoted(result)
    assert block_types(result) == ["text"] * len(headings)
    assert [p.citation.heading_path[-1] for p in policy if p.citation] == headings
    assert expected in policy[0].text
    assert [p.heading_path[-1] for p in result.reply.trace.passages] == headings
    assert event_kinds(result) == ["knowledge_answer"] * len(headings) + ["resolved"]
    assert result.needs is None and result.handoff is None
    assert result.resolved is True
    assert result.reply.trace.order_facts == ()


def test_without_return_content_a_policy_question_says_so_and_offers_a_person(db: None) -> None:
    from tests.skills.conftest import demo_shop_load

    bare = demo_shop_load(content=False, slug="bare")

    result = run(bare, intent="return_policy", language="nl")

    assert said(result) == ["Ik heb geen informatie over retourneren."]
    assert quick_labels(result) == [HUMAN["nl"]]
    assert result.resolved is False


@pytest.mark.parametrize(
    ("intent", "language", "article", "heading"),
    [
        ("return_start", "en", "Returns and exchanges", "How to start a return"),
        ("return_start", "nl", "Retourneren en ruilen", "Zo meld je een retour aan"),
        ("exchange", "nl", "Retourneren en ruilen", "Ruilen"),
        ("refund_status", "en", "Refunds", "Checking the status of your refund"),
        ("refund_status", "nl", "Terugbetalingen", "Wanneer krijg ik mijn geld terug?"),
    ],
)
def test_a_shopper_who_is_not_verified_gets_the_policy_and_a_sign_in_request(
    shop: DemoShop, intent: str, language: str, article: str, heading: str
) -> None:
    result = run(shop, intent=intent, language=language, shopper=Shopper())

    assert result.needs == "sign_in"
    [policy] = quoted(result)
    assert policy.citation is not None
    assert (policy.citation.article_title, policy.citation.heading_path[-1]) == (article, heading)
    assert block_types(result) == ["text"]
    assert result.reply.trace.order_facts == ()
    assert result.reply.trace.eligibility == ()
    assert result.resolved is False


LIMITED = {
    ("return_start", "en"): "I can't start a return for your order in this chat, so I'm passing "
    "your request to a colleague.",
    ("return_start", "nl"): "Ik kan in deze chat geen retour voor je bestelling aanmelden, dus ik "
    "geef je vraag door aan een collega.",
    ("refund_status", "en"): "I can't check the status of your refund in this chat, so I'm "
    "passing your question to a colleague.",
    ("refund_status", "nl"): "Ik kan de status van je terugbetaling in deze chat niet bekijken, "
    "dus ik geef je vraag door aan een collega.",
}


@pytest.mark.parametrize(("intent", "language"), list(LIMITED))
@pytest.mark.parametrize("missing", ["hub", "provider"])
@pytest.mark.parametrize("verified", [True, False])
def test_limited_mode_answers_the_policy_then_hands_off_anything_account_specific(
    shop: DemoShop, intent: str, language: str, missing: str, verified: bool
) -> None:
    if missing == "hub":
        CustomerHubSettings.objects.filter(store=shop.store).update(active=False)
    else:
        ReturnsProviderConnection.objects.filter(store=shop.store).delete()
    shopper = shop.shopper_of(1017) if verified else Shopper()

    result = run(shop, intent=intent, number=1017, language=language, shopper=shopper)

    assert len(quoted(result)) == 1
    assert said(result) == [LIMITED[(intent, language)]]
    assert result.handoff is not None and result.handoff.reason == "returns_limited_mode"
    assert result.reply.handoff is True
    assert result.needs is None
    assert "order_card" not in block_types(result)
    assert result.reply.trace.order_facts == ()
    assert "link_presented" not in event_kinds(result)
    checks = {p.name: p.met for p in result.reply.trace.prerequisites}
    assert checks == {
        "hub_active": missing != "hub",
        "returns_provider_connected": missing != "provider",
    }
    assert result.resolved is False


def test_a_provider_in_error_is_limited_mode_too(shop: DemoShop) -> None:
    ReturnsProviderConnection.objects.filter(store=shop.store).update(
        status=ReturnsProviderConnection.Status.ERROR
    )

    result = run(shop, intent="return_start", number=1017)

    assert result.handoff is not None and result.handoff.reason == "returns_limited_mode"


def test_the_stores_own_exclusions_and_window_are_used(shop: DemoShop) -> None:
    # given the merchant excludes everything tagged "sale" and gives 14 days
    SkillConfigFactory.create(
        store=shop.store,
        skill_id="returns",
        settings={"excluded_product_tags": ["sale"], "return_window_days": 14},
    )

    sale = run(shop, intent="return_start", number=1031, language="nl")
    late = run(shop, intent="return_start", number=1017)

    assert (
        said(sale)[1]
        == "Chino Shorts, S / Navy kan niet worden geretourneerd: gemarkeerd als “sale”."
    )
    assert said(late)[1] == (
        "Cable Knit Cardigan, S / Ecru can't be returned: delivered 3 February; the 14-day window "
        "ended 17 February."
    )


@pytest.mark.parametrize("channel", ["webchat", "sms", "whatsapp", "email"])
def test_the_return_link_reaches_every_channel(shop: DemoShop, channel: str) -> None:
    from agent.channels_out import render_reply

    result = SKILL.handle(
        skill_context(
            store=shop.store,
            text="Hoe meld ik een retour aan?",
            intent="return_start",
            language="nl",
            shopper=shop.shopper_of(1017),
            order_numbers=(1017,),
            channel=channel,
        )
    )
    return_url = the_card(result).actions[0].url

    rendered = render_reply(result.reply, channel=channel, language="nl")

    assert return_url in rendered.text
    if channel == "sms":
        assert len(rendered.text) <= 320
