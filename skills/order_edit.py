"""Order editing (``order_edit``): change or cancel an order that has not shipped yet, in the
Customer Hub (PRODUCT.md, "Order editing").

Each turn:

1. The change/cancel policy is looked up in the knowledge base and quoted (cited). A policy
   question (``order_change_policy``) gets only that; adding items to a placed order
   (``order_add_items``) is answered from the policy too: not possible, place a new order, or
   a person can help.
2. Without an active Customer Hub: a soft handoff instead of guiding the edit. The same when
   the skill is Unavailable (``SkillContext.unavailable``: the engine calls it only for what
   the content can answer): a policy question is still answered from the content, adding
   items is still explained, and a change or cancel request gets the policy quoted and then
   the soft handoff — no sign-in, no order data.
3. A shopper who is not verified gets the policy and ``needs="sign_in"``.
4. The order meant is found among the shopper's own orders (``order_find.order_find``) and
   decided on by ``eligibility.order_edit_decide`` / ``order_cancel_decide``:
   unfulfilled inside the window -> an order card with a hub deep link to edit (and cancel);
   partially fulfilled -> which items can still change and which shipped, an edit link for the
   former and a quick reply to return the latter; fulfilled -> said so, handed over to
   ``returns``; window passed, excluded items (personalised, pre-order), closed or not
   allowed -> why, with the policy quoted and a person offered; cancelled -> said so.

``resolved`` is True when the shopper got a self-service link for what they asked, or a complete
answer that needs nobody else (a policy answer, an order that was already cancelled); False
when they were asked something, handed over, or offered a person as the way forward.
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
    CancelCode,
    CancelDecision,
    EditCode,
    EditDecision,
    PickPurpose,
    order_cancel_decide,
    order_edit_decide,
)
from skills.order_cards import line_actions, order_card
from skills.order_common import (
    TOPIC_ORDER_CHANGES,
    Moments,
    Turn,
    connections_check,
    hub_action,
    policy_quote,
    turn_start,
    verified_check,
)
from skills.order_edit_reasons import change_words, edit_lines, edit_trace
from skills.order_find import order_find, order_not_found_result
from skills.replies import Action, LineStatus, QuickReplies, QuickReply
from skills.settings import order_edit_settings_get

ORDER_CHANGE = "order_change"
ORDER_CANCEL = "order_cancel"
ORDER_ADD_ITEMS = "order_add_items"
ORDER_CHANGE_POLICY = "order_change_policy"
INTENTS = (ORDER_CHANGE, ORDER_CANCEL, ORDER_ADD_ITEMS, ORDER_CHANGE_POLICY)

#: Fixed questions that find the part of the policy a decision rests on (search queries, not
#: shopper-facing text), per language.
QUESTIONS: dict[str, dict[str, str]] = {
    "general": {
        "en": "Can I change or cancel my order?",
        "nl": "Kan ik mijn bestelling wijzigen of annuleren?",
    },
    "add_items": {
        "en": "Can I add items to an existing order?",
        "nl": "Kan ik artikelen toevoegen aan een bestelling?",
    },
    "late": {
        "en": "Can I change or cancel my order after the first hour?",
        "nl": "Kan ik mijn bestelling na het eerste uur nog wijzigen of annuleren?",
    },
    "exceptions": {
        "en": "Can personalised items and pre-orders be changed or cancelled?",
        "nl": "Kan ik gepersonaliseerde artikelen en pre-orders wijzigen of annuleren?",
    },
    "partly_shipped": {
        "en": "Can I change an order that has partly shipped?",
        "nl": "Kan ik een deels verzonden bestelling nog wijzigen?",
    },
}


class OrderEditSkill:
    id = "order_edit"
    answers_when_unavailable = True

    def handle(self, context: SkillContext) -> SkillResult:
        with translation.override(context.request.language):
            return _handle(context)


def _handle(context: SkillContext) -> SkillResult:
    turn = turn_start(context, skill=OrderEditSkill.id, intents=INTENTS, default=ORDER_CHANGE)
    if turn.intent == ORDER_CHANGE_POLICY:
        return _policy_answer(turn)
    if turn.intent == ORDER_ADD_ITEMS:
        return _add_items(turn)
    if context.unavailable:
        return _hand_over(turn, reason=unavailable_handoff_reason(context))
    if not connections_check(turn).hub_active:
        return _hand_over(turn, reason="order_edit_hub_not_active")
    if not verified_check(turn):
        _quote(turn, "general", use_text=True)
        return turn.result(sign_in=True, state={"intent": turn.intent})
    purpose = PickPurpose.CANCEL if turn.intent == ORDER_CANCEL else PickPurpose.EDIT
    order = order_find(turn, purpose=purpose)
    if order is None:
        return order_not_found_result(turn)
    return _decide(turn, order)


def _quote(turn: Turn, *keys: str, use_text: bool = False) -> None:
    """Quote the policy: the shopper's own question first (``use_text``, not when they are
    answering "which order?"), then the fixed questions ``keys``, then the general one."""
    language = turn.context.request.language
    questions = [
        QUESTIONS[key].get(language, QUESTIONS[key]["en"])
        for key in dict.fromkeys((*keys, "general"))
    ]
    answering = turn.state.get("step") == "choose_order"
    policy_quote(
        turn,
        topic=TOPIC_ORDER_CHANGES,
        questions=questions,
        use_text=use_text and not answering,
    )


def _policy_answer(turn: Turn) -> SkillResult:
    _quote(turn, use_text=True)
    if not turn.blocks:
        turn.say(_("I don't have information about changing or cancelling orders."))
        if turn.context.unavailable:
            # Nothing this skill can do now either: a person follows up.
            return turn.result(handoff=unavailable_handoff_reason(turn.context))
        turn.add(QuickReplies(options=(skill_text.human_offer(),)))
        return turn.result()
    return turn.result(resolved=True)


def _hand_over(turn: Turn, *, reason: str) -> SkillResult:
    """No guided edit here (no hub, or the skill Unavailable): the policy, then a person."""
    _quote(turn, "general", use_text=True)
    if turn.intent == ORDER_CANCEL:
        text = _(
            "I can't cancel your order in this chat, so I'm passing your request to a colleague."
        )
    else:
        text = _(
            "I can't help you change or cancel an order in this chat, so I'm passing your "
            "request to a colleague."
        )
    turn.say(text)
    return turn.result(handoff=reason)


def _add_items(turn: Turn) -> SkillResult:
    turn.say(
        _(
            "Items can't be added to an order that has already been placed. You can place a "
            "new order for the extra items, or I can put you in touch with a colleague."
        )
    )
    _quote(turn, "add_items", use_text=True)
    turn.add(QuickReplies(options=(skill_text.human_offer(),)))
    turn.decide(
        subject=_("Adding items"),
        action="edit",
        allowed=False,
        reason=_("Adding items to a placed order is not supported."),
        code="add_items_not_supported",
    )
    return turn.result(resolved=True)


# --- deciding -----------------------------------------------------------------------------------


def _decide(turn: Turn, order: OrderFacts) -> SkillResult:
    settings = order_edit_settings_get(store=turn.store)
    now = turn.context.tools.now()
    edit = order_edit_decide(order=order, settings=settings, now=now)
    cancel = order_cancel_decide(order=order, settings=settings, now=now)
    edit_trace(turn, order, edit, cancel)
    if turn.intent == ORDER_CANCEL:
        return _cancel(turn, order, edit, cancel)
    return _change(turn, order, edit, cancel)


def _change(
    turn: Turn, order: OrderFacts, edit: EditDecision, cancel: CancelDecision
) -> SkillResult:
    code = edit.code
    when = Moments(turn)
    if code is EditCode.EDITABLE:
        turn.say(
            _(
                "Order %(order)s hasn't shipped yet, so you can still change it until "
                "%(until)s: %(changes)s."
            )
            % {
                "order": order.name,
                "until": when.until(edit.window_ends_at),
                "changes": change_words(edit.allowed_changes),
            }
        )
        _excluded_note(turn, order, edit)
        _quote(turn, use_text=True)
        return _card_with_links(turn, order, edit, cancel, first=HubAction.EDIT)
    if code is EditCode.PARTIALLY_FULFILLED:
        _partial_note(turn, order, edit)
        _quote(turn, "partly_shipped")
        return _card_with_links(turn, order, edit, cancel, first=HubAction.EDIT)
    if code is EditCode.FULFILLED:
        return _shipped(turn, order, cancelling=False)
    if code is EditCode.CANCELLED:
        return _cancelled(turn, order)
    if code is EditCode.NOTHING_TO_CHANGE:
        return _nothing_left(turn, order)
    if code is EditCode.WINDOW_PASSED:
        if edit.shipped_lines:
            _shipped_note(turn, order, edit)
        turn.say(
            _(
                "Order %(order)s can no longer be changed: changes are possible up to "
                "%(window)s after ordering, and that time ended %(at)s."
            )
            % {
                "order": order.name,
                "window": skill_text.duration(edit.window_minutes),
                "at": when.at(edit.window_ends_at),
            }
        )
        _quote(turn, "late")
    elif code is EditCode.ITEMS_EXCLUDED:
        _excluded_note(turn, order, edit, all_excluded=True)
        _quote(turn, "exceptions")
    elif code is EditCode.CLOSED:
        turn.say(
            _("Order %(order)s is closed, so it can no longer be changed.") % {"order": order.name}
        )
        _quote(turn)
    else:  # CHANGES_NOT_ALLOWED
        turn.say(_("Orders can't be changed in our Customer Hub."))
        _quote(turn)
    if cancel.cancellable:
        turn.say(
            _("You can still cancel the order until %(until)s.")
            % {"until": when.until(cancel.window_ends_at)}
        )
    return _not_editable(turn, order, edit, cancel)


def _cancel(
    turn: Turn, order: OrderFacts, edit: EditDecision, cancel: CancelDecision
) -> SkillResult:
    code = cancel.code
    when = Moments(turn)
    if code is CancelCode.CANCELLABLE:
        turn.say(
            _("Order %(order)s hasn't shipped yet, so you can still cancel it until %(until)s.")
            % {"order": order.name, "until": when.until(cancel.window_ends_at)}
        )
        _quote(turn, use_text=True)
        return _card_with_links(turn, order, edit, cancel, first=HubAction.CANCEL)
    if code is CancelCode.ALREADY_CANCELLED:
        return _cancelled(turn, order, cancelling=True)
    if code is CancelCode.NOTHING_TO_CANCEL:
        return _nothing_left(turn, order)
    if code is CancelCode.FULFILLED:
        return _shipped(turn, order, cancelling=True)
    if code is CancelCode.PARTIALLY_FULFILLED:
        turn.say(
            _(
                "Part of order %(order)s has already shipped, so the order can't be cancelled "
                "as a whole."
            )
            % {"order": order.name}
        )
        _partial_note(turn, order, edit)
        _quote(turn, "partly_shipped")
    elif code is CancelCode.WINDOW_PASSED:
        turn.say(
            _(
                "Order %(order)s can no longer be cancelled in the Customer Hub: that is "
                "possible up to %(window)s after ordering, and that time ended %(at)s."
            )
            % {
                "order": order.name,
                "window": skill_text.duration(cancel.window_minutes),
                "at": when.at(cancel.window_ends_at),
            }
        )
        _quote(turn, "late")
    elif code is CancelCode.ITEMS_EXCLUDED:
        excluded = dict(cancel.excluded)
        names = [
            _named(li, skill_text.exclusion_reason(excluded[li.id]))
            for li in order.line_items
            if li.id in excluded
        ]
        turn.say(
            _("Order %(order)s can't be cancelled because it contains %(items)s.")
            % {"order": order.name, "items": skill_text.items_list(names)}
        )
        _quote(turn, "exceptions")
    elif code is CancelCode.CLOSED:
        turn.say(
            _("Order %(order)s is closed, so it can no longer be cancelled.")
            % {"order": order.name}
        )
        _quote(turn)
    else:  # NOT_ALLOWED
        turn.say(_("Orders can't be cancelled in our Customer Hub."))
        _quote(turn)
    return _not_editable(turn, order, edit, cancel, offer_edit=edit.editable)


# --- the replies --------------------------------------------------------------------------------


def _card_with_links(
    turn: Turn, order: OrderFacts, edit: EditDecision, cancel: CancelDecision, *, first: HubAction
) -> SkillResult:
    """The order card with its hub links (``first`` first): a self-service answer."""
    wanted = [first] + [a for a in (HubAction.EDIT, HubAction.CANCEL) if a is not first]
    allowed = {HubAction.EDIT: edit.editable, HubAction.CANCEL: cancel.cancellable}
    actions = _links(turn, order, [a for a in wanted if allowed[a]])
    if not actions:  # the hub stopped answering between the check and the link
        turn.say(
            _(
                "I can't open the Customer Hub for you right now, so I'm passing your request "
                "to a colleague."
            )
        )
        return turn.result(handoff="order_edit_hub_link_failed")
    lines = line_actions(edit_lines(turn, order, edit), status=LineStatus.EDITABLE, actions=actions)
    turn.add(order_card(turn, order, lines=lines, actions=actions))
    if edit.shipped_lines:
        turn.add(QuickReplies(options=(_return_offer(order),)))
    return turn.result(resolved=True)


def _not_editable(
    turn: Turn,
    order: OrderFacts,
    edit: EditDecision,
    cancel: CancelDecision,
    *,
    offer_edit: bool = False,
) -> SkillResult:
    """Nothing (or not what was asked) can be done in the hub: the card with whatever link is
    still possible, and a person offered."""
    wanted = [HubAction.EDIT] if offer_edit else []
    if cancel.cancellable and turn.intent != ORDER_CANCEL:
        wanted.append(HubAction.CANCEL)
    actions = _links(turn, order, wanted)
    lines = line_actions(edit_lines(turn, order, edit), status=LineStatus.EDITABLE, actions=actions)
    turn.add(order_card(turn, order, lines=lines, actions=actions))
    options: list[QuickReply] = []
    if edit.shipped_lines:
        options.append(_return_offer(order))
    options.append(skill_text.human_offer())
    turn.add(QuickReplies(options=tuple(options)))
    return turn.result()


def _shipped(turn: Turn, order: OrderFacts, *, cancelling: bool) -> SkillResult:
    if cancelling:
        text = _(
            "Order %(order)s has already shipped, so it can no longer be cancelled. You can "
            "return it instead; let me check that for you."
        )
    else:
        text = _(
            "Order %(order)s has already shipped, so it can no longer be changed. You can "
            "return or exchange items instead; let me check that for you."
        )
    turn.say(text % {"order": order.name})
    _quote(turn, "late")
    return turn.result(next_skill="returns")


def _cancelled(turn: Turn, order: OrderFacts, *, cancelling: bool = False) -> SkillResult:
    if cancelling:
        text = _("Order %(order)s was already cancelled on %(day)s.")
    else:
        text = _("Order %(order)s was cancelled on %(day)s, so there is nothing left to change.")
    day = Moments(turn).day(order.cancelled_at or order.updated_at)
    turn.say(text % {"order": order.name, "day": day})
    _quote(turn)
    return turn.result(resolved=True)


def _nothing_left(turn: Turn, order: OrderFacts) -> SkillResult:
    turn.say(
        _("Every item has been removed from order %(order)s, so there is nothing left to change.")
        % {"order": order.name}
    )
    _quote(turn)
    return turn.result(resolved=True)


def _partial_note(turn: Turn, order: OrderFacts, edit: EditDecision) -> None:
    """Which items shipped (go to returns) and which can still change (until when)."""
    by_id = {li.id: li for li in order.line_items}
    _shipped_note(turn, order, edit)
    editable = [
        skill_text.item_name(by_id[d.line_id], d.editable_quantity) for d in edit.editable_lines
    ]
    if editable:
        turn.say(
            _(
                "These items haven't shipped yet and can still be changed until %(until)s: "
                "%(items)s."
            )
            % {
                "until": Moments(turn).until(edit.window_ends_at),
                "items": skill_text.items_list(editable),
            }
        )
    _excluded_note(turn, order, edit)


def _shipped_note(turn: Turn, order: OrderFacts, edit: EditDecision) -> None:
    by_id = {li.id: li for li in order.line_items}
    shipped = [
        skill_text.item_name(by_id[d.line_id], d.shipped_quantity) for d in edit.shipped_lines
    ]
    turn.say(
        _(
            "These items of order %(order)s have already shipped: %(items)s. Shipped items can't "
            "be changed any more; you can return them once they've been delivered."
        )
        % {"order": order.name, "items": skill_text.items_list(shipped)}
    )


def _excluded_note(
    turn: Turn, order: OrderFacts, edit: EditDecision, *, all_excluded: bool = False
) -> None:
    by_id = {li.id: li for li in order.line_items}
    names = [
        _named(by_id[d.line_id], skill_text.exclusion_reason(d.excluded_by))
        for d in edit.excluded_lines
        if d.excluded_by is not None
    ]
    if not names:
        return
    if all_excluded:
        text = _("The items in order %(order)s that haven't shipped can't be changed: %(items)s.")
    else:
        text = _("These items in order %(order)s can't be changed: %(items)s.")
    turn.say(text % {"order": order.name, "items": skill_text.items_list(names)})


def _named(line: LineItemFacts, reason: str) -> str:
    return pgettext("item with reason", "%(item)s (%(reason)s)") % {
        "item": skill_text.item_name(line),
        "reason": reason,
    }


def _links(turn: Turn, order: OrderFacts, actions: list[HubAction]) -> list[Action]:
    return [a for a in (hub_action(turn, order, action) for action in actions) if a is not None]


def _return_offer(order: OrderFacts) -> QuickReply:
    return QuickReply(
        label=pgettext("quick reply", "Return shipped items"),
        payload=pgettext("quick reply message", "I want to return items from order %(order)s")
        % {"order": order.name},
    )
