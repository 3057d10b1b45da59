from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from grassroots.blog import search
from grassroots.blog.models import Blog, Post
from grassroots.blog.selectors import blog_identity_forget
from grassroots.core import pagecache


@receiver([post_save, post_delete], sender=Blog)
def forget_identity(**kwargs):
    blog_identity_forget()


# Signals rather than SQL triggers: SQLite drops triggers whenever a migration remakes a table.
@receiver(post_save, sender=Post)
def index_post(instance, **kwargs):
    search.index_post(instance)


@receiver(post_delete, sender=Post)
def unindex_post(instance, **kwargs):
    search.unindex_post(instance.pk)


@receiver(pre_delete, sender=Post)
def forget_pages_of_deleted_post(**kwargs):
    # Its lists can no longer be told from its tags and authors (deleted first): drop all.
    pagecache.bump()
