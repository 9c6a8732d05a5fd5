from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import LANGUAGE_CHOICES
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
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Article.Status.choices,
        help_text=_("Only published articles are used by the agent."),
    )

    @classmethod
    def for_article(cls, article: Article) -> ArticleForm:
        return cls(
            initial={
                "title": article.title,
                "body": article.body,
                "language": article.language,
                "status": article.status,
            }
        )
