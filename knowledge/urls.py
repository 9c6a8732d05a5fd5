from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.article_list_page, name="list"),
    path("new/", views.article_create_page, name="create"),
    path("<int:article_id>/", views.article_detail_page, name="detail"),
    path("<int:article_id>/edit/", views.article_edit_page, name="edit"),
]
