"""Independent checkers on every page type, as reviewers run them: axe-core (WCAG 2.2 A/AA
and best practice) at 1280 and 390 px in light and dark colour schemes, and the Nu Html
Checker (vnu.jar on Debian's headless Java) on the HTML each page sends. Any violation or
error fails. Both come from package-lock.json (`python3 tools/dev.py setup` installs them).

To add a page type, add one line to PUBLIC_PAGES or STAFF_PAGES: a name and a function of
the demo site (`Site`) that returns the path to open, or a `Visit` that gets there by
clicking (a form sent with mistakes) and returns the navigation's response."""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.axe import AXE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")
# A page with a photo without alt text and an unclosed element: both checkers must object.
CANARY = {"canary": b'<!doctype html><html lang="en"><title>x</title><img src="x.png"><p><b></p>'}


@dataclass
class Site:
    """The demo content plus the few objects a page type needs."""

    post: object  # the demo photo story, with comments
    translation: object  # its translation into Kazakh (or Russian)
    plain: object  # a post without photos or comments
    comment: object
    tag: object
    author: object


@dataclass
class Visit:
    """A page reached by acting on another one; `act(page, base, site)` returns the
    response whose HTML the Nu Html Checker reads."""

    act: object


def _submit(page, button):
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button).click()
    return navigation.value


def _comment_with_mistakes(page, base, site):
    page.goto(base + site.post.get_absolute_url())
    page.get_by_label("Email", exact=True).fill("not an address")
    return _submit(page, "Post comment")


def _privacy_with_mistakes(page, base, site):
    page.goto(base + "/comments/privacy/")
    return _submit(page, "Mail me the link")


def _privacy_confirm(site):
    from grassroots.comments import services

    return services.privacy_link_create(email_key=site.comment.email_key, action="erase")


def _follow_with_mistakes(page, base, site):
    page.goto(base + "/followers/")
    page.get_by_label("Your email").fill("not an address")
    return _submit(page, "Follow")


def _follow(page, base, site):
    page.goto(base + "/followers/")
    page.get_by_label("Your email").fill("checker@example.org")
    return _submit(page, "Follow")


def _follow_confirm(site):
    from grassroots.followers import tokens

    token = tokens.confirm_token(email="a@example.org", language="en", frequency="each")
    return f"/followers/confirm/{token}/"


def _unfollow(site):
    from grassroots.followers import services, tokens

    follower = services.subscriber_confirm(email="b@example.org", language="en", frequency="each")
    return f"/followers/unsubscribe/{tokens.unsubscribe_token(follower)}/"


PUBLIC_PAGES = [
    ("home", lambda site: "/"),
    ("all posts", lambda site: "/posts/"),
    ("photo story", lambda site: site.post.get_absolute_url()),
    ("plain post", lambda site: site.plain.get_absolute_url()),
    ("translated post", lambda site: site.translation.get_absolute_url()),
    ("home in one language", lambda site: f"/{site.translation.language}/"),
    ("year archive", lambda site: f"/{site.post.published_at:%Y}/"),
    ("month archive", lambda site: f"/{site.post.published_at:%Y/%m}/"),
    ("tag", lambda site: site.tag.get_absolute_url()),
    ("author", lambda site: site.author.get_absolute_url()),
    ("search form", lambda site: "/search/"),
    ("search results", lambda site: "/search/?q=volunteers"),
    ("search without results", lambda site: "/search/?q=zzzzqqq"),
    ("not found", lambda site: "/no-such-page/"),
    ("comment with mistakes", Visit(_comment_with_mistakes)),
    ("reply form", lambda site: f"/comments/{site.comment.pk}/reply/"),
    ("privacy request", lambda site: "/comments/privacy/"),
    ("privacy request with mistakes", Visit(_privacy_with_mistakes)),
    ("privacy confirm", _privacy_confirm),
    ("privacy link broken", lambda site: "/comments/privacy/broken/"),
    ("follow by email", lambda site: "/followers/"),
    ("follow with mistakes", Visit(_follow_with_mistakes)),
    ("follow: check your mail", Visit(_follow)),
    ("follow: confirm", _follow_confirm),
    ("follow: link broken", lambda site: "/followers/confirm/broken/"),
    ("unfollow", _unfollow),
]


def _followers_list(site):
    from grassroots.followers import services

    services.subscriber_confirm(email="c@example.org", language="kk", frequency="weekly")
    return "/followers/list/"


# Studio pages, opened by a signed-in Administrator.
STAFF_PAGES = [
    ("studio home", lambda site: "/studio/"),
    ("followers list", _followers_list),
]


def _checkers_or_skip():
    missing = [str(p) for p in (AXE, VNU) if not p.exists()]
    if not shutil.which("java"):
        missing.append("java (apt-get install default-jre-headless)")
    if missing:
        message = f"PAGE CHECKERS SKIPPED: missing {', '.join(missing)} (tools/dev.py setup)"
        if os.environ.get("GRASSROOTS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _site():
    from grassroots.blog.models import Author, Blog, Post, Tag
    from grassroots.comments.models import Comment
    from tests.factories import make_post

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    Blog.objects.update(quick_exit=True)  # every page is checked with the button on it
    story = Post.objects.exclude(cover=None).filter(comments__status="approved").first()
    return Site(
        post=story,
        translation=make_post(
            title="Аударма",
            body="Мәтін.",
            language="kk" if story.content_language != "kk" else "ru",
            translation_of=story,
        ),
        plain=make_post(title="A short note", body="Just words."),
        comment=Comment.objects.filter(post=story, status="approved").first(),
        tag=Tag.objects.filter(posts__isnull=False).first(),
        author=Author.objects.first(),
    )


def _open(page, base, site, target):
    if isinstance(target, Visit):
        return target.act(page, base, site)
    return page.goto(base + target(site))


def _check_pages(browser, base, site, pages, *, cookies=()):
    """Opens each page once, runs axe in every width and scheme, keeps its HTML."""
    context = browser.new_context(bypass_csp=True)
    context.add_cookies(list(cookies))
    page = context.new_page()
    problems, documents = [], {}
    try:
        for name, target in pages:
            response = _open(page, base, site, target)
            documents[name] = response.body()
            for width in WIDTHS:
                for scheme in SCHEMES:
                    page.set_viewport_size({"width": width, "height": 900})
                    page.emulate_media(color_scheme=scheme)
                    for violation in axe_violations(page):
                        problems.append(f"{name} at {width}px {scheme}: {violation}")
    finally:
        context.close()
    return problems, documents


def _vnu(documents, folder):
    """The Nu Html Checker's errors on each page's HTML as served; one Java start for all."""
    files = {}
    for index, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{index}.html"
        path.write_bytes(html)
        files[str(path.resolve())] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def _staff_cookie(live_server):
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin = get_user_model().objects.create_superuser("checker", "", "x" * 20)
    client = Client()
    client.force_login(admin)
    session = client.cookies["sessionid"]
    return {"name": "sessionid", "value": session.value, "url": live_server.url}


def test_every_page_type_passes_axe_and_the_nu_html_checker(
    browser, live_server, settings, tmp_path
):
    _checkers_or_skip()
    settings.GRASSROOTS_COMMENT_MIN_SECONDS = 0
    site = _site()
    problems, documents = _check_pages(browser, live_server.url, site, PUBLIC_PAGES)
    staff_problems, staff_documents = _check_pages(
        browser, live_server.url, site, STAFF_PAGES, cookies=[_staff_cookie(live_server)]
    )
    problems += staff_problems + _vnu({**documents, **staff_documents, **CANARY}, tmp_path)
    # The checkers really ran: the known-bad canary is caught by both, and nothing else is.
    assert [p for p in problems if p.startswith("canary")] != [], "vnu found nothing at all"
    problems = [p for p in problems if not p.startswith("canary")]
    assert not problems, "\n".join(problems)


def test_axe_finds_a_known_violation(browser):
    _checkers_or_skip()
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content(CANARY["canary"].decode())
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    context.close()
