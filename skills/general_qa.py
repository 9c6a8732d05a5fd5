"""The ``general_qa`` skill: answers a question from the store's own published content.

It runs for the ``general_question`` intent and for questions other skills pass on
(``next_skill="general_qa"``). The answer is ``knowledge_answer`` in the shopper's language:

- **found**: the sentences that matter, quoted as plain text (``skills.quoting``: the
  merchant's words, Markdown removed) in one text block citing the article, its heading path
  and version; the passage is in the trace (article, version, heading, score). When the best
  passage is in another language than the shopper's, a line in the shopper's language says so
  first ("The store's information on this is in English:") and the quote stays as written.
  ``resolved=True``.
- **no answer**: "I don't have that information" and the offer of a person, with quick
  replies "Talk to a person" / "Ask something else"; never a passage. The skill remembers the
  offer (``state={"step": "human_offered"}``): a "yes" to it hands off (reason ``no_answer``),
  a "no" gets a short "What else can I help you with?"; any other message is a new question.
- **no question** (only filler words: "I have a question"): asks what the shopper wants to know.

Every answer records a ``("knowledge_answer", {...})`` event with what was found (or why not).
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.answers import Answer
from skills.base import SkillContext, SkillResult
from skills.handoff import NO_ANSWER, handoff_result
from skills.quoting import quote_build
from skills.replies import (
    Block,
    Citation,
    PassageUsed,
    QuickReplies,
    QuickReply,
    Reply,
    TextBlock,
    Trace,
)

HUMAN_OFFERED = "human_offered"

#: Shown before a quote in another language than the shopper's.
_OTHER_LANGUAGE_NOTES = {
    "en": gettext_lazy("The store's information on this is in English:"),
    "nl": gettext_lazy("The store's information on this is in Dutch:"),
}


def human_offer_replies() -> QuickReplies:
    """ "Talk to a person" / "Ask something else", in the active language. The payloads are what
    the shopper says by picking one (the NLU reads them as ``human`` and ``greeting`` with a
    question, which smalltalk answers with "what would you like to know?")."""
    return QuickReplies(
        options=(
            QuickReply(label=_("Talk to a person"), payload=_("I'd like to talk to a person")),
            QuickReply(label=_("Ask something else"), payload=_("I have a question")),
        )
    )


class GeneralQaSkill:
    id = "general_qa"

    def handle(self, context: SkillContext) -> SkillResult:
        request = context.request
        if context.state.get("step") == HUMAN_OFFERED:
            if request.answer == "yes" or request.intent == "human":
                return handoff_result(context=context, reason=NO_ANSWER, skill=self.id)
            if request.answer == "no":
                with translation.override(request.language):
                    text = _("Alright. What else can I help you with?")
                return SkillResult(reply=self._reply(context, (TextBlock(text=text),)))
        answer: Answer = context.tools.knowledge_answer(
            store=context.store, question=request.text, language=request.language
        )
        events = (("knowledge_answer", answer_event(answer)),)
        with translation.override(request.language):
            if answer.found:
                blocks: tuple[Block, ...] = answer_blocks(answer, language=request.language)
                passages = answer_passages(answer)
                reply = self._reply(context, blocks, passages=passages, resolved=True)
                return SkillResult(reply=reply, events=events, resolved=True)
            if answer.reason == "empty_question":
                blocks = (TextBlock(text=_("Of course. What would you like to know?")),)
                return SkillResult(reply=self._reply(context, blocks), events=events)
            text = _(
                "I'm sorry, I don't have that information. "
                "Would you like me to pass your question on to a colleague?"
            )
            blocks = (TextBlock(text=text), human_offer_replies())
        reply = self._reply(context, blocks)
        return SkillResult(reply=reply, state={"step": HUMAN_OFFERED}, events=events)

    def _reply(
        self,
        context: SkillContext,
        blocks: tuple[Block, ...],
        *,
        passages: tuple[PassageUsed, ...] = (),
        resolved: bool = False,
    ) -> Reply:
        request = context.request
        trace = Trace(
            language=request.language,
            intent=request.intent,
            confidence=request.confidence,
            skill=self.id,
            passages=passages,
        )
        return Reply(blocks=blocks, trace=trace, resolved=resolved)


def answer_blocks(answer: Answer, *, language: str) -> tuple[TextBlock, ...]:
    """A found answer as text blocks for a shopper writing in ``language`` (call inside
    ``translation.override(language)``): the quote citing its source, after a note in the
    shopper's language when the passage is in another one. Other skills quoting policy may use
    it too."""
    hit = answer.hit
    if hit is None or not answer.found:
        raise ValueError("answer_blocks needs a found answer")
    quote = quote_build(passage=answer.passage, sentences=answer.sentences)
    citation = Citation(
        article_title=hit.article_title,
        heading_path=hit.heading_path,
        quote=quote,
        article_id=answer.article_id,
        article_version=answer.article_version,
    )
    quoted = TextBlock(text=quote, citation=citation)
    note = _OTHER_LANGUAGE_NOTES.get(hit.language)
    if hit.language != language and note is not None:
        return (TextBlock(text=str(note)), quoted)
    return (quoted,)


def answer_passages(answer: Answer) -> tuple[PassageUsed, ...]:
    """The trace of a found answer's passage (article, version, heading path, score)."""
    hit = answer.hit
    if hit is None or not answer.found:
        return ()
    return (
        PassageUsed(
            article_id=hit.article_id,
            article_title=hit.article_title,
            article_version=hit.article_version,
            heading_path=hit.heading_path,
            score=round(hit.score, 4),
            chunk_id=hit.chunk_id,
        ),
    )


def answer_event(answer: Answer) -> dict[str, Any]:
    """The ``knowledge_answer`` event's data (JSON-serialisable; no passage text)."""
    data: dict[str, Any] = {
        "found": answer.found,
        "reason": answer.reason,
        "language": answer.language,
        "coverage": round(answer.coverage, 4),
    }
    if answer.found and answer.hit is not None:
        data |= {
            "citation": answer.citation,
            "article_id": answer.article_id,
            "article_version": answer.article_version,
            "chunk_id": answer.chunk_id,
            "passage_language": answer.hit.language,
            "score": round(answer.hit.score, 4),
        }
    return data
