"""Django admin that obeys the same role rules as the dashboard and the API.

Superusers (operators) see everything. Any other staff user sees only the rows of stores they
are a member of, and may add/change/delete only where ``core.roles.role_can`` allows the
model's ``change_action`` for their role in that row's store. Mirror models (Shopify data,
messages, the outbox) set ``change_action = None``: read-only for everyone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from core.models import Membership, Store
from core.roles import Action, role_can


def _roles_by_store(request: HttpRequest) -> dict[int, str]:
    cached: dict[int, str] | None = getattr(request, "_store_roles", None)
    if cached is None:
        cached = dict(
            Membership.objects.filter(user_id=int(request.user.pk or 0)).values_list(
                "store_id", "role"
            )
        )
        request._store_roles = cached  # type: ignore[attr-defined]
    return cached


class StoreScopedAdmin(admin.ModelAdmin):
    #: ORM path from the model to its Store ("store", "membership__store", or "pk" for Store).
    store_path: str = "store"
    #: The action a member needs to add/change/delete rows; None = read-only for members.
    change_action: Action | None = None
    #: Superusers may still delete read-only rows (e.g. to honour a data-deletion request).
    superuser_can_delete: bool = True

    def _store_id_of(self, obj: Model) -> int:
        value: Any = obj
        for part in self.store_path.split("__"):
            value = value.pk if part == "pk" else getattr(value, part)
        return int(value.pk if isinstance(value, Store) else value)

    def _allowed(self, request: HttpRequest, action: Action | None, obj: Model | None) -> bool:
        if action is None:
            return False
        roles = _roles_by_store(request)
        if obj is None:
            return any(role_can(role, action) for role in roles.values())
        return role_can(roles.get(self._store_id_of(obj)), action)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.store_path}__in": list(_roles_by_store(request))})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or _roles_by_store(request))

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if request.user.is_superuser:
            return True
        return self._allowed(request, Action.VIEW, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if self.change_action is None:
            return False
        return bool(request.user.is_superuser or self._allowed(request, self.change_action, None))

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self.change_action is None:
            return False
        if request.user.is_superuser:
            return True
        return self._allowed(request, self.change_action, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if request.user.is_superuser:
            return self.superuser_can_delete or self.change_action is not None
        return self._allowed(request, self.change_action, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A member may only attach new rows to stores where their role allows the change.
        if db_field.related_model is Store and not request.user.is_superuser:
            roles = _roles_by_store(request)
            allowed = [
                sid
                for sid, role in roles.items()
                if self.change_action is not None and role_can(role, self.change_action)
            ]
            kwargs["queryset"] = Store.objects.filter(pk__in=allowed)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyMirrorAdmin(StoreScopedAdmin):
    """Rows mirrored from outside (Shopify) or written by the system: shown, never edited."""

    change_action = None

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]
