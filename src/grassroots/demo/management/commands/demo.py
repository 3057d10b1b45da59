"""`grassroots demo`: load the demo site once. Safe to run again: a site that has a blog
identity already is left exactly as it is."""

from django.core.management.base import BaseCommand
from django.db import transaction

from grassroots.blog.models import Blog
from grassroots.demo.loaders import LOADERS


class Command(BaseCommand):
    help = "Load the demo organisation, blog, authors, posts and photos if the site is empty."

    def handle(self, *args, **options):
        if Blog.objects.exists():
            self.stdout.write("The site has content already; the demo was not loaded again.")
            return
        with transaction.atomic():
            for load in LOADERS:
                load()
        self.stdout.write("Demo content loaded.")
