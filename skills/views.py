"""Dashboard pages for skills: every role may read; owners and admins turn skills on or off.

Each page computes the skills' status (Live / Unavailable / Turned off) on every request, so a
badge changes the moment a prerequisite does.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.dashboard import StoreRequest, store_view
from core.roles import Action
from skills.forms import SkillEnabledForm
from skills.services import skill_config_update
from skills.status import skill_status_get, skill_status_list

# Channel ids are the agent's (agent.models.Channel); skills may not import agent, so the
# labels the Skills pages show are named here.
CHANNEL_LABELS: dict[str, str | Promise] = {
    "webchat": gettext_lazy("Web chat"),
    "sms": gettext_lazy("SMS"),
    "whatsapp": gettext_lazy("WhatsApp"),
    "email": gettext_lazy("Email"),
}


@store_view(Action.VIEW)
@require_GET
def skill_list(request: StoreRequest) -> HttpResponse:
    skills = skill_status_list(store=request.store)
    return render(request, "skills/list.html", {"skills": skills})


@store_view(Action.VIEW)
@require_GET
def skill_detail(request: StoreRequest, skill_id: str) -> HttpResponse:
    skill = skill_status_get(store=request.store, skill_id=skill_id)
    channels = [CHANNEL_LABELS.get(c, c) for c in skill.info.channels]
    return render(request, "skills/detail.html", {"skill": skill, "channels": channels})


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
