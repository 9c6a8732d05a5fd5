"""Order editing (order_edit): every row of PRODUCT.md's Order editing table and its edge cases,
in English and Dutch, on the demo shop (fixed clock: Monday 2 March 2026, 11:00 in Amsterdam),
with the real knowledge base, order facts and hub links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from integrations.customer_hub.models import CustomerHubSettings
from skills.base import Shopper, SkillResult
from skills.order_edit import OrderEditSkill
from skills.replies import ActionKind, LineStatus, OrderStatus, QuickReplies
from tests.factories.integrations import CustomerFactory
from tests.skills.conftest import (
    NOW,
    DemoShop,
    block_types,
    event_kinds,
    hub_claims,
    order_copy,
    quick_labels,
    quoted,
    said,
    skill_context,
    the_card,
)

pytestmark = pytest.mark.django_db

SKILL = OrderEditSkill()
EN_POLICY = "Changing or cancelling your order"
NL_POLICY = "Bestelling wijzigen of annuleren"
HUMAN = {"en": "Talk to a person", "nl": "Met een medewerker praten"}
RETURN_SHIPPED = {"en": "Return shipped items", "nl": "Verzonden artikelen retourneren"}


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
    return SKILL.handle(
        skill_context(
            store=shop.store,
            text=text
            or {"en": "I want to change my order", "nl": "Ik wil mijn bestelling wijzigen"}[
                language
            ],
            intent=intent,
            language=language,
            shopper=shopper,
            order_numbers=(number,) if number is not None else (),
            **request,
        )
    )


# --- the table: a verified shopper, hub active --------------------------------------------------


@dataclass(frozen=True)
class Row:
    number: int
    intent: str
    said: dict[str, list[str]]
    actions: tuple[ActionKind, ...]
    lines: tuple[tuple[str, LineStatus, dict[str, str]], ...]
    resolved: bool
    quick: tuple[dict[str, str], ...] = ()
    status: OrderStatus = OrderStatus.UNFULFILLED
    quote_heading: dict[str, str] | None = None


ROWS = {
    "unfulfilled, inside the window: change": Row(
        1063,
        "order_change",
        {
            "en": [
                "Order #1063 hasn't shipped yet, so you can still change it until 11:45 today: "
                "size or colour, quantity and shipping address."
            ],
            "nl": [
                "Bestelling #1063 is nog niet verzonden, dus je kunt hem nog wijzigen tot "
                "vandaag 11:45: maat of kleur, aantal en bezorgadres."
            ],
        },
        (ActionKind.EDIT, ActionKind.CANCEL),
        (("Texel Merino Trui", LineStatus.EDITABLE, {"en": "", "nl": ""}),),
        resolved=True,
    ),
    "unfulfilled, inside the window: cancel": Row(
        1061,
        "order_cancel",
        {
            "en": ["Order #1061 hasn't shipped yet, so you can still cancel it until 11:35 today."],
            "nl": [
                "Bestelling #1061 is nog niet verzonden, dus je kunt hem nog annuleren tot "
                "vandaag 11:35."
            ],
        },
        (ActionKind.CANCEL, ActionKind.EDIT),
        (
            ("Noord Runner Sneaker", LineStatus.EDITABLE, {"en": "", "nl": ""}),
            ("Organic Basic T-shirt", LineStatus.EDITABLE, {"en": "", "nl": ""}),
        ),
        resolved=True,
    ),
    "personalised item excluded from changes, the rest editable": Row(
        1064,
        "order_change",
        {
            "en": [
                "Order #1064 hasn't shipped yet, so you can still change it until 11:50 today: "
                "size or colour, quantity and shipping address.",
                "These items in order #1064 can't be changed: Personalised Canvas Tote, Natural "
                "(personalised item).",
            ],
            "nl": [
                "Bestelling #1064 is nog niet verzonden, dus je kunt hem nog wijzigen tot "
                "vandaag 11:50: maat of kleur, aantal en bezorgadres.",
                "Deze artikelen in bestelling #1064 kun je niet wijzigen: Personalised Canvas "
                "Tote, Natural (gepersonaliseerd artikel).",
            ],
        },
        (ActionKind.EDIT,),  # a personalised item stops the order from being cancelled
        (
            (
                "Personalised Canvas Tote",
                LineStatus.NOT_EDITABLE,
                {"en": "personalised item", "nl": "gepersonaliseerd artikel"},
            ),
            ("Organic Basic T-shirt", LineStatus.EDITABLE, {"en": "", "nl": ""}),
        ),
        resolved=True,
    ),
    "personalised item: the order cannot be cancelled": Row(
        1064,
        "order_cancel",
        {
            "en": [
                "Order #1064 can't be cancelled because it contains Personalised Canvas Tote, "
                "Natural (personalised item)."
            ],
            "nl": [
                "Bestelling #1064 kan niet worden geannuleerd, omdat er een artikel in zit dat "
                "niet geannuleerd kan worden: Personalised Canvas Tote, Natural "
                "(gepersonaliseerd artikel)."
            ],
        },
        (ActionKind.EDIT,),
        (
            (
                "Personalised Canvas Tote",
                LineStatus.NOT_EDITABLE,
                {"en": "personalised item", "nl": "gepersonaliseerd artikel"},
            ),
            ("Organic Basic T-shirt", LineStatus.EDITABLE, {"en": "", "nl": ""}),
        ),
        resolved=False,
        quick=(HUMAN,),
        quote_heading={"en": "Exceptions", "nl": "Uitzonderingen"},
    ),
    "pre-order: cannot be changed, can still be cancelled": Row(
        1060,
        "order_change",
        {
            "en": [
                "The items in order #1060 that haven't shipped can't be changed: Wadden Wool "
                "Coat, S / Camel (pre-order).",
                "You can still cancel the order until 11:30 today.",
            ],
            "nl": [
                "De artikelen in bestelling #1060 die nog niet zijn verzonden, kun je niet "
                "wijzigen: Wadden Wool Coat, S / Camel (pre-order).",
                "Je kunt de bestelling nog annuleren tot vandaag 11:30.",
            ],
        },
        (ActionKind.CANCEL,),
        (("Wadden Wool Coat", LineStatus.NOT_EDITABLE, {"en": "pre-order", "nl": "pre-order"}),),
        resolved=False,
        quick=(HUMAN,),
        quote_heading={"en": "Exceptions", "nl": "Uitzonderingen"},
    ),
    "edit window passed (unfulfilled): not editable, policy quoted, a person offered": Row(
        1057,
        "order_change",
        {
            "en": [
                "Order #1057 can no longer be changed: changes are possible up to 1 hour after "
                "ordering, and that time ended at 10:00 today."
            ],
            "nl": [
                "Bestelling #1057 kan niet meer worden gewijzigd: wijzigen kan tot 1 uur na het "
                "bestellen, en die tijd is vandaag om 10:00 verstreken."
            ],
        },
        (),
        (
            (
                "Cable Knit Cardigan",
                LineStatus.NOT_EDITABLE,
                {
                    "en": "change window ended at 10:00 today",
                    "nl": "wijzigingstermijn vandaag om 10:00 verstreken",
                },
            ),
        ),
        resolved=False,
        quick=(HUMAN,),
        quote_heading={"en": "After the first hour", "nl": "Na het eerste uur"},
    ),
    "cancel window passed": Row(
        1057,
        "order_cancel",
        {
            "en": [
                "Order #1057 can no longer be cancelled in the Customer Hub: that is possible up "
                "to 1 hour after ordering, and that time ended at 10:00 today."
            ],
            "nl": [
                "Bestelling #1057 kan niet meer worden geannuleerd in de Customer Hub: dat kan "
                "tot 1 uur na het bestellen, en die tijd is vandaag om 10:00 verstreken."
            ],
        },
        (),
        (
            (
                "Cable Knit Cardigan",
                LineStatus.NOT_EDITABLE,
                {
                    "en": "change window ended at 10:00 today",
                    "nl": "wijzigingstermijn vandaag om 10:00 verstreken",
                },
            ),
        ),
        resolved=False,
        quick=(HUMAN,),
        quote_heading={"en": "After the first hour", "nl": "Na het eerste uur"},
    ),
    "partially fulfilled, window passed: what shipped, nothing editable": Row(
        1045,
        "order_change",
        {
            "en": [
                "These items of order #1045 have already shipped: Organic Basic T-shirt, L / "
                "Black. Shipped items can't be changed any more; you can return them once "
                "they've been delivered.",
                "Order #1045 can no longer be changed: changes are possible up to 1 hour after "
                "ordering, and that time ended at 12:00 on 27 February.",
            ],
            "nl": [
                "Deze artikelen uit bestelling #1045 zijn al verzonden: Organic Basic T-shirt, L "
                "/ Black. Verzonden artikelen kun je niet meer wijzigen; je kunt ze retourneren "
                "zodra ze zijn bezorgd.",
                "Bestelling #1045 kan niet meer worden gewijzigd: wijzigen kan tot 1 uur na het "
                "bestellen, en die tijd is op 27 februari om 12:00 verstreken.",
            ],
        },
        (),
        (
            (
                "Organic Basic T-shirt",
                LineStatus.NOT_EDITABLE,
                {
                    "en": "1 already shipped; change window ended at 12:00 on 27 February",
                    "nl": "1 al verzonden; wijzigingstermijn op 27 februari om 12:00 verstreken",
                },
            ),
            (
                "Slim Fit Jeans",
                LineStatus.NOT_EDITABLE,
                {
                    "en": "change window ended at 12:00 on 27 February",
                    "nl": "wijzigingstermijn op 27 februari om 12:00 verstreken",
                },
            ),
        ),
        resolved=False,
        quick=(RETURN_SHIPPED, HUMAN),
        status=OrderStatus.PARTIALLY_FULFILLED,
    ),
    "cancelled order: said so": Row(
        1056,
        "order_change",
        {
            "en": ["Order #1056 was cancelled on 2 March, so there is nothing left to change."],
            "nl": [
                "Bestelling #1056 is op 2 maart geannuleerd, dus er valt niets meer te wijzigen."
            ],
        },
        (),
        (),
        resolved=True,
        status=OrderStatus.CANCELLED,
    ),
    "cancelling a cancelled order": Row(
        1056,
        "order_cancel",
        {
            "en": ["Order #1056 was already cancelled on 2 March."],
            "nl": ["Bestelling #1056 is al op 2 maart geannuleerd."],
        },
        (),
        (),
        resolved=True,
        status=OrderStatus.CANCELLED,
    ),
}


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("name", list(ROWS))
def test_order_editing_table(shop: DemoShop, name: str, language: str) -> None:
    # given a verified shopper asking about their own order
    row = ROWS[name]

    # when
    result = run(shop, intent=row.intent, number=row.number, language=language)

    # then the decision in words, the policy quoted (cited), an order card with hub links
    assert said(result) == row.said[language]
    policy = quoted(result)
    assert len(policy) == 1
    assert policy[0].citation is not None
    assert policy[0].citation.article_title == (EN_POLICY if language == "en" else NL_POLICY)
    if row.quote_heading:
        assert policy[0].citation.heading_path[-1] == row.quote_heading[language]
    assert "**" not in policy[0].text
    if row.lines:
        card = the_card(result)
        assert card.order_name == f"#{row.number}"
        assert card.status is row.status
        assert [(li.title, li.status, li.reason) for li in card.lines] == [
            (title, status, reason[language]) for title, status, reason in row.lines
        ]
        assert tuple(a.kind for a in card.actions) == row.actions
        # web chat's inline options: each item that can change has the edit link on its line
        edit = [a for a in card.actions if a.kind is ActionKind.EDIT]
        assert [li.actions for li in card.lines] == [
            tuple(edit) if li.status is LineStatus.EDITABLE else () for li in card.lines
        ]
        for action in card.actions:
            claims = hub_claims(
                action.url, store=shop.store, number=row.number, action=action.kind.value
            )
            assert claims.customer_id == shop.shopper_of(row.number).shopify_customer_id
    else:
        assert "order_card" not in block_types(result)
    assert quick_labels(result) == [q[language] for q in row.quick]
    assert result.resolved is row.resolved
    assert result.reply.resolved is row.resolved
    assert result.needs is None and result.handoff is None and result.next_skill is None
    assert event_kinds(result).count("link_presented") == len(row.actions)
    assert ("resolved" in event_kinds(result)) is row.resolved
    assert "knowledge_answer" in event_kinds(result)


def test_the_trace_has_the_passage_the_order_facts_and_each_decision(shop: DemoShop) -> None:
    result = run(shop, intent="order_change", number=1064)

    trace = result.reply.trace
    assert (trace.skill, trace.intent, trace.language) == ("order_edit", "order_change", "en")
    assert [(p.article_title, p.heading_path[-1]) for p in trace.passages] == [
        (EN_POLICY, "Changes and cancellation within 1 hour")
    ]
    assert trace.passages[0].article_version == 1
    assert trace.passages[0].score > 0
    facts = {(f.order_name, f.name): f.value for f in trace.order_facts}
    assert facts[("#1064", "display_fulfillment_status")] == "UNFULFILLED"
    assert facts[("#1064", "fulfillment")] == "unfulfilled"
    assert [(d.subject, d.action, d.allowed, d.code) for d in trace.eligibility] == [
        ("#1064", "edit", True, "editable"),
        ("#1064", "cancel", False, "items_excluded"),
        ("Personalised Canvas Tote (Natural)", "edit", False, "excluded"),
        ("Organic Basic T-shirt (S / White)", "edit", True, "editable"),
    ]
    assert trace.eligibility[0].reason == "not shipped; the 1 hour window is open until 11:50 today"
    assert trace.eligibility[2].reason == "personalised item"
    assert [(p.name, p.met) for p in trace.prerequisites] == [
        ("hub_active", True),
        ("shopper_verified", True),
    ]


# --- partially fulfilled inside the window, fulfilled ------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "These items of order #1100 have already shipped: Ribbed Beanie, Rust. Shipped "
                "items can't be changed any more; you can return them once they've been "
                "delivered.",
                "These items haven't shipped yet and can still be changed until 11:40 today: "
                "Canvas Low Sneaker, 41 / Navy.",
            ],
        ),
        (
            "nl",
            [
                "Deze artikelen uit bestelling #1100 zijn al verzonden: Ribbed Beanie, Rust. "
                "Verzonden artikelen kun je niet meer wijzigen; je kunt ze retourneren zodra ze "
                "zijn bezorgd.",
                "Deze artikelen zijn nog niet verzonden en kun je nog wijzigen tot vandaag 11:40: "
                "Canvas Low Sneaker, 41 / Navy.",
            ],
        ),
    ],
)
def test_partially_fulfilled_inside_the_window_edits_the_rest_and_sends_shipped_to_returns(
    shop: DemoShop, language: str, expected: list[str]
) -> None:
    # given chloe's partly shipped order, placed 20 minutes ago (the beanie shipped)
    order_copy(
        shop,
        1051,
        new_number=1100,
        placed=dt.timedelta(minutes=20),
        shipped=dt.timedelta(minutes=5),
    )

    result = run(
        shop, intent="order_change", number=1100, language=language, shopper=shop.shoppers["chloe"]
    )

    assert said(result) == expected
    card = the_card(result)
    assert card.status is OrderStatus.PARTIALLY_FULFILLED
    assert [(li.title, li.status) for li in card.lines] == [
        ("Canvas Low Sneaker", LineStatus.EDITABLE),
        ("Ribbed Beanie", LineStatus.SHIPPED),
    ]
    assert [a.kind for a in card.actions] == [ActionKind.EDIT]  # not cancellable as a whole
    hub_claims(card.actions[0].url, store=shop.store, number=1100, action="edit")
    replies = next(b for b in result.reply.blocks if isinstance(b, QuickReplies))
    assert [(o.label, o.payload) for o in replies.options] == [
        (
            RETURN_SHIPPED[language],
            {
                "en": "I want to return items from order #1100",
                "nl": "Ik wil artikelen uit bestelling #1100 retourneren",
            }[language],
        )
    ]
    citation = quoted(result)[0].citation
    assert citation is not None
    assert (
        citation.heading_path[-1]
        == {
            "en": "Partly shipped orders",
            "nl": "Bestelling deels verzonden",
        }[language]
    )
    assert result.resolved is True


def test_cancelling_a_partially_fulfilled_order_offers_the_edit_link_returns_and_a_person(
    shop: DemoShop,
) -> None:
    order_copy(
        shop,
        1051,
        new_number=1100,
        placed=dt.timedelta(minutes=20),
        shipped=dt.timedelta(minutes=5),
    )

    result = run(shop, intent="order_cancel", number=1100, shopper=shop.shoppers["chloe"])

    assert said(result)[0] == (
        "Part of order #1100 has already shipped, so the order can't be cancelled as a whole."
    )
    assert [a.kind for a in the_card(result).actions] == [ActionKind.EDIT]
    assert quick_labels(result) == [RETURN_SHIPPED["en"], HUMAN["en"]]
    assert result.resolved is False


@pytest.mark.parametrize(
    ("number", "intent", "language", "expected"),
    [
        (
            1046,
            "order_change",
            "en",
            "Order #1046 has already shipped, so it can no longer be changed. You can return or "
            "exchange items instead; let me check that for you.",
        ),
        (
            1046,
            "order_change",
            "nl",
            "Bestelling #1046 is al verzonden, dus wijzigen kan niet meer. Je kunt artikelen wel "
            "retourneren of ruilen; ik kijk het even voor je na.",
        ),
        (
            1052,
            "order_cancel",
            "en",
            "Order #1052 has already shipped, so it can no longer be cancelled. You can return it "
            "instead; let me check that for you.",
        ),
        (
            1052,
            "order_cancel",
            "nl",
            "Bestelling #1052 is al verzonden, dus annuleren kan niet meer. Je kunt hem wel "
            "retourneren; ik kijk het even voor je na.",
        ),
        (
            1017,
            "order_change",
            "en",
            "Order #1017 has already shipped, so it can no longer be changed. You can return or "
            "exchange items instead; let me check that for you.",
        ),
    ],
)
def test_a_fulfilled_order_is_handed_over_to_returns(
    shop: DemoShop, number: int, intent: str, language: str, expected: str
) -> None:
    result = run(shop, intent=intent, number=number, language=language)

    assert said(result) == [expected]
    assert result.next_skill == "returns"
    assert result.state is None
    assert "order_card" not in block_types(result)
    assert len(quoted(result)) == 1
    assert result.resolved is False
    assert [d.code for d in result.reply.trace.eligibility[:2]] == ["fulfilled", "fulfilled"]


# --- adding items, policy questions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected", "quote"),
    [
        (
            "en",
            "Can I add a scarf to my order?",
            "Items can't be added to an order that has already been placed. You can place a new "
            "order for the extra items, or I can put you in touch with a colleague.",
            "Adding new items to an existing order is not possible.",
        ),
        (
            "nl",
            "Kan ik nog een sjaal aan mijn bestelling toevoegen?",
            "Aan een bestelling die al geplaatst is, kun je geen artikelen toevoegen. Je kunt een "
            "nieuwe bestelling plaatsen voor de extra artikelen, of ik breng je in contact met "
            "een collega.",
            "Artikelen toevoegen aan een bestelling die al geplaatst is, kan niet.",
        ),
    ],
)
@pytest.mark.parametrize("verified", [False, True])
def test_adding_items_is_not_supported_new_order_or_a_person(
    shop: DemoShop, language: str, text: str, expected: str, quote: str, verified: bool
) -> None:
    shopper = shop.shoppers["sanne"] if verified else Shopper()

    result = run(shop, intent="order_add_items", language=language, text=text, shopper=shopper)

    assert said(result) == [expected]
    assert [b.text for b in quoted(result)] == [quote]
    assert quick_labels(result) == [HUMAN[language]]
    assert result.needs is None and result.handoff is None
    assert "order_card" not in block_types(result)
    assert result.reply.trace.order_facts == ()
    assert result.reply.trace.eligibility[0].code == "add_items_not_supported"
    assert result.resolved is True


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "How long do I have to cancel an order?",
            "You can change or cancel your order free of charge within 1 hour (60 minutes) of "
            "placing it, as long as it has not been shipped yet.",
        ),
        (
            "nl",
            "Hoe lang kan ik een bestelling annuleren?",
            "Tot 1 uur (60 minuten) na het plaatsen van je bestelling kun je die kosteloos "
            "wijzigen of annuleren, zolang hij nog niet is verzonden.",
        ),
    ],
)
def test_a_policy_question_is_answered_from_the_content_without_sign_in(
    shop: DemoShop, language: str, text: str, expected: str
) -> None:
    result = run(shop, intent="order_change_policy", language=language, text=text)

    assert block_types(result) == ["text"]
    [quote] = quoted(result)
    assert expected in quote.text
    assert quote.citation is not None and quote.citation.quote == quote.text
    assert quote.citation.article_version == 1
    assert result.needs is None
    assert result.resolved is True
    assert event_kinds(result) == ["knowledge_answer", "resolved"]


def test_without_policy_content_a_policy_question_says_so_and_offers_a_person(
    db: None,
) -> None:
    from tests.skills.conftest import demo_shop_load

    bare = demo_shop_load(content=False, slug="bare")

    result = run(bare, intent="order_change_policy", text="Can I cancel my order?")

    assert said(result) == ["I don't have information about changing or cancelling orders."]
    assert quick_labels(result) == [HUMAN["en"]]
    assert result.resolved is False
    assert result.reply.trace.passages == ()
    assert result.events == (
        (
            "knowledge_answer",
            {
                "question": "Can I cancel my order?",
                "found": False,
                "reason": "no_match",
                "language": "en",
                "coverage": 0.0,
            },
        ),
    )


# --- sign-in, hub missing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "intent", "quote"),
    [
        (
            "en",
            "I need to cancel my order",
            "order_cancel",
            "You can change or cancel your order free of charge within 1 hour (60 minutes) of "
            "placing it, as long as it has not been shipped yet.",
        ),
        (
            "nl",
            "Kan ik de maat van mijn recente bestelling wijzigen?",
            "order_change",
            "Tot 1 uur (60 minuten) na het plaatsen van je bestelling kun je die kosteloos "
            "wijzigen of annuleren, zolang hij nog niet is verzonden.",
        ),
    ],
)
def test_a_shopper_who_is_not_verified_gets_the_policy_and_a_sign_in_request(
    shop: DemoShop, language: str, text: str, intent: str, quote: str
) -> None:
    result = run(shop, intent=intent, language=language, text=text, shopper=Shopper())

    assert result.needs == "sign_in"
    assert block_types(result) == ["text"]
    assert quote in quoted(result)[0].text
    # no order data at all for someone who is not verified
    assert result.reply.trace.order_facts == ()
    assert result.reply.trace.eligibility == ()
    assert "link_presented" not in event_kinds(result)
    assert result.resolved is False
    assert result.state is not None and result.state["intent"] == intent


def test_after_sign_in_the_same_request_gets_the_order_without_quoting_the_policy_again(
    shop: DemoShop,
) -> None:
    # given the first turn asked for sign-in (and quoted the policy)
    first = run(shop, intent="order_change", text="I want to change my order", shopper=Shopper())
    assert first.needs == "sign_in" and first.state is not None

    # when the engine calls again with the same request, now verified, and the saved state
    again = SKILL.handle(
        skill_context(
            store=shop.store,
            text="I want to change my order",
            intent="order_change",
            shopper=shop.shoppers["sanne"],
            state=first.state,
        )
    )

    # then sanne's most recent editable order, with the passage in the trace but not re-quoted
    assert the_card(again).order_name == "#1063"
    assert quoted(again) == []
    assert [p.chunk_id for p in again.reply.trace.passages] == first.state["quoted"]
    assert again.resolved is True


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "I can't help you change or cancel an order in this chat, so I'm passing your "
            "request to a colleague.",
        ),
        (
            "nl",
            "Ik kan je in deze chat niet helpen een bestelling te wijzigen of te annuleren, dus "
            "ik geef je vraag door aan een collega.",
        ),
    ],
)
@pytest.mark.parametrize("verified", [True, False])
def test_without_an_active_hub_a_soft_handoff_instead_of_guiding_the_edit(
    shop: DemoShop, language: str, expected: str, verified: bool
) -> None:
    CustomerHubSettings.objects.filter(store=shop.store).update(active=False)
    shopper = shop.shopper_of(1063) if verified else Shopper()

    result = run(shop, intent="order_change", number=1063, language=language, shopper=shopper)

    assert said(result) == [expected]
    assert len(quoted(result)) == 1  # the policy is still quoted
    assert result.handoff is not None and result.handoff.reason == "order_edit_hub_not_active"
    assert result.reply.handoff is True
    assert result.needs is None
    assert "order_card" not in block_types(result)
    assert "link_presented" not in event_kinds(result)
    assert result.reply.trace.prerequisites[0].met is False
    assert result.resolved is False


def test_an_external_hub_gets_the_links(shop: DemoShop) -> None:
    CustomerHubSettings.objects.filter(store=shop.store).update(
        mode=CustomerHubSettings.Mode.EXTERNAL,
        external_url="https://help.noord.example/orders/{order}?do={action}",
    )

    result = run(shop, intent="order_change", number=1063)

    urls = [a.url for a in the_card(result).actions]
    assert urls[0].startswith("https://help.noord.example/orders/1063?do=edit&token=")
    assert urls[1].startswith("https://help.noord.example/orders/1063?do=cancel&token=")


# --- which order --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "I can't find order #%s on your account. Please check the number, or pick one of "
            "your orders.",
        ),
        (
            "nl",
            "Ik kan bestelling #%s niet vinden op je account. Controleer het nummer, of kies een "
            "van je bestellingen.",
        ),
    ],
)
def test_another_shoppers_order_gets_exactly_the_reply_of_a_nonexistent_one(
    shop: DemoShop, language: str, expected: str
) -> None:
    sanne = shop.shoppers["sanne"]
    # 1061 is oliver's order; 9999 does not exist
    theirs = run(shop, intent="order_cancel", number=1061, language=language, shopper=sanne)
    nowhere = run(shop, intent="order_cancel", number=9999, language=language, shopper=sanne)

    def masked(result: SkillResult, number: int) -> Any:
        data = result.reply.to_dict()
        data["blocks"][0]["text"] = data["blocks"][0]["text"].replace(f"#{number}", "#N")
        facts = [{**f, "order_name": "#N"} for f in data["trace"]["order_facts"]]
        return data["blocks"], facts, data["trace"]["eligibility"], result.state, result.events

    assert said(theirs) == [expected % 1061]
    assert said(nowhere) == [expected % 9999]
    assert masked(theirs, 1061) == masked(nowhere, 9999)
    # nothing of oliver's order shows: no card, no facts but "not on the account"
    assert "order_card" not in block_types(theirs)
    assert [(f.name, f.value) for f in theirs.reply.trace.order_facts] == [("on_account", False)]
    # sanne's own orders are offered instead, and kept for "the second one"
    assert (
        quick_labels(theirs)[0]
        == {
            "en": "#1063 · 2 March · Texel Merino Trui",
            "nl": "#1063 · 2 maart · Texel Merino Trui",
        }[language]
    )
    assert theirs.state == {
        "step": "choose_order",
        "intent": "order_cancel",
        "candidates": [1063, 1046, 1029, 1024],
    }


def test_several_recent_editable_orders_are_asked_about_and_the_answer_continues(
    shop: DemoShop,
) -> None:
    # given sanne has two unfulfilled orders from today
    order_copy(shop, 1063, new_number=1100, placed=dt.timedelta(minutes=5))
    sanne = shop.shoppers["sanne"]

    # when she asks without a number
    asked = run(
        shop,
        intent="order_change",
        shopper=sanne,
        language="nl",
        text="Ik wil mijn bestelling wijzigen",
    )

    # then she is asked which one, with the candidates as quick replies, remembered in state
    assert said(asked) == ["Je hebt meer dan één recente bestelling. Welke bedoel je?"]
    replies = next(b for b in asked.reply.blocks if isinstance(b, QuickReplies))
    assert [(o.label, o.payload) for o in replies.options] == [
        ("#1100 · 2 maart · Texel Merino Trui", "#1100"),
        ("#1063 · 2 maart · Texel Merino Trui", "#1063"),
    ]
    assert asked.state == {
        "step": "choose_order",
        "intent": "order_change",
        "candidates": [1100, 1063],
    }
    assert asked.expecting == "choice"
    assert asked.resolved is False

    # when she answers "de tweede" (no intent of its own), the flow continues on #1063
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
    assert the_card(second).order_name == "#1063"
    assert second.reply.trace.intent == "order_change"
    assert second.state is None

    # and "#1100" picks that one; "the last one" the last candidate
    named = SKILL.handle(
        skill_context(
            store=shop.store,
            text="#1100",
            intent="unknown",
            shopper=sanne,
            state=asked.state,
            order_numbers=(1100,),
        )
    )
    assert the_card(named).order_name == "#1100"
    last = SKILL.handle(
        skill_context(
            store=shop.store,
            text="the last one",
            intent="unknown",
            shopper=sanne,
            state=asked.state,
            choice_kind="last",
        )
    )
    assert the_card(last).order_name == "#1063"


def test_an_item_the_shopper_names_picks_its_order(shop: DemoShop) -> None:
    order_copy(shop, 1063, new_number=1100, placed=dt.timedelta(minutes=5))
    sanne = shop.shoppers["sanne"]
    from integrations.shopify.facts import customer_order_get

    older = customer_order_get(store=shop.store, customer_id=sanne.customer_id or 0, number=1063)
    assert older is not None

    result = run(
        shop, intent="order_change", shopper=sanne, item_ids=(str(older.line_items[0].id),)
    )

    assert the_card(result).order_name == "#1063"


def test_the_most_recent_editable_order_is_picked_when_none_is_named(shop: DemoShop) -> None:
    # sanne: #1063 unfulfilled today, #1046 in transit, #1029 delivered, #1024 cancelled
    result = run(shop, intent="order_change", shopper=shop.shoppers["sanne"])

    assert the_card(result).order_name == "#1063"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "I don't see any orders on your account."),
        ("nl", "Ik zie geen bestellingen op je account."),
    ],
)
def test_a_shopper_without_orders_is_told_and_offered_a_person(
    shop: DemoShop, language: str, expected: str
) -> None:
    customer = CustomerFactory.create(store=shop.store)
    shopper = Shopper(
        verified=True, customer_id=customer.pk, shopify_customer_id=customer.shopify_id
    )

    result = run(shop, intent="order_change", shopper=shopper, language=language)

    assert said(result) == [expected]
    assert quick_labels(result) == [HUMAN[language]]
    assert result.state is None


def test_order_data_is_read_at_the_turns_clock(shop: DemoShop) -> None:
    # five minutes before #1063's window ends it is still editable; at the end it is not
    before = SKILL.handle(
        skill_context(
            store=shop.store,
            text="change #1063",
            intent="order_change",
            shopper=shop.shopper_of(1063),
            order_numbers=(1063,),
            now=NOW + dt.timedelta(minutes=40),
        )
    )
    after = SKILL.handle(
        skill_context(
            store=shop.store,
            text="change #1063",
            intent="order_change",
            shopper=shop.shopper_of(1063),
            order_numbers=(1063,),
            now=NOW + dt.timedelta(minutes=45),
        )
    )
    assert [a.kind for a in the_card(before).actions] == [ActionKind.EDIT, ActionKind.CANCEL]
    assert the_card(after).actions == ()
    assert said(after)[0].endswith("and that time ended at 11:45 today.")


def test_an_answer_to_which_order_wins_over_the_order_the_engine_carried_over(
    shop: DemoShop,
) -> None:
    # given the engine carries the order in focus (#1063) into a "the second one" answer
    order_copy(shop, 1063, new_number=1100, placed=dt.timedelta(minutes=5))
    state = {"step": "choose_order", "intent": "order_cancel", "candidates": [1100, 1063]}

    result = SKILL.handle(
        skill_context(
            store=shop.store,
            text="the first one",
            intent="unknown",
            shopper=shop.shoppers["sanne"],
            state=state,
            order_numbers=(1063,),
            choice_position=1,
            choice_kind="position",
        )
    )

    assert the_card(result).order_name == "#1100"
    assert the_card(result).actions[0].kind is ActionKind.CANCEL


# --- the store's hub settings --------------------------------------------------------------------


def test_a_store_that_allows_no_changes_still_offers_cancelling(shop: DemoShop) -> None:
    CustomerHubSettings.objects.filter(store=shop.store).update(
        allow_variant_change=False, allow_quantity_change=False, allow_address_change=False
    )

    result = run(shop, intent="order_change", number=1063, language="nl")

    assert said(result) == [
        "Bestellingen kunnen niet worden gewijzigd in onze Customer Hub.",
        "Je kunt de bestelling nog annuleren tot vandaag 11:45.",
    ]
    assert [a.kind for a in the_card(result).actions] == [ActionKind.CANCEL]
    assert quick_labels(result) == [HUMAN["nl"]]
    assert result.reply.trace.eligibility[0].code == "changes_not_allowed"


def test_a_store_that_allows_no_cancelling_offers_the_edit_link_and_a_person(
    shop: DemoShop,
) -> None:
    CustomerHubSettings.objects.filter(store=shop.store).update(allow_cancel=False)

    result = run(shop, intent="order_cancel", number=1063)

    assert said(result) == ["Orders can't be cancelled in our Customer Hub."]
    assert [a.kind for a in the_card(result).actions] == [ActionKind.EDIT]
    assert quick_labels(result) == [HUMAN["en"]]
    assert result.resolved is False


def test_only_the_allowed_changes_are_named(shop: DemoShop) -> None:
    CustomerHubSettings.objects.filter(store=shop.store).update(allow_quantity_change=False)

    result = run(shop, intent="order_change", number=1063)

    assert said(result) == [
        "Order #1063 hasn't shipped yet, so you can still change it until 11:45 today: size or "
        "colour and shipping address."
    ]


# --- every channel -------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["webchat", "sms", "whatsapp", "email"])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_edit_link_reaches_every_channel(shop: DemoShop, channel: str, language: str) -> None:
    from agent.channels_out import render_reply

    result = SKILL.handle(
        skill_context(
            store=shop.store,
            text="Kan ik de maat van mijn recente bestelling wijzigen?",
            intent="order_change",
            language=language,
            shopper=shop.shoppers["sanne"],
            channel=channel,
        )
    )
    edit_url = the_card(result).actions[0].url

    rendered = render_reply(result.reply, channel=channel, language=language)

    assert edit_url in rendered.text
    if channel == "sms":
        assert len(rendered.text) <= 320
        assert "#1063" in rendered.text
