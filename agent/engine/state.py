"""The dialogue state the engine keeps in ``Conversation.state`` (JSON) between turns.

What the conversation remembers: its language, how the shopper was verified, the active skill
and that skill's own step state, what the last reply asked for (``expecting``), the order in
focus, the options it offered (quick replies), the request waiting for sign-in and where the
sign-in is. Read tolerantly: a missing, older or damaged state reads as a fresh one, so a bad
row can never break a conversation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from skills.base import SkillRequest

Expecting = Literal["order_number", "email", "verification_code", "choice", "yes_no"]
SignInStep = Literal["email", "code"]

_EXPECTING = frozenset({"order_number", "email", "verification_code", "choice", "yes_no"})
_REQUEST_FIELDS = {f.name: f for f in fields(SkillRequest)}
_TUPLE_FIELDS = frozenset(("order_numbers", "emails", "sizes", "colours", "quantities", "item_ids"))


@dataclass(frozen=True)
class Option:
    """A quick reply the agent offered. ``intent``: set for the engine's own clarifying
    options (picking one routes to that intent); empty for a skill's options."""

    label: str
    payload: str
    intent: str = ""


@dataclass(frozen=True)
class SignIn:
    """Where the sign-in is: asking for the email, or waiting for the code sent to
    ``email`` (challenge ``challenge_id``)."""

    step: SignInStep
    email: str = ""
    masked_email: str = ""
    challenge_id: int | None = None


@dataclass(frozen=True)
class Pending:
    """A skill's request that waits for the shopper to sign in; re-run once verified."""

    skill: str
    request: SkillRequest
    skill_state: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DialogueState:
    language: str | None = None
    verified_by: str = ""  # "code" | "identity" | "phone" | "given" (Agent Preview)
    #: SMS/WhatsApp: the sending number was looked up (once per conversation).
    phone_checked: bool = False
    skill: str | None = None
    skill_state: Mapping[str, Any] = field(default_factory=dict)
    expecting: Expecting | None = None
    order: int | None = None
    options: tuple[Option, ...] = ()
    pending: Pending | None = None
    sign_in: SignIn | None = None
    #: The skill that answered last and the intent it was asked (kept after its flow ended:
    #: "nee, de andere" refers to it).
    last_skill: str | None = None
    intent: str | None = None
    #: The message a clarifying question was about (the request text once an option is picked).
    asked: str = ""
    #: The orders the last "which order?" question offered, kept after the shopper picked one
    #: (and after that flow ended): "nee, de andere" then means the other offered order.
    offered: tuple[int, ...] = ()

    def flow_ended(self) -> DialogueState:
        """The same conversation with no flow going on (language, focus, verification and the
        last skill kept)."""
        return replace(
            self,
            skill=None,
            skill_state={},
            expecting=None,
            options=(),
            pending=None,
            sign_in=None,
            asked="",
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"v": 1}
        if self.language:
            data["language"] = self.language
        if self.verified_by:
            data["verified_by"] = self.verified_by
        if self.phone_checked:
            data["phone_checked"] = True
        if self.skill:
            data["skill"] = self.skill
            data["skill_state"] = dict(self.skill_state)
        if self.expecting:
            data["expecting"] = self.expecting
        if self.order is not None:
            data["order"] = self.order
        if self.options:
            data["options"] = [
                {"label": o.label, "payload": o.payload, "intent": o.intent} for o in self.options
            ]
        if self.pending is not None:
            data["pending"] = {
                "skill": self.pending.skill,
                "request": request_to_json(self.pending.request),
                "skill_state": dict(self.pending.skill_state),
            }
        for key in ("last_skill", "intent", "asked"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.offered:
            data["offered"] = list(self.offered)
        if self.sign_in is not None:
            data["sign_in"] = {
                "step": self.sign_in.step,
                "email": self.sign_in.email,
                "masked_email": self.sign_in.masked_email,
                "challenge_id": self.sign_in.challenge_id,
            }
        return data

    @classmethod
    def from_json(cls, data: Any) -> DialogueState:
        """The state stored in ``data``; anything unreadable is left out (never raises)."""
        if not isinstance(data, dict):
            return cls()
        skill = _str(data.get("skill")) or None
        expecting = data.get("expecting")
        return cls(
            language=_str(data.get("language")) or None,
            verified_by=_str(data.get("verified_by")),
            phone_checked=data.get("phone_checked") is True,
            skill=skill,
            skill_state=_dict(data.get("skill_state")) if skill else {},
            expecting=expecting if expecting in _EXPECTING else None,
            order=_int(data.get("order")),
            options=_options(data.get("options")),
            pending=_pending(data.get("pending")),
            sign_in=_sign_in(data.get("sign_in")),
            last_skill=_str(data.get("last_skill")) or None,
            intent=_str(data.get("intent")) or None,
            asked=_str(data.get("asked")),
            offered=_numbers(data.get("offered")),
        )


def request_to_json(request: SkillRequest) -> dict[str, Any]:
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in ((f, getattr(request, f)) for f in _REQUEST_FIELDS)
    }


def request_from_json(data: Any) -> SkillRequest | None:
    """The request stored by ``request_to_json``; None when it cannot be read back."""
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for name in _REQUEST_FIELDS:
        if name not in data:
            continue
        value = data[name]
        values[name] = tuple(value) if name in _TUPLE_FIELDS and isinstance(value, list) else value
    try:
        return SkillRequest(**values)
    except TypeError:
        return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _numbers(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(n for n in (_int(v) for v in value) if n is not None)


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _options(value: Any) -> tuple[Option, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Option(
            label=_str(o.get("label")), payload=_str(o.get("payload")), intent=_str(o.get("intent"))
        )
        for o in value
        if isinstance(o, dict) and _str(o.get("payload"))
    )


def _pending(value: Any) -> Pending | None:
    if not isinstance(value, dict) or not _str(value.get("skill")):
        return None
    request = request_from_json(value.get("request"))
    if request is None:
        return None
    return Pending(
        skill=value["skill"], request=request, skill_state=_dict(value.get("skill_state"))
    )


def _sign_in(value: Any) -> SignIn | None:
    if not isinstance(value, dict) or value.get("step") not in ("email", "code"):
        return None
    return SignIn(
        step=value["step"],
        email=_str(value.get("email")),
        masked_email=_str(value.get("masked_email")),
        challenge_id=_int(value.get("challenge_id")),
    )
