from django.contrib import admin

from core.admin_base import StoreScopedAdmin
from core.roles import Action
from skills.models import SkillConfig


@admin.register(SkillConfig)
class SkillConfigAdmin(StoreScopedAdmin):
    change_action = Action.CONFIGURE_SKILLS
    list_display = ["skill_id", "store", "enabled", "updated_at"]
    list_filter = ["store", "enabled"]
