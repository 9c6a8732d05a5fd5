"""Which turns read the verified shopper's orders for the line items a message may name
(``agent.engine.requests.items_needed``): order requests and flows, never a greeting, thanks or
a help-centre question. Fake skills, no database."""

from __future__ import annotations

from skills.base import Shopper, SkillContext, SkillResult
from skills.replies import QuickReplies, QuickReply, TextBlock
from tests.agent.engine_support import SANNE, FakeSkill, Harness, fake_order, reply, skills


def verified() -> Shopper:
    return Shopper(verified=True, customer_id=SANNE.id, shopify_customer_id=SANNE.shopify_id)


def item_harness() -> Harness:
    return Harness(
        skills("smalltalk", "general_qa", "order_edit"),
        shopper=verified(),
        orders=(fake_order(1003, title="Texel Merino Trui"), fake_order(1002, title="Sneaker")),
    )


def test_a_greeting_or_a_question_does_not_read_the_shoppers_orders() -> None:
    h = item_harness()
    h.say("hello")
    h.say("Do you ship to Belgium?")
    h.say("thanks, bye")
    assert h.order_reads == []


def test_an_order_request_names_the_item_from_the_shoppers_orders() -> None:
    h = item_harness()
    h.say("I want to change the size of the merino trui")
    assert h.order_reads  # read for this turn
    (call,) = h.skills["order_edit"].calls
    assert call.request.item_ids == ("10030",)


def test_an_unverified_shopper_never_has_orders_read() -> None:
    h = Harness(skills("smalltalk", "order_edit"), orders=(fake_order(1003),))
    h.say("I want to change the size of the merino trui")
    assert h.order_reads == []
    assert h.skills["order_edit"].calls[0].request.item_ids == ()


def test_an_answer_in_an_order_flow_names_the_item() -> None:
    # given order_edit asked which order
    def which(context: SkillContext) -> SkillResult:
        if context.request.item_ids:
            return SkillResult(reply=reply(TextBlock("That one.")), resolved=True)
        options = (QuickReply("#1003", "#1003"), QuickReply("#1002", "#1002"))
        return SkillResult(
            reply=reply(TextBlock("Which order?"), QuickReplies(options)),
            state={"step": "choose_order"},
            expecting="choice",
        )

    h = item_harness()
    h.skills["order_edit"] = FakeSkill("order_edit", behave=which)
    h.say("I want to change my order")
    h.order_reads.clear()
    # when the answer names an item rather than an order
    h.say("the sneaker")
    # then it continues the flow with that item
    assert h.order_reads
    assert h.skills["order_edit"].calls[-1].request.item_ids == ("10020",)
