from __future__ import annotations

import re

from core.demo.articles_en import RETURNS
from knowledge.chunking import MAX_CHUNK_CHARS, ChunkDraft, chunk_markdown
from knowledge.sentences import sentences


def test_sections_are_cut_by_headings_with_their_heading_path() -> None:
    markdown = (
        "# Returns\n\nA lead that is long enough to stand on its own as a passage, because it "
        "explains a great deal about how returns work in our shop, with many words, so that "
        "it is not merged into the first sub-section below it at all.\n\n"
        "## Return window\n\nYou have **30 days**.\n\n"
        "### Sale items\n\nSale items too.\n\n"
        "## Exchanges\n\nFree.\n"
    )

    assert chunk_markdown(markdown) == [
        ChunkDraft(0, ("Returns",), markdown.split("\n\n")[1]),
        ChunkDraft(1, ("Returns", "Return window"), "You have **30 days**."),
        ChunkDraft(2, ("Returns", "Return window", "Sale items"), "Sale items too."),
        ChunkDraft(3, ("Returns", "Exchanges"), "Free."),
    ]


def test_a_short_lead_goes_with_the_first_sub_section() -> None:
    markdown = (
        "Before.\n\n# Returns\n\nNot quite right?\n\n## Window\n\n30 days.\n\n## Sale\n\nToo."
    )

    assert chunk_markdown(markdown) == [
        ChunkDraft(0, ("Returns", "Window"), "Before.\n\nNot quite right?\n\n30 days."),
        ChunkDraft(1, ("Returns", "Sale"), "Too."),
    ]


def test_deeper_headings_code_fences_and_setext_headings() -> None:
    markdown = (
        "## Terms\n\nIntro.\n\n#### Small print\n\nStays text.\n\n```\n# not a heading\n```\n\n"
        "Shipping\n--------\n\nSetext body.\n\nNew title\n=========\n\nBody.\n"
    )

    assert chunk_markdown(markdown) == [
        ChunkDraft(
            0,
            ("Terms",),
            "Intro.\n\n#### Small print\n\nStays text.\n\n```\n# not a heading\n```",
        ),
        ChunkDraft(1, ("Shipping",), "Setext body."),
        ChunkDraft(2, ("New title",), "Body."),
    ]


def test_heading_markup_is_removed_from_the_path_and_empty_sections_are_skipped() -> None:
    markdown = "# **Refunds** #\n\n## When will I get my `refund`?\n\nWithin 5 days.\n"

    assert chunk_markdown(markdown) == [
        ChunkDraft(0, ("Refunds", "When will I get my refund?"), "Within 5 days.")
    ]


def test_long_sections_split_at_paragraphs_and_keep_their_path() -> None:
    # given a section of ten 300-character paragraphs
    paragraphs = [f"Paragraph {i}. " + "word " * 57 for i in range(10)]
    markdown = "# Policy\n\n## Details\n\n" + "\n\n".join(p.strip() for p in paragraphs)

    # when
    chunks = chunk_markdown(markdown)

    # then each piece is at most the limit, holds whole paragraphs and keeps the path
    assert [len(c.text) for c in chunks] == [1194, 1194, 596]
    assert {c.heading_path for c in chunks} == {("Policy", "Details")}
    assert [c.position for c in chunks] == [0, 1, 2]
    assert chunks[1].text.startswith("Paragraph 4.")


def test_a_paragraph_too_long_splits_at_sentences_then_words() -> None:
    sentence = "This sentence has exactly some words in it and repeats. "
    long_paragraph = (sentence * 40).strip()
    one_word = "x" * 3000

    split = chunk_markdown(f"## A\n\n{long_paragraph}\n\n## B\n\n{one_word}")

    assert all(len(c.text) <= MAX_CHUNK_CHARS for c in split)
    assert [c.heading_path for c in split] == [("A",), ("A",), ("B",), ("B",), ("B",)]
    assert split[0].text.endswith("repeats.")


def test_no_text_is_lost_on_the_demo_returns_article() -> None:
    # when
    chunks = chunk_markdown(RETURNS)

    # then every word outside the heading lines is in exactly one chunk, in order
    body_lines = [line for line in RETURNS.splitlines() if not line.startswith("#")]
    assert re.findall(r"\S+", "\n".join(c.text for c in chunks)) == re.findall(
        r"\S+", "\n".join(body_lines)
    )
    assert [c.heading_path[-1] for c in chunks] == [
        "Return window",
        "How to start a return",
        "Exchanges",
        "Sale items",
        "Items that cannot be returned",
        "Faulty or wrong items",
    ]


def test_sentences_split_running_text_list_items_and_table_rows() -> None:
    text = (
        "We refund you **within 5 business days**. After that, e.g. your bank needs 3.5 days! "
        "Really? Yes.\n- item one. Second\n- item two\n| a | b |\n| c | d |"
    )

    assert sentences(text) == [
        "We refund you **within 5 business days**.",
        "After that, e.g. your bank needs 3.5 days!",
        "Really?",
        "Yes.",
        "- item one.",
        "Second",
        "- item two",
        "| a | b |",
        "| c | d |",
    ]


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    assert sentences("Bel bijv. J. Smit. Klaar.") == ["Bel bijv. J. Smit.", "Klaar."]
