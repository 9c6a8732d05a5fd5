"""The ``smalltalk`` skill: greetings, thanks and goodbyes, and what the agent can do.

- ``greeting``: a welcome naming the store and the agent as its digital assistant, with what
  it can help with as quick replies (change or cancel an order, start a return, order status,
  ask a question). A greeting that announces a question ("hi, I have a question", "hoi, snelle
  vraag") gets "what would you like to know?" instead of the menu.
- ``thanks_goodbye``: a short close ("You're welcome! Have a nice day.") — ``resolved``.
- anything else (``unknown``: "change my password", "cancel my newsletter"; or a request the
  engine has nowhere else to send): says it cannot help with that here, what it can help with
  (quick replies) and offers a person. It never claims to have done or to be able to do
  anything else.

Quick-reply payloads are what the shopper says by picking one, in their language, worded so
the NLU routes them to the skill they name (``tests/skills/test_smalltalk.py`` checks it).
"""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import gettext as _

from skills.base import SkillContext, SkillResult
from skills.general_qa import human_offer_replies
from skills.replies import Block, QuickReplies, QuickReply, Reply, TextBlock, Trace

_WORD = re.compile(r"\w+")
#: Words that make a greeting the announcement of a question.
_QUESTION_WORDS = frozenset(
    {"question", "questions", "ask", "vraag", "vraagje", "vragen", "vraagjes"}
)
#: Word starts that make a close a thank-you rather than a goodbye.
_THANKS_PREFIXES = ("thank", "thx", "thnx", "cheers", "bedankt", "dank", "merci", "appreciate")


def capability_replies(*, with_human: bool = False) -> QuickReplies:
    """What the agent can help with as quick replies, in the active language."""
    options = [
        QuickReply(
            label=_("Change or cancel an order"),
            payload=_("I want to change or cancel my order"),
        ),
        QuickReply(label=_("Start a return"), payload=_("I want to start a return")),
        QuickReply(label=_("Order status"), payload=_("Where is my order?")),
        QuickReply(label=_("Ask a question"), payload=_("I have a question")),
    ]
    if with_human:
        options.append(human_offer_replies().options[0])
    return QuickReplies(options=tuple(options))


class SmalltalkSkill:
    id = "smalltalk"

    def handle(self, context: SkillContext) -> SkillResult:
        request = context.request
        words = {w.casefold() for w in _WORD.findall(request.text)}
        with translation.override(request.language):
            if request.intent == "greeting":
                if words & _QUESTION_WORDS:
                    return self._result(
                        context, (TextBlock(text=_("Of course. What would you like to know?")),)
                    )
                welcome = _(
                    "Hello! I'm the digital assistant of %(store)s. How can I help you?"
                ) % {"store": context.store.name}
                return self._result(context, (TextBlock(text=welcome), capability_replies()))
            if request.intent == "thanks_goodbye":
                thanks = any(w.startswith(_THANKS_PREFIXES) for w in words)
                text = (
                    _("You're welcome! Have a nice day.")
                    if thanks
                    else _("Goodbye, and have a nice day!")
                )
                return self._result(context, (TextBlock(text=text),), resolved=True)
            text = _(
                "Sorry, I can't help with that here. I can help you with your orders, returns and "
                "questions about the store, or pass you on to a colleague."
            )
            return self._result(
                context, (TextBlock(text=text), capability_replies(with_human=True))
            )

    def _result(
        self, context: SkillContext, blocks: tuple[Block, ...], *, resolved: bool = False
    ) -> SkillResult:
        request = context.request
        trace = Trace(
            language=request.language,
            intent=request.intent,
            confidence=request.confidence,
            skill=self.id,
        )
        reply = Reply(blocks=blocks, trace=trace, resolved=resolved)
        return SkillResult(reply=reply, resolved=resolved)
