"""skills.quoting: the merchant's sentences as plain text, with the context a bare sentence
would lose — pure, no database."""

from __future__ import annotations

from knowledge.sentences import sentences
from skills.quoting import MAX_LIST_LINES, plain_text, quote_build

STEPS = """\
1. Sign in to the Customer Hub with the email address you used for your order.
2. Open the order and choose **Start a return**.
3. Select the items and tell us why you're sending them back.

Returns within the Netherlands are free. From the United Kingdom you can use your own carrier;
return shipping is then at your own cost.
"""

PAYMENT = """\
You can pay with:

- iDEAL (Netherlands)
- PayPal
- a *Noord & Co* gift card
"""

TABLE = """\
| Destination | Carrier | Cost |
|---|---|---|
| Netherlands | PostNL | EUR 4.95, free from EUR 75 |
| Belgium and Germany | **PostNL** | EUR 6.95 |

Orders placed before 16:00 leave the same day.
"""


def _pick(passage: str, *starts: str) -> tuple[str, ...]:
    """The passage's sentences (as the knowledge answer gives them) that start with these."""
    return tuple(s for s in sentences(passage) if s.startswith(starts))


def test_markup_goes_and_wrapped_lines_join_the_merchants_words_stay() -> None:
    passage = (
        "Items bought in the sale can be returned within 30 days like any other item, "
        '**except items\nmarked "Final sale"**. Final sale items cannot be returned.\n'
    )
    quote = quote_build(passage=passage, sentences=tuple(sentences(passage)))
    assert quote == (
        "Items bought in the sale can be returned within 30 days like any other item, "
        'except items marked "Final sale". Final sale items cannot be returned.'
    )


def test_sentences_from_different_paragraphs_go_on_their_own_lines() -> None:
    passage = "First rule applies.\n\nSecond rule applies. Third one too.\n"
    quote = quote_build(passage=passage, sentences=tuple(sentences(passage)))
    assert quote == "First rule applies.\nSecond rule applies. Third one too."


def test_one_step_of_a_numbered_list_brings_all_its_steps() -> None:
    # given the splitter cuts "2." off the step the question matched
    picked = _pick(STEPS, "Open the order")
    assert picked == ("Open the order and choose **Start a return**.",)

    # then
    assert quote_build(passage=STEPS, sentences=picked) == (
        "1. Sign in to the Customer Hub with the email address you used for your order.\n"
        "2. Open the order and choose Start a return.\n"
        "3. Select the items and tell us why you're sending them back."
    )


def test_one_list_item_reads_with_its_introduction() -> None:
    assert quote_build(passage=PAYMENT, sentences=_pick(PAYMENT, "- PayPal")) == (
        "You can pay with: PayPal"
    )


def test_an_introduction_brings_its_list() -> None:
    assert quote_build(passage=PAYMENT, sentences=_pick(PAYMENT, "You can pay")) == (
        "You can pay with:\n- iDEAL (Netherlands)\n- PayPal\n- a Noord & Co gift card"
    )


def test_a_list_item_without_introduction_loses_only_its_marker() -> None:
    passage = (
        "Some items are special.\n\n"
        "- **Hygiene items**: underwear cannot be returned.\n- Final sale items.\n"
    )
    picked = _pick(passage, "- **Hygiene")
    assert quote_build(passage=passage, sentences=picked) == (
        "Hygiene items: underwear cannot be returned."
    )


def test_a_table_row_reads_with_its_header() -> None:
    picked = _pick(TABLE, "| Belgium")
    assert quote_build(passage=TABLE, sentences=picked) == (
        "Destination: Belgium and Germany; Carrier: PostNL; Cost: EUR 6.95"
    )


def test_a_header_row_alone_brings_the_rows_and_is_not_repeated_with_one() -> None:
    header = _pick(TABLE, "| Destination")
    assert quote_build(passage=TABLE, sentences=header) == (
        "Destination: Netherlands; Carrier: PostNL; Cost: EUR 4.95, free from EUR 75\n"
        "Destination: Belgium and Germany; Carrier: PostNL; Cost: EUR 6.95"
    )
    with_row = _pick(TABLE, "| Destination", "| Belgium", "Orders placed")
    assert quote_build(passage=TABLE, sentences=with_row) == (
        "Destination: Belgium and Germany; Carrier: PostNL; Cost: EUR 6.95\n"
        "Orders placed before 16:00 leave the same day."
    )


def test_long_lists_are_cut_to_the_maximum() -> None:
    passage = "We ship to:\n\n" + "".join(f"- Country {n}\n" for n in range(15))
    quote = quote_build(passage=passage, sentences=_pick(passage, "We ship"))
    assert quote.splitlines() == [
        "We ship to:",
        *(f"- Country {n}" for n in range(MAX_LIST_LINES)),
    ]


def test_a_heading_is_never_quoted_the_first_sentence_under_it_is() -> None:
    passage = "## Gift cards\n\nGift cards are valid for 2 years. They cannot be exchanged.\n"
    assert quote_build(passage=passage, sentences=_pick(passage, "## Gift")) == (
        "Gift cards are valid for 2 years."
    )


def test_plain_text_keeps_link_targets_and_words() -> None:
    assert plain_text("See [our *size* guide](https://shop.example/sizes) or `SIZE42`.") == (
        "See our size guide (https://shop.example/sizes) or SIZE42."
    )
    assert plain_text("snake_case and 5 * 3 stay") == "snake_case and 5 * 3 stay"


def test_sentences_not_from_the_passage_are_quoted_as_they_are() -> None:
    assert quote_build(passage="Something else.", sentences=("**Our** rule.",)) == "Our rule."


def test_one_item_of_a_list_right_under_a_heading_brings_the_whole_list() -> None:
    passage = (
        "## Wat kun je niet retourneren?\n\n"
        "- Artikelen met het label **Final sale**.\n"
        "- **Gepersonaliseerde artikelen**, bijvoorbeeld met je naam.\n"
        "- **Hygiëne-artikelen**: oorbellen nemen we niet retour.\n\n"
        "Is een artikel kapot? Dan gelden deze uitzonderingen niet.\n"
    )
    assert quote_build(passage=passage, sentences=_pick(passage, "- **Hygi")) == (
        "- Artikelen met het label Final sale.\n"
        "- Gepersonaliseerde artikelen, bijvoorbeeld met je naam.\n"
        "- Hygiëne-artikelen: oorbellen nemen we niet retour."
    )


def test_one_item_of_a_list_opening_the_passage_brings_the_whole_list() -> None:
    # a section's text as a chunk holds it: its heading is in the citation, not the passage
    passage = (
        "- Artikelen met het label **Final sale**.\n"
        "- **Gepersonaliseerde artikelen**, bijvoorbeeld met je naam.\n"
        "- **Hygiëne-artikelen**: oorbellen nemen we niet retour.\n\n"
        "Is een artikel kapot? Dan gelden deze uitzonderingen niet.\n"
    )
    assert quote_build(passage=passage, sentences=_pick(passage, "- **Hygi")) == (
        "- Artikelen met het label Final sale.\n"
        "- Gepersonaliseerde artikelen, bijvoorbeeld met je naam.\n"
        "- Hygiëne-artikelen: oorbellen nemen we niet retour."
    )
