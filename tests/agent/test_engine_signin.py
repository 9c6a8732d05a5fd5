"""The engine's sign-in flow with a fake verifier: ask the email, send the code, accept it,
re-run the waiting request; wrong, malformed, expired and locked codes; a new code; giving up;
SMS/WhatsApp identification by the sending number. No database."""

from __future__ import annotations

from typing import Any

from skills.replies import (
    OrderCard,
    QuickReplies,
    QuickReply,
    SignInRequest,
    SignInStep,
    TextBlock,
)
from tests.agent.engine_support import SANNE, FakeVerifier, Harness, standard, text_of


def signed_in_harness(**kwargs: Any) -> Harness:
    verifier = FakeVerifier(customers_by_email={SANNE.email: SANNE})
    return Harness(standard(), verifier=verifier, **kwargs)


def test_a_skill_that_needs_sign_in_gets_the_email_asked_with_what_it_could_say() -> None:
    # given
    h = signed_in_harness()
    # when
    outcome = h.say("Can I change the size of my recent order?")
    # then
    assert outcome.replies[0].blocks == (
        TextBlock("Orders can be changed within 1 hour."),
        SignInRequest(ask=SignInStep.EMAIL),
    )
    assert outcome.skill == "order_edit" and outcome.intent == "order_change"
    assert [e.kind for e in outcome.events] == ["skill_chosen", "verification_asked"]
    assert outcome.events[1].data == {"step": "email"}
    assert h.state.sign_in is not None and h.state.sign_in.step == "email"
    assert h.state.pending is not None and h.state.pending.skill == "order_edit"


def test_email_then_code_signs_in_and_reruns_the_waiting_request() -> None:
    # given
    h = signed_in_harness()
    h.say("Can I change the size of my recent order?")
    # when
    sent = h.say("It's Sanne@Example.com")
    # then
    assert h.verifier.sent == ["sanne@example.com"]
    assert sent.replies[0].blocks == (
        SignInRequest(ask=SignInStep.CODE, masked_email="s•••@example.com"),
    )
    assert sent.intent == "order_change"  # the sign-in step belongs to the waiting request
    # when
    done = h.say("123 456")
    # then
    assert len(done.replies) == 2
    assert done.replies[0].blocks == (TextBlock("Thank you, you are signed in."),)
    assert text_of(done)[1].startswith("Which order?")
    assert done.verified_customer == SANNE and done.verified_by == "code"
    assert [e.kind for e in done.events] == ["verification_succeeded", "skill_chosen"]
    rerun = h.skills["order_edit"].calls[-1]
    assert rerun.shopper.verified and rerun.shopper.customer_id == SANNE.id
    assert rerun.request.text == "Can I change the size of my recent order?"
    assert h.state.sign_in is None and h.state.pending is None
    assert h.state.verified_by == "code"


def test_an_email_in_the_request_itself_sends_the_code_at_once() -> None:
    # given
    h = signed_in_harness()
    # when
    outcome = h.say("I need to cancel my order, my email is sanne@example.com")
    # then
    assert h.verifier.sent == ["sanne@example.com"]
    assert outcome.replies[0].blocks[-1] == SignInRequest(
        ask=SignInStep.CODE, masked_email="s•••@example.com"
    )


def test_wrong_codes_count_down_then_lock_and_offer_a_new_code() -> None:
    # given
    h = signed_in_harness()
    h.say("I need to cancel my order")
    h.say("sanne@example.com")
    # when
    answers = [text_of(h.say("111111"))[0] for _ in range(4)]
    locked = h.say("222222")
    # then
    assert answers == [
        "That code is not right. You can try 4 more times.",
        "That code is not right. You can try 3 more times.",
        "That code is not right. You can try 2 more times.",
        "That code is not right. You can try 1 more time.",
    ]
    assert locked.replies[0].blocks[0] == TextBlock(
        "That code was entered wrongly too many times and no longer works. Please ask for a "
        "new code."
    )
    options = locked.replies[0].blocks[1]
    assert isinstance(options, QuickReplies)
    assert [o.label for o in options.options] == ["Send a new code", "Use another email address"]
    assert h.shopper.verified is False
    # when: the right code now
    still = h.say("123456")
    # then
    assert text_of(still)[0].startswith("That code was entered wrongly too many times")
    # when: they ask for a new code and type it
    h.say("Send a new code")
    done = h.say("123456")
    # then
    assert h.verifier.sent == ["sanne@example.com", "sanne@example.com"]
    assert done.verified_customer == SANNE


def test_an_expired_code_says_so_and_a_malformed_one_explains_the_format() -> None:
    # given
    h = signed_in_harness()
    h.say("I need to cancel my order")
    h.say("sanne@example.com")
    # when
    malformed = h.say("12345")
    h.later(minutes=11)
    expired = h.say("123456")
    # then
    assert text_of(malformed) == ["A code has 6 digits, for example 123 456."]
    assert expired.replies[0].blocks[0] == TextBlock(
        "That code is no longer valid. Please ask for a new code."
    )


def test_no_account_for_the_address_looks_the_same_and_never_signs_in() -> None:
    # given
    h = signed_in_harness()
    h.say("I need to cancel my order")
    # when
    sent = h.say("nobody@example.com")
    wrong = h.say("123456")
    # then
    assert sent.replies[0].blocks == (
        SignInRequest(ask=SignInStep.CODE, masked_email="n•••@example.com"),
    )
    assert text_of(wrong) == ["That code is not right. You can try 4 more times."]


def test_something_else_at_the_email_step_asks_again_and_no_gives_up() -> None:
    # given
    h = signed_in_harness()
    h.say("I need to cancel my order")
    # when
    again = h.say("hmm")
    # then
    assert again.replies[0].blocks == (
        TextBlock(
            "To look at your orders I need the email address on your account. You can also ask "
            "me something else."
        ),
        SignInRequest(ask=SignInStep.EMAIL),
    )
    # when
    stop = h.say("nee")
    # then
    assert text_of(stop) == ["No problem. Is there anything else I can help you with?"]
    assert h.state.sign_in is None and h.state.pending is None


def test_an_invalid_email_is_asked_again() -> None:
    # given
    h = signed_in_harness()
    h.say("I need to cancel my order")
    # when
    outcome = h.say("sanne@")
    # then
    assert outcome.replies[0].blocks[0] == TextBlock(
        "That doesn't look like an email address. Could you type it again?"
    )
    assert h.state.sign_in is not None and h.state.sign_in.step == "email"


def test_too_many_codes_is_said_in_the_shoppers_words() -> None:
    # given
    h = signed_in_harness()
    h.verifier.limited = True
    h.say("I need to cancel my order")
    # when
    outcome = h.say("sanne@example.com")
    # then
    assert text_of(outcome) == [
        "You have asked for several codes in a short time. Please wait a few minutes and try again."
    ]


def test_a_new_topic_during_sign_in_drops_the_sign_in() -> None:
    # given
    h = signed_in_harness()
    h.say("I need to cancel my order")
    h.say("sanne@example.com")
    # when
    outcome = h.say("What is your return policy?")
    # then
    assert outcome.skill == "returns"
    assert h.state.sign_in is None and h.state.pending is None


def test_a_human_during_the_code_step_hands_off() -> None:
    # given
    h = signed_in_harness()
    h.say("I need to cancel my order")
    h.say("sanne@example.com")
    # when
    outcome = h.say("can I talk to a real person")
    # then
    assert outcome.handoff is not None
    assert h.state.sign_in is None


def test_sms_sender_number_matching_one_profile_verifies_silently() -> None:
    # given
    verifier = FakeVerifier(customers_by_phone={SANNE.phone: SANNE})
    h = Harness(standard(), verifier=verifier, channel="sms", contact=SANNE.phone)
    # when
    outcome = h.say("I want to change my order")
    # then
    assert text_of(outcome)[0].startswith("Which order?")
    assert outcome.verified_customer == SANNE and outcome.verified_by == "phone"
    assert outcome.events[0].kind == "verification_succeeded"
    assert h.skills["order_edit"].calls[0].shopper.verified


def test_whatsapp_number_without_one_profile_falls_back_to_email_and_code() -> None:
    # given
    verifier = FakeVerifier(customers_by_email={SANNE.email: SANNE})
    h = Harness(standard(), verifier=verifier, channel="whatsapp", contact="+31699999999")
    # when
    first = h.say("I want to change my order")
    h.say("sanne@example.com")
    done = h.say("123456")
    # then
    assert any(isinstance(b, SignInRequest) for b in first.replies[0].blocks)
    assert h.state.verified_by == "code"
    assert done.verified_customer == SANNE
    assert any(isinstance(b, OrderCard) for r in done.replies for b in r.blocks) is False
    assert "Which order?" in text_of(done)[1]


def test_dutch_recovery_options_work_when_picked() -> None:
    # given: a Dutch shopper whose code expired
    h = signed_in_harness(language="nl")
    h.say("Ik wil mijn bestelling annuleren")
    h.say("sanne@example.com")
    h.later(minutes=11)
    expired = h.say("123456")
    options = expired.replies[0].blocks[-1]
    assert isinstance(options, QuickReplies)
    assert [o.label for o in options.options] == [
        "Stuur een nieuwe code",
        "Een ander e-mailadres gebruiken",
    ]
    # when
    other = h.say("Een ander e-mailadres gebruiken")
    resent = h.say("sanne@example.com")
    done = h.say("123456")
    # then
    assert other.replies[0].blocks == (SignInRequest(ask=SignInStep.EMAIL),)
    assert h.verifier.sent == ["sanne@example.com", "sanne@example.com"]
    assert resent.language == "nl"
    assert text_of(done)[0] == "Bedankt, je bent ingelogd."


# --- the email channel: the sender's address is known ------------------------------------------


def email_harness(contact: str) -> Harness:
    return signed_in_harness(channel="email", contact=contact)


def test_on_email_the_code_goes_to_the_senders_address_without_asking_for_it() -> None:
    # given sanne writes from the address on her profile
    h = email_harness("sanne@example.com")

    # when
    outcome = h.say("Can I change the size of my recent order?")

    # then the code is sent there at once, another address offered
    assert h.verifier.sent == ["sanne@example.com"]
    assert outcome.replies[0].blocks == (
        TextBlock("Orders can be changed within 1 hour."),
        SignInRequest(ask=SignInStep.CODE, masked_email="s•••@example.com"),
        QuickReplies((QuickReply("Use another email address", "Use another email address"),)),
    )
    assert [e.kind for e in outcome.events] == ["skill_chosen", "verification_asked"]
    assert outcome.events[1].data == {"step": "code", "to": "sender"}
    assert h.state.sign_in is not None and h.state.sign_in.step == "code"

    # when the code is typed, the waiting request runs signed in
    done = h.say("123456")
    assert done.replies[0].blocks == (TextBlock("Thank you, you are signed in."),)
    assert done.verified_customer == SANNE and done.verified_by == "code"
    assert h.skills["order_edit"].calls[-1].request.text == (
        "Can I change the size of my recent order?"
    )


def test_on_email_a_display_name_and_the_case_of_the_sender_do_not_matter() -> None:
    h = email_harness("Sanne de Vries <Sanne@Example.com>")
    outcome = h.say("I need to cancel my order")
    assert h.verifier.sent == ["sanne@example.com"]
    assert SignInRequest(ask=SignInStep.CODE, masked_email="s•••@example.com") in (
        outcome.replies[0].blocks
    )


def test_on_email_a_sender_no_profile_has_is_asked_for_the_address_on_the_account() -> None:
    h = email_harness("someone.else@example.org")
    outcome = h.say("I need to cancel my order")
    assert h.verifier.sent == []
    assert outcome.replies[0].blocks[-1] == SignInRequest(ask=SignInStep.EMAIL)
    assert outcome.events[-1].data == {"step": "email"}


def test_on_email_an_address_named_in_the_message_wins_over_the_sender() -> None:
    h = email_harness("sanne@example.com")
    h.say("I need to cancel my order, my account is under noor@example.com")
    assert h.verifier.sent == ["noor@example.com"]


def test_on_email_the_shopper_can_choose_another_address_than_the_sender() -> None:
    # given the code went to the sender's address
    h = email_harness("sanne@example.com")
    h.say("I need to cancel my order")

    # when
    outcome = h.say("Use another email address")

    # then
    assert outcome.replies[0].blocks[-1] == SignInRequest(ask=SignInStep.EMAIL)
    assert h.state.sign_in is not None and h.state.sign_in.step == "email"
    h.say("noor@example.com")
    assert h.verifier.sent == ["sanne@example.com", "noor@example.com"]


def test_only_the_email_channel_uses_the_contact_as_the_address() -> None:
    # web chat with a known contact (e.g. Agent Preview's test shopper) still asks
    h = signed_in_harness(channel="webchat", contact="sanne@example.com")
    outcome = h.say("I need to cancel my order")
    assert h.verifier.sent == []
    assert outcome.replies[0].blocks[-1] == SignInRequest(ask=SignInStep.EMAIL)


def test_on_email_too_many_codes_for_the_sender_are_refused_in_words() -> None:
    h = email_harness("sanne@example.com")
    h.verifier.limited = True
    outcome = h.say("I need to cancel my order")
    assert not any(isinstance(b, SignInRequest) for b in outcome.replies[0].blocks)
    assert not any(isinstance(b, QuickReplies) for b in outcome.replies[0].blocks)
    assert h.state.sign_in is None or h.state.sign_in.step != "code"
