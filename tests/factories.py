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


def make_author(**fields):
    from grassroots.blog.services import author_create

    values = {"display_name": "Aigerim Sadykova"} | fields
    return author_create(**values)


def make_post(**fields):
    """A published post (unless status says otherwise) with one author."""
    from grassroots.blog.models import Post
    from grassroots.blog.services import post_create

    values = {
        "title": "Outreach week in Temirtau",
        "body": "Volunteers met forty people this week.\n\nMore next month.",
        "status": Post.Status.PUBLISHED,
    } | fields
    if "authors" not in values:
        from grassroots.blog.models import Author

        slug = f"author-{Post.objects.count()}"
        # A make_post that was refused leaves its author behind: reuse it.
        values["authors"] = [Author.objects.filter(slug=slug).first() or make_author(slug=slug)]
    return post_create(**values)


def make_staff(*roles, username=None, email="", byline=True, password=None, **fields):
    """A staff user with these roles (accounts/roles.py), and a byline linked to them.
    Without a password the login cannot be used to sign in (and costs no Argon2 hash).
    `fields` go to the user (first_name, last_name); the byline shows their full name."""
    from django.contrib.auth import get_user_model

    from grassroots.accounts.roles import role_assign

    username = username or ("-".join(roles).lower() or "staff")
    user = get_user_model().objects.create_user(
        username,
        email=email or f"{username}@staff.example",
        password=password,
        is_staff=True,
        **fields,
    )
    role_assign(user=user, roles=list(roles), actor=None)
    if byline:
        name = user.get_full_name().strip() or username.title()
        make_author(display_name=name, slug=f"byline-{username}", user=user)
    return user
