from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.models import LANGUAGE_CHOICES
from knowledge.ingest.documents import ACCEPT
from knowledge.models import Article


class ArticleFilterForm(forms.Form):
    """The Content list's filters (GET). Unknown values are ignored, not errors."""

    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *LANGUAGE_CHOICES]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Article.Status.choices],
    )

    def filters(self) -> dict[str, str | None]:
        if not self.is_valid():
            return {"language": None, "status": None}
        return {
            "language": self.cleaned_data["language"] or None,
            "status": self.cleaned_data["status"] or None,
        }


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "input-mono"}),
        help_text=_(
            "Markdown. Clear headings such as “Order cancellation policy” help the agent "
            "find the right passage."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        help_text=_("Detected for imported content; change it here if it is wrong."),
    )
    status = forms.ChoiceField(
        label=_("Save as"),
        choices=[
            (Article.Status.PUBLISHED, _("Published: the agent uses this version")),
            (Article.Status.DRAFT, _("Draft: not used by the agent yet")),
        ],
        help_text=_(
            "Only published versions are used by the agent. Saving a published article as a "
            "draft keeps its published version live until you publish the changes."
        ),
    )

    @classmethod
    def for_article(cls, article: Article) -> ArticleForm:
        """The edit form, filled in: "Save as" starts at published only for an article whose
        live version is its latest, so a pending draft is not published by accident."""
        up_to_date = article.published_version is not None and (
            article.published_version == article.version
        )
        return cls(
            initial={
                "title": article.title,
                "body": article.body,
                "language": article.language,
                "status": Article.Status.PUBLISHED if up_to_date else Article.Status.DRAFT,
            }
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    documents = MultipleFileField(label=_("Files"))
    publish = forms.BooleanField(
        label=_("Publish right away"),
        required=False,
        help_text=_("Otherwise the articles are saved as drafts for you to review first."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted per request, in the request's language.
        self.fields["documents"].help_text = _(
            "TXT, Markdown, HTML, PDF or Word (DOCX), at most %(size)s each. Uploading a file "
            "with the same name again updates its article."
        ) % {"size": filesizeformat(settings.KNOWLEDGE_UPLOAD_MAX_BYTES)}


class UrlImportForm(forms.Form):
    url = forms.CharField(
        label=_("Web page address"),
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("The page's main text becomes an article; menus and footers are left out."),
    )
    publish = forms.BooleanField(
        label=_("Publish right away"),
        required=False,
        help_text=_("Otherwise the article is saved as a draft for you to review first."),
    )


class SitemapImportForm(forms.Form):
    sitemap_url = forms.CharField(
        label=_("Sitemap address"),
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/sitemap.xml"}),
        help_text=_("Every page the sitemap lists is imported, up to the number below."),
    )
    max_pages = forms.IntegerField(
        label=_("At most this many pages"),
        min_value=1,
        max_value=settings.KNOWLEDGE_IMPORT_MAX_PAGES,
        initial=50,
    )
    publish = forms.BooleanField(
        label=_("Publish right away"),
        required=False,
        help_text=_("Otherwise the articles are saved as drafts for you to review first."),
    )
