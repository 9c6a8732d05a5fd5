"""Courtesy spans: the greeting a message opens with and the thanks/please/sign-off it ends with.

"hello, can I still change my order?", "waar blijft mijn pakket? bedankt", "cancel my order
please", "Hoi Anna, ... Groetjes, Sanne": the greeting and the courtesy say nothing about what
the shopper wants, yet they are the very words the greeting, thanks and human intents are
trained on, so a short question next to them can be pulled over to small talk or to a handoff.
``courtesy_strip`` returns the part in between, which ``understand`` classifies when it is a
message on its own; a message that is nothing but courtesy ("hi there!", "thanks, bye",
"ja graag") is left whole, so it stays small talk.

Only the edges are touched, and only by closed word lists: a greeting word first (optionally
"there"/"team"/"allemaal"/"bot", a capitalised name before a comma, "how are you?"), an opening
thank-you ("thanks for your help!") or "quick question:", and at the end please/thanks/regards
words (optionally a capitalised name after a sign-off). Pure and bounded: the opening is
matched at the start only, the closing in the last ``CLOSING_WINDOW`` characters, and no
pattern backtracks over whitespace.
"""

from __future__ import annotations

import re
from typing import Final

_SEP: Final = r"[\s,.;:!\-–—~…()]"
# Emoji and other symbols shoppers add around a greeting or a thank-you.
_SYMBOLS: Final = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]"
_GAP: Final = rf"(?:{_SEP}|{_SYMBOLS})"

# Word lists match in any case ((?i:...)); a name must be capitalised (case-sensitive).
_GREETING_WORD: Final = (
    r"(?i:h+e+y+a*|h+i+(?:y+a+)?|h+e+l+o+w?|h+a+l+o+(?:tjes)?|h+o+i+|h+e+e+|hai|yo|howdy|"
    r"greetings|dear|beste|dag|good\s++(?:morning|afternoon|evening|day)|"
    r"goe[di]e?n?\s?(?:morgen|middag|avond|dag)|morning(?=[,!.]))"
)
# "hi there", "hallo allemaal", "hi bot", "hallo? iemand?", "hi, me again".
_GREETING_TAIL: Final = (
    r"(?i:\s++(?:there|again|all|everyone|everybody|folks|guys|team|support|daar|weer|"
    r"allemaal|iedereen|jongens|mensen)|[\s,?!]+(?:bot|chat|chatbot|assistant|robot|anyone|"
    r"anybody|someone|iemand|me\s++again|ik\s++(?:ben\s++het\s++)?weer)(?!\w)\??)*"
)
_NAME: Final = r"(?:[A-Z][\w'’-]*(?:\s++(?:de|van|der|den|het|ter|ten|te|&|and|en|[A-Z][\w'’-]*))*)"
_HOW_ARE_YOU: Final = (
    r"(?i:how\s++are\s++(?:you|u|ya)(?:\s++doing)?(?:\s++today)?|how'?s\s++it\s++going|"
    r"how'?s\s++(?:your|ur)\s++day(?:\s++going)?|"
    r"(?:i\s++)?hope\s++(?:you\s++are|you're|ur|all\s++is|everything\s++is)(?:\s++doing)?"
    r"\s++(?:well|good|fine|ok)|"
    r"hoe\s++(?:gaat|is)\s++(?:het|ie)(?:\s++met\s++(?:je|jou|jullie|u))?|alles\s++goed|"
    r"(?:ik\s++)?hoop\s++dat\s++(?:alles\s++goed\s++is|het\s++goed\s++(?:met\s++(?:je|jullie|u)\s++)?gaat))"
)
# The thank-you proper, with what may intensify it ("thanks a bunch", "heel erg bedankt") and
# what it may be for ("for your help", "voor de snelle reactie").
_THANKS_WORDS: Final = (
    r"(?i:(?:many\s++|big\s++)?thanks(?:\s++(?:a\s++(?:lot|bunch|million)|so\s++much|very\s++much|"
    r"heaps))?|thank\s++(?:you|u)(?:\s++(?:so|very)\s++much)?|thankyou|thx|thnx|tnx|ty|cheers|"
    r"(?:(?:alvast|nogmaals)\s++)?(?:(?:heel\s++)?(?:erg|hartelijk|super|enorm)\s++)?"
    r"(?:bedankt|dank\s*+(?:je|jullie|u)(?:\s*+wel)?|dankjewel|dankuwel)|merci(?:\s++beaucoup)?)"
)
_THANKS_FOR: Final = (
    r"(?i:(?:\s++(?:in\s++advance|again|alvast|nog|hoor|"
    r"for\s++(?:that|this|(?:all\s++)?(?:the|your)\s++(?:help|time|info|information|answer|"
    r"(?:quick\s++)?reply|patience))|"
    r"voor\s++(?:de|je|jullie|uw)\s++(?:hulp|tijd|info|informatie|antwoord|(?:snelle\s++)?reactie|"
    r"moeite)))*)"
)
_THANKS: Final = (
    r"(?i:(?:(?:ok(?:ay|e)?|great|super|perfect|fijn|prima|top|cool)[\s,!.]+)?)"
    rf"{_THANKS_WORDS}{_THANKS_FOR}"
)
# "quick question: ...", "ik heb een vraagje, ...": announces the question that follows it.
_ANNOUNCEMENT: Final = (
    r"(?i:(?:i\s++(?:have|had|got)\s++|i've\s++got\s++)?(?:a\s++)?(?:quick|small|short|little)?\s*+"
    r"(?:question|q)|(?:ik\s++heb\s++)?(?:een\s++)?(?:snelle|korte|kleine)?\s*+vraag(?:je)?)"
    r"(?=\s*[,:.!?\-–—])"
)
# "Hi Anna, ..." / "Dear Noord & Co, ...": a name after the greeting only when a comma (or
# "!", ":", a line break) closes it.
_OPENING: Final = re.compile(
    rf"^(?:{_GAP}*+(?:{_GREETING_WORD}{_GREETING_TAIL}(?:\s++{_NAME}(?=\s*[,!:\n]))?"
    rf"|{_THANKS}|{_HOW_ARE_YOU}|{_ANNOUNCEMENT})(?!\w)\??)+{_GAP}*"
)
_CLOSING_PLAIN: Final = (
    r"(?i:please|pls|plz|plse|pleas+e+|alsjeblieft|alsjeblief|alstublieft|aub|a\.u\.b\.?|svp|"
    r"graag|fijne\s++dag(?:\s++nog)?|have\s++a\s++(?:nice|good|great)\s++day|"
    r"(?:that'?s|that\s++is|that\s++was)\s++(?:all|it)|nothing\s++else|dat\s++was\s++(?:het|alles)|"
    r"verder\s++(?:niks|niets)(?:\s++meer)?)"
)
_CLOSING_SIGNED: Final = (
    rf"(?:{_THANKS_WORDS}{_THANKS_FOR}|(?i:tia|(?:kind|best|warm)\s++regards|regards|"
    r"best\s++wishes|alvast\s++dank|bij\s++voorbaat\s++dank|bvd|groetjes|groeten|groet|"
    r"(?:met\s++)?(?:vriendelijke|hartelijke)\s++groet(?:en)?|mvg|m\.v\.g\.?))"
)
# "... Thanks, Sanne" / "Met vriendelijke groet,\nSanne de Vries": a capitalised name may
# follow a thank-you or a sign-off (not "please": "please Anna" is no sign-off).
_CLOSING: Final = re.compile(
    rf"(?:^|(?<=[\s,.;:!?\-–—~…()]))(?:{_CLOSING_PLAIN}|{_CLOSING_SIGNED}"
    rf"(?:[\s,.!]+{_NAME})?)(?:[\s,.;:!?~…()]|{_SYMBOLS})*+$"
)
_CONTENT: Final = re.compile(r"[^\W_]")
# Sign-offs are short; a closing run longer than this is left to the classifier.
CLOSING_WINDOW: Final = 120


def courtesy_strip(text: str) -> str:
    """``text`` without its opening greeting/thank-you and its closing please/thanks/sign-off,
    or ``text`` unchanged when it is nothing but courtesy (no letters or digits would be left).

    The closing is looked for in the last ``CLOSING_WINDOW`` characters only (from a word
    start), so a long message costs no more than a short one."""
    opening = _OPENING.match(text)
    core = text[opening.end() :] if opening else text
    cut = max(0, len(core) - CLOSING_WINDOW)
    if cut:
        space = core.find(" ", cut)
        cut = space if space >= 0 else len(core)
    head, tail = core[:cut], core[cut:]
    while _CONTENT.search(head) or _CONTENT.search(tail):
        shorter = _CLOSING.sub("", tail, count=1).rstrip()
        if shorter == tail:
            core = (head + tail).strip().rstrip(",;:-–—~")
            return core if _CONTENT.search(core) else text
        tail = shorter
    return text
