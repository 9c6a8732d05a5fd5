"""Agent Preview: the merchant chats with the agent as a test shopper on a chosen channel and
sees why it answered as it did.

Server-rendered with htmx as an enhancement: every form posts normally (the page redirects
back to the conversation), and with htmx the conversation's panel (chat, sign-in hint, send
form, traces) is swapped in place. Each message goes through
``agent.services.message_receive`` — the same path as every shopper channel; the preview
conversation only carries its flag (never counted in analytics). Every view needs
``Action.USE_PREVIEW``; another store's conversation, or a shopper's, is 404.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from agent import dashboard_selectors, preview_selectors
from agent import selectors as agent_selectors
from agent.forms import PREVIEW_CHANNEL_NOTES, PreviewMessageForm, PreviewSetupForm
from agent.models import Channel, Conversation
from agent.services import conversation_start, message_receive
from core.dashboard import StoreRequest, store_view
from core.roles import Action

#: The questions PRODUCT.md names for Agent Preview, offered as one-click tries (in the
#: dashboard's language; the agent answers in the language they are written in).
TRY_QUESTIONS: tuple[str | Promise, ...] = (
    _("Can I change the size of my recent order?"),
    _("I need to cancel my order"),
    _("How do I start a return?"),
    _("What is your return policy?"),
)


def _is_htmx(request: StoreRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _setup_form(request: StoreRequest, data: Any = None, **initial: Any) -> PreviewSetupForm:
    return PreviewSetupForm(
        data,
        customers=dashboard_selectors.preview_customer_list(store=request.store),
        initial={"channel": Channel.WEBCHAT, **initial},
    )


def _setup_page(request: StoreRequest, form: PreviewSetupForm) -> HttpResponse:
    return render(
        request,
        "agent/preview.html",
        {
            "form": form,
            "try_questions": TRY_QUESTIONS,
            "previews": dashboard_selectors.preview_conversation_list(store=request.store),
        },
    )


def _session(
    request: StoreRequest, conversation: Conversation, form: PreviewMessageForm | None = None
) -> dict[str, Any]:
    """What the conversation's panel shows (the full page and the htmx swap alike)."""
    client_id = uuid4().hex
    turns = preview_selectors.preview_turn_list(conversation=conversation)
    return {
        "conversation": conversation,
        "turns": turns,
        "sign_in_hint": preview_selectors.preview_sign_in_hint(conversation=conversation),
        "message_form": form or PreviewMessageForm(initial={"client_id": client_id}),
        "client_id": client_id,
        "try_questions": TRY_QUESTIONS,
        "channel_note": PREVIEW_CHANNEL_NOTES[conversation.channel],
        "outbox_url": reverse("agent:channels", kwargs={"store_slug": request.store.slug})
        + "#outbox-title",
        "message_url": reverse(
            "agent:preview-message",
            kwargs={"store_slug": request.store.slug, "conversation_id": conversation.pk},
        ),
    }


@store_view(Action.USE_PREVIEW)
@require_http_methods(["GET"])
def preview_view(request: StoreRequest) -> HttpResponse:
    return _setup_page(request, _setup_form(request))


@store_view(Action.USE_PREVIEW)
@require_POST
def preview_start_view(request: StoreRequest) -> HttpResponse:
    form = _setup_form(request, request.POST)
    if not form.is_valid():
        return _setup_page(request, form)
    data = form.cleaned_data
    conversation = conversation_start(
        store=request.store,
        channel=data["channel"],
        is_preview=True,
        customer=data["customer"],
        verified=data["verified"],
    )
    return redirect(
        "agent:preview-conversation",
        store_slug=request.store.slug,
        conversation_id=conversation.pk,
    )


@store_view(Action.USE_PREVIEW)
@require_http_methods(["GET"])
def preview_conversation_view(request: StoreRequest, conversation_id: int) -> HttpResponse:
    conversation = preview_selectors.preview_conversation_get(
        store=request.store, conversation_id=conversation_id
    )
    return _conversation_page(request, conversation)


@store_view(Action.USE_PREVIEW)
@require_POST
def preview_message_view(request: StoreRequest, conversation_id: int) -> HttpResponse:
    conversation = preview_selectors.preview_conversation_get(
        store=request.store, conversation_id=conversation_id
    )
    form = PreviewMessageForm(request.POST)
    if not form.is_valid():
        if _is_htmx(request):
            return render(
                request, "agent/includes/preview_swap.html", _session(request, conversation, form)
            )
        return _conversation_page(request, conversation, form)
    message_receive(
        store=request.store,
        conversation=conversation,
        text=form.cleaned_data["text"],
        client_id=form.cleaned_data["client_id"] or None,
    )
    if _is_htmx(request):
        return render(request, "agent/includes/preview_swap.html", _session(request, conversation))
    url = reverse(
        "agent:preview-conversation",
        kwargs={"store_slug": request.store.slug, "conversation_id": conversation.pk},
    )
    return redirect(f"{url}#latest")


def _conversation_page(
    request: StoreRequest, conversation: Conversation, form: PreviewMessageForm | None = None
) -> HttpResponse:
    customer = preview_selectors.preview_customer_of(conversation=conversation)
    shopper = (
        dashboard_selectors.preview_shopper_get(store=request.store, customer=customer)
        if customer is not None
        else None
    )
    setup_form = _setup_form(
        request,
        channel=conversation.channel,
        customer=customer.pk if customer else None,
        verified=conversation.verified_at is not None,
    )
    return render(
        request,
        "agent/preview_conversation.html",
        {
            **_session(request, conversation, form),
            "setup_form": setup_form,
            "shopper": shopper,
            "channel_config": agent_selectors.channel_config_get(
                store=request.store, kind=conversation.channel
            ),
        },
    )
