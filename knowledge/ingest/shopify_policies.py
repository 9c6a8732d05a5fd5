"""The shop's legal policies from Shopify (refund, shipping, terms, privacy ...) as article text:
one document per policy and per language the agent speaks, sanitised HTML turned Markdown.

A policy comes in the shop's primary locale, with its published translations (only the
body is translatable in Shopify, so a translation's title is its own first heading, else the
policy type's name in that language). Each document is keyed by its public page: the
policy's URL for the primary locale, and the same page under the locale's folder
(``/en/policies/refund-policy``, Shopify's default for a translated store) for a
translation.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import LANGUAGE_CHOICES, Store
from integrations.shopify.client import shopify_client
from integrations.shopify.connection import ShopifyNotConnected, connection_usable_get
from integrations.shopify.datatypes import ShopPolicyData
from integrations.shopify.errors import (
    ShopifyAuthError,
    ShopifyError,
    ShopifyThrottled,
    ShopifyUnavailable,
)
from knowledge.errors import ContentInputError
from knowledge.ingest.html import html_to_markdown

logger = logging.getLogger(__name__)

TITLE_MAX = 300
LANGUAGES = frozenset(code for code, _name in LANGUAGE_CHOICES)

POLICY_TITLES: dict[str, Promise] = {
    "REFUND_POLICY": gettext_lazy("Refund policy"),
    "SHIPPING_POLICY": gettext_lazy("Shipping policy"),
    "TERMS_OF_SERVICE": gettext_lazy("Terms of service"),
    "PRIVACY_POLICY": gettext_lazy("Privacy policy"),
    "TERMS_OF_SALE": gettext_lazy("Terms of sale"),
    "LEGAL_NOTICE": gettext_lazy("Legal notice"),
    "CONTACT_INFORMATION": gettext_lazy("Contact information"),
    "SUBSCRIPTION_POLICY": gettext_lazy("Cancellation policy"),
}
"""Names of Shopify's ``ShopPolicyType`` values, for translations (which carry no title)."""


@dataclass(frozen=True)
class PolicyDocument:
    policy_type: str
    language: str
    source_ref: str
    title: str
    markdown: str


def shopify_policies_read(*, store: Store) -> list[PolicyDocument]:
    """The article text of every policy the store's shop has, read through its Shopify
    connection. Raises ContentInputError with what went wrong in words (no usable
    connection, Shopify refused or failed, no policy in a language the agent speaks)."""
    try:
        connection = connection_usable_get(store=store)
        with shopify_client(connection=connection) as client:
            policies = client.shop_policies()
    except ShopifyNotConnected as exc:
        raise ContentInputError(exc.message) from exc
    except ShopifyError as exc:
        logger.warning("Shopify policies of store %s: %s %s", store.pk, exc.code, exc.detail)
        raise ContentInputError(_shopify_error_text(exc)) from exc
    documents = policy_documents(policies=policies)
    if not documents:
        raise ContentInputError(
            _(
                "Your Shopify store has no policies in English or Dutch yet. Write them in "
                "Shopify under Settings › Policies, then import them again."
            )
        )
    return documents


def _shopify_error_text(exc: ShopifyError) -> str:
    if isinstance(exc, ShopifyAuthError):
        return _(
            "Shopify did not let the app read your store's policies. Reconnect the store to "
            "Shopify and allow access to its legal policies, then import them again."
        )
    if isinstance(exc, ShopifyThrottled | ShopifyUnavailable):
        return _(
            "Shopify could not be reached, so nothing was imported. Try again in a few minutes."
        )
    return _("Shopify did not answer as expected, so nothing was imported. Please try again later.")


def policy_documents(*, policies: Sequence[ShopPolicyData]) -> list[PolicyDocument]:
    """The articles' text for ``policies``, in Shopify's order, the primary locale first.
    Left out: languages the agent does not speak, a second text in a language already
    given (the primary locale wins), and policies without text."""
    documents: list[PolicyDocument] = []
    for policy in policies:
        versions = [(policy.locale, policy.title, policy.body, policy.url)]
        versions += [
            (t.locale, "", t.body, locale_url(url=policy.url, locale=t.locale))
            for t in policy.translations
        ]
        languages: set[str] = set()
        for locale, title, body, url in versions:
            language = locale_language(locale)
            if language is None or language in languages:
                continue
            document = _document(policy.type, language, title, body, url)
            if document is not None:
                languages.add(language)
                documents.append(document)
    return documents


def locale_language(locale: str) -> str | None:
    """A Shopify locale ("nl", "en-GB") -> the agent's language code, or None."""
    code = locale.split("-", 1)[0].lower()
    return code if code in LANGUAGES else None


def locale_url(*, url: str, locale: str) -> str:
    """The page's address in ``locale``'s folder: ``https://shop/policies/x`` ->
    ``https://shop/en/policies/x``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{locale.lower()}{parts.path}"))


def _document(
    policy_type: str, language: str, title: str, body: str, url: str
) -> PolicyDocument | None:
    content = html_to_markdown(body, base_url=url)
    if not content.markdown:
        return None
    name = title.strip() or content.title or _type_title(policy_type, language)
    markdown = content.markdown
    if not markdown.startswith("# "):
        # A heading named like the article, as hand-written articles start: passages are
        # then cited "Refund policy › Returns".
        markdown = f"# {name}\n\n{markdown}"
    return PolicyDocument(
        policy_type=policy_type,
        language=language,
        source_ref=url,
        title=name[:TITLE_MAX],
        markdown=markdown,
    )


def _type_title(policy_type: str, language: str) -> str:
    title = POLICY_TITLES.get(policy_type)
    if title is None:
        return policy_type.replace("_", " ").capitalize()
    with translation.override(language):
        return str(title)
