"""Dashboard pages for channels, handoff, conversations and analytics (Agent Preview:
``views_preview``).

Every page is readable by every member of the store; writes check the role's action first
(403 before anything is read or written) and then call one service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.boundfield import BoundField
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from agent import dashboard_selectors as selectors
from agent import handoff_selectors, services
from agent import selectors as agent_selectors
from agent.forms import (
    CHANNEL_FORMS,
    AnalyticsPeriodForm,
    ChannelForm,
    ConversationFilterForm,
    HandoffSettingsForm,
    channel_form_initial,
)
from agent.forms_handoff import HandoffReplyForm
from agent.models import Channel, Conversation, Handoff
from agent.realtime.strings import widget_strings
from agent.services.handoff_reply import (
    HandoffNotTakenOver,
    handoff_reply,
    handoff_reply_live,
    handoff_typing,
)
from core.dashboard import StoreRequest, member_can, store_view
from core.errors import ValidationFailed
from core.roles import Action

PAGE_SIZE = 50


def _require(request: StoreRequest, action: Action) -> None:
    if not member_can(request, action):
        raise PermissionDenied


def _user(request: StoreRequest) -> User:
    """The signed-in user (store_view has already required a login)."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


# --- channels ----------------------------------------------------------------------------------


WEBCHAT_SCRIPT = "webchat/webchat.js"


def _webchat_script_url(request: StoreRequest) -> str | None:
    """The widget's absolute URL, or None while the widget is not installed: a snippet that
    points at a missing file would break the merchant's storefront silently."""
    if not finders.find(WEBCHAT_SCRIPT):
        return None
    return request.build_absolute_uri(static(WEBCHAT_SCRIPT))


@store_view(Action.VIEW)
@require_http_methods(["GET"])
def channel_list_view(request: StoreRequest) -> HttpResponse:
    return render(
        request,
        "agent/channels.html",
        {
            "channels": agent_selectors.channel_config_list(store=request.store),
            "outbox": selectors.outbox_recent_list(store=request.store),
            "webchat_script_url": _webchat_script_url(request),
        },
    )


@store_view(Action.VIEW)
@require_http_methods(["GET", "POST"])
def channel_edit_view(request: StoreRequest, kind: str) -> HttpResponse:
    if kind not in Channel.values:
        raise Http404
    if request.method == "POST":
        _require(request, Action.EDIT_CHANNELS)
    config = agent_selectors.channel_config_get(store=request.store, kind=kind)
    form_class = CHANNEL_FORMS[kind]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            services.channel_config_update(
                store=request.store,
                kind=kind,
                enabled=form.cleaned_data["enabled"],
                settings=form.settings_data(),
            )
            messages.success(request, _("Channel settings saved."))
            return redirect("agent:channels", store_slug=request.store.slug)
    else:
        defaults = selectors.WEBCHAT_DEFAULTS if kind == Channel.WEBCHAT else {}
        settings = config.settings if config.pk is not None else defaults
        form = form_class(initial=channel_form_initial(enabled=config.enabled, settings=settings))
    return render(
        request,
        "agent/channel_edit.html",
        {
            "kind": kind,
            "label": Channel(kind).label,
            "config": config,
            "form": form,
            "webchat_script_url": _webchat_script_url(request),
            "look_languages": _webchat_look(form) if kind == Channel.WEBCHAT else [],
        },
    )


def _webchat_look(form: ChannelForm) -> list[tuple[str, BoundField, str]]:
    """For the web chat page's look preview: per language its name, the greeting field and
    the chat button's label as the widget says it in that language."""
    return [
        (_("English"), form["greeting_en"], widget_strings("en")["open"]),
        (_("Dutch"), form["greeting_nl"], widget_strings("nl")["open"]),
    ]


# --- handoff -----------------------------------------------------------------------------------


@store_view(Action.VIEW)
@require_http_methods(["GET", "POST"])
def handoff_settings_view(request: StoreRequest) -> HttpResponse:
    if request.method == "POST":
        _require(request, Action.EDIT_HANDOFF_SETTINGS)
        form = HandoffSettingsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.handoff_settings_update(
                store=request.store,
                message_en=data["message_en"],
                message_nl=data["message_nl"],
                out_of_hours_message_en=data["out_of_hours_message_en"],
                out_of_hours_message_nl=data["out_of_hours_message_nl"],
                business_hours=data["business_hours"],
            )
            messages.success(request, _("Handoff settings saved."))
            return redirect("agent:handoff", store_slug=request.store.slug)
        handoff_settings = agent_selectors.handoff_settings_get(store=request.store)
    else:
        handoff_settings = services.handoff_settings_get_or_create(store=request.store)
        form = HandoffSettingsForm(initial=HandoffSettingsForm.initial_from(handoff_settings))
    return render(
        request,
        "agent/handoff_settings.html",
        {
            "form": form,
            "counts": selectors.handoff_counts(store=request.store),
            "destination": handoff_settings.get_destination_display(),
            "availability": selectors.handoff_availability(
                store=request.store, handoff_settings=handoff_settings, now=timezone.now()
            ),
        },
    )


@store_view(Action.VIEW)
@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def handoff_inbox_view(request: StoreRequest) -> HttpResponse:
    status = request.GET.get("status", "active")
    if status not in selectors.HANDOFF_STATUS_FILTERS:
        status = "active"
    handoffs = selectors.handoff_inbox_list(store=request.store, status=status)
    page = Paginator(handoffs, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    waiting = handoff_selectors.handoff_waiting_counts(handoffs=shown)
    # htmx polls the list every few seconds: only the list (filters with counts, table).
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx and not htmx.history_restore_request)
    template = "agent/_handoff_inbox_list.html" if partial else "agent/handoff_inbox.html"
    return render(
        request,
        template,
        {
            "page": page,
            "rows": [(handoff, waiting[handoff.pk]) for handoff in shown],
            "status": status,
            "counts": selectors.handoff_counts(store=request.store),
            "now": timezone.now(),
        },
    )


@store_view(Action.VIEW)
@require_http_methods(["GET"])
def handoff_detail_view(request: StoreRequest, handoff_id: int) -> HttpResponse:
    handoff = selectors.handoff_get(store=request.store, handoff_id=handoff_id)
    return _handoff_page(request, handoff)


def _handoff_page(
    request: StoreRequest, handoff: Handoff, reply_form: HandoffReplyForm | None = None
) -> HttpResponse:
    """The handoff page: the transcript, the messages since (polled while it is not closed)
    and, for the member who took it over, the reply form."""
    can_reply = (
        member_can(request, Action.WORK_HANDOFFS)
        and handoff.status == Handoff.Status.CLAIMED
        and handoff.assigned_to_id == request.user.pk
    )
    lines = handoff_selectors.handoff_messages_list(handoff=handoff)
    return render(
        request,
        "agent/handoff_detail.html",
        {
            "handoff": handoff,
            "transcript": selectors.handoff_transcript(handoff=handoff),
            "live_lines": lines,
            "last_seq": lines[-1].seq if lines else 0,
            "can_reply": can_reply,
            "reply_form": (reply_form or HandoffReplyForm()) if can_reply else None,
            "reply_live": handoff_reply_live(channel=handoff.conversation.channel),
        },
    )


@store_view(Action.VIEW)
@require_http_methods(["GET"])
def handoff_messages_view(request: StoreRequest, handoff_id: int) -> HttpResponse:
    """The messages after ``?after=<seq>`` as list items, for the handoff page's polling."""
    handoff = selectors.handoff_get(store=request.store, handoff_id=handoff_id)
    try:
        after = max(int(request.GET.get("after", "0")), 0)
    except ValueError:
        after = 0
    lines = handoff_selectors.handoff_messages_list(handoff=handoff, after_seq=after)
    return render(
        request,
        "agent/_handoff_messages.html",
        {"handoff": handoff, "live_lines": lines, "last_seq": lines[-1].seq if lines else after},
    )


@store_view(Action.WORK_HANDOFFS)
@require_POST
def handoff_reply_view(request: StoreRequest, handoff_id: int) -> HttpResponse:
    handoff = selectors.handoff_get(store=request.store, handoff_id=handoff_id)
    form = HandoffReplyForm(request.POST)
    if not form.is_valid():
        return _handoff_page(request, handoff, form)
    try:
        reply = handoff_reply(
            store=request.store,
            handoff_id=handoff.pk,
            user=_user(request),
            text=form.cleaned_data["text"],
        )
    except (services.HandoffClosed, HandoffNotTakenOver) as exc:
        messages.error(request, str(exc.message))
    except ValidationFailed as exc:
        form.add_error("text", str(exc.message))
        return _handoff_page(request, handoff, form)
    else:
        if reply.delivered:
            messages.success(request, _("Reply sent to the shopper."))
        else:
            messages.warning(
                request,
                _(
                    "Reply saved, not sent: replies on %(channel)s reach the shopper in a "
                    "later release. Contact them another way meanwhile."
                )
                % {"channel": handoff.conversation.get_channel_display()},
            )
    url = reverse(
        "agent:handoff-detail",
        kwargs={"store_slug": request.store.slug, "handoff_id": handoff.pk},
    )
    return redirect(f"{url}#reply")


@store_view(Action.WORK_HANDOFFS)
@require_POST
def handoff_typing_view(request: StoreRequest, handoff_id: int) -> HttpResponse:
    """The reply field's "is typing" ping (htmx, throttled in the page): 204 when the web chat
    shopper was told; 409 when the user has not taken the handoff over, it is closed, or its
    channel has no live widget."""
    try:
        pushed = handoff_typing(store=request.store, handoff_id=handoff_id, user=_user(request))
    except (services.HandoffClosed, HandoffNotTakenOver):
        return HttpResponse(status=409)
    return HttpResponse(status=204 if pushed else 409)


@store_view(Action.WORK_HANDOFFS)
@require_POST
def handoff_claim_view(request: StoreRequest, handoff_id: int) -> HttpResponse:
    try:
        services.handoff_claim(store=request.store, handoff_id=handoff_id, user=_user(request))
    except services.HandoffClosed as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("You took over this handoff."))
    return redirect("agent:handoff-detail", store_slug=request.store.slug, handoff_id=handoff_id)


@store_view(Action.WORK_HANDOFFS)
@require_POST
def handoff_close_view(request: StoreRequest, handoff_id: int) -> HttpResponse:
    services.handoff_close(store=request.store, handoff_id=handoff_id, user=_user(request))
    messages.success(request, _("Handoff closed."))
    return redirect("agent:handoff-detail", store_slug=request.store.slug, handoff_id=handoff_id)


# --- conversations -----------------------------------------------------------------------------


@store_view(Action.VIEW)
@require_http_methods(["GET"])
def conversation_list_view(request: StoreRequest) -> HttpResponse:
    form = ConversationFilterForm(request.GET)
    conversations = (
        selectors.conversation_page_list(store=request.store, **form.filters())
        if form.is_valid()
        else Conversation.objects.none()
    )
    page = Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "agent/conversations.html", {"form": form, "page": page})


@store_view(Action.VIEW)
@require_http_methods(["GET"])
def conversation_detail_view(request: StoreRequest, conversation_id: int) -> HttpResponse:
    detail = selectors.conversation_detail_get(store=request.store, conversation_id=conversation_id)
    return render(request, "agent/conversation_detail.html", {"detail": detail})


# --- analytics ---------------------------------------------------------------------------------


@store_view(Action.VIEW_ANALYTICS)
@require_http_methods(["GET"])
def analytics_view(request: StoreRequest) -> HttpResponse:
    form = AnalyticsPeriodForm(request.GET or None)
    report = selectors.analytics_report(store=request.store, days=form.period(), now=timezone.now())
    return render(request, "agent/analytics.html", {"form": form, "report": report})
