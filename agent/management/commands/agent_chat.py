"""``manage.py agent_chat``: chat with the agent in the terminal as a test shopper.

``--store SLUG --channel webchat|sms|whatsapp|email [--customer EMAIL] [--verified] [--json]``

Runs every message through ``agent.services.message_receive`` in an Agent Preview
conversation (never counted in analytics), exactly as the preview page does. Prints each agent
message as its channel would send it (email with its subject). In embedded mode (emails kept in
the outbox) a sign-in code sent to the outbox is shown as a hint, so the code can be typed.

With ``--json`` each stdin line ``{"text": ...}`` gives one stdout line with the JSON the
preview API answers (``{"language", "intent", "skill", "handoff", "messages", "trace"}``); a
line that is not such an object gives ``{"error": ...}``; hints go to stderr.
"""

from __future__ import annotations

import io
import json
import re
import sys
from argparse import ArgumentParser
from typing import IO, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from agent.models import Channel, Conversation
from agent.services import TurnResult, conversation_start, message_receive
from core.models import Store
from integrations.messaging.models import OutboxMessage
from integrations.shopify.facts import customer_find_by_email
from integrations.shopify.models import Customer

OUTBOX_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"
_CODE_LINE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)


class Command(BaseCommand):
    help = "Chat with the agent in the terminal as a test shopper (an Agent Preview conversation)."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--store", required=True, help="The store's slug.")
        parser.add_argument("--channel", required=True, choices=Channel.values)
        parser.add_argument("--customer", help="Play this customer of the store (their email).")
        parser.add_argument(
            "--verified", action="store_true", help="Start signed in as --customer."
        )
        parser.add_argument(
            "--json", action="store_true", help='Read {"text": ...} lines, write JSON lines.'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        store = Store.objects.filter(slug=options["store"]).first()
        if store is None:
            raise CommandError(f"No store with the slug {options['store']!r}.")
        customer = _customer(store, options.get("customer"))
        if options["verified"] and customer is None:
            raise CommandError("--verified needs --customer.")
        conversation = conversation_start(
            store=store,
            channel=options["channel"],
            is_preview=True,
            customer=customer,
            verified=options["verified"],
        )
        stdin = options.get("stdin") or _stdin()
        chat = _Chat(self, store, conversation, as_json=options["json"])
        if not options["json"]:
            self.stdout.write(
                f"Agent Preview on {options['channel']} in {store.name} "
                f"(conversation {conversation.pk}). Ctrl-D ends.\n"
            )
        for line in stdin:
            chat.line(line.rstrip("\r\n"))


class _Chat:
    def __init__(
        self, command: BaseCommand, store: Store, conversation: Conversation, *, as_json: bool
    ) -> None:
        self.command, self.store, self.conversation = command, store, conversation
        self.as_json = as_json
        self.outbox_seen = _outbox_last_id(store)

    def line(self, line: str) -> None:
        text = self.text_of(line)
        if text is None:
            return
        result = message_receive(store=self.store, conversation=self.conversation, text=text)
        if self.as_json:
            self.command.stdout.write(json.dumps(result.payload(), ensure_ascii=False))
        else:
            self.show(result)
        self.command.stdout.flush()
        self.hints()

    def text_of(self, line: str) -> str | None:
        if not self.as_json:
            return line
        try:
            data = json.loads(line)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            self.command.stdout.write(json.dumps({"error": 'expected {"text": "..."}'}))
            return None
        return str(data["text"])

    def show(self, result: TurnResult) -> None:
        out = self.command.stdout
        for rendered in result.rendered:
            if rendered.subject:
                out.write(f"[Subject: {rendered.subject}]")
            out.write(f"agent> {rendered.text}\n")
        if result.handed_off:
            out.write("[handed off to a person]\n")

    def hints(self) -> None:
        """Codes just written to the outbox (embedded mode only), so they can be typed."""
        if settings.EMAIL_BACKEND != OUTBOX_BACKEND:
            return
        new = list(
            OutboxMessage.objects.filter(store=self.store, id__gt=self.outbox_seen).order_by("id")
        )
        for mail in new:
            self.outbox_seen = mail.pk
            code = _CODE_LINE.search(mail.body)
            if code is not None:
                hint = f"[outbox] code {code.group(1)} sent to {mail.to}\n"
                (self.command.stderr if self.as_json else self.command.stdout).write(hint)


def _customer(store: Store, email: str | None) -> Customer | None:
    if not email:
        return None
    facts = customer_find_by_email(store=store, email=email)
    if facts is None:
        raise CommandError(f"No customer of {store.slug} has the email {email!r}.")
    return Customer.objects.get(store=store, pk=facts.id)


def _outbox_last_id(store: Store) -> int:
    last = OutboxMessage.objects.filter(store=store).order_by("-id").values_list("id", flat=True)
    return last.first() or 0


def _stdin() -> IO[str]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace")
