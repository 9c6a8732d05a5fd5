"""Customer Hub settings: where shoppers complete edits, cancellations and returns."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Store, TimeStamped

MAX_WINDOW_MINUTES = 60 * 24 * 30  # edit and cancel windows: 0 to 30 days


class CustomerHubSettings(TimeStamped):
    class Mode(models.TextChoices):
        BUILTIN = "builtin", _("Built-in hub")
        EXTERNAL = "external", _("External hub URL")

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="hub_settings")
    active = models.BooleanField(_("active"), default=False)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.BUILTIN)
    external_url = models.URLField(_("external hub URL"), blank=True, default="")
    edit_window_minutes = models.PositiveIntegerField(
        _("edit window (minutes)"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WINDOW_MINUTES)],
        help_text=_("How long after ordering a shopper may still change an unfulfilled order."),
    )
    cancel_window_minutes = models.PositiveIntegerField(
        _("cancel window (minutes)"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WINDOW_MINUTES)],
        help_text=_("How long after ordering a shopper may still cancel an unfulfilled order."),
    )
    allow_variant_change = models.BooleanField(_("allow size/colour changes"), default=True)
    allow_quantity_change = models.BooleanField(_("allow quantity changes"), default=True)
    allow_address_change = models.BooleanField(_("allow address changes"), default=True)
    allow_cancel = models.BooleanField(_("allow cancellation"), default=True)

    class Meta:
        verbose_name = _("Customer Hub settings")
        verbose_name_plural = _("Customer Hub settings")

    def __str__(self) -> str:
        return f"{self.store} hub"
