from django.urls import path

from integrations import views

app_name = "integrations"

urlpatterns = [
    path("", views.integrations_index, name="index"),
    path("customer-hub/", views.hub_settings_update_page, name="hub-update"),
    path("returns-provider/", views.returns_provider_update_page, name="returns-update"),
]
