from django.contrib import admin

from core.admin_base import StoreScopedAdmin
from core.models import ApiToken, Membership, Store
from core.roles import Action


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Store)
class StoreAdmin(StoreScopedAdmin):
    store_path = "pk"
    change_action = Action.MANAGE_STORE
    list_display = ["name", "slug", "shop_domain", "default_language", "agent_enabled"]
    search_fields = ["name", "slug", "shop_domain"]
    list_filter = ["default_language", "agent_enabled"]

    def has_add_permission(self, request, *args):
        # New tenants are created by operators, not by members of another store.
        return bool(request.user.is_superuser)


@admin.register(Membership)
class MembershipAdmin(StoreScopedAdmin):
    change_action = Action.MANAGE_MEMBERS
    list_display = ["user", "store", "role", "created_at"]
    list_filter = ["role", "store"]
    search_fields = ["user__username", "user__email", "store__name"]
    autocomplete_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(StoreScopedAdmin):
    store_path = "membership__store"
    change_action = Action.MANAGE_MEMBERS
    list_display = ["name", "prefix", "membership", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "last_used_at", "created_at"]
    fields = ["membership", "name", "prefix", "key_hash", "last_used_at", "revoked_at"]

    def has_add_permission(self, request, *args):
        # The plain key is shown once by `manage.py api_token_create`; the admin cannot show it.
        return False
