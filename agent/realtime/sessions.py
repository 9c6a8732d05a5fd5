"""Web chat sessions: which store a storefront's widget talks to, from which sites, and the
signed session token that binds a browser to one conversation.

The token is ``django.core.signing`` JSON (no table): store, conversation, the widget's
language and when it was issued. The websocket takes it for TOKEN_MAX_AGE; the session
endpoint resumes the conversation from it for RESUME_MAX_AGE (and issues a fresh token), so a
shopper coming back within a month continues where they were.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agent.models import Channel, ChannelConfig, Conversation
from agent.services import conversation_identify, conversation_start
from agent.validation import origin_normalize
from core.errors import ApplicationError, NotFound
from core.models import Store
from integrations.customer_hub.verification import ShopperIdentityInvalid

logger = logging.getLogger(__name__)

SESSION_SALT = "agent.realtime.webchat-session"
#: How long a token opens the websocket.
TOKEN_MAX_AGE = dt.timedelta(hours=12)
#: How long a token resumes its conversation at the session endpoint.
RESUME_MAX_AGE = dt.timedelta(days=30)


class WebchatUnavailable(ApplicationError):
    code = "webchat_unavailable"
    http_status = 403
    default_message = _("The web chat of this shop is not active.")


class OriginNotAllowed(ApplicationError):
    code = "origin_not_allowed"
    http_status = 403
    default_message = _("This site may not open the shop's web chat.")


class SessionTokenInvalid(ApplicationError):
    """``detail["reason"]``: ``malformed`` (not ours, or tampered with) or ``expired``."""

    code = "session_invalid"
    http_status = 401
    default_message = _("The chat session has ended. Please reload the page.")


@dataclass(frozen=True)
class SessionClaims:
    store_id: int
    conversation_id: int
    language: str
    issued_at: int  # Unix seconds


def session_token_make(
    *, store_id: int, conversation_id: int, language: str, now: dt.datetime
) -> str:
    claims = {"s": store_id, "c": conversation_id, "l": language, "t": int(now.timestamp())}
    return signing.dumps(claims, salt=SESSION_SALT, compress=True)


def session_token_read(token: str, *, now: dt.datetime, max_age: dt.timedelta) -> SessionClaims:
    """The token's claims; SessionTokenInvalid when it is not ours or older than ``max_age``."""
    try:
        raw: Any = signing.loads(token, salt=SESSION_SALT)
        claims = SessionClaims(
            store_id=int(raw["s"]),
            conversation_id=int(raw["c"]),
            language=str(raw["l"]),
            issued_at=int(raw["t"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise SessionTokenInvalid(detail={"reason": "malformed"}) from None
    age = now.timestamp() - claims.issued_at
    if age > max_age.total_seconds() or age < -60:
        raise SessionTokenInvalid(detail={"reason": "expired"})
    return claims


def language_pick(requested: str | None, *, store: Store) -> str:
    """``nl-NL`` -> ``nl``; a language the product does not speak -> the store's."""
    supported = {code for code, _name in settings.LANGUAGES}
    code = (requested or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in supported else store.default_language


def webchat_config_get(*, public_key: str) -> ChannelConfig:
    """The web chat channel with this public key (with its store); NotFound otherwise."""
    config = (
        ChannelConfig.objects.select_related("store")
        .filter(public_key=public_key, kind=Channel.WEBCHAT)
        .first()
    )
    if config is None:
        raise NotFound()
    return config


def origin_allowed(config: ChannelConfig, origin: str | None) -> bool:
    """Whether a page at ``origin`` (the Origin header) may open this web chat."""
    if not origin:
        return False
    try:
        normalized = origin_normalize(origin)
    except ValidationError:
        return False
    allowed = config.settings.get("allowed_origins") or []
    return isinstance(allowed, list) and normalized in allowed


def webchat_config_check(config: ChannelConfig, *, origin: str | None) -> None:
    """WebchatUnavailable when the channel is off; OriginNotAllowed for another site."""
    if not config.enabled:
        raise WebchatUnavailable()
    if not origin_allowed(config, origin):
        raise OriginNotAllowed(detail={"origin": origin or ""})


@dataclass(frozen=True)
class ShopperIdentity:
    """A storefront-signed identity (see ``shopper_identity_verify``)."""

    customer_id: str
    email: str
    expires: str
    signature: str


@dataclass(frozen=True)
class WebchatSession:
    config: ChannelConfig
    language: str
    conversation: Conversation | None = None
    token: str = ""
    resumed: bool = False
    identified: bool = False
    last_seq: int = 0

    @property
    def store(self) -> Store:
        return self.config.store


def webchat_session_start(
    *,
    public_key: str,
    origin: str | None,
    language: str | None,
    now: dt.datetime,
    resume: str = "",
    start: bool = True,
    identity: ShopperIdentity | None = None,
) -> WebchatSession:
    """Open (or resume) a web chat session for a storefront page at ``origin``.

    Raises NotFound (no web chat with that key), WebchatUnavailable (channel or agent off),
    OriginNotAllowed. ``resume``: a token of this store's conversation, at most
    RESUME_MAX_AGE old, continues it (an unusable one is ignored: a new conversation starts).
    ``start``: False only answers the widget's words and looks (no conversation, no token)
    unless ``resume`` continues one. ``identity``: a storefront-signed shopper identity signs
    the conversation in silently; one that does not verify is ignored (``identified``
    False: the shopper signs in with a code when needed).
    """
    config = webchat_config_get(public_key=public_key)
    webchat_config_check(config, origin=origin)
    store = config.store
    language = language_pick(language, store=store)
    conversation = _resumable(store=store, token=resume, now=now) if resume else None
    resumed = conversation is not None
    if conversation is None and start:
        conversation = conversation_start(
            store=store, channel=Channel.WEBCHAT, language=language, now=now
        )
    if conversation is None:
        return WebchatSession(config=config, language=language)
    identified = identity is not None and _identify(conversation, identity, now=now)
    token = session_token_make(
        store_id=store.pk, conversation_id=conversation.pk, language=language, now=now
    )
    return WebchatSession(
        config=config,
        language=language,
        conversation=conversation,
        token=token,
        resumed=resumed,
        identified=identified,
        last_seq=conversation.next_seq - 1,
    )


def _resumable(*, store: Store, token: str, now: dt.datetime) -> Conversation | None:
    try:
        claims = session_token_read(token, now=now, max_age=RESUME_MAX_AGE)
    except SessionTokenInvalid:
        return None
    if claims.store_id != store.pk:
        return None
    return (
        Conversation.objects.filter(
            pk=claims.conversation_id, store=store, channel=Channel.WEBCHAT, is_preview=False
        )
        .exclude(status=Conversation.Status.CLOSED)
        .first()
    )


def _identify(conversation: Conversation, identity: ShopperIdentity, *, now: dt.datetime) -> bool:
    try:
        conversation_identify(
            conversation=conversation,
            customer_id=identity.customer_id,
            email=identity.email,
            expires=identity.expires,
            signature=identity.signature,
            now=now,
        )
    except ShopperIdentityInvalid as exc:
        logger.info(
            "web chat identity refused for conversation %s: %s", conversation.pk, exc.detail
        )
        return False
    return True


@dataclass(frozen=True)
class SocketSession:
    """What the websocket knows about its shopper once the token checked out."""

    store: Store
    conversation: Conversation
    language: str


def webchat_socket_session(
    *, token: str, public_key: str, origin: str | None, now: dt.datetime
) -> SocketSession:
    """The session a websocket may open: the token fresh (TOKEN_MAX_AGE) and of the store
    whose ``public_key`` the page embeds (when given), the channel on, the page's origin
    allowed, the conversation the store's web chat one. Raises SessionTokenInvalid, NotFound,
    WebchatUnavailable or OriginNotAllowed."""
    claims = session_token_read(token, now=now, max_age=TOKEN_MAX_AGE)
    config = (
        ChannelConfig.objects.select_related("store")
        .filter(store_id=claims.store_id, kind=Channel.WEBCHAT)
        .first()
    )
    if config is None or (public_key and config.public_key != public_key):
        raise NotFound()
    webchat_config_check(config, origin=origin)
    conversation = (
        Conversation.objects.filter(
            pk=claims.conversation_id,
            store=config.store,
            channel=Channel.WEBCHAT,
            is_preview=False,
        )
        .select_related("store")
        .first()
    )
    if conversation is None:
        raise NotFound()
    return SocketSession(store=config.store, conversation=conversation, language=claims.language)
