"""Uploads through the service, the API (multipart) and the dashboard: one article per file,
all or nothing, every bad file answered with its error code and nothing half-saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Role
from knowledge.errors import PdfEncrypted
from knowledge.imports import import_upload
from knowledge.models import Article, ArticleVersion, ImportJob

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent.parent / "fixtures" / "knowledge"
EDITORS = [Role.OWNER, Role.ADMIN, Role.MANAGER]
READERS = [Role.ANALYST, Role.SUPPORT]


def _file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    data = content if content is not None else (FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, data)


def _nothing_saved(store: Store) -> bool:
    return (
        not Article.objects.filter(store=store).exists()
        and not ArticleVersion.objects.filter(store=store).exists()
    )


# --- service -----------------------------------------------------------------------------------


def test_upload_saves_a_draft_and_records_the_import(store: Store) -> None:
    # when
    article = import_upload(
        store=store,
        filename="C:\\docs\\returns.pdf",
        content=(FIXTURES / "returns.pdf").read_bytes(),
    )

    # then
    assert (article.title, article.source, article.source_ref, article.language) == (
        "Returns policy",
        "upload",
        "returns.pdf",
        "en",
    )
    assert (article.status, article.version) == ("draft", 1)
    job = ImportJob.objects.get(store=store)
    assert (job.kind, job.source, job.status, job.done, job.total, job.article_ids) == (
        "upload",
        "returns.pdf",
        "done",
        1,
        1,
        [article.pk],
    )


def test_a_bad_upload_saves_no_content_and_lists_the_failure(store: Store) -> None:
    # when
    with pytest.raises(PdfEncrypted):
        import_upload(
            store=store, filename="secret.pdf", content=(FIXTURES / "encrypted.pdf").read_bytes()
        )

    # then
    assert _nothing_saved(store)
    job = ImportJob.objects.get(store=store)
    assert (job.status, job.done, job.article_ids) == ("failed", 0, [])
    assert job.error == (
        "This PDF is protected with a password. Save a copy without a password and upload that."
    )


# --- API ---------------------------------------------------------------------------------------


def test_api_upload_creates_an_article(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(store, Role.MANAGER))
    response = client.post(
        "/api/v1/knowledge/uploads",
        {"file": _file("shipping_nl.docx"), "publish": "true"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["language"], body["source"], body["status"]) == (
        "Verzendbeleid",
        "nl",
        "upload",
        "published",
    )
    assert (body["version"], body["published_version"]) == (1, 1)


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("encrypted.pdf", None, 400, "pdf_encrypted"),
        ("corrupt.pdf", None, 400, "pdf_corrupt"),
        ("scanned.pdf", None, 400, "pdf_no_text"),
        ("fake.pdf", b"GIF89a not a pdf", 415, "file_type_mismatch"),
        ("tool.exe", b"MZ\x90\x00", 415, "unsupported_file_type"),
        ("empty.md", b"", 400, "empty_document"),
    ],
)
def test_api_upload_errors_have_their_codes_and_save_nothing(
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
    name: str,
    content: bytes | None,
    status: int,
    code: str,
) -> None:
    client = api_for(member_of(store, Role.OWNER))
    response = client.post(
        "/api/v1/knowledge/uploads", {"file": _file(name, content)}, format="multipart"
    )
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert _nothing_saved(store)


def test_api_upload_over_the_limit_is_413(
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
    settings: Any,
) -> None:
    settings.KNOWLEDGE_UPLOAD_MAX_BYTES = 100
    response = api_for(member_of(store)).post(
        "/api/v1/knowledge/uploads", {"file": _file("a.txt", b"x" * 101)}, format="multipart"
    )
    assert response.status_code == 413
    assert response.json() == {
        "code": "upload_too_large",
        "message": "This file is 101\xa0bytes; files can be at most 100\xa0bytes.",
        "detail": {"size": 101, "limit": 100},
    }
    assert _nothing_saved(store)


def test_api_upload_without_a_file_is_invalid(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).post("/api/v1/knowledge/uploads", {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["detail"] == {"file": ["No file was submitted."]}


@pytest.mark.parametrize("role", READERS)
def test_api_upload_needs_a_content_editor(
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
    role: Role,
) -> None:
    response = api_for(member_of(store, role)).post(
        "/api/v1/knowledge/uploads", {"file": _file("returns.pdf")}, format="multipart"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert _nothing_saved(store)
    assert not ImportJob.objects.exists()


# --- dashboard ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_dashboard_upload_of_several_files(
    store: Store,
    member_of: Callable[..., Membership],
    client_for: Callable[..., Client],
    role: Role,
) -> None:
    # when two files are uploaded at once
    response = client_for(member_of(store, role)).post(
        reverse("knowledge:upload", args=[store.slug]),
        {"documents": [_file("returns.pdf"), _file("shipping.html")]},
    )

    # then both are drafts and the merchant lands on the content list
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:list", args=[store.slug])
    assert sorted(Article.objects.filter(store=store).values_list("title", "status")) == [
        ("Returns policy", "draft"),
        ("Shipping policy", "draft"),
    ]


def test_dashboard_upload_lists_the_file_that_failed_and_keeps_the_good_one(
    store: Store, member_of: Callable[..., Membership], client_for: Callable[..., Client]
) -> None:
    # when a good and a corrupt file are uploaded
    response = client_for(member_of(store, Role.MANAGER)).post(
        reverse("knowledge:upload", args=[store.slug]),
        {"documents": [_file("returns.pdf"), _file("corrupt.pdf")]},
    )

    # then the page says what went wrong with which file; the good one is saved
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "<strong>corrupt.pdf:</strong> This PDF is damaged and could not be read. "
        "Nothing from this file was saved." in html
    )
    assert list(Article.objects.filter(store=store).values_list("source_ref", flat=True)) == [
        "returns.pdf"
    ]


def test_dashboard_upload_of_one_file_opens_its_article(
    store: Store, member_of: Callable[..., Membership], client_for: Callable[..., Client]
) -> None:
    response = client_for(member_of(store, Role.OWNER)).post(
        reverse("knowledge:upload", args=[store.slug]),
        {"documents": [_file("shipping_nl.docx")], "publish": "on"},
    )
    article = Article.objects.get(store=store)
    assert response["Location"] == reverse("knowledge:detail", args=[store.slug, article.pk])
    assert (article.status, article.published_version) == ("published", 1)


@pytest.mark.parametrize("role", READERS)
def test_dashboard_upload_is_refused_to_readers(
    store: Store,
    member_of: Callable[..., Membership],
    client_for: Callable[..., Client],
    role: Role,
) -> None:
    client = client_for(member_of(store, role))
    url = reverse("knowledge:upload", args=[store.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"documents": [_file("returns.pdf")]}).status_code == 403
    assert _nothing_saved(store)
    assert not ImportJob.objects.exists()


def test_dashboard_upload_form_renders_for_an_editor(
    store: Store, member_of: Callable[..., Membership], client_for: Callable[..., Client]
) -> None:
    response = client_for(member_of(store, Role.MANAGER)).get(
        reverse("knowledge:upload", args=[store.slug])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".txt,.text,.md,.markdown,.html,.htm,.pdf,.docx"' in html
    assert "multiple" in html
    assert "at most 10.0\xa0MB each" in html
