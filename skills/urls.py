from django.urls import path

from skills import views

app_name = "skills"

urlpatterns = [
    path("", views.skill_list, name="list"),
    path("<slug:skill_id>/", views.skill_detail, name="detail"),
    path("<slug:skill_id>/enabled/", views.skill_enabled_update, name="update"),
    path("<slug:skill_id>/settings/", views.skill_settings_update, name="settings-update"),
]
