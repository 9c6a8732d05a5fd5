from django.contrib import admin

from core.admin_base import ReadOnlyMirrorAdmin, StoreScopedAdmin
from core.roles import Action
from integrations.shopify.models import Customer, Fulfillment, LineItem, Order, ShopifyConnection


@admin.register(ShopifyConnection)
class ShopifyConnectionAdmin(StoreScopedAdmin):
    change_action = Action.CONFIGURE_INTEGRATIONS
    list_display = ["store", "shop_domain", "status", "last_sync_at"]
    list_filter = ["status"]
    # The access token is never shown; it is set through the dashboard's connect flow.
    exclude = ["access_token", "sync_cursor"]
    readonly_fields = ["connected_at", "last_sync_at", "last_error"]


class LineItemInline(admin.TabularInline):
    model = LineItem
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "title",
        "variant_title",
        "sku",
        "quantity",
        "current_quantity",
        "unfulfilled_quantity",
        "product_tags",
    )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Customer)
class CustomerAdmin(ReadOnlyMirrorAdmin):
    list_display = ["__str__", "store", "phone", "locale"]
    search_fields = ["email", "phone", "first_name", "last_name"]
    list_filter = ["store"]


@admin.register(Order)
class OrderAdmin(ReadOnlyMirrorAdmin):
    list_display = [
        "name",
        "store",
        "customer",
        "display_fulfillment_status",
        "display_financial_status",
        "return_status",
        "shop_created_at",
    ]
    list_filter = ["store", "display_fulfillment_status", "return_status"]
    search_fields = ["name", "email"]
    inlines = [LineItemInline]


@admin.register(Fulfillment)
class FulfillmentAdmin(ReadOnlyMirrorAdmin):
    list_display = ["order", "store", "status", "display_status", "delivered_at"]
    list_filter = ["store", "display_status"]
