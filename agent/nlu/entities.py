"""Entities in a shopper message: order numbers, emails, phone numbers, sizes, colours,
quantities, and the dialogue words (yes/no, "the second one", "de andere", a one-time code).

Numbers are claimed in a fixed order (emails, order numbers, phones, prices, dates and times,
sizes) so that one digit run is only ever one thing: "maat 42" is a size, never a quantity;
"06 12345678" a phone number, never an order number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, TypeVar

from agent.nlu.datatypes import Answer, Choice, Colour, Entities, Expecting, Quantity, Size
from agent.nlu.lexicon import (
    COLOURS,
    LAST_WORDS,
    MONTHS,
    NO_PHRASES,
    NO_SYMBOLS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    YES_PHRASES,
    YES_SYMBOLS,
    word_set,
)
from agent.nlu.text import fold, words

Span = tuple[int, int]
T = TypeVar("T")

_ORDER_KEYWORD: Final = (
    r"(?:order|orders|bestelling|bestellingen|bestelnummer|bestelnr|ordernummer|ordernr"
    r"|order-nummer|purchase|aankoop)"
)
_ORDER_RE: Final = re.compile(
    _ORDER_KEYWORD + r"\.?\s*(?:(?:number|no|nr|num|nummer)\b\.?)?\s*[:#.]?\s*#?\s?(\d{3,10})\b",
    re.IGNORECASE,
)
_HASH_ORDER_RE: Final = re.compile(r"(?<![\w&#])#\s?(\d{3,10})\b")
_BARE_NUMBER_RE: Final = re.compile(r"^\D{0,20}?#?(\d{3,10})\D{0,20}$")
# Quantifiers are bounded and matches anchored on their left edge so that a pathological paste
# (thousands of digits or dots) stays linear.
_EMAIL_RE: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-zA-Z]{2,24}(?![\w-])"
)
_PHONE_RE: Final = re.compile(
    r"(?<![\w#+/.,-])(?:\+|00)?\d(?:(?:\s?\(0\)\s?|[\s./-]{0,2})\d){7,14}"
)
_PRICE_RE: Final = re.compile(
    r"[€$£]\s?\d{1,9}(?:[.,]\d{1,2})?(?:,-)?"
    r"|(?<![\d.,])\d{1,9}(?:[.,]\d{1,2})?\s?(?:€|eur\b|euro\b|euros\b|dollars?\b|pounds?\b|,-)",
    re.IGNORECASE,
)
_DATE_TIME_RE: Final = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[-/]\d{1,2}(?:[-/]\d{2,4})?\b")
_SIZE_CUE: Final = r"(?:size|sizes|maat|maten|mt|maatje|schoenmaat|shoe\s+size|eu)"
_EU_SIZE_RE: Final = re.compile(
    r"\b" + _SIZE_CUE + r"\.?\s*:?\s*(\d{2}(?:[.,]5)?)(?:\s?(?:1/2|½))?(?![\d.,]\d)",
    re.IGNORECASE,
)
# "Size" words, and footwear (whose sizes people write bare: "from 41 to 42").
_SIZE_CUE_RE: Final = re.compile(
    r"\b(?:" + _SIZE_CUE[3:-1] + r"|shoes?|sneakers?|trainers?|boots?|sandals?|schoen\w*"
    r"|sneakers?|laarz\w*|laars\w*|sandalen|sandaal|gympen|gympies|loafers)\b",
    re.IGNORECASE,
)
_BARE_TWO_DIGITS_RE: Final = re.compile(r"(?<![\w#€$£.,:/-])(\d{2}(?:[.,]5)?)(?![\w%€.,:/-])")
_LETTER_SIZE_RE: Final = re.compile(
    r"(?<![\w'’&-])(XXXXL|XXXL|XXL|XL|XXS|XS|[23]XL|S|M|L)(?![\w'’&-])", re.IGNORECASE
)
_SIZE_WORD_RE: Final = re.compile(
    r"\b(size|maat|mt|maatje|a|an|een|in|the|de|het|naar|to|ipv|instead of|for|voor|or|of)\s+"
    r"(extra[\s-]?small|extra[\s-]?large|x[\s-]?small|x[\s-]?large|small|medium|large)\b"
    r"(?!\s+(?:order|bestelling|amount|bedrag|number|question|vraag|vraagje|thing|ding|fee"
    r"|problem|probleem|mistake|fout|change|wijziging|issue|detail|package|pakket|box|doos))",
    re.IGNORECASE,
)
_SIZE_WORD_VALUE: Final = {"small": "S", "medium": "M", "large": "L"}
_ONE_SIZE_RE: Final = re.compile(r"\bone[\s-]?size\b|\bonesize\b", re.IGNORECASE)
_SINGLE_LETTER_CUE: Final = word_set("size maat mt maatje")
_QUANTITY_RE: Final = re.compile(r"(?<![\w#€$£.,:/-])(\d{1,2})\s?(x\b)?(?![\w%€.,:/-]|\s?x\w)")
_QUANTITY_UNIT_RE: Final = re.compile(
    r"\s*(stuks|stuk|st|pieces|piece|pcs|items|units|exemplaren|keer|times|pairs|paar)\b",
    re.IGNORECASE,
)
_NOT_QUANTITY_AFTER: Final = (
    word_set("""
    days day dagen dag weeks week weken months month maanden maand years year jaar jaren hours
    hour uur uren minutes minute minuten min mins seconds sec sec procent percent euro eur cent
    cm mm kg g gram ml l liter km uurtje dagjes werkdagen
    """)
    | MONTHS
)
_NOT_QUANTITY_BEFORE: Final = (
    word_set("""
    size maat mt nr no number nummer option optie retour return code order bestelling at om
    since sinds on op the de
    """)
    | MONTHS
)
_OPTION_RE: Final = re.compile(r"\b(?:option|optie|number|nummer|nr|keuze)\.?\s*(\d)\b", re.I)
_CODE_RE: Final = re.compile(r"(?<![\d#])(\d{6})(?!\d)")
_CODE_CUE_RE: Final = re.compile(r"\b(?:code|kode|verificatiecode|pin|otp)\b", re.IGNORECASE)
_CALLING_CODES: Final = {"NL": "31", "BE": "32", "DE": "49", "FR": "33", "GB": "44", "US": "1"}
_DETERMINERS: Final = word_set("the this that de het die dat deze dit")
_ONE_BLOCKERS: Final = word_set(
    "the this that which other another every each no any some a de het die dat which"
)
_SOLO_YES: Final = word_set(
    "graag goed right fine alright correct precies zeker exactly indeed inderdaad prima"
)
_CLAUSE_RE: Final = re.compile(r"[,.!?;:\n]")


def _overlaps(span: Span, taken: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _order_numbers(text: str, expecting: Expecting | None, taken: list[Span]) -> list[str]:
    found: list[tuple[int, str, Span]] = []
    for regex in (_ORDER_RE, _HASH_ORDER_RE):
        for match in regex.finditer(text):
            digits = match.group(1)
            if len(digits) >= 9 and digits.startswith("0"):
                continue  # a phone number after "order ... "
            span = match.span(1)
            if not _overlaps(span, taken):
                found.append((span[0], digits, span))
                taken.append(span)
    if not found and expecting == "order_number":
        bare = _BARE_NUMBER_RE.match(text.strip())
        if bare:
            found.append((bare.start(1), bare.group(1), bare.span(1)))
            taken.append(bare.span(1))
    return list(dict.fromkeys(digits for _pos, digits, _span in sorted(found)))


def phone_normalise(raw: str, *, region: str = "NL") -> str | None:
    """``raw`` as an E.164 number ("+31612345678"), or None when it cannot be one. A national
    number (leading 0) gets the calling code of ``region``."""
    raw = raw.strip()
    if raw.startswith("+"):
        digits = re.sub(r"\D", "", raw.replace("(0)", ""))
    else:
        digits = re.sub(r"\D", "", raw)
        if digits.startswith("00"):
            digits = digits[2:]
        elif digits.startswith("0") and region in _CALLING_CODES:
            digits = _CALLING_CODES[region] + digits[1:]
        else:
            return None
    if digits.startswith("31") and len(digits) != 11:
        return None
    if not 8 <= len(digits) <= 15 or digits.startswith("0"):
        return None
    return "+" + digits


def _phones(text: str, region: str, taken: list[Span]) -> list[str]:
    phones: list[str] = []
    for match in _PHONE_RE.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        number = phone_normalise(match.group(), region=region)
        if number:
            phones.append(number)
            taken.append(match.span())
    return list(dict.fromkeys(phones))


def _claim(regex: re.Pattern[str], text: str, taken: list[Span]) -> None:
    for match in regex.finditer(text):
        if not _overlaps(match.span(), taken):
            taken.append(match.span())


def _sizes(text: str, taken: list[Span]) -> list[Size]:
    found: list[tuple[int, Size]] = []
    for match in _ONE_SIZE_RE.finditer(text):
        found.append((match.start(), Size("ONE SIZE", "one_size", match.group())))
        taken.append(match.span())
    for match in _EU_SIZE_RE.finditer(text):
        span = match.span(1)
        value = match.group(1).replace(",", ".")
        if not _overlaps(span, taken) and 15 <= float(value) <= 52:
            found.append((span[0], Size(value, "eu", match.group())))
            taken.append(span)
    if _SIZE_CUE_RE.search(text):
        for match in _BARE_TWO_DIGITS_RE.finditer(text):
            value = match.group(1).replace(",", ".")
            fits = not _overlaps(match.span(1), taken) and 15 <= float(value) <= 52
            if fits and not _unit_follows(text, match.end(1)):
                found.append((match.start(1), Size(value, "eu", match.group(1))))
                taken.append(match.span(1))
    for match in _SIZE_WORD_RE.finditer(text):
        word = fold(match.group(2)).replace("-", " ")
        base = word.split()[-1].replace("xsmall", "small").replace("xlarge", "large")
        value = _SIZE_WORD_VALUE.get(base, "M")
        if word.startswith(("extra", "x")):
            value = "X" + value
        found.append((match.start(2), Size(value, "letter", match.group(2))))
        taken.append(match.span(2))
    for match in _LETTER_SIZE_RE.finditer(text):
        letters = match.group(1)
        if _overlaps(match.span(1), taken) or not _letter_size_ok(text, match.start(1), letters):
            continue
        found.append((match.start(1), Size(letters.upper(), "letter", letters)))
        taken.append(match.span(1))
    return _unique(size for _pos, size in sorted(found, key=lambda f: f[0]))


def _letter_size_ok(text: str, start: int, letters: str) -> bool:
    if len(letters) > 1:
        return True
    before = words(text[max(0, start - 12) : start])
    if before and before[-1] in _SINGLE_LETTER_CUE:
        return True
    # A capital S/M/L standing alone is a size; a lower-case one needs "size"/"maat" before it
    # (so "I'm" or "m" as an abbreviation never count).
    return letters.isupper() and not (start > 0 and text[start - 1] in "'’")


def _unit_follows(text: str, end: int) -> bool:
    after = words(text[end : end + 14])
    return bool(after) and after[0] in _NOT_QUANTITY_AFTER


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


_COLOUR_FORMS: Final = {form: colour for colour, forms in COLOURS.items() for form in forms}
_COLOUR_PREFIXES: Final = ("donker", "licht", "dark", "light", "fel", "pastel", "neon", "baby")


def _colour_of(token: str) -> str | None:
    if token in _COLOUR_FORMS:
        return _COLOUR_FORMS[token]
    for prefix in _COLOUR_PREFIXES:
        rest = token.removeprefix(prefix).lstrip("-")
        if rest != token and rest in _COLOUR_FORMS:
            return _COLOUR_FORMS[rest]
    return None


def _colours(tokens: list[str]) -> list[Colour]:
    found: list[Colour] = []
    skip = False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        pair = f"{token} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        if pair in _COLOUR_FORMS:
            found.append(Colour(_COLOUR_FORMS[pair], pair))
            skip = True
            continue
        colour = _colour_of(token)
        if colour:
            found.append(Colour(colour, token))
    return _unique(found)


def _quantities(text: str, tokens_raw: list[str], taken: list[Span]) -> list[Quantity]:
    found: list[tuple[int, Quantity]] = []
    for match in _QUANTITY_RE.finditer(text):
        if _overlaps(match.span(1), taken):
            continue
        value = int(match.group(1))
        unit = _QUANTITY_UNIT_RE.match(text, match.end())
        if _unit_follows(text, match.end()) and not unit:
            continue
        before = words(text[max(0, match.start() - 14) : match.start()])
        if before and before[-1] in _NOT_QUANTITY_BEFORE:
            continue
        if value == 0 or (value > 20 and not (unit or match.group(2))):
            continue
        found.append((match.start(), Quantity(value, match.group().strip())))
    position = 0
    for i, token in enumerate(tokens_raw):
        position = text.lower().find(token, position)
        number = NUMBER_WORDS.get(token)
        if number is None or not _quantity_word_ok(tokens_raw, i):
            continue
        found.append((max(position, 0), Quantity(number, token)))
    return _unique(q for _pos, q in sorted(found, key=lambda f: f[0]))


def _quantity_word_ok(tokens: list[str], i: int) -> bool:
    word = tokens[i]
    before = tokens[i - 1] if i > 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if word in ("couple", "dozen"):
        return before == "a"
    if before in _ONE_BLOCKERS or _colour_of(fold(before)) or before in ORDINAL_WORDS:
        return False
    if word == "one":
        # "the blue one", "one of them", "one size" are not amounts; "one more", "one candle" are.
        return bool(after) and after not in ("of", "size", "day", "moment", "sec", "second")
    return after not in _NOT_QUANTITY_AFTER


def _answer(text: str) -> Answer | None:
    stripped = text.strip()
    if stripped and set(stripped) - set(" !.") <= YES_SYMBOLS:
        return "yes"
    if stripped and set(stripped) - set(" !.") <= NO_SYMBOLS:
        return "no"
    clause = " ".join(words(_CLAUSE_RE.split(stripped, maxsplit=1)[0]))
    if not clause:
        return None
    first_words = clause.split()
    for phrase in sorted(NO_PHRASES, key=len, reverse=True):
        # A denial counts at the start of the reply ("nee, de andere", "klopt niet") or as
        # most of a short one ("echt niet correct"); "I have no idea" and "mijn adres klopt
        # niet" are statements, not answers.
        starts = clause == phrase or clause.startswith(phrase + " ")
        short = " " in phrase and len(first_words) <= 4 and f" {phrase} " in f" {clause} "
        if starts or short:
            return "no"
    for phrase in sorted(YES_PHRASES, key=len, reverse=True):
        if clause == phrase or (
            clause.startswith(phrase + " ") and phrase not in _SOLO_YES and len(first_words) > 0
        ):
            return "yes"
    return None


def _choice(text: str, tokens: list[str], expecting: Expecting | None) -> Choice | None:
    option = _OPTION_RE.search(text)
    if option and option.group(1) != "0":
        return Choice("position", int(option.group(1)), option.group())
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i > 0 else ""
        before2 = tokens[i - 2] if i > 1 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        after2 = tokens[i + 2] if i + 2 < len(tokens) else ""
        if token in ORDINAL_WORDS:
            if before in ("a", "an", "een") or after in MONTHS or after2 in MONTHS:
                continue
            if (before2, before) in (
                ("on", "the"),
                ("op", "de"),
                ("since", "the"),
                ("sinds", "de"),
            ):
                continue
            return Choice("position", ORDINAL_WORDS[token], token)
        if token in LAST_WORDS and before in _DETERMINERS and after in ("", "one", "ene", "optie"):
            return Choice("last", None, f"{before} {token}")
        if token in ("other", "andere") and before in _DETERMINERS:
            return Choice("other", None, f"{before} {token}")
    if expecting == "choice":
        bare = re.fullmatch(r"\D{0,12}?(\d)\D{0,12}", text.strip())
        if bare and bare.group(1) != "0":
            return Choice("position", int(bare.group(1)), bare.group(1))
    return None


def _verification_code(text: str, expecting: Expecting | None, taken: list[Span]) -> str | None:
    if expecting != "verification_code" and not _CODE_CUE_RE.search(text):
        return None
    for match in _CODE_RE.finditer(text):
        if expecting == "verification_code" or not _overlaps(match.span(), taken):
            return match.group(1)
    return None


def entities_extract(
    text: str, *, expecting: Expecting | None = None, phone_region: str = "NL"
) -> Entities:
    """Every entity in ``text`` (already truncated by the caller), line items excepted (see
    ``agent.nlu.items.items_match``). ``expecting`` lets a bare number be an order number,
    a choice or a code when that is what the agent just asked for."""
    taken: list[Span] = []
    emails = _unique(m.group().lower() for m in _EMAIL_RE.finditer(text))
    taken.extend(m.span() for m in _EMAIL_RE.finditer(text))
    code = _verification_code(text, expecting, taken)
    if code and expecting == "verification_code":
        taken.extend(m.span() for m in _CODE_RE.finditer(text) if m.group(1) == code)
    order_numbers = _order_numbers(text, expecting, taken)
    phones = _phones(text, phone_region, taken)
    _claim(_PRICE_RE, text, taken)
    _claim(_DATE_TIME_RE, text, taken)
    sizes = _sizes(text, taken)
    tokens_raw = [t.lower() for t in re.findall(r"[^\W\d_]+", text)]
    tokens = words(text)
    return Entities(
        order_numbers=tuple(order_numbers),
        emails=tuple(emails),
        phones=tuple(phones),
        sizes=tuple(sizes),
        colours=tuple(_colours(tokens)),
        quantities=tuple(_quantities(text, tokens_raw, taken)),
        answer=_answer(text),
        choice=_choice(text, tokens, expecting),
        verification_code=code,
    )
