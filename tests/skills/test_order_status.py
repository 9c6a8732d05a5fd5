"""Order status (order_status): a verified shopper's order (named or latest) in words, with the
carrier, tracking number and tracking link, and when it was delivered; sign-in first otherwise.
Demo shop, fixed clock (Monday 2 March 2026, 11:00 in Amsterdam), English and Dutch."""

from __future__ import annotations

from typing import Any

import pytest

from integrations.customer_hub.models import CustomerHubSettings
from skills.base import Shopper, SkillResult
from skills.order_status import OrderStatusSkill
from skills.replies import ActionKind, LineStatus, LinkBlock, OrderStatus
from tests.skills.conftest import (
    DemoShop,
    block_types,
    event_kinds,
    hub_claims,
    said,
    skill_context,
    the_card,
)

pytestmark = pytest.mark.django_db

SKILL = OrderStatusSkill()


def run(
    shop: DemoShop,
    *,
    number: int | None = None,
    language: str = "en",
    shopper: Shopper | None = None,
) -> SkillResult:
    if shopper is None and number is not None:
        shopper = shop.shopper_of(number)
    return SKILL.handle(
        skill_context(
            store=shop.store,
            text={"en": "Where is my order?", "nl": "Waar blijft mijn bestelling?"}[language],
            intent="order_status",
            language=language,
            shopper=shopper,
            order_numbers=(number,) if number is not None else (),
        )
    )


def links(result: SkillResult) -> list[LinkBlock]:
    return [b for b in result.reply.blocks if isinstance(b, LinkBlock)]


ROWS: dict[
    str,
    tuple[
        int,
        dict[str, list[str]],
        OrderStatus,
        list[tuple[str, LineStatus, dict[str, str]]],
        dict[str, str] | None,
    ],
] = {
    "not shipped yet (still editable)": (
        1063,
        {
            "en": ["Order #1063 (placed 2 March) hasn't shipped yet."],
            "nl": ["Bestelling #1063 (geplaatst op 2 maart) is nog niet verzonden."],
        },
        OrderStatus.UNFULFILLED,
        [
            (
                "Texel Merino Trui",
                LineStatus.EDITABLE,
                {"en": "not shipped yet", "nl": "nog niet verzonden"},
            )
        ],
        None,
    ),
    "not shipped yet, edit window passed": (
        1057,
        {
            "en": ["Order #1057 (placed 2 March) hasn't shipped yet."],
            "nl": ["Bestelling #1057 (geplaatst op 2 maart) is nog niet verzonden."],
        },
        OrderStatus.UNFULFILLED,
        [
            (
                "Cable Knit Cardigan",
                LineStatus.NOT_EDITABLE,
                {"en": "not shipped yet", "nl": "nog niet verzonden"},
            )
        ],
        None,
    ),
    "partly shipped": (
        1037,
        {
            "en": [
                "Part of order #1037 (placed 24 February) has shipped: Cable Knit Cardigan, L / "
                "Forest Green. The rest hasn't shipped yet."
            ],
            "nl": [
                "Een deel van bestelling #1037 (geplaatst op 24 februari) is verzonden: Cable Knit "
                "Cardigan, L / Forest Green. De rest is nog niet verzonden."
            ],
        },
        OrderStatus.PARTIALLY_FULFILLED,
        [
            (
                "Cable Knit Cardigan",
                LineStatus.DELIVERED,
                {"en": "delivered 27 February", "nl": "bezorgd op 27 februari"},
            ),
            (
                "Wool Scarf Last Season",
                LineStatus.NOT_EDITABLE,
                {"en": "not shipped yet", "nl": "nog niet verzonden"},
            ),
        ],
        None,
    ),
    "in transit with PostNL": (
        1046,
        {
            "en": [
                "Order #1046 shipped on 28 February with PostNL and is on its way.",
                "Tracking number: PostNL 3SNRDC0001046.",
            ],
            "nl": [
                "Bestelling #1046 is op 28 februari verzonden met PostNL en is onderweg.",
                "Trackingnummer: PostNL 3SNRDC0001046.",
            ],
        },
        OrderStatus.FULFILLED,
        [("Straight Leg Jeans", LineStatus.SHIPPED, {"en": "on its way", "nl": "onderweg"})],
        {
            "url": "https://jouw.postnl.nl/track-and-trace/3SNRDC0001046-NL-1015KN",
            "en": "Track your parcel with PostNL",
            "nl": "Volg je pakket bij PostNL",
        },
    ),
    "in transit with DHL Express (UK)": (
        1047,
        {
            "en": [
                "Order #1047 shipped on 28 February with DHL Express and is on its way.",
                "Tracking number: DHL Express JD0146000000001047.",
            ],
            "nl": [
                "Bestelling #1047 is op 28 februari verzonden met DHL Express en is onderweg.",
                "Trackingnummer: DHL Express JD0146000000001047.",
            ],
        },
        OrderStatus.FULFILLED,
        [("Cable Knit Cardigan", LineStatus.SHIPPED, {"en": "on its way", "nl": "onderweg"})],
        {
            "url": "https://www.dhl.com/gb-en/home/tracking.html?tracking-id=JD0146000000001047",
            "en": "Track your parcel with DHL Express",
            "nl": "Volg je pakket bij DHL Express",
        },
    ),
    "out for delivery": (
        1050,
        {
            "en": [
                "Order #1050 is out for delivery with PostNL.",
                "Tracking number: PostNL 3SNRDC0001050.",
            ],
            "nl": [
                "Bestelling #1050 wordt vandaag bezorgd door PostNL.",
                "Trackingnummer: PostNL 3SNRDC0001050.",
            ],
        },
        OrderStatus.FULFILLED,
        [("Noord Runner Sneaker", LineStatus.SHIPPED, {"en": "on its way", "nl": "onderweg"})],
        {
            "url": "https://jouw.postnl.nl/track-and-trace/3SNRDC0001050-NL-3572AR",
            "en": "Track your parcel with PostNL",
            "nl": "Volg je pakket bij PostNL",
        },
    ),
    "delivered": (
        1017,
        {
            "en": ["Order #1017 was delivered on 3 February."],
            "nl": ["Bestelling #1017 is op 3 februari bezorgd."],
        },
        OrderStatus.DELIVERED,
        [
            (
                "Cable Knit Cardigan",
                LineStatus.DELIVERED,
                {"en": "delivered 3 February", "nl": "bezorgd op 3 februari"},
            )
        ],
        None,
    ),
    "cancelled": (
        1056,
        {
            "en": ["Order #1056 was cancelled on 2 March."],
            "nl": ["Bestelling #1056 is op 2 maart geannuleerd."],
        },
        OrderStatus.CANCELLED,
        [
            ("Ribbed Beanie", LineStatus.CANCELLED, {"en": "", "nl": ""}),
            ("Organic Basic T-shirt", LineStatus.CANCELLED, {"en": "", "nl": ""}),
        ],
        None,
    ),
}


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("name", list(ROWS))
def test_order_status_in_words_with_tracking(shop: DemoShop, name: str, language: str) -> None:
    number, words, status, lines, tracking = ROWS[name]

    result = run(shop, number=number, language=language)

    assert said(result) == words[language]
    card = the_card(result)
    assert (card.order_name, card.status) == (f"#{number}", status)
    assert [(li.title, li.status, li.reason) for li in card.lines] == [
        (title, line_status, reason[language]) for title, line_status, reason in lines
    ]
    assert [a.kind for a in card.actions] == [ActionKind.HUB]
    hub_claims(card.actions[0].url, store=shop.store, number=number, action="view")
    if tracking is None:
        assert links(result) == []
    else:
        [link] = links(result)
        assert (link.kind, link.url, link.label) == (
            ActionKind.TRACK,
            tracking["url"],
            tracking[language],
        )
        # the tracking link is the reply's primary link (the one an SMS carries)
        assert block_types(result).index("link") < block_types(result).index("order_card")
    assert result.resolved is True
    assert result.needs is None
    assert event_kinds(result)[-1] == "resolved"
    [decision] = result.reply.trace.eligibility
    assert (decision.subject, decision.action, decision.allowed) == (
        f"#{number}",
        "track",
        tracking is not None,
    )


def test_the_latest_order_when_none_is_named(shop: DemoShop) -> None:
    result = run(shop, shopper=shop.shoppers["sanne"])

    assert the_card(result).order_name == "#1063"


def test_a_shopper_who_is_not_verified_is_asked_to_sign_in_and_sees_nothing(
    shop: DemoShop,
) -> None:
    result = run(shop, number=1046, shopper=Shopper())

    assert result.needs == "sign_in"
    assert result.reply.blocks == ()
    assert result.reply.trace.order_facts == ()
    assert result.state == {"intent": "order_status"}
    assert result.resolved is False


@pytest.mark.parametrize("language", ["en", "nl"])
def test_another_shoppers_order_gets_exactly_the_reply_of_a_nonexistent_one(
    shop: DemoShop, language: str
) -> None:
    sanne = shop.shoppers["sanne"]
    theirs = run(shop, number=1047, shopper=sanne, language=language)
    nowhere = run(shop, number=7777, shopper=sanne, language=language)

    def masked(result: SkillResult, number: int) -> Any:
        data = result.reply.to_dict()
        data["blocks"][0]["text"] = data["blocks"][0]["text"].replace(f"#{number}", "#N")
        facts = [{**f, "order_name": "#N"} for f in data["trace"]["order_facts"]]
        return data["blocks"], facts, result.state, result.events

    assert masked(theirs, 1047) == masked(nowhere, 7777)
    assert "order_card" not in block_types(theirs) and links(theirs) == []
    assert "DHL" not in str(theirs.reply.to_dict())


def test_without_an_active_hub_the_status_is_still_given_without_a_hub_link(
    shop: DemoShop,
) -> None:
    CustomerHubSettings.objects.filter(store=shop.store).update(active=False)

    result = run(shop, number=1046)

    assert said(result)[0] == "Order #1046 shipped on 28 February with PostNL and is on its way."
    assert the_card(result).actions == ()
    assert [link.kind for link in links(result)] == [ActionKind.TRACK]
    assert result.resolved is True
