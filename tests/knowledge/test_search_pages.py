from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Role
from knowledge.models import Chunk
from tests.knowledge.search_content import article_publish_indexed, demo_content_load

pytestmark = pytest.mark.django_db

MemberOf = Callable[..., Membership]


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo_content_load(store=store)
    return store


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_use_the_search_tester(
    demo_store: Store, member_of: MemberOf, client_for: Callable[[Membership], Client], role: Role
) -> None:
    client = client_for(member_of(demo_store, role))

    response = client.get(
        reverse("knowledge:search", args=[demo_store.slug]),
        {"q": "Hoe lang heb ik om iets terug te sturen?", "language": "nl"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Retourneren en ruilen › Retourtermijn" in html
    assert "The agent&#x27;s answer" in html or "The agent's answer" in html
    assert "<mark>30</mark>" not in html  # numbers are no search words here
    assert (
        "Je hebt <strong>30 dagen vanaf de bezorgdatum</strong> om een artikel te retourneren."
        in html
    )


def test_the_tester_page_without_a_question_shows_only_the_form(
    demo_store: Store, member_of: MemberOf, client_for: Callable[[Membership], Client]
) -> None:
    client = client_for(member_of(demo_store, Role.SUPPORT))

    response = client.get(reverse("knowledge:search", args=[demo_store.slug]))

    assert response.status_code == 200
    assert "Passages found" not in response.content.decode()


def test_the_tester_shows_the_no_answer_and_escapes_content(
    store: Store, member_of: MemberOf, client_for: Callable[[Membership], Client]
) -> None:
    article_publish_indexed(
        store=store,
        title="Gift cards",
        body="Gift cards <img src=x onerror=alert(1)> never expire.",
        language="en",
    )
    client = client_for(member_of(store, Role.ANALYST))
    url = reverse("knowledge:search", args=[store.slug])

    found = client.get(url, {"q": "gift card"}).content.decode()
    unrelated = client.get(url, {"q": "Do you sell bicycles?"}).content.decode()

    assert "<img" not in found
    assert "&lt;img src=x onerror=alert(1)&gt;" in found
    assert "No answer: nothing in your published content is relevant enough." in unrelated


def test_htmx_requests_get_only_the_results(
    demo_store: Store, member_of: MemberOf, client_for: Callable[[Membership], Client]
) -> None:
    client = client_for(member_of(demo_store, Role.OWNER))

    response = client.get(
        reverse("knowledge:search", args=[demo_store.slug]),
        {"q": "refund"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-results"')
    assert "<html" not in html


def test_the_search_pages_of_another_store_are_404(
    store: Store,
    other_store: Store,
    member_of: MemberOf,
    client_for: Callable[[Membership], Client],
) -> None:
    client = client_for(member_of(store, Role.OWNER))

    for name in ("knowledge:search", "knowledge:conflicts"):
        assert client.get(reverse(name, args=[other_store.slug]), {"q": "x"}).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(store: Store) -> None:
    response = Client().get(reverse("knowledge:conflicts", args=[store.slug]))

    assert response.status_code == 302


def test_the_conflicts_page_shows_both_passages_side_by_side(
    store: Store, member_of: MemberOf, client_for: Callable[[Membership], Client]
) -> None:
    english = article_publish_indexed(
        store=store, title="Returns", body="Return items within **30 days**.", language="en"
    )
    dutch = article_publish_indexed(
        store=store, title="Retourneren", body="Retourneren kan binnen 14 dagen.", language="nl"
    )
    client = client_for(member_of(store, Role.SUPPORT))

    html = client.get(reverse("knowledge:conflicts", args=[store.slug])).content.decode()

    assert "<h2>Return window</h2>" in html
    assert "Return items within <mark>30 days</mark>." in html
    assert "Retourneren kan binnen <mark>14 dagen</mark>." in html
    assert reverse("knowledge:detail", args=[store.slug, english.id]) in html
    assert reverse("knowledge:detail", args=[store.slug, dutch.id]) in html


def test_the_conflicts_page_says_when_there_are_none(
    demo_store: Store, member_of: MemberOf, client_for: Callable[[Membership], Client]
) -> None:
    client = client_for(member_of(demo_store, Role.ANALYST))

    html = client.get(reverse("knowledge:conflicts", args=[demo_store.slug])).content.decode()

    assert "No conflicts found" in html


def test_the_content_list_links_to_the_tester_and_the_conflicts(
    store: Store, member_of: MemberOf, client_for: Callable[[Membership], Client]
) -> None:
    client = client_for(member_of(store, Role.SUPPORT))

    html = client.get(reverse("knowledge:list", args=[store.slug])).content.decode()

    assert reverse("knowledge:search", args=[store.slug]) in html
    assert reverse("knowledge:conflicts", args=[store.slug]) in html


@pytest.mark.parametrize("role", list(Role))
def test_the_search_api_returns_ranked_passages_and_the_answer(
    demo_store: Store, member_of: MemberOf, api_for: Callable[..., APIClient], role: Role
) -> None:
    client = api_for(member_of(demo_store, role))

    response = client.get(
        "/api/v1/knowledge/search", {"q": "When will I get my money back?", "limit": "2"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["language"] == "en"
    assert [r["citation"] for r in body["results"]] == [
        "Refunds › When will I get my refund?",
        "Refunds › How you are refunded",
    ]
    first = body["results"][0]
    assert set(first) == {
        "chunk_id",
        "article_id",
        "article_title",
        "article_version",
        "position",
        "heading_path",
        "citation",
        "language",
        "score",
        "coverage",
        "snippet",
        "text",
    }
    assert {"text": "money", "match": True} in first["snippet"]
    assert body["answer"]["found"] is True
    assert body["answer"]["citation"] == "Refunds › When will I get my refund?"
    assert body["answer"]["chunk_id"] == first["chunk_id"]


def test_the_search_api_handles_empty_long_and_bad_input(
    demo_store: Store, member_of: MemberOf, api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(demo_store, Role.SUPPORT))

    empty = client.get("/api/v1/knowledge/search", {"q": ""})
    long = client.get("/api/v1/knowledge/search", {"q": "return " * 1500, "language": "en"})
    bad = client.get("/api/v1/knowledge/search", {"q": "return", "limit": "0", "language": "de"})

    assert (empty.status_code, empty.json()["results"], empty.json()["answer"]["reason"]) == (
        200,
        [],
        "empty_question",
    )
    assert long.status_code == 200
    assert len(long.json()["results"]) == 5
    assert bad.status_code == 400
    assert set(bad.json()["detail"]) == {"limit", "language"}


def test_the_search_api_of_another_store_is_404(
    store: Store,
    other_store: Store,
    member_of: MemberOf,
    api_for: Callable[..., APIClient],
) -> None:
    article_publish_indexed(
        store=other_store, title="Returns", body="Return within 30 days.", language="en"
    )
    client = api_for(member_of(store, Role.OWNER), store_header=other_store.slug)

    response = client.get("/api/v1/knowledge/search", {"q": "return"})

    assert response.status_code == 404


def test_kb_search_prints_ranked_passages_and_the_answer(demo_store: Store) -> None:
    out = StringIO()

    call_command(
        "kb_search",
        "Kan ik ruilen voor een andere maat?",
        store=demo_store.slug,
        limit=2,
        stdout=out,
    )

    text = out.getvalue()
    assert text.startswith("Question (nl): Kan ik ruilen voor een andere maat?\n")
    assert "\n1. Retourneren en ruilen › Ruilen  (score " in text
    assert "[maat]" in text
    assert "\n2. " in text and "\n3. " not in text
    assert "\nAnswer from Retourneren en ruilen › Ruilen (article " in text
    assert text.endswith("):\n   Liever een andere maat of kleur?\n")


def test_kb_search_says_when_there_is_no_answer(demo_store: Store) -> None:
    out = StringIO()

    call_command("kb_search", "Do you sell bicycles?", store=demo_store.slug, stdout=out)

    assert out.getvalue().endswith(
        "No published passage matches.\n\nAnswer: none (no_match, coverage 0.00)\n"
    )


def test_kb_search_refuses_an_unknown_store() -> None:
    with pytest.raises(CommandError, match="No store with slug 'nope'"):
        call_command("kb_search", "refund", store="nope")


def test_answer_sentences_render_markdown_not_raw_asterisks(store, member_of, client_for):
    # given a published article whose answer sentence is bold in Markdown
    from django.urls import reverse

    from knowledge.indexing import store_reindex
    from knowledge.services import article_create

    article_create(
        store=store,
        title="Returns",
        body="# Returns\n\n## Sale items\n\nSale items can be returned **within 30 days**.",
        language="en",
        status="published",
    )
    store_reindex(store=store)
    client = client_for(member_of(store))
    # when the tester answers a question about it
    url = reverse("knowledge:search", kwargs={"store_slug": store.slug})
    response = client.get(url, {"q": "can I return sale items", "language": "en"})
    # then the bold text is rendered as HTML, not shown with its asterisks
    html = response.content.decode()
    assert "<strong>within 30 days</strong>" in html
    assert "**within 30 days**" not in html


def test_kb_reindex_recomputes_stale_chunk_terms(demo_store: Store) -> None:
    # Given a chunk whose stored terms are stale (computed by an older analysis)
    chunk = Chunk.objects.filter(store=demo_store).order_by("id").first()
    assert chunk is not None
    Chunk.objects.filter(pk=chunk.pk).update(terms=["stale"])
    out = StringIO()

    # When the store is re-indexed
    call_command("kb_reindex", store=demo_store.slug, stdout=out)

    # Then every chunk was cut again with current terms
    assert not Chunk.objects.filter(store=demo_store, terms=["stale"]).exists()
    assert out.getvalue().startswith(f"{demo_store.slug}: ")
    assert " chunks indexed, 0 passages embedded" in out.getvalue()


def test_kb_reindex_refuses_an_unknown_store() -> None:
    with pytest.raises(CommandError, match="No store with slug 'nope'"):
        call_command("kb_reindex", store="nope")
