"""A Django email backend that writes every message to the outbox table."""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import parseaddr

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage, EmailMultiAlternatives

from integrations.messaging.models import OutboxMessage


def _html_part(message: EmailMessage) -> str:
    if isinstance(message, EmailMultiAlternatives):
        for content, mimetype in message.alternatives:
            if mimetype == "text/html":
                return str(content)
    return ""


class OutboxEmailBackend(BaseEmailBackend):
    """Stores messages instead of sending them (embedded mode). ``store_id`` may be passed in
    the message's ``extra_headers`` as ``X-Shopagent-Store`` to tie it to a store."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        count = 0
        for message in email_messages:
            store_header = message.extra_headers.get("X-Shopagent-Store")
            for recipient in message.recipients():
                OutboxMessage.objects.create(
                    store_id=int(store_header) if store_header else None,
                    channel=OutboxMessage.Channel.EMAIL,
                    to=parseaddr(recipient)[1] or recipient,
                    sender=message.from_email or "",
                    subject=str(message.subject),
                    body=str(message.body),
                    html_body=_html_part(message),
                    status=OutboxMessage.Status.KEPT,
                )
            count += 1
        return count
