from django.urls import path

from knowledge import views, views_search

app_name = "knowledge"

urlpatterns = [
    path("", views.article_list_page, name="list"),
    path("new/", views.article_create_page, name="create"),
    path("<int:article_id>/", views.article_detail_page, name="detail"),
    path("<int:article_id>/edit/", views.article_edit_page, name="edit"),
    path("<int:article_id>/publish/", views.article_publish_action, name="publish"),
    path("<int:article_id>/unpublish/", views.article_unpublish_action, name="unpublish"),
    path(
        "<int:article_id>/versions/<int:version>/",
        views.article_version_page,
        name="version",
    ),
    path(
        "<int:article_id>/versions/<int:version>/restore/",
        views.article_version_restore_action,
        name="version-restore",
    ),
    path("upload/", views.upload_page, name="upload"),
    path("import/", views.import_page, name="import"),
    path("import/url/", views.import_url_action, name="import-url"),
    path("import/sitemap/", views.import_sitemap_action, name="import-sitemap"),
    path(
        "import/shopify-policies/",
        views.import_shopify_policies_action,
        name="import-shopify-policies",
    ),
    path("imports/", views.import_list_page, name="imports"),
    path("search/", views_search.search_tester_page, name="search"),
    path("conflicts/", views_search.conflict_list_page, name="conflicts"),
]
