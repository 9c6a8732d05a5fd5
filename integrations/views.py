"""The Integrations page: Shopify status, Customer Hub and returns provider settings.

Every role reads; owners and admins (CONFIGURE_INTEGRATIONS) change settings. The form
endpoints answer htmx with the updated section and plain posts with a redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.dashboard import StoreRequest, store_view
from core.errors import ValidationFailed
from core.roles import Action
from integrations.customer_hub.services import hub_settings_update
from integrations.dashboard_selectors import IntegrationsOverview, integrations_overview_get
from integrations.forms import (
    HubActiveForm,
    HubSettingsForm,
    ReturnsProviderForm,
    ShopifyConnectForm,
    ShopifyInstallForm,
)
from integrations.returns.services import returns_provider_update
from integrations.shopify.connection import connection_connect, connection_disconnect
from integrations.shopify.errors import ShopifyError
from integrations.shopify.selectors import ShopifySyncState, shopify_sync_state_get
from integrations.shopify.sync import store_sync_queue


def _context(
    overview: IntegrationsOverview,
    *,
    hub_form: HubSettingsForm | None = None,
    returns_form: ReturnsProviderForm | None = None,
    shopify_form: ShopifyConnectForm | None = None,
) -> dict[str, Any]:
    return {
        "overview": overview,
        "shopify_sync": ShopifySyncState(
            connection=overview.shopify,
            order_count=overview.order_count,
            customer_count=overview.customer_count,
        ),
        "shopify_form": shopify_form or ShopifyConnectForm(),
        "shopify_install_form": ShopifyInstallForm(),
        "hub_form": hub_form or HubSettingsForm.for_settings(overview.hub),
        "returns_form": returns_form or ReturnsProviderForm.for_connection(overview.returns),
    }


def _saved(request: StoreRequest, partial: str, notice: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        overview = integrations_overview_get(store=request.store)
        return render(request, partial, {**_context(overview), "notice": notice})
    messages.success(request, notice)
    return redirect("integrations:index", store_slug=request.store.slug)


def _invalid(request: StoreRequest, partial: str, context: dict[str, Any]) -> HttpResponse:
    template = partial if getattr(request, "htmx", False) else "integrations/index.html"
    return render(request, template, context)


@store_view(Action.VIEW)
@require_GET
def integrations_index(request: StoreRequest) -> HttpResponse:
    overview = integrations_overview_get(store=request.store)
    return render(request, "integrations/index.html", _context(overview))


@store_view(Action.CONFIGURE_INTEGRATIONS)
@require_POST
def hub_settings_update_page(request: StoreRequest) -> HttpResponse:
    partial = "integrations/includes/hub_section.html"
    form = HubSettingsForm(request.POST)
    if not form.is_valid():
        overview = integrations_overview_get(store=request.store)
        return _invalid(request, partial, _context(overview, hub_form=form))
    hub_settings_update(store=request.store, **form.cleaned_data)
    return _saved(request, partial, _("Customer Hub settings saved."))


@store_view(Action.CONFIGURE_INTEGRATIONS)
@require_POST
def hub_active_update_page(request: StoreRequest) -> HttpResponse:
    """The hub's on/off switch: one button, separate from its settings form."""
    partial = "integrations/includes/hub_section.html"
    form = HubActiveForm(request.POST)
    form.is_valid()  # one optional boolean: always valid
    active = form.cleaned_data["active"]
    try:
        hub_settings_update(store=request.store, active=active)
    except ValidationFailed:
        # Only an external hub without its address cannot be activated.
        error = _("Add your external hub's address before activating it.")
        if getattr(request, "htmx", False):
            overview = integrations_overview_get(store=request.store)
            return render(request, partial, {**_context(overview), "error": error})
        messages.error(request, error)
        return redirect("integrations:index", store_slug=request.store.slug)
    if active:
        notice = _("Customer Hub activated. Shoppers can change, cancel and return orders there.")
    else:
        notice = _(
            "Customer Hub deactivated. Skills that need it are unavailable until you "
            "activate it again."
        )
    return _saved(request, partial, notice)


@store_view(Action.CONFIGURE_INTEGRATIONS)
@require_POST
def returns_provider_update_page(request: StoreRequest) -> HttpResponse:
    partial = "integrations/includes/returns_section.html"
    overview = integrations_overview_get(store=request.store)
    form = ReturnsProviderForm(request.POST, key_stored=overview.returns_key_stored)
    if not form.is_valid():
        return _invalid(request, partial, _context(overview, returns_form=form))
    returns_provider_update(store=request.store, **form.cleaned_data)
    return _saved(request, partial, _("Returns provider saved."))


# --- the Shopify card --------------------------------------------------------------------------


@store_view(Action.VIEW)
@require_GET
def shopify_status_partial(request: StoreRequest) -> HttpResponse:
    """The card's status block; htmx polls it every 2 s while a sync is queued or running."""
    return render(
        request,
        "integrations/includes/shopify_status.html",
        {"shopify_sync": shopify_sync_state_get(store=request.store)},
    )


@store_view(Action.CONFIGURE_INTEGRATIONS)
@require_POST
def shopify_connect_page(request: StoreRequest) -> HttpResponse:
    form = ShopifyConnectForm(request.POST)
    if form.is_valid():
        try:
            connection_connect(
                store=request.store,
                shop_domain=form.cleaned_data["shop_domain"],
                access_token=form.cleaned_data["access_token"],
            )
        except ValidationFailed as exc:
            form.add_error(None, str(exc.message))
        else:
            return _shopify_done(
                request, _("Connected to Shopify. The first sync of your orders has started.")
            )
    overview = integrations_overview_get(store=request.store)
    return render(request, "integrations/index.html", _context(overview, shopify_form=form))


@store_view(Action.CONFIGURE_INTEGRATIONS)
@require_POST
def shopify_disconnect_page(request: StoreRequest) -> HttpResponse:
    connection_disconnect(store=request.store)
    return _shopify_done(request, _("Disconnected from Shopify. The agent no longer syncs orders."))


@store_view(Action.CONFIGURE_INTEGRATIONS)
@require_POST
def shopify_sync_page(request: StoreRequest) -> HttpResponse:
    try:
        queued = store_sync_queue(store=request.store, full=request.POST.get("full") == "1")
    except ShopifyError as exc:
        messages.error(request, str(exc.message))
        return redirect("integrations:index", store_slug=request.store.slug)
    notice = _("Sync started.") if queued else _("A sync is already running.")
    return _shopify_done(request, notice)


def _shopify_done(request: StoreRequest, notice: str) -> HttpResponse:
    messages.success(request, notice)
    return redirect("integrations:index", store_slug=request.store.slug)
