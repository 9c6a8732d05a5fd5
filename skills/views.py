"""Dashboard pages for skills: every role may read; owners and admins turn skills on or off and
change their settings.

Each page computes the skills' status (Live / Unavailable / Turned off) on every request, so a
badge changes the moment a prerequisite does.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.dashboard import StoreRequest, member_can, store_view
from core.roles import Action
from skills.detail_selectors import SkillDetail, skill_detail_get
from skills.forms import SETTINGS_FORMS, SkillEnabledForm, SkillSettingsForm
from skills.selectors import skill_setup_get
from skills.services import skill_config_update
from skills.status import skill_status_get, skill_status_list


@store_view(Action.VIEW)
@require_GET
def skill_list(request: StoreRequest) -> HttpResponse:
    skills = skill_status_list(store=request.store)
    return render(request, "skills/list.html", {"skills": skills})


@store_view(Action.VIEW)
@require_GET
def skill_detail(request: StoreRequest, skill_id: str) -> HttpResponse:
    detail = skill_detail_get(store=request.store, skill_id=skill_id)
    return render(request, "skills/detail.html", _detail_context(request, detail))


@store_view(Action.CONFIGURE_SKILLS)
@require_POST
def skill_settings_update(request: StoreRequest, skill_id: str) -> HttpResponse:
    """Save a skill's settings; an invalid form renders the page again with its errors."""
    skill_setup_get(store=request.store, skill_id=skill_id)  # NotFound -> 404
    form_class = SETTINGS_FORMS.get(skill_id)
    if form_class is None:
        raise Http404
    form = form_class(request.POST)
    if not form.is_valid():
        detail = skill_detail_get(store=request.store, skill_id=skill_id)
        context = _detail_context(request, detail, settings_form=form)
        return render(request, "skills/detail.html", context)
    skill_config_update(store=request.store, skill_id=skill_id, settings=form.settings_data())
    messages.success(request, _("Skill settings saved."))
    url = reverse("skills:detail", kwargs={"store_slug": request.store.slug, "skill_id": skill_id})
    return redirect(f"{url}#settings")


@store_view(Action.CONFIGURE_SKILLS)
@require_POST
def skill_enabled_update(request: StoreRequest, skill_id: str) -> HttpResponse:
    """Without JavaScript: redirect back to the detail page. With htmx: the updated panel."""
    form = SkillEnabledForm(request.POST)
    form.is_valid()  # one optional boolean: always valid
    setup = skill_config_update(
        store=request.store, skill_id=skill_id, enabled=form.cleaned_data["enabled"]
    )
    notice = _("The skill is on.") if setup.enabled else _("The skill is turned off.")
    if getattr(request, "htmx", False):
        skill = skill_status_get(store=request.store, skill_id=setup.info.id)
        return render(
            request, "skills/includes/enabled_panel.html", {"skill": skill, "notice": notice}
        )
    messages.success(request, notice)
    return redirect("skills:detail", store_slug=request.store.slug, skill_id=setup.info.id)


def _detail_context(
    request: StoreRequest, detail: SkillDetail, *, settings_form: SkillSettingsForm | None = None
) -> dict[str, Any]:
    """The page's context. The settings form exists only for members who may configure skills:
    everyone else gets the read-only settings, never a disabled form."""
    skill_id = detail.status.id
    form_class = SETTINGS_FORMS.get(skill_id)
    if (
        settings_form is None
        and form_class is not None
        and member_can(request, Action.CONFIGURE_SKILLS)
    ):
        current = detail.order_edit_settings or detail.returns_settings
        settings_form = form_class.for_settings(current)
    return {
        "detail": detail,
        "skill": detail.status,
        "settings_form": settings_form,
        "has_settings": form_class is not None,
    }
