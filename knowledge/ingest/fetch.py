"""Fetching a web page (or sitemap) a merchant named, safely.

The address comes from a person, and our server does the fetching, so this is where
server-side request forgery would happen. Guards:

* only ``http``/``https``, no credentials in the URL;
* every host — the first and each redirect's — must resolve to public addresses only, unless
  ``settings.KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS`` (local development and tests, whose pages
  are served on loopback). Otherwise an import could read cloud metadata (169.254.169.254),
  databases or admin ports on the server's own network. The check resolves the name before
  connecting; a DNS answer that changes between the check and the connection is not caught,
  so production should still run workers in a network that cannot reach private services;
* at most ``MAX_REDIRECTS`` redirects, each checked again;
* bounded connect/read timeouts and an overall deadline;
* at most ``KNOWLEDGE_IMPORT_MAX_BYTES`` of body (counted after decompression, so a gzip bomb
  stops early).

The client comes from ``integrations.transport.http_client``; no httpx error escapes: each
failure is one of ``knowledge.errors``' import errors, in words a merchant understands.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from integrations.transport import http_client
from knowledge.errors import (
    ImportAddressBlocked,
    ImportHttpError,
    ImportTimeout,
    ImportTooLarge,
    ImportTooManyRedirects,
    ImportUnreachable,
    ImportUrlInvalid,
)

MAX_REDIRECTS = 5
MAX_URL_LENGTH = 1000
CONNECT_TIMEOUT = 5.0
"""Seconds to open a connection."""
READ_TIMEOUT = 15.0
"""Seconds to wait for each part of the answer."""
DEADLINE = 60.0
"""Seconds for the whole fetch, redirects included (a server dripping bytes is cut off)."""
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain")


@dataclass(frozen=True)
class FetchedPage:
    """An answer with status 2xx: the final ``url`` (after redirects), its media type
    (lowercase, without parameters, "" when not sent), the charset it declared, the body."""

    url: str
    content_type: str
    charset: str | None
    content: bytes


def import_url_check(*, url: str) -> str:
    """The URL to fetch, normalised (trimmed, without ``#fragment``), or ImportUrlInvalid /
    ImportAddressBlocked for what can be refused without a network look-up."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise ImportUrlInvalid() from exc
    if parts.scheme not in {"http", "https"} or not hostname or len(url) > MAX_URL_LENGTH:
        raise ImportUrlInvalid()
    if parts.username or parts.password:
        raise ImportUrlInvalid(_("Remove the user name and password from the address."))
    if not _private_allowed() and _is_local_name(hostname):
        raise ImportAddressBlocked()
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def page_fetch(*, url: str) -> FetchedPage:
    """GET ``url`` following up to MAX_REDIRECTS redirects. Raises ImportUrlInvalid,
    ImportAddressBlocked, ImportUnreachable, ImportTimeout, ImportHttpError, ImportTooLarge or
    ImportTooManyRedirects."""
    deadline = time.monotonic() + DEADLINE
    current = import_url_check(url=url)
    with http_client(
        timeout=READ_TIMEOUT,
        connect_timeout=CONNECT_TIMEOUT,
        headers={"Accept": _ACCEPT},
        follow_redirects=False,
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            _address_check(current)
            page, location = _get(client, current, deadline=deadline)
            if page is not None:
                return page
            current = import_url_check(url=urljoin(current, location or ""))
    raise ImportTooManyRedirects(
        _("The page redirected more than %(count)d times (a redirect loop?).")
        % {"count": MAX_REDIRECTS}
    )


def _get(
    client: httpx.Client, url: str, *, deadline: float
) -> tuple[FetchedPage | None, str | None]:
    """(page, None) for a 2xx answer, (None, location) for a redirect."""
    host = urlsplit(url).hostname or url
    try:
        with client.stream("GET", url) as response:
            if response.is_redirect:
                return None, response.headers.get("Location", "")
            if response.status_code >= 300:
                raise _http_error(response.status_code)
            content = _read(response, deadline=deadline)
            media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return (
                FetchedPage(
                    url=str(response.url),
                    content_type=media_type,
                    charset=response.charset_encoding,
                    content=content,
                ),
                None,
            )
    except httpx.TimeoutException as exc:
        raise ImportTimeout(
            _("%(host)s took too long to answer.") % {"host": host}, detail={"url": url}
        ) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise ImportUrlInvalid(detail={"url": url}) from exc
    except httpx.HTTPError as exc:  # connection refused or reset, TLS failure, bad answer
        raise ImportUnreachable(
            _("Could not connect to %(host)s. Check the address, or try again later.")
            % {"host": host},
            detail={"url": url},
        ) from exc


def _read(response: httpx.Response, *, deadline: float) -> bytes:
    limit: int = settings.KNOWLEDGE_IMPORT_MAX_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > limit:
            raise _too_large(limit)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("deadline passed", request=response.request)
    return bytes(body)


def _too_large(limit: int) -> ImportTooLarge:
    return ImportTooLarge(
        _("The page is larger than %(limit)s, the most one import reads.")
        % {"limit": filesizeformat(limit)},
        detail={"limit": limit},
    )


def _http_error(status: int) -> ImportHttpError:
    if status == 404 or status == 410:
        message = _("The page was not found (HTTP %(status)d). Check the address.")
    elif status in (401, 403):
        message = _(
            "The website refused access to the page (HTTP %(status)d); it may need a login."
        )
    elif status >= 500:
        message = _("The website had an error (HTTP %(status)d). Try again later.")
    else:
        message = _("The website answered with HTTP %(status)d instead of the page.")
    return ImportHttpError(message % {"status": status}, detail={"status_code": status})


def _private_allowed() -> bool:
    return bool(settings.KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS)


def _is_local_name(hostname: str) -> bool:
    name = hostname.lower().rstrip(".")
    if name == "localhost" or name.endswith(_LOCAL_SUFFIXES):
        return True
    try:
        return not _is_public(ipaddress.ip_address(name))
    except ValueError:
        return False  # a name, not an address literal: checked when resolved


def _address_check(url: str) -> None:
    if _private_allowed():
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ImportUnreachable(
            _("The website %(host)s does not exist (its name has no address).") % {"host": host},
            detail={"url": url},
        ) from exc
    for info in infos:
        if not _is_public(ipaddress.ip_address(info[4][0])):
            raise ImportAddressBlocked(detail={"url": url})


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast
