"""The Customer Hub's one on/off switch on the Integrations page (where the skill detail page's
"Fix this" for "Customer Hub is not active" leads): one button, owners and admins only, and
saving the hub's other settings never turns it on or off."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.roles import Role
from integrations.customer_hub.models import CustomerHubSettings
from tests.factories.integrations import CustomerHubSettingsFactory

pytestmark = pytest.mark.django_db

CONFIGURERS = [Role.OWNER, Role.ADMIN]
READERS = [Role.MANAGER, Role.ANALYST, Role.SUPPORT]


def _switch(store) -> str:
    return reverse("integrations:hub-active", args=[store.slug])


@pytest.mark.parametrize("role", CONFIGURERS)
def test_configurer_deactivates_and_activates_the_hub_with_one_button(
    store, member_of, client_for, role
):
    # given
    CustomerHubSettingsFactory.create(store=store, active=True, edit_window_minutes=90)
    client = client_for(member_of(store, role))
    page = client.get(reverse("integrations:index", args=[store.slug])).content.decode()
    assert page.count(f'action="{_switch(store)}"') == 1
    assert "Deactivate the Customer Hub" in page
    # when
    off = client.post(_switch(store), {"active": "false"})
    # then
    assert off.status_code == 302
    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.active, hub.edit_window_minutes) == (False, 90)
    page = client.get(off["Location"]).content.decode()
    assert "Customer Hub deactivated." in page
    assert "The Customer Hub is not active." in page
    assert "Activate the Customer Hub" in page
    # when
    client.post(_switch(store), {"active": "true"})
    # then
    hub.refresh_from_db()
    assert (hub.active, hub.edit_window_minutes) == (True, 90)


def test_activating_a_hub_never_set_up_uses_the_built_in_hub(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    client.post(_switch(store), {"active": "true"})
    # then
    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.active, hub.mode) == (True, "builtin")


def test_htmx_switch_answers_with_the_section(store, member_of, client_for):
    # given
    CustomerHubSettingsFactory.create(store=store, active=True)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(_switch(store), {"active": "false"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card" id="hub-section"')
    assert "Customer Hub deactivated." in html
    assert 'name="active" value="true"' in html


def test_saving_hub_settings_keeps_it_active(store, member_of, client_for):
    # given
    CustomerHubSettingsFactory.create(store=store, active=True)
    client = client_for(member_of(store, Role.OWNER))
    # when the settings form is saved (it has no active field)
    client.post(
        reverse("integrations:hub-update", args=[store.slug]),
        {"mode": "builtin", "edit_window_minutes": "30", "cancel_window_minutes": "30"},
    )
    # then
    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.active, hub.edit_window_minutes) == (True, 30)


@pytest.mark.parametrize("role", READERS)
def test_reader_has_no_switch_and_cannot_post_it(store, member_of, client_for, role):
    # given
    CustomerHubSettingsFactory.create(store=store, active=True)
    client = client_for(member_of(store, role))
    # when
    page = client.get(reverse("integrations:index", args=[store.slug])).content.decode()
    response = client.post(_switch(store), {"active": "false"})
    # then
    assert f'action="{_switch(store)}"' not in page
    assert "The Customer Hub is active." in page
    assert response.status_code == 403
    assert CustomerHubSettings.objects.get(store=store).active is True


def test_another_stores_hub_switch_is_404(store, other_store, member_of, client_for):
    # given
    CustomerHubSettingsFactory.create(store=other_store, active=True)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(_switch(other_store), {"active": "false"})
    # then
    assert response.status_code == 404
    assert CustomerHubSettings.objects.get(store=other_store).active is True
