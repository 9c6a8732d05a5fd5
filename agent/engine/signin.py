"""The sign-in flow inside a conversation: ask for the email on the profile, send a one-time
code, check the code typed, and on success re-run the request that was waiting for it.

On the email channel the sender's address is known: when it is on a customer profile the code
goes there at once, with "use another email address" offered, instead of asking for it (the
reply goes to that mailbox, so this tells only its owner that it has an account).

Wrong, malformed, expired and locked codes and too many sends are answered in the shopper's
language with the verification service's own messages. Whether a typed address has an account
is never revealed: a code is "sent" either way (see ``verification_code_send``).
"""

from __future__ import annotations

from dataclasses import replace
from email.utils import parseaddr
from typing import TYPE_CHECKING

from agent.engine import wording
from agent.engine.routing import Route
from agent.engine.state import SignIn
from core.errors import ValidationFailed
from integrations.customer_hub.verification import (
    VerificationSendLimited,
    VerificationStatus,
)
from skills.base import SkillRequest
from skills.replies import QuickReplies, QuickReply, SignInRequest, SignInStep

if TYPE_CHECKING:
    from agent.engine.turn import _Run

EMAIL_CHANNEL = "email"


def email_mask(email: str) -> str:
    """``jan.jansen@example.com`` -> ``j•••@example.com`` (enough to recognise, not to read)."""
    local, at, domain = email.strip().partition("@")
    if not at:
        return "•••"
    return f"{local[:1]}•••@{domain}"


class SignInFlow:
    def __init__(self, run: _Run) -> None:
        self.run = run

    def start(self, request: SkillRequest) -> None:
        """A skill needs a verified shopper: send the code at once when the message named an
        email address, or to the sender's address on the email channel when a profile has it;
        else ask for it."""
        sender = self.sender_email()
        if request.emails:
            self.code_send(request.emails[0])
        elif sender:
            self.code_send(sender, source="sender")
            if self.run.state.sign_in is not None and self.run.state.sign_in.step == "code":
                self.offer_other_email()
        else:
            self.ask_email()

    def sender_email(self) -> str:
        """The address an email-channel shopper writes from, when a customer profile has it."""
        turn = self.run.turn
        if turn.channel != EMAIL_CHANNEL or not turn.contact:
            return ""
        address = parseaddr(turn.contact)[1].strip().lower()
        if "@" not in address:
            return ""
        return (
            address
            if self.run.deps.verifier.email_on_profile(store=turn.store, email=address)
            else ""
        )

    def follow(self, route: Route) -> None:
        run = self.run
        sign_in = run.state.sign_in
        pending = run.state.pending
        if pending is not None:
            # A sign-in step belongs to the request that waits for it.
            run.skills.append(pending.skill)
            run.intent, run.confidence = pending.request.intent, pending.request.confidence
        if route.kind == "email":
            self.code_send(route.value)
        elif route.kind == "code" and sign_in is not None and sign_in.challenge_id is not None:
            self.code_check(route.value, sign_in)
        elif route.kind == "resend" and sign_in is not None and sign_in.email:
            self.code_send(sign_in.email)
        elif route.kind == "sign_in_other_email":
            self.ask_email(event=False)
        elif route.kind == "sign_in_cancel":
            run.state = run.state.flow_ended()
            run.collected.text(wording.sign_in_cancelled())
        elif sign_in is not None and sign_in.step == "code":
            run.collected.text(wording.code_reask(sign_in.masked_email))
            self.offer_recovery()
        else:
            run.collected.text(wording.email_reask())
            self.ask_email(event=False)

    def ask_email(self, *, event: bool = True) -> None:
        run = self.run
        run.collected.add(SignInRequest(ask=SignInStep.EMAIL))
        run.state = replace(run.state, sign_in=SignIn(step="email"), expecting=None, options=())
        if event:
            run.event("verification_asked", self._skill(), {"step": "email"})

    def code_send(self, email: str, *, source: str = "") -> None:
        """Send a code to ``email``; ``source="sender"``: the email channel's own address."""
        run = self.run
        turn = run.turn
        try:
            challenge = run.deps.verifier.code_send(
                store=turn.store,
                email=email,
                language=run.language,
                channel=turn.channel,
                reference=turn.reference,
                now=run.now,
            )
        except ValidationFailed:
            run.collected.text(wording.email_invalid())
            self.ask_email(event=False)
            return
        except VerificationSendLimited as exc:
            run.collected.text(str(exc.message))
            return
        masked = email_mask(email)
        run.collected.add(SignInRequest(ask=SignInStep.CODE, masked_email=masked))
        run.state = replace(
            run.state,
            sign_in=SignIn(
                step="code",
                email=email.strip().lower(),
                masked_email=masked,
                challenge_id=challenge.challenge_id,
            ),
            expecting=None,
            options=(),
        )
        data = {"step": "code", "to": source} if source else {"step": "code"}
        run.event("verification_asked", self._skill(), data)

    def code_check(self, code: str, sign_in: SignIn) -> None:
        run = self.run
        assert sign_in.challenge_id is not None
        result = run.deps.verifier.code_check(
            store=run.turn.store, challenge_id=sign_in.challenge_id, code=code, now=run.now
        )
        run.collected.text(result.shopper_message(run.language))
        if result.ok and result.customer_id is not None:
            facts = run.deps.verifier.customer_get(
                store=run.turn.store, customer_id=result.customer_id
            )
            if facts is not None:
                run.verify(facts, method="code")
                return
        if result.status in (
            VerificationStatus.LOCKED,
            VerificationStatus.EXPIRED,
            VerificationStatus.NOT_FOUND,
        ):
            self.offer_recovery()

    def offer_recovery(self) -> None:
        """Quick replies after a code that no longer works: a new code or another address."""
        run = self.run
        run.collected.add(
            QuickReplies(
                (
                    QuickReply(label=wording.new_code_label(), payload=wording.new_code_label()),
                    QuickReply(
                        label=wording.other_email_label(), payload=wording.other_email_label()
                    ),
                )
            )
        )

    def offer_other_email(self) -> None:
        """A quick reply to use another address than the one the code went to unasked."""
        label = wording.other_email_label()
        self.run.collected.add(QuickReplies((QuickReply(label=label, payload=label),)))

    def _skill(self) -> str:
        pending = self.run.state.pending
        return pending.skill if pending else ""
