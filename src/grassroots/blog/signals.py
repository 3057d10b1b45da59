from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from grassroots.blog import search_index
from grassroots.blog.models import Blog, Post
from grassroots.blog.selectors import blog_identity_forget
from grassroots.core import pagecache


@receiver([post_save, post_delete], sender=Blog)
def forget_identity(**kwargs):
    blog_identity_forget()


@receiver(pre_save, sender=Blog)
def note_language_change(instance, update_fields=None, raw=False, **kwargs):
    # Only a save that may change the language pays a query (the menu saves often).
    if raw or not instance.pk or (update_fields is not None and "language" not in update_fields):
        return
    before = Blog.objects.filter(pk=instance.pk).values_list("language", flat=True).first()
    instance._search_language_changed = before is not None and before != instance.language


@receiver(post_save, sender=Blog)
def reindex_posts_in_blog_language(instance, **kwargs):
    # Posts without a language of their own are read in the blog's: stem them anew.
    if getattr(instance, "_search_language_changed", False):
        search_index.reindex_blog_language(instance.language)
        instance._search_language_changed = False


SEARCHED = {"title", "body_text", "language"}


# Signals rather than SQL triggers: SQLite drops triggers whenever a migration remakes a table.
@receiver(post_save, sender=Post)
def index_post(instance, update_fields=None, **kwargs):
    if update_fields is None or SEARCHED.intersection(update_fields):
        search_index.index_post(instance)


@receiver(post_delete, sender=Post)
def unindex_post(instance, **kwargs):
    search_index.unindex_post(instance.pk)


@receiver(pre_delete, sender=Post)
def forget_pages_of_deleted_post(**kwargs):
    # Its lists can no longer be told from its tags and authors (deleted first): drop all.
    pagecache.bump()
