"""The error format {code, message, detail} for every kind of error, and the OpenAPI schema
and docs."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from rest_framework import exceptions
from rest_framework.test import APIClient, APIRequestFactory

from core.api.errors import api_exception_handler
from core.errors import RateLimited
from core.models import Membership, Store
from core.roles import Role


def test_validation_error_lists_field_errors(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given an editor
    client = api_for(member_of(store, Role.MANAGER))

    # when an article is posted with a bad language and status and no title
    response = client.post(
        "/api/v1/articles",
        {"body": "Text", "language": "de", "status": "live"},
        format="json",
    )

    # then each field says what is wrong
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"] == "The request is not valid."
    assert body["detail"] == {
        "title": ["This field is required."],
        "language": ['"de" is not a valid choice.'],
        "status": ['"live" is not a valid choice.'],
    }


def test_request_wide_validation_error_is_under_non_field_errors(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).patch("/api/v1/store", {}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == {"non_field_errors": ["Send at least one field to change."]}


def test_unparsable_json_is_parse_error(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).generic(
        "PATCH", "/api/v1/store", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_forbidden_is_403_with_error_format(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store, Role.SUPPORT)).patch(
        "/api/v1/store", {"name": "Mine now"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "message": "Your role does not allow this.",
        "detail": None,
    }


def test_method_not_allowed_is_405_with_error_format(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).put("/api/v1/store", {}, format="json")
    assert response.status_code == 405
    assert response.json() == {
        "code": "method_not_allowed",
        "message": 'Method "PUT" not allowed.',
        "detail": None,
    }


def test_unknown_api_path_is_404_with_error_format(db: None) -> None:
    response = APIClient().get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found.", "detail": None}


def test_throttling_is_429_with_wait_in_detail() -> None:
    # given DRF's throttling exception
    request = APIRequestFactory().get("/api/v1/store")

    # when the handler translates it
    response = api_exception_handler(exceptions.Throttled(wait=12), {"request": request})

    # then it is rate_limited with the wait in seconds and a Retry-After header
    assert response.status_code == 429
    assert response.data["code"] == "rate_limited"
    assert response.data["detail"] == {"wait_seconds": 12}
    assert response["Retry-After"] == "12"


def test_application_error_keeps_its_code_and_status() -> None:
    response = api_exception_handler(RateLimited(detail={"wait_seconds": 3}), {})
    assert response.status_code == 429
    assert response.data == {
        "code": "rate_limited",
        "message": "Too many requests. Please wait a moment and try again.",
        "detail": {"wait_seconds": 3},
    }


def test_unexpected_error_is_500_without_a_trace() -> None:
    response = api_exception_handler(RuntimeError("db password is hunter2"), {})
    assert response.status_code == 500
    assert response.data == {
        "code": "server_error",
        "message": "Something went wrong on our side.",
        "detail": None,
    }


def test_dutch_request_gets_a_message_in_its_language(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given a request in Dutch
    client = api_for(member_of(store, Role.ANALYST))

    # when it fails
    response = client.patch(
        "/api/v1/store", {"name": "X"}, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )

    # then the message is text for people (Dutch once the catalogue has it) and the code stays
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    message = response.json()["message"]
    assert isinstance(message, str)
    assert message.strip() != ""


def test_schema_is_openapi_3_with_auth_and_store_header(db: None) -> None:
    # when the schema is fetched
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")

    # then it is OpenAPI 3 describing both auth schemes and the X-Store header
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["components"]["securitySchemes"]) == {"storeToken", "cookieAuth"}
    assert schema["components"]["securitySchemes"]["storeToken"]["scheme"] == "bearer"
    store_get = schema["paths"]["/api/v1/store"]["get"]
    assert "X-Store" in [p["name"] for p in store_get["parameters"] if p["in"] == "header"]
    assert store_get["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_schema_leaks_no_secret_fields(db: None) -> None:
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    text = str(schema)
    assert "access_token" not in text
    assert "api_key" not in text
    assert "key_hash" not in text


def test_spectacular_validates_without_warnings(db: None) -> None:
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert yaml.safe_load(out.getvalue())["openapi"].startswith("3.")


def test_docs_page_uses_only_local_assets(db: None) -> None:
    # when the docs page is opened
    response = APIClient().get("/api/docs/")

    # then it loads Swagger UI from our own static files, nothing from another host
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in assets
    assert [a for a in assets if not a.startswith("/")] == []
    assert "cdn." not in html
    assert "//" not in " ".join(a for a in assets)


@pytest.mark.parametrize(
    "asset", ["swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"]
)
def test_docs_assets_are_served(asset: str, client: Client) -> None:
    response = client.get(f"/static/drf_spectacular_sidecar/swagger-ui-dist/{asset}")
    assert response.status_code == 200
