"""Returns & exchanges (``returns``): return policy, starting a return or exchange in the
Customer Hub, and refund status (PRODUCT.md, "Returns & exchanges").

Each turn:

1. A policy question (``return_policy``) is answered from the knowledge base (quoted, cited),
   without sign-in.
2. Limited mode — no active Customer Hub or no returns provider: the policy is quoted, then a
   soft handoff for anything account-specific. The same when the skill is Unavailable
   (``SkillContext.unavailable``, e.g. no active channel or no return-policy content found by
   the status probe): policy questions the content answers are still answered, anything else
   gets what the content says and a soft handoff.
3. A shopper who is not verified gets the policy and ``needs="sign_in"``.
4. The order meant is found among the shopper's own orders (``order_find.order_find``):
   for a return or exchange, ``eligibility.order_return_decide`` decides per item, with the
   reasons in words and dates ("delivered 3 May; the 30-day window ended 2 June"), and an order
   card with a "Start a return" (or exchange) hub deep link when something can go back; an
   order still on its way is explained; one that has not shipped goes to ``order_edit``. For a
   refund question, ``eligibility.refund_status_decide`` gives the latest state in words.

``resolved`` is True when the shopper got the return link or a complete answer (why nothing can
be returned, the refund status); False when asked something, handed over or sent on.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from integrations.customer_hub.links import HubAction
from integrations.shopify.facts import LineItemFacts, OrderFacts
from skills import skill_text
from skills.base import SkillContext, SkillResult, unavailable_handoff_reason
from skills.eligibility import (
    LineReturnDecision,
    PickPurpose,
    RefundCode,
    RefundStatus,
    ReturnCode,
    ReturnSummary,
    ReturnSummaryCode,
    order_return_decide,
    refund_status_decide,
)
from skills.order_cards import line_actions, order_card, status_lines
from skills.order_common import (
    TOPIC_REFUNDS,
    TOPIC_RETURNS,
    Moments,
    Turn,
    connections_check,
    hub_action,
    policy_quote,
    turn_start,
    verified_check,
)
from skills.order_find import order_find, order_not_found_result
from skills.replies import Action, LineStatus, OrderLine, QuickReplies
from skills.settings import ReturnsSettings, returns_settings_get

RETURN_START = "return_start"
EXCHANGE = "exchange"
RETURN_POLICY = "return_policy"
REFUND_STATUS = "refund_status"
INTENTS = (RETURN_START, EXCHANGE, RETURN_POLICY, REFUND_STATUS)

#: Fixed questions that find the part of the policy a decision rests on (search queries).
QUESTIONS: dict[str, dict[str, str]] = {
    "start": {"en": "How do I start a return?", "nl": "Hoe meld ik een retour aan?"},
    "window": {"en": "What is the return window?", "nl": "Wat is de retourtermijn?"},
    "excluded": {
        "en": "Which items cannot be returned?",
        "nl": "Welke artikelen kun je niet retourneren?",
    },
    "exchange": {
        "en": "How do I exchange an item for another size?",
        "nl": "Hoe kan ik een artikel ruilen?",
    },
    "refund": {"en": "When will I get my refund?", "nl": "Wanneer krijg ik mijn geld terug?"},
}


class ReturnsSkill:
    id = "returns"
    answers_when_unavailable = True

    def handle(self, context: SkillContext) -> SkillResult:
        with translation.override(context.request.language):
            return _handle(context)


def _handle(context: SkillContext) -> SkillResult:
    turn = turn_start(context, skill=ReturnsSkill.id, intents=INTENTS, default=RETURN_START)
    if turn.intent == RETURN_POLICY:
        return _policy_answer(turn)
    if context.unavailable:
        return _limited(turn, reason=unavailable_handoff_reason(context))
    connections = connections_check(turn, provider=True)
    if not (connections.hub_active and connections.provider_connected):
        return _limited(turn, reason="returns_limited_mode")
    if not verified_check(turn):
        _quote_first(turn)
        return turn.result(sign_in=True, state={"intent": turn.intent})
    purpose = PickPurpose.REFUND if turn.intent == REFUND_STATUS else PickPurpose.RETURN
    order = order_find(turn, purpose=purpose)
    if order is None:
        return order_not_found_result(turn)
    if turn.intent == REFUND_STATUS:
        return _refund(turn, order)
    return _return(turn, order)


def _limited(turn: Turn, *, reason: str) -> SkillResult:
    """Nothing account-specific here (limited mode, or the skill Unavailable): the policy that
    fits the request, then a person."""
    _quote_first(turn)
    if turn.intent == REFUND_STATUS:
        turn.say(
            _(
                "I can't check the status of your refund in this chat, so I'm passing your "
                "question to a colleague."
            )
        )
    else:
        turn.say(
            _(
                "I can't start a return for your order in this chat, so I'm passing your "
                "request to a colleague."
            )
        )
    return turn.result(handoff=reason)


def _quote(turn: Turn, *keys: str, use_text: bool = False) -> None:
    """Quote the policy: the shopper's own question first (``use_text``, not when they are
    answering "which order?"), then the fixed questions ``keys``, then the return window."""
    language = turn.context.request.language
    refund = keys[:1] == ("refund",)
    questions = [
        QUESTIONS[key].get(language, QUESTIONS[key]["en"])
        for key in dict.fromkeys((*keys, "window"))
    ]
    policy_quote(
        turn,
        topic=TOPIC_REFUNDS if refund else TOPIC_RETURNS,
        questions=questions,
        use_text=use_text and turn.state.get("step") != "choose_order",
    )


def _quote_first(turn: Turn) -> None:
    """The policy that fits the request, before anything account-specific."""
    key = {REFUND_STATUS: "refund", EXCHANGE: "exchange"}.get(turn.intent, "start")
    _quote(turn, key, use_text=True)


def _policy_answer(turn: Turn) -> SkillResult:
    """The passage that answers the question, and the return window with it when that is
    another passage (the window is what any return-policy answer rests on)."""
    _quote(turn, use_text=True)
    if turn.blocks:
        _quote(turn, "window")
    if not turn.blocks:
        turn.say(_("I don't have information about returns."))
        if turn.context.unavailable:
            # Nothing this skill can do now either: a person follows up.
            return turn.result(handoff=unavailable_handoff_reason(turn.context))
        turn.add(QuickReplies(options=(skill_text.human_offer(),)))
        return turn.result()
    return turn.result(resolved=True)


# --- returns and exchanges --------------------------------------------------------------------


def _return(turn: Turn, order: OrderFacts) -> SkillResult:
    settings = returns_settings_get(store=turn.store)
    summary = order_return_decide(order=order, settings=settings, now=turn.context.tools.now())
    when = Moments(turn)
    by_id = {li.id: li for li in order.line_items}
    for d in summary.lines:
        turn.decide(
            subject=by_id[d.line_id].display_name,
            action="exchange" if turn.intent == EXCHANGE else "return",
            allowed=d.eligible,
            reason=return_reason(d, when=when, long=True),
            code=d.code.value,
        )
    if summary.code is ReturnSummaryCode.ORDER_CANCELLED:
        turn.say(
            _("Order %(order)s was cancelled, so there is nothing to return.")
            % {"order": order.name}
        )
        return turn.result(resolved=True)
    if summary.code is ReturnSummaryCode.NONE_ELIGIBLE:
        return _none_eligible(turn, order, summary)
    return _eligible(turn, order, summary, settings)


def _eligible(
    turn: Turn, order: OrderFacts, summary: ReturnSummary, settings: ReturnsSettings
) -> SkillResult:
    when = Moments(turn)
    by_id = {li.id: li for li in order.line_items}
    eligible = summary.eligible_lines
    last_days = {d.window.last_day for d in eligible if d.window is not None}
    if len(last_days) == 1 and summary.return_by is not None:
        names = [skill_text.item_name(by_id[d.line_id], d.eligible_quantity) for d in eligible]
        turn.say(
            _("You can return these items from order %(order)s until %(day)s: %(items)s.")
            % {
                "order": order.name,
                "day": skill_text.day(summary.return_by.last_day, today=when.today),
                "items": skill_text.items_list(names),
            }
        )
    else:
        names = [
            _named(by_id[d.line_id], return_reason(d, when=when), d.eligible_quantity)
            for d in eligible
        ]
        turn.say(
            _("You can return these items from order %(order)s: %(items)s.")
            % {"order": order.name, "items": skill_text.items_list(names)}
        )
    _ineligible_note(turn, order, summary)
    _underway_note(turn, order, summary.refund)
    exchanging = turn.intent == EXCHANGE
    if exchanging and not settings.exchange_allowed:
        turn.say(
            _(
                "Exchanges aren't offered for this order, but you can return the item and place "
                "a new order."
            )
        )
    _quote(turn, "exchange" if exchanging else "start", use_text=True)
    wanted = [HubAction.RETURN]
    if settings.exchange_allowed:
        wanted = (
            [HubAction.EXCHANGE, HubAction.RETURN] if exchanging else [*wanted, HubAction.EXCHANGE]
        )
    actions = [a for a in (hub_action(turn, order, w) for w in wanted) if a is not None]
    if not actions:  # the hub stopped answering between the check and the link
        turn.say(
            _(
                "I can't open the Customer Hub for you right now, so I'm passing your request "
                "to a colleague."
            )
        )
        return turn.result(handoff="returns_hub_link_failed")
    lines = line_actions(
        _lines(turn, order, summary), status=LineStatus.RETURNABLE, actions=actions
    )
    turn.add(order_card(turn, order, lines=lines, actions=actions))
    return turn.result(resolved=True)


def _none_eligible(turn: Turn, order: OrderFacts, summary: ReturnSummary) -> SkillResult:
    reasons = set(summary.reasons)
    if reasons <= {ReturnCode.NOT_SHIPPED, ReturnCode.ALREADY_RETURNED} and (
        ReturnCode.NOT_SHIPPED in reasons
    ):
        turn.say(
            _(
                "Order %(order)s hasn't shipped yet, so there is nothing to return. While it "
                "hasn't shipped, you may still be able to change or cancel it."
            )
            % {"order": order.name}
        )
        # order_edit quotes its own (change and cancel) policy.
        return turn.result(next_skill="order_edit")
    if reasons == {ReturnCode.NOT_DELIVERED}:
        turn.say(
            _(
                "Order %(order)s is still on its way, so it can't be returned yet. Once it has "
                "been delivered, you have %(days)d days to return it."
            )
            % {"order": order.name, "days": summary.window_days}
        )
        _quote(turn, "window")
        turn.add(
            order_card(turn, order, lines=_lines(turn, order, summary), actions=_view(turn, order))
        )
        return turn.result(resolved=True)
    turn.say(_("Nothing in order %(order)s can be returned.") % {"order": order.name})
    _ineligible_note(turn, order, summary)
    _underway_note(turn, order, summary.refund)
    _quote(turn, "excluded" if ReturnCode.EXCLUDED in reasons else "window")
    turn.add(
        order_card(turn, order, lines=_lines(turn, order, summary), actions=_view(turn, order))
    )
    turn.add(QuickReplies(options=(skill_text.human_offer(),)))
    return turn.result(resolved=True)


def _ineligible_note(turn: Turn, order: OrderFacts, summary: ReturnSummary) -> None:
    """One sentence per item that cannot go back, with the reason in words and dates."""
    when = Moments(turn)
    by_id = {li.id: li for li in order.line_items}
    for d in summary.ineligible_lines:
        turn.say(
            pgettext("return decision", "%(item)s can't be returned: %(reason)s.")
            % {
                "item": skill_text.item_name(by_id[d.line_id]),
                "reason": return_reason(d, when=when, long=True),
            }
        )


def _underway_note(turn: Turn, order: OrderFacts, refund: RefundStatus) -> None:
    if refund.code in (
        RefundCode.RETURN_REQUESTED,
        RefundCode.RETURN_IN_PROGRESS,
        RefundCode.RETURN_INSPECTED,
    ):
        turn.say(refund_words(refund, order, when=Moments(turn)))


def _view(turn: Turn, order: OrderFacts) -> list[Action]:
    action = hub_action(turn, order, HubAction.VIEW)
    return [action] if action is not None else []


def _named(line: LineItemFacts, reason: str, quantity: int) -> str:
    return pgettext("item with reason", "%(item)s (%(reason)s)") % {
        "item": skill_text.item_name(line, quantity),
        "reason": reason,
    }


def _lines(turn: Turn, order: OrderFacts, summary: ReturnSummary) -> list[OrderLine]:
    when = Moments(turn)
    decisions = {d.line_id: d for d in summary.lines}
    lines = []
    for li in order.line_items:
        d = decisions[li.id]
        lines.append(
            OrderLine(
                title=li.title,
                status=_line_status(d, order),
                variant=li.variant_title,
                quantity=li.current_quantity or li.quantity,
                reason=return_reason(d, when=when),
            )
        )
    return lines


def _line_status(d: LineReturnDecision, order: OrderFacts) -> LineStatus:
    if d.code is ReturnCode.ELIGIBLE:
        return LineStatus.RETURNABLE
    if d.code is ReturnCode.ORDER_CANCELLED:
        return LineStatus.CANCELLED
    if d.code is ReturnCode.ALREADY_RETURNED:
        return LineStatus.REFUNDED if order.total_refunded > 0 else LineStatus.RETURNED
    if d.code is ReturnCode.NOT_DELIVERED:
        return LineStatus.SHIPPED
    return LineStatus.NOT_RETURNABLE


def return_reason(d: LineReturnDecision, *, when: Moments, long: bool = False) -> str:
    """Why an item can (not) be returned: "return by 2 June" on a card line; with ``long``,
    "delivered 3 May; the 30-day window ended 2 June" (sentences and the trace)."""
    window = d.window
    if window is not None and d.code in (ReturnCode.ELIGIBLE, ReturnCode.WINDOW_PASSED):
        values = {
            "delivered": skill_text.day(window.delivered_on, today=when.today),
            "days": window.days,
            "day": skill_text.day(window.last_day, today=when.today),
        }
        if d.code is ReturnCode.WINDOW_PASSED:
            text = pgettext(
                "return reason", "delivered %(delivered)s; the %(days)d-day window ended %(day)s"
            )
        elif long:
            text = pgettext(
                "return reason", "delivered %(delivered)s; you can return it until %(day)s"
            )
        else:
            text = pgettext("return reason", "return by %(day)s")
        return text % values
    if d.code is ReturnCode.EXCLUDED and d.excluded_by is not None:
        return skill_text.exclusion_reason(d.excluded_by)
    words = {
        ReturnCode.ORDER_CANCELLED: pgettext("return reason", "the order was cancelled"),
        ReturnCode.ALREADY_RETURNED: pgettext("return reason", "already returned"),
        ReturnCode.NOT_SHIPPED: pgettext("return reason", "not shipped yet"),
        ReturnCode.NOT_DELIVERED: pgettext("return reason", "on its way, not delivered yet"),
    }
    return str(words.get(d.code, ""))


# --- refund status ------------------------------------------------------------------------------


def _refund(turn: Turn, order: OrderFacts) -> SkillResult:
    status = refund_status_decide(order=order)
    turn.decide(
        subject=order.name,
        action="refund",
        allowed=status.code in (RefundCode.REFUNDED, RefundCode.REFUNDED_PARTIALLY),
        reason=f"return {status.return_status or '-'}, payment {status.financial_status or '-'}",
        code=status.code.value,
    )
    turn.say(refund_words(status, order, when=Moments(turn)))
    _quote(turn, "refund", use_text=True)
    turn.add(order_card(turn, order, lines=status_lines(turn, order), actions=_view(turn, order)))
    if status.code is RefundCode.RETURN_FAILED:
        turn.add(QuickReplies(options=(skill_text.human_offer(),)))
        return turn.result()
    return turn.result(resolved=True)


def refund_words(status: RefundStatus, order: OrderFacts, *, when: Moments) -> str:
    """The latest state of the order's return and refund, as a sentence."""
    amount = skill_text.money(status.refunded_amount, status.currency)
    values = {"order": order.name, "amount": amount}
    refunded = status.code in (RefundCode.REFUNDED, RefundCode.REFUNDED_PARTIALLY)
    if status.order_cancelled and refunded and order.cancelled_at is not None:
        return _("Order %(order)s was cancelled on %(day)s and we refunded %(amount)s.") % {
            **values,
            "day": when.day(order.cancelled_at),
        }
    words = {
        RefundCode.NO_RETURN: _("I don't see a return or a refund for order %(order)s."),
        RefundCode.RETURN_REQUESTED: _(
            "Your return for order %(order)s has been registered. Once we have received and "
            "checked your parcel, we'll refund you."
        ),
        RefundCode.RETURN_IN_PROGRESS: _(
            "Your return for order %(order)s is in progress: it is on its way to us or being "
            "checked."
        ),
        RefundCode.RETURN_INSPECTED: _(
            "We have received and checked your return for order %(order)s; your refund is "
            "being processed."
        ),
        RefundCode.RETURN_FAILED: _("Something went wrong with the return for order %(order)s."),
        RefundCode.RETURNED: _(
            "We have received your return for order %(order)s; the refund hasn't been "
            "processed yet."
        ),
        RefundCode.REFUNDED_PARTIALLY: _("We have refunded %(amount)s of order %(order)s."),
        RefundCode.REFUNDED: _("Order %(order)s has been refunded in full: %(amount)s."),
        RefundCode.PAYMENT_VOIDED: _(
            "The payment for order %(order)s was never taken, so there is nothing to refund."
        ),
    }
    return words[status.code] % values
