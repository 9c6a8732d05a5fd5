"""Web page and site imports against a real HTTP server on loopback: content in, errors in
words, progress counted, one bad page never stops a site import, and a rerun resumes."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any

import pytest

from core.errors import ValidationFailed
from core.models import Store
from knowledge.errors import ImportAddressBlocked, ImportUrlInvalid
from knowledge.imports import (
    ImportOptions,
    import_job_run,
    import_sitemap_start,
    import_url_start,
)
from knowledge.models import Article, ImportJob
from tests.fakes.http_server import Scripted, ScriptedServer, unused_port

pytestmark = pytest.mark.django_db

HTML = {"Content-Type": "text/html; charset=utf-8"}
RETURNS_PAGE = b"""<!doctype html><html><head><title>Returns | Shop</title></head><body>
<nav><a href="/">Home</a></nav>
<main><h1>Returns policy</h1><p onclick="steal()">Return unworn items within 30 days.</p>
<script>steal()</script><iframe src="https://ads.example/">ad</iframe>
<h2>Sale items</h2><p>Sale items are final sale. See <a href="/faq">the FAQ</a>.</p></main>
<footer>Shop Ltd</footer></body></html>"""


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


def _page(title: str, text: str) -> Scripted:
    body = f"<html><body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    return Scripted(body=body.encode(), headers=HTML)


def _sitemap(*urls: str, index: bool = False) -> bytes:
    if index:
        entries = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
        return (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
        ).encode()
    entries = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def _run_url(store: Store, url: str, capture: Any, **kwargs: Any) -> ImportJob:
    with capture(execute=True):
        job = import_url_start(store=store, url=url, **kwargs)
    job.refresh_from_db()
    return job


# --- one page ----------------------------------------------------------------------------------


def test_a_page_becomes_a_draft_article_with_its_main_content(
    store: Store, server: ScriptedServer, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    server.enqueue(Scripted(body=RETURNS_PAGE, headers=HTML))
    url = f"{server.url}/policies/returns"

    # when
    job = _run_url(store, url, django_capture_on_commit_callbacks)

    # then
    article = Article.objects.get(store=store)
    assert (job.status, job.done, job.total, job.error, job.article_ids) == (
        "done",
        1,
        1,
        "",
        [article.pk],
    )
    assert job.finished_at is not None
    assert (article.title, article.source, article.source_ref, article.language) == (
        "Returns policy",
        "url",
        url,
        "en",
    )
    assert (article.status, article.version, article.published_version) == ("draft", 1, None)
    assert article.body == (
        "# Returns policy\n\nReturn unworn items within 30 days.\n\n## Sale items\n\n"
        f"Sale items are final sale. See [the FAQ]({server.url}/faq)."
    )
    assert [r.path for r in server.requests] == ["/policies/returns"]


def test_importing_a_page_again_makes_a_new_version_and_can_publish(
    store: Store, server: ScriptedServer, django_capture_on_commit_callbacks: Any
) -> None:
    # given a page imported once
    url = f"{server.url}/shipping"
    server.enqueue(_page("Shipping", "We ship in 2 days."), _page("Shipping", "We ship in 1 day."))
    _run_url(store, url, django_capture_on_commit_callbacks)

    # when it is imported again, published right away
    job = _run_url(store, url, django_capture_on_commit_callbacks, publish=True)

    # then the same article has version 2, live
    article = Article.objects.get(store=store)
    assert job.article_ids == [article.pk]
    assert (article.version, article.published_version, article.status) == (2, 2, "published")
    assert article.body == "# Shipping\n\nWe ship in 1 day."


def test_redirects_are_followed(
    store: Store, server: ScriptedServer, django_capture_on_commit_callbacks: Any
) -> None:
    server.enqueue(
        Scripted(status=301, headers={"Location": "/new-returns"}),
        _page("Returns", "Within 30 days."),
    )
    job = _run_url(store, f"{server.url}/returns", django_capture_on_commit_callbacks)
    assert job.status == "done"
    assert [r.path for r in server.requests] == ["/returns", "/new-returns"]
    assert Article.objects.get(store=store).source_ref == f"{server.url}/returns"


@pytest.mark.parametrize(
    ("scripted", "code_words"),
    [
        (
            Scripted(status=404, body=b"nope"),
            "The page was not found (HTTP 404). Check the address.",
        ),
        (
            Scripted(status=503),
            "The website had an error (HTTP 503). Try again later.",
        ),
        (
            Scripted(status=403),
            "The website refused access to the page (HTTP 403); it may need a login.",
        ),
        (
            Scripted(body=b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"}),
            "{url} is not a web page (it is application/pdf). To import a document, download "
            "it and upload the file.",
        ),
        (
            Scripted(body=b"<html><body><nav>Menu</nav></body></html>", headers=HTML),
            "The page {url} has no text to import.",
        ),
    ],
    ids=["404", "503", "403", "not-html", "no-text"],
)
def test_a_page_that_cannot_be_imported_fails_in_words(
    store: Store,
    server: ScriptedServer,
    django_capture_on_commit_callbacks: Any,
    scripted: Scripted,
    code_words: str,
) -> None:
    # given
    server.enqueue(scripted)
    url = f"{server.url}/page"

    # when
    job = _run_url(store, url, django_capture_on_commit_callbacks)

    # then
    assert (job.status, job.done, job.article_ids) == ("failed", 0, [])
    assert job.error == code_words.format(url=url)
    assert Article.objects.filter(store=store).count() == 0


def test_a_redirect_loop_stops_after_five_redirects(
    store: Store, server: ScriptedServer, django_capture_on_commit_callbacks: Any
) -> None:
    server.enqueue(*[Scripted(status=302, headers={"Location": "/loop"}) for _ in range(6)])
    job = _run_url(store, f"{server.url}/loop", django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert job.error == "The page redirected more than 5 times (a redirect loop?)."
    assert len(server.requests) == 6


def test_an_unreachable_site_fails_in_words(
    store: Store, django_capture_on_commit_callbacks: Any
) -> None:
    url = f"http://127.0.0.1:{unused_port()}/returns"
    job = _run_url(store, url, django_capture_on_commit_callbacks)
    assert (job.status, job.error) == (
        "failed",
        "Could not connect to 127.0.0.1. Check the address, or try again later.",
    )


def test_a_page_over_the_size_limit_is_refused(
    store: Store, server: ScriptedServer, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given a limit of 2 kB, a page without Content-Length is cut off while reading
    settings.KNOWLEDGE_IMPORT_MAX_BYTES = 2048
    big = b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>"
    server.enqueue(Scripted(body=big, headers=HTML))

    # when
    job = _run_url(store, f"{server.url}/big", django_capture_on_commit_callbacks)

    # then
    assert (job.status, job.error) == (
        "failed",
        "The page is larger than 2.0\xa0KB, the most one import reads.",
    )
    assert Article.objects.filter(store=store).count() == 0


def test_the_error_is_written_in_the_language_the_import_was_started_in(
    store: Store, django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import translation

    with translation.override("nl"):
        job = _run_url(
            store, f"http://127.0.0.1:{unused_port()}/", django_capture_on_commit_callbacks
        )
    with translation.override("nl"):
        expected = str(
            translation.gettext(
                "Could not connect to %(host)s. Check the address, or try again later."
            )
            % {"host": "127.0.0.1"}
        )
    assert job.error == expected


@pytest.mark.parametrize(
    "url",
    ["ftp://shop.example/x", "javascript:alert(1)", "shop.example/returns", "", "http://"],
)
def test_an_address_that_is_not_a_web_address_is_refused_at_once(store: Store, url: str) -> None:
    with pytest.raises(ImportUrlInvalid) as raised:
        import_url_start(store=store, url=url)
    assert raised.value.code == "import_url_invalid"
    assert ImportJob.objects.filter(store=store).count() == 0


def test_credentials_in_the_address_are_refused(store: Store) -> None:
    with pytest.raises(ImportUrlInvalid) as raised:
        import_url_start(store=store, url="https://user:secret@shop.example/")
    assert str(raised.value.message) == "Remove the user name and password from the address."


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://db.internal/",
    ],
)
def test_private_addresses_are_refused_in_production(store: Store, settings: Any, url: str) -> None:
    # given production's SSRF guard
    settings.KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS = False

    # then neither a page nor a sitemap on the server's own network can be imported
    with pytest.raises(ImportAddressBlocked) as raised:
        import_url_start(store=store, url=url)
    assert raised.value.code == "import_address_blocked"
    with pytest.raises(ImportAddressBlocked):
        import_sitemap_start(store=store, sitemap_url=url, max_pages=5)
    assert ImportJob.objects.filter(store=store).count() == 0


def test_a_redirect_into_the_private_network_is_refused_in_production(
    store: Store, server: ScriptedServer, settings: Any
) -> None:
    # given a job queued while loopback was allowed, run under production's guard
    job = ImportJob.objects.create(store=store, kind="url", source=f"{server.url}/page")
    settings.KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS = False

    # when
    import_job_run(job_id=job.pk, options=ImportOptions())

    # then nothing was requested
    job.refresh_from_db()
    assert (job.status, job.error) == (
        "failed",
        "This address points into a private network and cannot be imported.",
    )
    assert server.requests == []


# --- a site from its sitemap -------------------------------------------------------------------


def test_a_site_import_counts_progress_and_records_a_failed_page(
    store: Store, server: ScriptedServer, django_capture_on_commit_callbacks: Any
) -> None:
    # given a sitemap of three pages, the second of which is gone
    base = server.url
    server.enqueue(
        Scripted(
            body=_sitemap(f"{base}/a", f"{base}/b", f"{base}/c"),
            headers={"Content-Type": "application/xml"},
        ),
        _page("Returns", "Return within 30 days."),
        Scripted(status=404),
        _page("Verzending", "Wij verzenden binnen twee werkdagen met PostNL."),
    )

    # when
    with django_capture_on_commit_callbacks(execute=True):
        job = import_sitemap_start(store=store, sitemap_url=f"{base}/sitemap.xml", max_pages=10)
    job.refresh_from_db()

    # then two articles, one error in words, all three pages counted
    articles = {a.source_ref: a for a in Article.objects.filter(store=store)}
    assert set(articles) == {f"{base}/a", f"{base}/c"}
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    assert job.article_ids == [articles[f"{base}/a"].pk, articles[f"{base}/c"].pk]
    assert job.error == f"{base}/b: The page was not found (HTTP 404). Check the address."
    assert (articles[f"{base}/c"].language, articles[f"{base}/c"].source) == ("nl", "sitemap")
    assert [r.path for r in server.requests] == ["/sitemap.xml", "/a", "/b", "/c"]


def test_a_site_import_reads_a_gzipped_sitemap_index_up_to_max_pages(
    store: Store, server: ScriptedServer, django_capture_on_commit_callbacks: Any
) -> None:
    # given an index pointing to a gzipped sitemap of three pages
    base = server.url
    server.enqueue(
        Scripted(body=_sitemap(f"{base}/pages.xml.gz", index=True)),
        Scripted(body=gzip.compress(_sitemap(f"{base}/a", f"{base}/a", f"{base}/b", f"{base}/c"))),
        _page("A", "Page a."),
        _page("B", "Page b."),
    )

    # when at most two pages are imported
    with django_capture_on_commit_callbacks(execute=True):
        job = import_sitemap_start(store=store, sitemap_url=f"{base}/sitemap.xml", max_pages=2)
    job.refresh_from_db()

    # then duplicates count once and the third page is never fetched
    assert (job.status, job.done, job.total, job.error) == ("done", 2, 2, "")
    assert [r.path for r in server.requests] == ["/sitemap.xml", "/pages.xml.gz", "/a", "/b"]


@pytest.mark.parametrize(
    ("scripted", "error"),
    [
        (
            Scripted(body=b"<html><body>Not a sitemap</body></html>", headers=HTML),
            "This is not a sitemap (an XML file listing the site's pages).",
        ),
        (
            Scripted(body=b"<?xml version='1.0'?><urlset></urlset>"),
            "The sitemap lists no pages.",
        ),
        (
            Scripted(
                body=b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;'>]>"
                b"<urlset><url><loc>&b;</loc></url></urlset>"
            ),
            "This is not a sitemap (an XML file listing the site's pages).",
        ),
        (Scripted(status=404), "The page was not found (HTTP 404). Check the address."),
    ],
    ids=["html", "empty", "entities", "404"],
)
def test_a_sitemap_that_cannot_be_read_fails_the_import(
    store: Store,
    server: ScriptedServer,
    django_capture_on_commit_callbacks: Any,
    scripted: Scripted,
    error: str,
) -> None:
    server.enqueue(scripted)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_sitemap_start(store=store, sitemap_url=f"{server.url}/sitemap.xml")
    job.refresh_from_db()
    assert (job.status, job.error, job.done) == ("failed", error, 0)
    assert len(server.requests) == 1


def test_a_site_import_whose_every_page_fails_has_failed(
    store: Store, server: ScriptedServer, django_capture_on_commit_callbacks: Any
) -> None:
    server.enqueue(
        Scripted(body=_sitemap(f"{server.url}/a")),
        Scripted(body=b"{}", headers={"Content-Type": "application/json"}),
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = import_sitemap_start(store=store, sitemap_url=f"{server.url}/sitemap.xml")
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("failed", 1, 1)
    assert job.error.startswith(f"{server.url}/a: {server.url}/a is not a web page")


def test_a_redelivered_site_import_resumes_after_the_pages_it_did(
    store: Store, server: ScriptedServer
) -> None:
    # given a job that stopped (worker lost) after its first page
    base = server.url
    first = Article.objects.create(
        store=store, title="A", body="# A\n\nPage a.", language="en", source_ref=f"{base}/a"
    )
    job = ImportJob.objects.create(
        store=store,
        kind="sitemap",
        source=f"{base}/sitemap.xml",
        status="running",
        done=1,
        total=2,
        article_ids=[first.pk],
    )
    server.enqueue(Scripted(body=_sitemap(f"{base}/a", f"{base}/b")), _page("B", "Page b."))

    # when the task runs again
    import_job_run(job_id=job.pk, options=ImportOptions(max_pages=10))

    # then only the rest is fetched
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 2, 2)
    assert [r.path for r in server.requests] == ["/sitemap.xml", "/b"]
    assert len(job.article_ids) == 2

    # when it is delivered once more, a finished job is left alone
    import_job_run(job_id=job.pk, options=ImportOptions(max_pages=10))
    assert len(server.requests) == 2


@pytest.mark.parametrize("max_pages", [0, 201])
def test_max_pages_is_bounded(store: Store, max_pages: int) -> None:
    with pytest.raises(ValidationFailed) as raised:
        import_sitemap_start(
            store=store, sitemap_url="https://shop.example/sitemap.xml", max_pages=max_pages
        )
    assert raised.value.detail == {"max_pages": ["Choose a number from 1 to 200."]}
