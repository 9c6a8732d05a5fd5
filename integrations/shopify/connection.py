"""Connecting a store to its Shopify shop, registering webhooks, disconnecting, and marking
a connection broken. The access token is encrypted at rest by the model field."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ValidationFailed
from core.models import Store, shop_domain_validator
from integrations.shopify.datatypes import ShopifyAdmin
from integrations.shopify.errors import (
    ShopifyAuthError,
    ShopifyError,
    ShopifyQueryError,
)
from integrations.shopify.mirror import store_mirror_delete
from integrations.shopify.models import ShopifyConnection, SyncStatus

logger = logging.getLogger(__name__)


class ShopifyNotConnected(ShopifyError):
    """The store has no usable Shopify connection (never connected, broken, uninstalled)."""

    code = "shopify_not_connected"
    http_status = 409
    default_message = gettext_lazy("This store is not connected to Shopify.")


def webhook_address() -> str:
    """Where Shopify sends this app's webhooks."""
    return f"{settings.APP_BASE_URL}/webhooks/shopify/"


def _default_client(connection: ShopifyConnection) -> ShopifyAdmin:
    from integrations.shopify.client import shopify_client

    return shopify_client(connection=connection)


def connection_usable_get(*, store: Store) -> ShopifyConnection:
    """The store's connection when it can talk to Shopify; ShopifyNotConnected otherwise,
    with the reason in words."""
    connection = ShopifyConnection.objects.filter(store=store).select_related("store").first()
    if connection is None or connection.status == ShopifyConnection.Status.NOT_CONNECTED:
        raise ShopifyNotConnected()
    if connection.status != ShopifyConnection.Status.CONNECTED or not connection.access_token:
        raise ShopifyNotConnected(
            connection.last_error or _("The Shopify connection is broken. Reconnect the store.")
        )
    return connection


def shop_domain_clean(value: str) -> str:
    """Normalise what a merchant typed ("My-Shop", "https://my-shop.myshopify.com/") to
    "my-shop.myshopify.com"; ValidationFailed when it is not a myshopify.com domain."""
    domain = value.strip().lower().removeprefix("https://").removeprefix("http://")
    domain = domain.split("/", 1)[0]
    if domain and "." not in domain:
        domain = f"{domain}.myshopify.com"
    try:
        shop_domain_validator(domain)
    except ValidationError as exc:
        raise ValidationFailed(exc.messages[0], detail={"shop_domain": exc.messages}) from exc
    return domain


def _verify(client: ShopifyAdmin, *, shop_domain: str) -> None:
    try:
        client.shop()
    except ShopifyAuthError as exc:
        raise ValidationFailed(
            _(
                "Shopify refused this access token. Copy the Admin API access token of your "
                "custom app again (it starts with shpat_) and check that the app is installed."
            ),
            detail={"access_token": [str(exc.message)]},
        ) from exc
    except ShopifyQueryError as exc:
        raise ValidationFailed(
            _("Shopify answered, but not as expected: %(error)s") % {"error": exc.message}
        ) from exc
    except ShopifyError as exc:
        raise ValidationFailed(
            _("Could not reach %(shop)s: %(error)s Try again in a minute.")
            % {"shop": shop_domain, "error": exc.message}
        ) from exc


def connection_connect(
    *,
    store: Store,
    shop_domain: str,
    access_token: str,
    scopes: str = "",
    verify: bool = True,
    client: ShopifyAdmin | None = None,
) -> ShopifyConnection:
    """Connect (or reconnect) the store. With ``verify`` the token is checked with a ``shop``
    query first (through ``client``, or the real client for the entered domain and token);
    a refusal raises ValidationFailed in words and stores nothing. Switching to
    another shop removes the previous shop's mirrored data. On commit, the webhooks are
    registered and a full sync starts (task ``shopify_connection_setup``)."""
    domain = shop_domain_clean(shop_domain)
    token = access_token.strip()
    if not token:
        raise ValidationFailed(
            _("Enter the Admin API access token."), detail={"access_token": ["required"]}
        )
    taken = ShopifyConnection.objects.filter(shop_domain=domain).exclude(store=store)
    if taken.exclude(status=ShopifyConnection.Status.NOT_CONNECTED).exists():
        raise ValidationFailed(
            _("%(shop)s is already connected to another store in this app.") % {"shop": domain},
            detail={"shop_domain": ["taken"]},
        )
    candidate = ShopifyConnection(store=store, shop_domain=domain, access_token=token)
    if verify:
        _verify(client or _default_client(candidate), shop_domain=domain)
    with transaction.atomic():
        connection = _connection_save(store=store, domain=domain, token=token, scopes=scopes)
        store_id = store.pk
        transaction.on_commit(lambda: _setup_queue(store_id))
    return connection


def _connection_save(*, store: Store, domain: str, token: str, scopes: str) -> ShopifyConnection:
    connection = ShopifyConnection.objects.select_for_update().filter(
        store=store
    ).first() or ShopifyConnection(store=store)
    if connection.pk and connection.shop_domain and connection.shop_domain != domain:
        # Another shop: the old shop's orders and customers must not mix with the new ones.
        store_mirror_delete(store=store)
    now = timezone.now()
    connection.shop_domain = domain
    connection.access_token = token
    connection.scopes = scopes or connection.scopes or settings.SHOPIFY_SCOPES
    connection.api_version = settings.SHOPIFY_API_VERSION
    connection.status = ShopifyConnection.Status.CONNECTED
    connection.connected_at = now
    connection.last_error = ""
    connection.last_error_at = None
    connection.webhooks_registered_at = None
    # A new connection (or a reconnect after missed webhooks) starts with a full sync.
    connection.synced_until = None
    connection.sync_status = SyncStatus.QUEUED
    connection.sync_cursor = ""
    connection.sync_mode = ""
    connection.sync_done = 0
    connection.sync_total = None
    connection.sync_rate = None
    connection.save()
    return connection


def _setup_queue(store_id: int) -> None:
    # Imported here: the tasks module imports this one.
    from integrations.shopify.tasks import shopify_connection_setup

    shopify_connection_setup.delay(store_id)


def webhooks_register(*, store: Store, client: ShopifyAdmin | None = None) -> int:
    """Create the subscriptions for ``settings.SHOPIFY_WEBHOOK_TOPICS`` that do not exist yet
    at this app's webhook address. Idempotent; returns how many were created."""
    connection = connection_usable_get(store=store)
    api = client or _default_client(connection)
    address = webhook_address()
    existing = {(s.topic, s.uri) for s in api.webhook_subscriptions()}
    created = 0
    for topic in settings.SHOPIFY_WEBHOOK_TOPICS:
        if (topic, address) in existing:
            continue
        result = api.webhook_subscription_create(topic=topic, uri=address)
        if not result.ok:
            messages = "; ".join(e.message for e in result.user_errors)
            raise ShopifyQueryError(
                _("Shopify did not accept the %(topic)s webhook: %(errors)s")
                % {"topic": topic, "errors": messages}
            )
        created += 1
    ShopifyConnection.objects.filter(pk=connection.pk).update(webhooks_registered_at=timezone.now())
    return created


def connection_disconnect(*, store: Store) -> None:
    """Forget the token and stop syncing. The mirror stays until the shop asks for redaction
    (``shop/redact``) or the store connects another shop."""
    ShopifyConnection.objects.filter(store=store).update(
        status=ShopifyConnection.Status.NOT_CONNECTED,
        access_token="",
        sync_status=SyncStatus.IDLE,
        sync_cursor="",
        last_error="",
        last_error_at=None,
        webhooks_registered_at=None,
    )


def connection_mark_broken(*, store: Store, error: str) -> None:
    """Shopify refused the connection: keep the reason for the dashboard, stop syncing until
    the merchant reconnects (the periodic sync skips it). The cursor is kept."""
    ShopifyConnection.objects.filter(store=store).update(
        status=ShopifyConnection.Status.ERROR,
        sync_status=SyncStatus.FAILED,
        last_error=error,
        last_error_at=timezone.now(),
    )


def connection_uninstalled(*, store: Store) -> None:
    """The merchant removed the app from the shop: the token is dead, wipe it."""
    ShopifyConnection.objects.filter(store=store).update(
        status=ShopifyConnection.Status.UNINSTALLED,
        access_token="",
        sync_status=SyncStatus.IDLE,
        sync_cursor="",
        webhooks_registered_at=None,
        last_error=_(
            "The app was uninstalled from the Shopify shop. Install it again to reconnect."
        ),
        last_error_at=timezone.now(),
    )


def connection_setup(*, store: Store, client: ShopifyAdmin | None = None) -> None:
    """After connecting: register the webhooks, then run the first full sync."""
    from integrations.shopify.sync import store_sync

    webhooks_register(store=store, client=client)
    store_sync(store=store, full=True, client=client)
