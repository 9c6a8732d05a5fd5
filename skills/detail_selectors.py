"""What the skill detail page shows: the status (``skills.status``), how the skill behaves per
order state (``skills.detail_scenarios``) and per channel, the tools it uses with their live
state, and its settings as the agent reads them (``skills.settings``).

Everything is read from the store's state on each call; nothing here is stored or cached.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.selectors import IntegrationOverview, integration_overview_get
from integrations.shopify.models import Order, ShopifyConnection
from integrations.shopify.selectors import shopify_ready
from knowledge.models import Article
from knowledge.selectors import article_list
from skills import skill_text
from skills.detail_scenarios import StateBehaviour, order_edit_scenarios, returns_scenarios
from skills.settings import (
    OrderEditSettings,
    ReturnsSettings,
    order_edit_settings_get,
    returns_settings_get,
)
from skills.status import (
    PrerequisiteCode,
    SkillStatus,
    active_channels_reader_get,
    skill_status_get,
)

Text = str | Promise

#: The most an SMS reply holds and the most a WhatsApp reply holds (characters): the agent's
#: channel renderers' limits (agent.channels_out; skills may not import agent, a test keeps
#: these in step).
SMS_LIMIT = 320
WHATSAPP_LIMIT = 4096


class Tool(enum.StrEnum):
    KNOWLEDGE = "knowledge"
    SHOPIFY = "shopify"
    HUB = "hub"
    RETURNS_PROVIDER = "returns_provider"
    HANDOFF_INBOX = "handoff_inbox"


#: The registry's tool names (``SkillInfo.tools``), by tool; a test keeps them in step.
TOOL_NAMES: dict[Tool, Text] = {
    Tool.KNOWLEDGE: gettext_lazy("Knowledge base"),
    Tool.SHOPIFY: gettext_lazy("Shopify orders"),
    Tool.HUB: gettext_lazy("Customer Hub"),
    Tool.RETURNS_PROVIDER: gettext_lazy("Returns provider"),
    Tool.HANDOFF_INBOX: gettext_lazy("Handoff inbox"),
}

SKILL_TOOLS: dict[str, tuple[Tool, ...]] = {
    "order_edit": (Tool.KNOWLEDGE, Tool.SHOPIFY, Tool.HUB),
    "returns": (Tool.KNOWLEDGE, Tool.SHOPIFY, Tool.HUB, Tool.RETURNS_PROVIDER),
    "order_status": (Tool.SHOPIFY,),
    "general_qa": (Tool.KNOWLEDGE,),
    "handoff": (Tool.HANDOFF_INBOX,),
    "smalltalk": (),
}

#: The skills that show shoppers their orders (order cards with Customer Hub links).
ORDER_SKILLS = frozenset({"order_edit", "returns", "order_status"})

_CONTENT_CODES = (
    PrerequisiteCode.ORDER_POLICY_CONTENT,
    PrerequisiteCode.RETURN_POLICY_CONTENT,
    PrerequisiteCode.PUBLISHED_CONTENT,
)


@dataclass(frozen=True)
class ToolState:
    tool: Tool
    name: Text
    ok: bool
    state: Text
    detail: Text
    url: str
    url_label: Text


@dataclass(frozen=True)
class ChannelBehaviour:
    channel: str
    name: Text
    #: True/False: the channel is on/off in this store; None: the channels could not be read.
    active: bool | None
    shows: Text
    url: str


@dataclass(frozen=True)
class SkillDetail:
    status: SkillStatus
    steps: tuple[Text, ...]
    conditions: tuple[tuple[Text, Text], ...]
    """(situation, what the agent does) before any order is looked at."""
    states: tuple[StateBehaviour, ...]
    channels: tuple[ChannelBehaviour, ...]
    tools: tuple[ToolState, ...]
    order_edit_settings: OrderEditSettings | None = None
    returns_settings: ReturnsSettings | None = None


def skill_detail_get(*, store: Store, skill_id: str, now: datetime | None = None) -> SkillDetail:
    """Everything the detail page shows about one skill in ``store``, read now.
    Raises NotFound for an id that is not in the registry."""
    status = skill_status_get(store=store, skill_id=skill_id)
    moment = now or timezone.now()
    overview = integration_overview_get(store=store)
    edit_settings = order_edit_settings_get(store=store) if skill_id == "order_edit" else None
    returns_settings = returns_settings_get(store=store) if skill_id == "returns" else None
    states: list[StateBehaviour] = []
    if edit_settings is not None:
        states = order_edit_scenarios(settings=edit_settings, now=moment)
    elif returns_settings is not None:
        states = returns_scenarios(settings=returns_settings, now=moment)
    return SkillDetail(
        status=status,
        steps=STEPS.get(skill_id, ()),
        conditions=CONDITIONS.get(skill_id, ()),
        states=tuple(states),
        channels=tuple(_channels(store=store, status=status)),
        tools=tuple(_tool(store, t, overview, status) for t in SKILL_TOOLS.get(skill_id, ())),
        order_edit_settings=edit_settings,
        returns_settings=returns_settings,
    )


# --- how the skill answers -----------------------------------------------------------------------

STEPS: dict[str, tuple[Text, ...]] = {
    "order_edit": (
        gettext_lazy("Finds your policy on changing and cancelling orders and quotes it."),
        gettext_lazy("Asks the shopper to sign in; order details only go to the account owner."),
        gettext_lazy("Picks the order meant: the one named, else the latest; asks when unsure."),
        gettext_lazy("Decides per item what can still change, by the rules below."),
        gettext_lazy("Sends the shopper to the right step in the Customer Hub."),
    ),
    "returns": (
        gettext_lazy("Answers policy questions from your return-policy content."),
        gettext_lazy("Asks the shopper to sign in before anything about their orders."),
        gettext_lazy("Checks each item: delivered, inside the return window, not excluded."),
        gettext_lazy("Links to the returns portal through the Customer Hub, or explains why not."),
        gettext_lazy("Answers refund-status questions from the order's return and refund state."),
    ),
}

CONDITIONS: dict[str, tuple[tuple[Text, Text], ...]] = {
    "order_edit": (
        (
            gettext_lazy("Shopper not signed in"),
            gettext_lazy("Quotes your policy and asks them to sign in with a one-time code."),
        ),
        (
            gettext_lazy("Customer Hub not active"),
            gettext_lazy("Quotes your policy and hands the request to a person (soft handoff)."),
        ),
        (
            gettext_lazy("Shopper wants to add items"),
            gettext_lazy("Explains items cannot be added; suggests a new order or a person."),
        ),
    ),
    "returns": (
        (
            gettext_lazy("Shopper not signed in"),
            gettext_lazy("Answers the policy question and asks them to sign in for their order."),
        ),
        (
            gettext_lazy("No Customer Hub or returns provider"),
            gettext_lazy(
                "Limited mode: answers from your policy, hands anything about an order to a person."
            ),
        ),
        (
            gettext_lazy("Refund question"),
            gettext_lazy("Tells the latest return and refund state of the order."),
        ),
    ),
}

CHANNEL_NAMES: dict[str, Text] = {
    "webchat": gettext_lazy("Web chat"),
    "sms": gettext_lazy("SMS"),
    "whatsapp": gettext_lazy("WhatsApp"),
    "email": gettext_lazy("Email"),
}


def _channel_shows(channel: str, *, orders: bool) -> str:
    if channel == "webchat":
        if orders:
            return _(
                "Cards and buttons: the order card with each item's status and buttons that "
                "open the Customer Hub, quick-reply buttons and the quoted sources."
            )
        return _("Text with quick-reply buttons and the quoted sources.")
    if channel == "sms":
        if orders:
            return _(
                "Plain text with one link into the Customer Hub, at most %(limit)d characters: "
                "quoted policy is shortened first."
            ) % {"limit": SMS_LIMIT}
        return _("Plain text, at most %(limit)d characters: quoted content is shortened first.") % {
            "limit": SMS_LIMIT
        }
    if channel == "whatsapp":
        return _(
            "Text with its links and numbered options, order names in bold, at most "
            "%(limit)d characters."
        ) % {"limit": WHATSAPP_LIMIT}
    if orders:
        return _(
            "An HTML email (with a plain-text part): the answer, the order with its items "
            "and a button for each link."
        )
    return _("An HTML email (with a plain-text part): the answer and its sources.")


def _channels(*, store: Store, status: SkillStatus) -> list[ChannelBehaviour]:
    reader = active_channels_reader_get()
    active = set(reader(store=store)) if reader is not None else None
    orders = status.id in ORDER_SKILLS
    return [
        ChannelBehaviour(
            channel=channel,
            name=CHANNEL_NAMES.get(channel, channel),
            active=None if active is None else channel in active,
            shows=_channel_shows(channel, orders=orders),
            url=reverse("agent:channel-edit", kwargs={"store_slug": store.slug, "kind": channel}),
        )
        for channel in status.info.channels
    ]


# --- tools ---------------------------------------------------------------------------------------


def _tool(
    store: Store, tool: Tool, overview: IntegrationOverview, status: SkillStatus
) -> ToolState:
    readers = {
        Tool.KNOWLEDGE: _knowledge,
        Tool.SHOPIFY: _shopify,
        Tool.HUB: _hub,
        Tool.RETURNS_PROVIDER: _returns_provider,
        Tool.HANDOFF_INBOX: _handoff_inbox,
    }
    return readers[tool](store, overview, status)


def _integrations_url(store: Store, section: str) -> str:
    return reverse("integrations:index", kwargs={"store_slug": store.slug}) + f"#{section}"


def _knowledge(store: Store, _overview: IntegrationOverview, status: SkillStatus) -> ToolState:
    count = article_list(store=store, status=Article.Status.PUBLISHED).count()
    content = next((p for p in status.prerequisites if p.code in _CONTENT_CODES), None)
    ok = content.met if content is not None else count > 0
    articles = ngettext("%(count)d published article.", "%(count)d published articles.", count) % {
        "count": count
    }
    found = f" {content.reason}" if content is not None else ""
    return ToolState(
        tool=Tool.KNOWLEDGE,
        name=TOOL_NAMES[Tool.KNOWLEDGE],
        ok=ok,
        state=_("Ready") if ok else _("Missing content"),
        detail=f"{articles}{found}",
        url=reverse("knowledge:list", kwargs={"store_slug": store.slug}),
        url_label=_("Open content"),
    )


def _shopify(store: Store, overview: IntegrationOverview, _status: SkillStatus) -> ToolState:
    connection = overview.shopify
    ready = shopify_ready(store=store)
    if ready and connection is not None:
        orders = Order.objects.filter(store=store).count()
        state = _("Connected")
        detail = ngettext(
            "%(count)d order synced from %(shop)s.",
            "%(count)d orders synced from %(shop)s.",
            orders,
        ) % {"count": orders, "shop": connection.shop_domain}
    elif connection is None or connection.status == ShopifyConnection.Status.NOT_CONNECTED:
        state, detail = (
            _("Not connected"),
            _("Connect your Shopify store so the agent sees orders."),
        )
    elif connection.status != ShopifyConnection.Status.CONNECTED or not connection.access_token:
        state, detail = _("Connection broken"), _("Reconnect the store on the Integrations page.")
    else:
        state, detail = _("Connected, not synced"), _("No order sync has finished yet.")
    return ToolState(
        tool=Tool.SHOPIFY,
        name=TOOL_NAMES[Tool.SHOPIFY],
        ok=ready,
        state=state,
        detail=detail,
        url=_integrations_url(store, "shopify-section"),
        url_label=_("Manage Shopify"),
    )


def _hub(store: Store, overview: IntegrationOverview, _status: SkillStatus) -> ToolState:
    hub = overview.customer_hub
    external = hub.mode == CustomerHubSettings.Mode.EXTERNAL
    ok = hub.active and not (external and not hub.external_url)
    if not hub.active:
        state = _("Not active")
    elif ok:
        state = _("Active")
    else:
        state = _("No address")
    place = hub.external_url if external and hub.external_url else hub.get_mode_display()
    windows = _("edit window %(edit)s, cancel window %(cancel)s") % {
        "edit": skill_text.duration(hub.edit_window_minutes),
        "cancel": skill_text.duration(hub.cancel_window_minutes),
    }
    return ToolState(
        tool=Tool.HUB,
        name=TOOL_NAMES[Tool.HUB],
        ok=ok,
        state=state,
        detail=f"{place}; {windows}",
        url=_integrations_url(store, "hub-section"),
        url_label=_("Manage the Customer Hub"),
    )


def _returns_provider(
    store: Store, overview: IntegrationOverview, _status: SkillStatus
) -> ToolState:
    provider = overview.returns_provider
    status = ReturnsProviderConnection.Status
    if provider is None or provider.status == status.NOT_CONNECTED:
        ok, state, detail = False, _("Not connected"), _("No returns provider is connected.")
    elif provider.status != status.CONNECTED:
        ok, state = False, _("Error")
        detail = provider.last_error or _("The returns provider reports an error.")
    else:
        ok, state, detail = True, _("Connected"), str(provider.get_provider_display())
    return ToolState(
        tool=Tool.RETURNS_PROVIDER,
        name=TOOL_NAMES[Tool.RETURNS_PROVIDER],
        ok=ok,
        state=state,
        detail=detail,
        url=_integrations_url(store, "returns-section"),
        url_label=_("Manage the returns provider"),
    )


def _handoff_inbox(store: Store, _overview: IntegrationOverview, _status: SkillStatus) -> ToolState:
    return ToolState(
        tool=Tool.HANDOFF_INBOX,
        name=TOOL_NAMES[Tool.HANDOFF_INBOX],
        ok=True,
        state=_("Built-in inbox"),
        detail=_("Tickets with the transcript and the shopper's details go to your inbox."),
        url=reverse("agent:handoff-inbox", kwargs={"store_slug": store.slug}),
        url_label=_("Open the inbox"),
    )
