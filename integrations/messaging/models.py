"""The outbox: every email/SMS/WhatsApp message the product sends is recorded here.

In embedded mode (no SMTP/Twilio configured) the outbox is where messages end up, visible
in the dashboard and the admin; with a transport configured it is also the delivery log.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Store


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        KEPT = "kept", _("Kept in outbox")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    store = models.ForeignKey(
        Store, on_delete=models.CASCADE, null=True, blank=True, related_name="outbox"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    to = models.CharField(_("to"), max_length=320)
    sender = models.CharField(_("from"), max_length=320, blank=True, default="")
    subject = models.CharField(_("subject"), max_length=998, blank=True, default="")
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("error"), blank=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self) -> str:
        return f"{self.channel} to {self.to}: {self.subject or self.body[:40]}"
