from django.contrib import admin

from core.admin_base import ReadOnlyMirrorAdmin, StoreScopedAdmin
from core.roles import Action
from knowledge.models import Article, Chunk


@admin.register(Article)
class ArticleAdmin(StoreScopedAdmin):
    change_action = Action.EDIT_CONTENT
    list_display = ["title", "store", "language", "status", "source", "updated_at"]
    list_filter = ["store", "language", "status", "source"]
    search_fields = ["title", "body"]
    readonly_fields = ["version", "published_at"]


@admin.register(Chunk)
class ChunkAdmin(ReadOnlyMirrorAdmin):
    list_display = ["__str__", "store", "language", "position"]
    list_filter = ["store", "language"]
