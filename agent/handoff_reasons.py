"""A handoff's reason in words, for the dashboard.

``Handoff.reason`` is a machine code (analytics group on it): ``shopper_asked``,
``out_of_scope``, ``no_answer`` and ``prerequisite_missing:<code>`` from the handoff skill
(``skills.handoff``); ``unavailable:<skill>`` and ``error:<skill>`` from the engine; a skill's
own codes (``order_edit_hub_not_active``, ``returns_limited_mode``, ...); or a bare skill id
when a skill's reply asked for a person. A reason not known here is shown as it is.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from skills.registry import skill_info
from skills.status import LABELS, PrerequisiteCode

REASONS: dict[str, str | Promise] = {
    "shopper_asked": _("The shopper asked for a person."),
    "out_of_scope": _("The request is outside what the agent handles."),
    "no_answer": _("Your content did not answer the question."),
    "order_edit_hub_not_active": _(
        "Order editing needs the Customer Hub, and the Customer Hub is not active."
    ),
    "order_edit_hub_link_failed": _("Order editing could not make the Customer Hub link."),
    "returns_limited_mode": _(
        "Returns run in limited mode (no Customer Hub or returns provider) and the shopper "
        "asked about their own order."
    ),
    "returns_hub_link_failed": _("Returns could not make the Customer Hub link."),
}


def _skill_name(skill_id: str) -> str:
    try:
        return str(skill_info(skill_id).name)
    except KeyError:
        return skill_id


def handoff_reason_text(reason: str) -> str:
    """``reason`` in words in the active language (see the module doc)."""
    known = REASONS.get(reason)
    if known is not None:
        return str(known)
    kind, sep, code = reason.partition(":")
    if sep and code:
        if kind == "prerequisite_missing":
            try:
                label = str(LABELS[PrerequisiteCode(code)])
            except ValueError:
                label = code
            return gettext("A prerequisite is missing: %(prerequisite)s.") % {"prerequisite": label}
        if kind == "unavailable":
            return gettext("%(skill)s is off or unavailable.") % {"skill": _skill_name(code)}
        if kind == "error":
            return gettext("%(skill)s ran into an error.") % {"skill": _skill_name(code)}
    try:
        name = skill_info(reason).name
    except KeyError:
        return reason
    return gettext("%(skill)s passed the conversation on to a person.") % {"skill": name}
