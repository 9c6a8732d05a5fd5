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
from core.roles import Action
from integrations.customer_hub.services import hub_settings_update
from integrations.dashboard_selectors import IntegrationsOverview, integrations_overview_get
from integrations.forms import HubSettingsForm, ReturnsProviderForm
from integrations.returns.services import returns_provider_update


def _context(
    overview: IntegrationsOverview,
    *,
    hub_form: HubSettingsForm | None = None,
    returns_form: ReturnsProviderForm | None = None,
) -> dict[str, Any]:
    return {
        "overview": overview,
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
def returns_provider_update_page(request: StoreRequest) -> HttpResponse:
    partial = "integrations/includes/returns_section.html"
    overview = integrations_overview_get(store=request.store)
    form = ReturnsProviderForm(request.POST, key_stored=overview.returns_key_stored)
    if not form.is_valid():
        return _invalid(request, partial, _context(overview, returns_form=form))
    returns_provider_update(store=request.store, **form.cleaned_data)
    return _saved(request, partial, _("Returns provider saved."))
