"""Test data made through the real models and services (DESIGN.md section 7)."""

from grassroots.blog.models import Blog


def make_blog(**fields):
    values = {
        "organisation_name": "Riverbank Rights Network",
        "organisation_url": "https://riverbank.example.org/",
        "title": "Riverbank notes",
        "tagline": "What our volunteers saw this month.",
        "language": "en",
        "time_zone": "Asia/Almaty",
    } | fields
    blog = Blog(**values)
    blog.full_clean()
    blog.save()
    return blog
