"""Demo comments, written for the demo by us, made through the comments services: a short
threaded conversation on "a-day-in-the-park" and a few comments elsewhere."""

from datetime import timedelta

from django.db.models import Q

from grassroots.blog.models import Post
from grassroots.comments import services

# Keyed by post slug, or by title where the slug is not known in advance.
CONVERSATIONS = {
    "a-day-in-the-park": [
        (
            "Dana",
            "It takes courage to stand in a park and simply say who you are. "
            "Thank you to everyone who came, and to the volunteers who kept it safe.",
            [
                (
                    "Marat K.",
                    "Agreed. I walked past that afternoon and stopped to talk. "
                    "Nobody shouted, people just asked questions.",
                    [("Dana", "That is the best news I heard this week.", [])],
                ),
            ],
        ),
        (
            "Olga from Karaganda",
            "Could you write about how you prepared the safety plan? Our group wants to try "
            "something similar next spring. The checklist at https://example.org/safety "
            "helped us a little already.",
            [],
        ),
    ],
    "why-we-fund-small-groups-first": [
        (
            "Yerlan",
            "Small grants got our clinic its first printer. It matters more than you think.",
            [],
        ),
    ],
    "Встреча волонтёров в Алматы": [
        ("Айгуль", "Спасибо за встречу! Было тепло и по-настоящему полезно.", []),
    ],
}


def _add(post, entries, parent, start, counter):
    for name, body, replies in entries:
        counter[0] += 1
        email = f"demo-commenter-{counter[0]}@example.org"
        comment = services.comment_import(
            post=post,
            name=name,
            email=email,
            body=body,
            parent=parent,
            created_at=start + timedelta(hours=3 * counter[0]),
        )
        _add(post, replies, comment, start, counter)


def load():
    counter = [0]
    for key, entries in CONVERSATIONS.items():
        post = Post.objects.public().filter(Q(slug=key) | Q(title=key)).first()
        if post is None:
            continue  # the post is not in this demo: nothing to comment on
        _add(post, entries, None, post.published_at + timedelta(hours=2), counter)
