"""Shopify's OAuth install flow, for owners and admins (CONFIGURE_INTEGRATIONS).

``install`` (POST from the dashboard's Shopify card) keeps a one-time nonce, the store and the
shop in the session and sends the merchant to Shopify's authorize page. ``callback`` is where
Shopify sends them back: signature (HMAC of the query), nonce, shop domain and the member's
role are checked before the code is exchanged and the store connected (with the token
verified by a ``shop`` query). Any failure ends on the Integrations page with a message in
words and nothing stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.dashboard import StoreRequest, store_view
from core.errors import NotFound, ValidationFailed
from core.roles import Action, role_can
from core.selectors import membership_get
from integrations.forms import ShopifyInstallForm
from integrations.shopify.connection import connection_connect, shop_domain_clean
from integrations.shopify.errors import ShopifyError
from integrations.shopify.oauth import (
    oauth_authorize_url,
    oauth_callback_verify,
    oauth_code_exchange,
    oauth_state_check,
    oauth_state_new,
)

SESSION_KEY = "shopify_oauth"


def oauth_redirect_uri() -> str:
    return f"{settings.APP_BASE_URL}/shopify/callback/"


def _back(request: HttpRequest, store_slug: str | None) -> HttpResponse:
    if store_slug:
        return redirect("integrations:index", store_slug=store_slug)
    return redirect("dashboard-home")


@store_view(Action.CONFIGURE_INTEGRATIONS)
@require_POST
def shopify_install(request: StoreRequest) -> HttpResponse:
    form = ShopifyInstallForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed(_("Enter your shop's myshopify.com domain."))
        shop = shop_domain_clean(form.cleaned_data["shop_domain"])
    except ValidationFailed as exc:
        messages.error(request, str(exc.message))
        return _back(request, request.store.slug)
    state = oauth_state_new()
    request.session[SESSION_KEY] = {"state": state, "store": request.store.slug, "shop": shop}
    return redirect(
        oauth_authorize_url(shop_domain=shop, state=state, redirect_uri=oauth_redirect_uri())
    )


@login_required
@require_GET
def shopify_callback(request: HttpRequest) -> HttpResponse:
    pending: dict[str, Any] = request.session.pop(SESSION_KEY, None) or {}
    store_slug = pending.get("store")
    query = request.GET.dict()
    problem = _callback_problem(request, pending, query)
    if problem:
        messages.error(request, problem)
        return _back(request, store_slug)
    membership = membership_get(user=request.user, store_slug=str(store_slug))
    try:
        token, scope = oauth_code_exchange(shop_domain=query["shop"], code=query.get("code", ""))
        connection_connect(
            store=membership.store, shop_domain=query["shop"], access_token=token, scopes=scope
        )
    except (ShopifyError, ValidationFailed) as exc:
        messages.error(
            request,
            _("Shopify did not complete the installation: %(error)s") % {"error": exc.message},
        )
        return _back(request, store_slug)
    messages.success(
        request,
        _("Installed on %(shop)s. The first sync of your orders has started.")
        % {"shop": query["shop"]},
    )
    return _back(request, store_slug)


def _callback_problem(request: HttpRequest, pending: dict[str, Any], query: dict[str, str]) -> str:
    """Why the callback must be refused, in words; empty when it may proceed."""
    if not pending:
        return _("The Shopify installation expired or was not started here. Start it again.")
    if not oauth_callback_verify(query=query):
        return _("Shopify's answer could not be verified (bad signature). Start again.")
    if not oauth_state_check(expected=pending.get("state"), received=query.get("state")):
        return _("The installation does not match the one started here. Start it again.")
    if query.get("shop") != pending.get("shop"):
        return _("Shopify answered for another shop than the one you entered. Start again.")
    try:
        membership = membership_get(user=request.user, store_slug=str(pending.get("store")))
    except NotFound:
        return _("You are no longer a member of that store.")
    if not role_can(membership.role, Action.CONFIGURE_INTEGRATIONS):
        return _("Your role does not allow connecting Shopify.")
    return ""
