"""Conversations with shoppers, their messages and trace events, handoffs, and the
per-store handoff and channel settings."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import LANGUAGE_CHOICES, Store, TimeStamped


class Channel(models.TextChoices):
    WEBCHAT = "webchat", _("Web chat")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("Email")


class Conversation(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDED_OFF = "handed_off", _("Handed off")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="conversations")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    is_preview = models.BooleanField(
        _("Agent Preview"), default=False, help_text=_("Preview conversations never count.")
    )
    # Who the shopper is: a contact address (email/phone) and, once verified, the customer.
    contact = models.CharField(_("contact"), max_length=320, blank=True, default="")
    customer = models.ForeignKey(
        "shopify.Customer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # Dialogue state: active skill and step, order in focus, options offered (engine-owned).
    state = models.JSONField(_("dialogue state"), default=dict, blank=True)
    last_skill = models.CharField(_("last skill"), max_length=50, blank=True, default="")
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    next_seq = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        indexes = [
            models.Index(fields=["store", "is_preview", "created_at"]),
            models.Index(fields=["store", "channel", "status"]),
        ]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk}"


class Message(models.Model):
    class Role(models.TextChoices):
        SHOPPER = "shopper", _("Shopper")
        AGENT = "agent", _("Agent")
        HUMAN = "human", _("Support agent")
        SYSTEM = "system", _("System")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField(_("sequence"))
    role = models.CharField(_("from"), max_length=20, choices=Role.choices)
    text = models.TextField(_("text"), blank=True, default="")
    # Structured reply blocks (order card, quick replies, sign-in request, ...).
    blocks = models.JSONField(_("blocks"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    client_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="message_unique_seq")
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.role}: {self.text[:60]}"


class ConversationEvent(models.Model):
    """Something that happened in a conversation: a turn's trace, a verification, a handoff.

    The engine records ``turn`` (the trace, on the agent message it explains), ``started``,
    ``skill_chosen``, ``knowledge_answer``, ``verification_asked``,
    ``verification_succeeded``, ``link_presented``, ``handoff``, ``resolved`` and ``error``;
    a support user's reply in a conversation they took over is ``human_reply`` (``data``:
    ``message_id``, ``author_id``, ``handoff_id``). ``verified`` is kept for rows written
    before the engine named its verification events.
    """

    class Kind(models.TextChoices):
        TURN = "turn", _("Agent turn")
        STARTED = "started", _("Conversation started")
        SKILL_CHOSEN = "skill_chosen", _("Skill chosen")
        KNOWLEDGE_ANSWER = "knowledge_answer", _("Answered from content")
        VERIFICATION_ASKED = "verification_asked", _("Sign-in asked")
        VERIFICATION_SUCCEEDED = "verification_succeeded", _("Shopper signed in")
        VERIFIED = "verified", _("Shopper verified")
        LINK_PRESENTED = "link_presented", _("Link presented")
        HANDOFF = "handoff", _("Handed off")
        RESOLVED = "resolved", _("Resolved")
        HUMAN_REPLY = "human_reply", _("Reply from a person")
        ERROR = "error", _("Error")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="events")
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    skill = models.CharField(_("skill"), max_length=50, blank=True, default="")
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "created_at", "id"]
        verbose_name = _("conversation event")
        verbose_name_plural = _("conversation events")

    def __str__(self) -> str:
        return f"{self.kind} {self.skill}".strip()


def default_business_hours() -> dict[str, list[list[str]]]:
    """Mon–Fri 09:00–17:00 in the store's time zone; keys are ISO weekday numbers 1–7."""
    return {str(day): [["09:00", "17:00"]] for day in range(1, 6)}


class HandoffSettings(TimeStamped):
    class Destination(models.TextChoices):
        INBOX = "inbox", _("Built-in handoff inbox")

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="handoff_settings")
    message_en = models.TextField(
        _("handoff message (English)"),
        default="Thanks for your patience. A member of our team will follow up with you shortly.",
    )
    message_nl = models.TextField(
        _("handoff message (Dutch)"),
        default=(
            "Bedankt voor je geduld. Iemand van ons team neemt zo snel mogelijk contact met je op."
        ),
    )
    out_of_hours_message_en = models.TextField(
        _("out-of-hours message (English)"),
        default="Our team is offline right now. We will reply on the next working day.",
    )
    out_of_hours_message_nl = models.TextField(
        _("out-of-hours message (Dutch)"),
        default="Ons team is nu offline. We reageren op de eerstvolgende werkdag.",
    )
    destination = models.CharField(
        _("send handoffs to"),
        max_length=20,
        choices=Destination.choices,
        default=Destination.INBOX,
    )
    business_hours = models.JSONField(_("business hours"), default=default_business_hours)

    class Meta:
        verbose_name = _("handoff settings")
        verbose_name_plural = _("handoff settings")

    def __str__(self) -> str:
        return f"{self.store} handoff"

    def message_for(self, language: str) -> str:
        return self.message_nl if language == "nl" else self.message_en


class Handoff(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLAIMED = "claimed", _("Taken over")
        CLOSED = "closed", _("Closed")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="handoffs")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="handoffs"
    )
    reason = models.CharField(_("reason"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # Snapshot at handoff time, so the ticket stands on its own.
    shopper_name = models.CharField(_("shopper name"), max_length=200, blank=True, default="")
    shopper_email = models.EmailField(_("shopper email"), blank=True, default="")
    shopper_phone = models.CharField(_("shopper phone"), max_length=32, blank=True, default="")
    transcript = models.JSONField(_("transcript"), default=list, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("handoff")
        verbose_name_plural = _("handoffs")

    def __str__(self) -> str:
        return f"Handoff #{self.pk} ({self.status})"


def new_public_key() -> str:
    return "pk_" + secrets.token_urlsafe(18)


class ChannelConfig(TimeStamped):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="channel_configs")
    kind = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    enabled = models.BooleanField(_("active"), default=False)
    public_key = models.CharField(
        _("public key"),
        max_length=40,
        unique=True,
        default=new_public_key,
        help_text=_("Identifies the store in the web chat snippet; safe to publish."),
    )
    # Web chat: allowed_origins, colour, greeting; SMS/WhatsApp: sender number; email: address.
    settings = models.JSONField(_("settings"), default=dict, blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["store", "kind"], name="channelconfig_unique")
        ]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return f"{self.store}: {self.get_kind_display()}"
