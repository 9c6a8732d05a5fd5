"""Policies to article text, without a database: languages from Shopify locales, titles for
translations, sanitised Markdown under a heading, addresses per locale."""

from __future__ import annotations

from datetime import UTC, datetime

from integrations.shopify.datatypes import ShopPolicyData, ShopPolicyTranslation
from knowledge.ingest.shopify_policies import PolicyDocument, locale_url, policy_documents

T = datetime(2026, 9, 14, 8, 0, tzinfo=UTC)


def _policy(
    body: str,
    *,
    locale: str = "nl",
    title: str = "Restitutiebeleid",
    translations: tuple[ShopPolicyTranslation, ...] = (),
    policy_type: str = "REFUND_POLICY",
) -> ShopPolicyData:
    return ShopPolicyData(
        id=1,
        type=policy_type,
        title=title,
        body=body,
        url="https://noord.example/policies/refund-policy",
        updated_at=T,
        locale=locale,
        translations=translations,
    )


def test_html_is_sanitised_into_markdown_under_the_policy_title() -> None:
    # given a body with a script, an iframe, an event handler and a relative link
    body = (
        '<p onclick="steal()">Retour binnen 30 dagen.</p><script>steal()</script>'
        '<iframe src="https://ads.example/"></iframe><h2>Sale</h2>'
        '<p>Zie <a href="/pages/faq">de FAQ</a>.</p>'
    )

    # when
    (document,) = policy_documents(policies=[_policy(body)])

    # then
    assert document == PolicyDocument(
        policy_type="REFUND_POLICY",
        language="nl",
        source_ref="https://noord.example/policies/refund-policy",
        title="Restitutiebeleid",
        markdown=(
            "# Restitutiebeleid\n\nRetour binnen 30 dagen.\n\n## Sale\n\n"
            "Zie [de FAQ](https://noord.example/pages/faq)."
        ),
    )


def test_a_translation_is_titled_by_its_heading_or_else_by_the_policy_type() -> None:
    # given English and Dutch-Belgian translations of an English (UK) shop's policies
    policies = [
        _policy(
            "<p>Return within 30 days.</p>",
            locale="en-GB",
            title="Refund policy",
            translations=(
                ShopPolicyTranslation(locale="nl-BE", body="<p>Binnen 30 dagen.</p>"),
                ShopPolicyTranslation(locale="en", body="<p>A second English text.</p>"),
            ),
        ),
        _policy(
            "<p>Terms.</p>",
            locale="en",
            title="Terms of service",
            policy_type="TERMS_OF_SERVICE",
            translations=(
                ShopPolicyTranslation(locale="nl", body="<h1>Algemene voorwaarden</h1><p>…</p>"),
            ),
        ),
    ]

    # when
    documents = policy_documents(policies=policies)

    # then one text per language (the primary wins), titled in that language
    assert [(d.language, d.title, d.source_ref) for d in documents] == [
        ("en", "Refund policy", "https://noord.example/policies/refund-policy"),
        ("nl", "Restitutiebeleid", "https://noord.example/nl-be/policies/refund-policy"),
        ("en", "Terms of service", "https://noord.example/policies/refund-policy"),
        ("nl", "Algemene voorwaarden", "https://noord.example/nl/policies/refund-policy"),
    ]
    assert documents[1].markdown == "# Restitutiebeleid\n\nBinnen 30 dagen."
    assert documents[3].markdown == "# Algemene voorwaarden\n\n…"


def test_policies_without_text_or_in_other_languages_are_left_out() -> None:
    policies = [
        _policy("<p> </p><script>x()</script>"),
        _policy("<p>Widerruf.</p>", locale="de", title="Widerrufsbelehrung"),
    ]

    assert policy_documents(policies=policies) == []


def test_a_locale_url_keeps_the_host_and_query() -> None:
    assert locale_url(url="https://shop.example/policies/x?a=1", locale="EN") == (
        "https://shop.example/en/policies/x?a=1"
    )
