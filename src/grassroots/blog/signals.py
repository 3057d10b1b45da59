from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from grassroots.blog.models import Blog
from grassroots.blog.selectors import blog_identity_forget


@receiver([post_save, post_delete], sender=Blog)
def forget_identity(**kwargs):
    blog_identity_forget()
