"""Channels page and per-channel settings: who may change them, validation, the snippet."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

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
        ("allowed_origins", "https://shop.example.com/checkout", "leave out the path"),
        ("allowed_origins", "https://shop.example.com?x=1", "leave out the path"),
        ("allowed_origins", "ftp://shop.example.com", "only https:// (or http://)"),
        ("allowed_origins", "shop.example.com", "start with https://"),
        ("allowed_origins", "https://*.example.com", "wildcards are not supported"),
        ("allowed_origins", "*", "wildcards are not supported"),
        ("allowed_origins", "https://shop_example.com", "is not an origin"),
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


# --- web chat: what the merchant saves is what the widget gets ---------------------------------


def test_saved_colour_greeting_and_origins_reach_the_widgets_session(store, member_of, client_for):
    # given the merchant saves web chat on the dashboard
    client = client_for(member_of(store, Role.OWNER))
    client.post(
        _edit_url(store, "webchat"),
        {
            **WEBCHAT_POST,
            "allowed_origins": "https://shop.example.com:443\nhttps://www.shop.example.com",
            "accent_color": "#AA3355",
        },
    )
    config = ChannelConfig.objects.get(store=store, kind="webchat")
    assert config.settings["allowed_origins"] == [
        "https://shop.example.com",
        "https://www.shop.example.com",
    ]
    cache.clear()  # the session API's rate counters

    # when the storefront's widget asks for a session, in Dutch, from the storefront
    def session(origin, language):
        return APIClient().post(
            "/api/v1/webchat/sessions",
            {"public_key": config.public_key, "language": language},
            format="json",
            HTTP_ORIGIN=origin,
        )

    dutch = session("https://shop.example.com", "nl")
    english = session("https://www.shop.example.com", "en")
    elsewhere = session("https://evil.example.com", "en")
    # then the widget gets the colour and the greeting in the shopper's language
    assert dutch.status_code == 200, dutch.json()
    assert dutch.json()["appearance"] == {"accent_color": "#aa3355", "greeting": "Hallo daar!"}
    assert english.json()["appearance"]["greeting"] == "Hello there!"
    assert elsewhere.status_code == 403


def test_webchat_page_shows_the_look_and_a_colour_picker(store, member_of, client_for):
    # given
    ChannelConfigFactory.create(
        store=store,
        kind="webchat",
        settings={"accent_color": "#aa3355", "greeting_en": "Hey!", "greeting_nl": "Hoi!"},
    )
    client = client_for(member_of(store, Role.ANALYST))
    # when
    html = client.get(_edit_url(store, "webchat")).content.decode()
    # then
    assert 'type="color" name="accent_color" value="#aa3355"' in html
    assert '<div class="webchat-look-bubble" data-look-greeting="greeting_en">Hey!</div>' in html
    assert '<div class="webchat-look-bubble" data-look-greeting="greeting_nl">Hoi!</div>' in html
    assert "Chat with us" in html
    assert "no wildcards" in html


def test_the_snippet_has_a_copy_button_on_the_webchat_page(store, member_of, client_for):
    # given
    config = ChannelConfigFactory.create(store=store, kind="webchat", settings={})
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    html = client.get(_edit_url(store, "webchat")).content.decode()
    # then
    assert (
        '&lt;script src="http://testserver/static/webchat/webchat.js" '
        f'data-store="{config.public_key}" async&gt;&lt;/script&gt;'
    ) in html
    assert 'data-copy-target="snippet-webchat"' in html
    # The closing tag is named in words, not swallowed by the browser as markup.
    assert "Paste this before the closing &lt;/body&gt; tag of your storefront theme." in html


def test_unsaved_webchat_says_how_to_get_the_snippet(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    html = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug})).content
    # then
    assert "Set the allowed origins and save to get the snippet" in html.decode()


def test_a_wildcard_origin_is_refused_in_dutch(store, member_of, client_for, settings):
    # given
    client = client_for(member_of(store, Role.ADMIN))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    # when
    response = client.post(
        _edit_url(store, "webchat"), {**WEBCHAT_POST, "allowed_origins": "https://*.example.com"}
    )
    # then
    assert response.context["form"].errors["allowed_origins"] == [
        "“https://*.example.com”: jokertekens worden niet ondersteund. Zet elk adres van je "
        "webwinkel op een eigen regel, bijvoorbeeld https://shop.example.com en "
        "https://www.shop.example.com."
    ]
    assert not ChannelConfig.objects.filter(store=store).exists()


# --- SMS, WhatsApp, email: stored now, transports later -----------------------------------------


@pytest.mark.parametrize(
    ("kind", "label"), [("sms", "SMS"), ("whatsapp", "WhatsApp"), ("email", "Email")]
)
def test_message_channels_say_honestly_that_only_settings_are_stored(
    store, member_of, client_for, kind, label
):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    html = " ".join(client.get(_edit_url(store, kind)).content.decode().split())
    # then
    assert "Settings only, for now." in html
    assert (
        f"the connection that receives shoppers' messages and sends the agent's answers on "
        f"{label} comes in a later release"
    ) in html.replace("&#x27;", "'")
    assert reverse("agent:preview", kwargs={"store_slug": store.slug}) in html


def test_channels_page_marks_the_message_channels_as_settings_only(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.ANALYST))
    # when
    html = " ".join(
        client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
        .content.decode()
        .split()
    )
    # then
    assert html.count("Settings only for now: receiving and sending messages on this channel") == 3


def test_message_channel_page_in_dutch(store, member_of, client_for, settings):
    # given
    client = client_for(member_of(store, Role.OWNER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    # when
    html = client.get(_edit_url(store, "whatsapp")).content.decode()
    # then
    assert "Voorlopig alleen instellingen." in html


def test_channel_forms_carry_a_csrf_token(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when / then
    for kind in ("webchat", "sms", "whatsapp", "email"):
        form = client.get(_edit_url(store, kind)).content.decode().split('<form method="post"')[1]
        assert 'name="csrfmiddlewaretoken"' in form.split("</form>")[0], kind


def test_another_stores_members_cannot_post_channel_settings(
    store, other_store, member_of, client_for
):
    # given an owner of another store
    client = client_for(member_of(other_store, Role.OWNER))
    # when
    response = client.post(_edit_url(store, "webchat"), WEBCHAT_POST)
    # then
    assert response.status_code == 404
    assert not ChannelConfig.objects.filter(store=store).exists()
