"""Issue 13's check, as a reader at 390 px, with and without JavaScript: an Editor translates a post
into Russian and Kazakh in the studio; a reader switches between the three versions,
follows each page's own feed, follows by email in Russian, confirms from the mail, gets
the next Russian post, leaves with a mail program's one-click POST (RFC 8058), and their
address is in no public page, feed, sitemap, search, static mirror or public export."""

import re
import zipfile
from unittest import mock

import pytest
from defusedxml import ElementTree
from django.core import mail
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from grassroots.blog.models import Post
from grassroots.followers.models import Subscriber
from tests.browser.studio import staff_context
from tests.factories import make_blog, make_post
from tests.studio.roles import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "follower-ru@example.org"
VERSIONS = {"en": "Water rights", "ru": "Право на воду", "kk": "Су құқығы"}


def run_worker():
    with mock.patch(f"{db_worker.__name__}.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def translate(page, live_server, original, language, label):
    page.goto(f"{live_server.url}/studio/posts/{original.pk}/")
    page.get_by_role("button", name=f"Translate into {label}").click()
    page.wait_for_url(lambda url: f"/studio/posts/{original.pk}/" not in url)
    page.fill("#id_title", VERSIONS[language])
    page.fill("#id_body", f"{VERSIONS[language]}: текст.")
    page.click("button[value=publish]")


def feed_titles(page, url):
    xml = page.request.get(url).text()
    root = ElementTree.fromstring(xml)
    return root.findtext("channel/language"), [i.findtext("title") for i in root.iter("item")]


def mail_link(message, path):
    return re.search(rf"https?://[^\s\"<>]+{path}[^\s\"<>]+/", message.body).group(0)


@pytest.mark.parametrize("javascript", [False, True])
def test_a_reader_reads_in_three_languages_follows_by_email_and_leaves_no_trace(
    browser, live_server, tmp_path, settings, task_queue, javascript
):
    settings.SITE_URL = live_server.url
    make_blog(language="en")
    editor = make_staff("Editor", "eddie", first_name="Eddie", email="eddie@example.org")
    original = make_post(title=VERSIONS["en"], slug="water-rights", body="We dug a well.")
    studio = staff_context(browser, live_server, editor, javascript=javascript, width=390)
    studio = studio.new_page()
    translate(studio, live_server, original, "ru", "Русский")
    translate(studio, live_server, original, "kk", "Қазақша")
    studio.context.close()
    run_worker()  # the publish mailings (nobody follows yet)

    size = {"width": 390, "height": 800}
    context = browser.new_context(java_script_enabled=javascript, viewport=size)
    reader = context.new_page()
    reader.goto(live_server.url + original.get_absolute_url())
    for language, label in [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]:
        reader.locator(".read-in").get_by_role("link", name=label).click()
        assert reader.locator("h1").inner_text() == VERSIONS[language]
        assert reader.locator("html").get_attribute("lang") == language
        # The page's own feed, from the footer link a reader follows.
        feed = reader.locator(".site-footer").get_by_role("link", name=re.compile("RSS"))
        feed_language, titles = feed_titles(reader, live_server.url + feed.get_attribute("href"))
        assert feed_language == language and titles == [VERSIONS[language]]

    # Following by email, in Russian, from a Russian page.
    reader.locator(".read-in").get_by_role("link", name="Русский").click()
    reader.locator(".site-footer").get_by_role("link", name="Подписка по почте").click()
    assert reader.locator("html").get_attribute("lang") == "ru"
    assert reader.locator("#id_language").input_value() == "ru"
    reader.fill("#id_email", EMAIL)
    reader.locator("button[type=submit]").click()
    assert context.cookies() == []
    run_worker()
    (confirmation,) = mail.outbox
    reader.goto(mail_link(confirmation, "/followers/confirm/"))
    reader.locator("main button").click()
    assert Subscriber.objects.get().language == "ru"
    mail.outbox.clear()

    with_photo = make_post(title="Новый колодец", language="ru", body="Вода есть.")
    make_post(title="Not for Russian readers", body="English only.")
    run_worker()
    (message,) = mail.outbox
    assert message.to == [EMAIL] and message.subject == "Новый колодец"
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "<img" not in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(h.startswith(live_server.url) for h in hrefs)  # nothing rewritten
    assert live_server.url + with_photo.get_absolute_url() in hrefs
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    # A mail program's one-click POST: no cookie, no form token, no Origin.
    response = reader.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200 and Subscriber.objects.count() == 0

    public = ["/", "/ru/", "/kk/", "/feed/", "/ru/feed/", "/kk/feed/atom/", "/sitemap.xml"]
    public += ["/ru/search/?q=вода", "/search/?q=follower", "/followers/"]
    public += [p.get_absolute_url() for p in Post.objects.all()]
    for path in public:
        assert EMAIL not in reader.request.get(live_server.url + path).text(), path
    call_command("export", "static", str(tmp_path / "mirror"), verbosity=0)
    call_command("export", "json", str(tmp_path / "site.json"), verbosity=0)
    with zipfile.ZipFile(tmp_path / "site.json") as archive:  # the document and its photos
        assert all(EMAIL.encode() not in archive.read(name) for name in archive.namelist())
    for file in (tmp_path / "mirror").rglob("*"):
        assert not file.is_file() or EMAIL.encode() not in file.read_bytes(), file
    context.close()
