"""Channels page and per-channel settings: who may change them, validation, the snippet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agent.models import ChannelConfig
from core.roles import Role
from integrations.messaging.models import OutboxMessage
from tests.factories.agent import ChannelConfigFactory

pytestmark = pytest.mark.django_db

WEBCHAT_POST = {
    "enabled": "on",
    "allowed_origins": "https://Shop.Example.com/\nhttp://localhost:8000\n\nhttps://shop.example.com",
    "accent_color": "#1F6FEB",
    "greeting_en": "Hello there!",
    "greeting_nl": "Hallo daar!",
}


def _edit_url(store, kind):
    return reverse("agent:channel-edit", kwargs={"store_slug": store.slug, "kind": kind})


def test_channels_page_lists_four_channels_missing_rows_inactive(store, member_of, client_for):
    # given
    ChannelConfigFactory.create(
        store=store, kind="sms", enabled=True, settings={"sender": "+3197010"}
    )
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
    # then
    assert [c.kind for c in response.context["channels"]] == ["webchat", "sms", "whatsapp", "email"]
    assert [c.enabled for c in response.context["channels"]] == [False, True, False, False]
    assert [c.pk is not None for c in response.context["channels"]] == [False, True, False, False]
    assert ChannelConfig.objects.filter(store=store).count() == 1


def test_channels_page_shows_embed_snippet_with_absolute_script_url(
    store, member_of, client_for, settings, tmp_path
):
    # given the widget script is installed as a static file
    (tmp_path / "webchat").mkdir()
    (tmp_path / "webchat" / "webchat.js").write_text("/* widget */")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    config = ChannelConfigFactory.create(
        store=store, kind="webchat", settings={"allowed_origins": []}
    )
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
    # then
    snippet = (
        '&lt;script src="http://testserver/static/webchat/webchat.js" '
        f'data-store="{config.public_key}" async&gt;&lt;/script&gt;'
    )
    assert snippet in response.content.decode()
    assert 'data-copy-target="snippet-webchat"' in response.content.decode()


def test_channels_page_offers_no_snippet_while_the_widget_is_missing(
    store, member_of, client_for, settings, tmp_path
):
    # given a static setup without the widget script
    settings.STATICFILES_DIRS = [tmp_path]
    ChannelConfigFactory.create(store=store, kind="webchat", settings={"allowed_origins": []})
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
    # then a merchant is not handed a snippet that would load a missing file
    assert "webchat.js" not in response.content.decode()
    assert "no snippet to paste yet" in response.content.decode()


def test_channels_page_shows_only_this_stores_outbox(store, other_store, member_of, client_for):
    # given
    OutboxMessage.objects.create(
        store=store, channel="sms", to="+31612345678", body="Your order #1001 can still be changed"
    )
    OutboxMessage.objects.create(
        store=other_store, channel="email", to="x@example.com", body="Other store's message"
    )
    client = client_for(member_of(store, Role.MANAGER))
    # when
    response = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
    # then
    assert [m.to for m in response.context["outbox"]] == ["+31612345678"]
    assert "Other store" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.MANAGER])
def test_editors_save_webchat_creating_the_row(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.post(_edit_url(store, "webchat"), WEBCHAT_POST)
    # then
    assert response.status_code == 302
    assert response.url == reverse("agent:channels", kwargs={"store_slug": store.slug})
    config = ChannelConfig.objects.get(store=store, kind="webchat")
    assert config.enabled is True
    assert config.settings == {
        "allowed_origins": ["https://shop.example.com", "http://localhost:8000"],
        "accent_color": "#1f6feb",
        "greeting_en": "Hello there!",
        "greeting_nl": "Hallo daar!",
    }


@pytest.mark.parametrize("role", [Role.ANALYST, Role.SUPPORT])
@pytest.mark.parametrize("kind", ["webchat", "sms", "email"])
def test_roles_without_edit_channels_get_403_and_nothing_changes(
    store, member_of, client_for, role, kind
):
    # given
    client = client_for(member_of(store, role))
    data = {**WEBCHAT_POST, "sender": "+31201234567", "address": "help@example.com"}
    # when
    response = client.post(_edit_url(store, kind), data)
    # then
    assert response.status_code == 403
    assert ChannelConfig.objects.filter(store=store).count() == 0


def test_roles_without_edit_channels_see_read_only_form(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(_edit_url(store, "webchat"))
    # then
    html = response.content.decode()
    assert "<fieldset disabled>" in html
    assert 'type="submit"' not in html.split("<main", 1)[1].split("</form>", 1)[0]


def test_new_webchat_form_starts_from_defaults(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(_edit_url(store, "webchat"))
    # then
    assert response.context["form"].initial == {
        "enabled": False,
        "allowed_origins": "",
        "accent_color": "#1f6feb",
        "greeting_en": "Hi! How can we help you today?",
        "greeting_nl": "Hoi! Waarmee kunnen we je helpen?",
    }


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("allowed_origins", "https://shop.example.com/checkout", "is not an origin"),
        ("allowed_origins", "ftp://shop.example.com", "is not an origin"),
        ("allowed_origins", "shop.example.com", "is not an origin"),
        ("allowed_origins", "https://shop.example.com?x=1", "is not an origin"),
        ("allowed_origins", "", "Add at least one allowed origin"),
        ("accent_color", "blue", "Enter a colour as #rrggbb"),
        ("accent_color", "#12345", "Enter a colour as #rrggbb"),
    ],
)
def test_invalid_webchat_settings_rerender_with_error_and_change_nothing(
    store, member_of, client_for, field, value, error
):
    # given
    config = ChannelConfigFactory.create(
        store=store, kind="webchat", enabled=False, settings={"accent_color": "#000000"}
    )
    client = client_for(member_of(store, Role.MANAGER))
    # when
    response = client.post(_edit_url(store, "webchat"), {**WEBCHAT_POST, field: value})
    # then
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors[field])
    assert error in response.content.decode().replace("&quot;", '"')
    config.refresh_from_db()
    assert config.enabled is False
    assert config.settings == {"accent_color": "#000000"}


@pytest.mark.parametrize("kind", ["sms", "whatsapp"])
def test_sender_number_is_normalised_to_e164(store, member_of, client_for, kind):
    # given
    client = client_for(member_of(store, Role.ADMIN))
    # when
    response = client.post(_edit_url(store, kind), {"enabled": "on", "sender": "+31 20 123-4567"})
    # then
    assert response.status_code == 302
    config = ChannelConfig.objects.get(store=store, kind=kind)
    assert (config.enabled, config.settings) == (True, {"sender": "+31201234567"})


@pytest.mark.parametrize("number", ["0201234567", "+0201234567", "+31abc", "+123"])
def test_bad_e164_number_rerenders_with_error(store, member_of, client_for, number):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(_edit_url(store, "whatsapp"), {"enabled": "on", "sender": number})
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["sender"] == [
        "Enter the number in E.164 format, for example +31201234567."
    ]
    assert ChannelConfig.objects.filter(store=store).count() == 0


def test_email_channel_saves_support_address(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.MANAGER))
    # when
    response = client.post(
        _edit_url(store, "email"), {"enabled": "on", "address": "help@shop.example.com"}
    )
    # then
    assert response.status_code == 302
    config = ChannelConfig.objects.get(store=store, kind="email")
    assert (config.enabled, config.settings) == (True, {"address": "help@shop.example.com"})


def test_turning_a_channel_off_keeps_its_settings(store, member_of, client_for):
    # given
    ChannelConfigFactory.create(
        store=store, kind="sms", enabled=True, settings={"sender": "+31201234567", "extra": 1}
    )
    client = client_for(member_of(store, Role.OWNER))
    # when
    client.post(_edit_url(store, "sms"), {"sender": "+31201234567"})
    # then
    config = ChannelConfig.objects.get(store=store, kind="sms")
    assert (config.enabled, config.settings) == (False, {"sender": "+31201234567", "extra": 1})
