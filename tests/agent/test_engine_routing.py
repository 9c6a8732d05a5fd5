"""route_decide (pure) and the dialogue state's JSON form."""

from __future__ import annotations

from typing import Any

import pytest

from agent.engine import DialogueState, Option, Pending, SignIn, route_decide
from agent.engine.routing import code_typed
from agent.nlu import Context, understand
from skills.base import SkillRequest


def route(text: str, state: DialogueState) -> tuple[str, str]:
    expecting: Any = state.expecting
    if state.sign_in is not None:
        expecting = "verification_code" if state.sign_in.step == "code" else "email"
    elif state.options and not expecting:
        expecting = "choice"
    u = understand(text, context=Context(language="en", expecting=expecting))
    found = route_decide(u, state)
    return found.kind, found.skill


YES_NO = DialogueState(skill="order_edit", skill_state={"step": "confirm"}, expecting="yes_no")
ORDER = DialogueState(skill="returns", skill_state={"step": "which"}, expecting="order_number")
CODE = DialogueState(
    sign_in=SignIn(step="code", email="a@example.com", masked_email="a•••@example.com"),
    pending=Pending(skill="order_edit", request=SkillRequest("x", "en", "order_change", 1.0)),
)
EMAIL = DialogueState(
    sign_in=SignIn(step="email"),
    pending=Pending(skill="order_edit", request=SkillRequest("x", "en", "order_change", 1.0)),
)


@pytest.mark.parametrize(
    ("text", "state", "expected"),
    [
        ("ja", YES_NO, ("continue", "order_edit")),
        ("no thanks", YES_NO, ("continue", "order_edit")),
        ("yes, but how do I start a return instead?", YES_NO, ("skill", "returns")),
        ("#1002", ORDER, ("continue", "returns")),
        ("1002", ORDER, ("continue", "returns")),
        ("it's order 1043", ORDER, ("continue", "returns")),
        ("talk to a human", ORDER, ("handoff", "handoff")),
        ("123456", CODE, ("code", "")),
        ("123 456", CODE, ("code", "")),
        ("12345", CODE, ("code", "")),
        ("send me a new code please", CODE, ("resend", "")),
        ("use another email address", CODE, ("sign_in_other_email", "")),
        ("other@example.com", CODE, ("email", "")),
        ("jan@example.com", EMAIL, ("email", "")),
        ("nee", EMAIL, ("sign_in_cancel", "")),
        ("what is your return policy?", EMAIL, ("skill", "returns")),
        ("I'd like to speak to someone", EMAIL, ("handoff", "handoff")),
        ("hmm", EMAIL, ("sign_in_reask", "")),
        ("", YES_NO, ("empty", "")),
        ("#1002", DialogueState(), ("order_only", "")),
        ("change my password", DialogueState(), ("not_understood", "")),
    ],
)
def test_route(text: str, state: DialogueState, expected: tuple[str, str]) -> None:
    assert route(text, state) == expected


def test_engine_options_are_picked_by_words_number_or_position() -> None:
    # given
    state = DialogueState(
        options=(
            Option("Change my order", "Change my order", "order_change"),
            Option("Start a return", "Start a return", "return_start"),
        ),
        expecting="choice",
    )
    # then
    assert route_decide(understand("start a return!"), state).intent == "return_start"
    two = understand("2", context=Context(expecting="choice"))
    assert route_decide(two, state).intent == "return_start"
    assert route_decide(understand("the last one"), state).intent == "return_start"
    assert route_decide(understand("the first one"), state).intent == "order_change"


def test_a_skills_option_picked_by_position_is_read_as_its_payload() -> None:
    # given
    state = DialogueState(
        skill="order_edit", options=(Option("#1002", "#1002"), Option("#1001", "#1001"))
    )
    # when
    found = route_decide(understand("de tweede"), state)
    # then
    assert found.kind == "substitute" and found.option == Option("#1001", "#1001")


def test_code_typed() -> None:
    assert code_typed("123 456") and code_typed("12-34-56") and code_typed("1234")
    assert not code_typed("123") and not code_typed("my code is") and not code_typed("12 ab 34")


def test_state_round_trips_through_json() -> None:
    # given
    state = DialogueState(
        language="nl",
        verified_by="code",
        phone_checked=True,
        skill="order_edit",
        skill_state={"step": "pick", "orders": [1002, 1001]},
        expecting="choice",
        order=1002,
        options=(Option("#1002", "#1002"),),
        pending=Pending(
            skill="returns",
            request=SkillRequest(
                "Ik wil mijn trui retourneren", "nl", "return_start", 0.9, order_numbers=(1002,)
            ),
            skill_state={"a": 1},
        ),
        sign_in=SignIn(step="code", email="s@example.com", masked_email="s•••", challenge_id=7),
    )
    # then
    assert DialogueState.from_json(state.to_json()) == state
    assert DialogueState().to_json() == {"v": 1}


@pytest.mark.parametrize(
    "stored",
    [
        None,
        [],
        "x",
        {"skill": 3, "expecting": "dance", "order": "1002", "options": [{"label": 1}]},
        {"pending": {"skill": "returns", "request": {"text": "x"}}},
        {"sign_in": {"step": "sms"}},
    ],
)
def test_damaged_state_reads_as_fresh(stored: Any) -> None:
    state = DialogueState.from_json(stored)
    assert state.skill is None and state.expecting is None and state.order is None
    assert state.pending is None and state.sign_in is None and state.options == ()


def test_turn_orders_reads_the_shoppers_orders_once() -> None:
    # given
    import datetime as dt
    from types import SimpleNamespace

    from agent.engine.requests import TurnOrders
    from core.models import Store
    from skills.base import SkillTools

    reads: list[int] = []

    def orders_list(*, store: Store, customer_id: int, limit: int) -> list[Any]:
        reads.append(limit)
        return [SimpleNamespace(number=n) for n in (1003, 1002, 1001)][:limit]

    tools = SkillTools(
        knowledge_answer=print,
        knowledge_search=print,
        orders_list=orders_list,
        order_get=lambda **kw: "read",
        hub_link=print,
        now=lambda: dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    store = Store(pk=1)
    turn = TurnOrders(tools).tools()
    # when
    first = turn.orders_list(store=store, customer_id=5, limit=10)
    second = turn.orders_list(store=store, customer_id=5, limit=2)
    more = turn.orders_list(store=store, customer_id=5, limit=20)  # all were read already
    found = turn.order_get(store=store, customer_id=5, number=1002)
    other = turn.order_get(store=store, customer_id=5, number=999)
    # then
    assert reads == [10]
    assert [o.number for o in second] == [1003, 1002] and len(first) == len(more) == 3
    assert found.number == 1002 and other == "read"
