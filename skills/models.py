"""Per-store skill configuration. A skill's Live/Unavailable status is computed, never stored."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Store, TimeStamped


class SkillConfig(TimeStamped):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="skill_configs")
    skill_id = models.CharField(_("skill"), max_length=50)
    enabled = models.BooleanField(_("enabled"), default=True)
    settings = models.JSONField(_("settings"), default=dict, blank=True)

    class Meta:
        ordering = ["skill_id"]
        constraints = [
            models.UniqueConstraint(fields=["store", "skill_id"], name="skillconfig_unique")
        ]
        verbose_name = _("skill configuration")
        verbose_name_plural = _("skill configurations")

    def __str__(self) -> str:
        return f"{self.store}: {self.skill_id}"
