"""The returns provider a store uses through the Customer Hub (built-in, Loop or AfterShip)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from core.models import Store, TimeStamped


class ReturnsProviderConnection(TimeStamped):
    class Provider(models.TextChoices):
        BUILTIN = "builtin", _("Built-in returns")
        LOOP = "loop", _("Loop Returns")
        AFTERSHIP = "aftership", _("AfterShip Returns")

    class Status(models.TextChoices):
        NOT_CONNECTED = "not_connected", _("Not connected")
        CONNECTED = "connected", _("Connected")
        ERROR = "error", _("Error")

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="returns_provider")
    provider = models.CharField(_("provider"), max_length=20, choices=Provider.choices)
    api_key = EncryptedTextField(_("API key"), blank=True, default="")
    portal_url = models.URLField(_("returns portal URL"), blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_CONNECTED
    )
    connected_at = models.DateTimeField(_("connected at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True, default="")

    class Meta:
        verbose_name = _("returns provider connection")
        verbose_name_plural = _("returns provider connections")

    def __str__(self) -> str:
        return f"{self.store}: {self.get_provider_display()}"
