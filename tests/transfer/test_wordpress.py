"""`grassroots import wordpress` on our WXR fixture: what arrives, in what state, safely."""

from datetime import UTC, datetime

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image

from grassroots.blog.models import Page, Post, Tag
from grassroots.comments import guard
from grassroots.comments.models import Comment
from grassroots.photos import inspection
from grassroots.photos.models import Photo
from grassroots.transfer.models import ImportedItem
from tests.factories import make_blog, make_post
from tests.transfer import wxr_fixture
from tests.transfer.importing import run_import, snapshot, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(tmp_path):
    make_blog(time_zone="Asia/Almaty")
    uploads = wxr_fixture.make_uploads(tmp_path / "uploads")
    return write_export(tmp_path), uploads


def test_every_post_arrives_once_in_the_state_it_had(site, tmp_path):
    export, uploads = site
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))

    posts = {p.title: p for p in Post.objects.all()}
    assert sorted(posts) == sorted([
        "Outreach & listening week", "Blocks and quotes", "Субботник у реки", "A draft",
        "Private notes", "Waiting for review", "Members only", "Весенний отчёт",
        "Photo without words",
    ])  # fmt: skip
    assert posts["Outreach & listening week"].is_public
    assert posts["Outreach & listening week"].published_at == datetime(2019, 5, 3, 8, tzinfo=UTC)
    assert posts["Весенний отчёт"].slug == "otchet"
    scheduled = posts["Субботник у реки"]
    assert scheduled.state == "scheduled" and scheduled.published_at.year == 2031
    for title in ("A draft", "Private notes", "Waiting for review", "Members only"):
        assert posts[title].status == Post.Status.DRAFT, title
    assert report["counts"]["post"]["imported"] == 9
    assert report["skipped"]["post"] == {"in the trash": 1, "an unsaved automatic draft": 1}
    assert report["skipped"]["revision"] and report["skipped"]["nav_menu_item"]
    assert report["counts"]["post"]["as draft: was private"] == 1
    assert report["counts"]["post"]["as draft: was password-protected"] == 1
    assert report["counts"]["post"]["was sticky (Grassroots has no sticky posts)"] == 1
    assert report["counts"]["page"] == {"imported": 1}
    assert not any("draft posts" in line for line in report["notes"])
    first = posts["Outreach & listening week"]
    assert (
        first.excerpt
        == "Volunteers met forty people & listened. This line follows a single newline."
    )
    assert [a.display_name for a in first.authors.all()] == ["Айгерим Садыкова"]


EXTRA_PAGES = "".join([
    wxr_fixture.item(40, "Contact", kind="page", status="draft", name="contact", content="Soon."),
    wxr_fixture.item(41, "Board", kind="page", status="private", name="board", content="Us."),
    wxr_fixture.item(42, "Search tips", kind="page", name="search", content="Use words.",
                     link=f"{wxr_fixture.SITE}/search/"),
    wxr_fixture.item(43, "Donate", kind="page", name="donate", content="Give.",
                     link=f"{wxr_fixture.SITE}/donate/"),
])  # fmt: skip


def test_pages_become_pages_once_in_the_state_they_had(tmp_path):
    from grassroots.blog.pages import page_create

    make_blog(time_zone="Asia/Almaty")
    page_create(title="Donate now", slug="donate", status=Page.Status.PUBLISHED)
    export = write_export(tmp_path, extra_items=EXTRA_PAGES)
    report = run_import("wordpress", export, tmp_path)
    pages = {p.title: p for p in Page.objects.exclude(title="Donate now")}
    assert sorted(pages) == ["About us", "Board", "Contact", "Donate", "Search tips"]
    assert not Post.objects.filter(title__in=pages).exists()
    about = pages["About us"]
    assert (about.slug, about.status) == ("about", "published")
    assert about.body.strip() == "We are a network."
    assert pages["Contact"].status == pages["Board"].status == Page.Status.DRAFT
    assert pages["Contact"].slug == "contact"
    # An address the site uses, or another page's, is not taken over: a free one, reported.
    assert pages["Search tips"].slug not in {"search", ""}
    assert pages["Donate"].slug == "donate-2"
    assert any("/search/" in line and pages["Search tips"].slug in line for line in report["notes"])
    assert any("/donate/" in line and "/donate-2/" in line for line in report["notes"])
    assert report["counts"]["page"]["imported"] == 5
    # A second run finds every page through its ImportedItem and changes nothing.
    before = list(Page.objects.order_by("pk").values_list("pk", "slug", "version"))
    again = run_import("wordpress", export, tmp_path)
    assert list(Page.objects.order_by("pk").values_list("pk", "slug", "version")) == before
    assert again["counts"]["page"] == {"unchanged": 5}
    assert ImportedItem.objects.filter(kind="page").count() == 5


def test_a_page_kept_as_a_draft_post_by_an_earlier_version_becomes_a_page(site, tmp_path):
    from django.contrib.contenttypes.models import ContentType

    from grassroots.blog.pages import page_delete

    export, uploads = site
    run_import("wordpress", export, tmp_path, "--media", str(uploads))
    old = make_post(title="About us", body="We are a network.", status=Post.Status.DRAFT)
    mapping = ImportedItem.objects.filter(kind="page", source_id="20")
    page_delete(page=mapping.get().target)
    mapping.update(content_type=ContentType.objects.get_for_model(Post), object_id=old.pk)
    run_import("wordpress", export, tmp_path, "--media", str(uploads))
    page = Page.objects.get(title="About us")
    assert ImportedItem.objects.get(kind="page", source_id="20").target == page
    assert page.is_public and Post.objects.filter(pk=old.pk).exists()
    # A page deleted here after the import is not brought back.
    page_delete(page=page)
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    assert not Page.objects.exists()
    assert report["skipped"]["page"] == {"deleted here after an earlier import": 1}


def test_categories_and_tags_become_tags_and_the_report_says_so(site, tmp_path):
    export, uploads = site
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    assert set(Tag.objects.values_list("name", flat=True)) == {
        "Новости",
        "Reports",
        "flood",
        "ремонт",
    }
    first = Post.objects.get(slug="outreach-week")
    assert set(first.tags.values_list("name", flat=True)) == {"Новости", "Reports", "flood"}
    assert report["categories_became_tags"] == 2


def test_content_is_converted_and_nothing_unsafe_survives(site, tmp_path):
    export, uploads = site
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    classic = Post.objects.get(slug="outreach-week")
    for unsafe in (
        "<script",
        "owned",
        "javascript:",
        "onclick",
        "style=",
        "<iframe",
        '<img src="https://tracker',
    ):
        assert unsafe not in classic.body_html, unsafe
    # The iframe and the outside image became plain links: public pages load nothing else.
    assert '<a href="https://www.youtube.com/embed/abc123"' in classic.body_html
    assert '<img src="https://' not in classic.body_html
    # [caption] -> a photo figure with its caption; [gallery] -> our gallery
    march = Photo.objects.get(alt_text="People marching along the river")
    assert f'![](photo:{march.pk} "The march along the river")' in classic.body
    assert "<figcaption>The march along the river</figcaption>" in classic.body_html
    assert "```gallery" in classic.body and 'class="photo-gallery"' in classic.body_html
    assert classic.cover == march
    # an unknown shortcode stays visible and is listed
    assert '[contact-form-7 id="5" title="Contact"]' in classic.body_html
    assert report["unknown_shortcodes"] == {"contact-form-7": 1}
    # links to the old site point here now
    assert '<a href="/2019/05/04/blocks-and-quotes/"' in classic.body_html
    assert report["rewritten_links"] >= 2

    blocks = Post.objects.get(slug="blocks-and-quotes")
    river = Photo.objects.get(alt_text="The river in flood")  # the post's alt filled it in
    assert f'![The river in flood](photo:{river.pk} "The river in May")' in blocks.body
    assert blocks.body_html.count('<figure class="quote">') == 2
    assert "<figcaption>— Aigerim</figcaption>" in blocks.body_html
    assert '<a href="https://www.youtube.com/watch?v=xyz"' in blocks.body_html
    assert "<!--" not in blocks.body and "wp:" not in blocks.body
    # a link to a post imported before it leads straight to the new permalink
    assert "[first post](/2019/05/03/outreach-week/)" in blocks.body
    assert any("wp:latest-posts" in line for line in report["notes"])


def test_photos_lose_their_metadata_and_missing_media_is_reported(site, tmp_path):
    export, uploads = site
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    march = Photo.objects.get(alt_text="People marching along the river")
    for name in march.stored_names():
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        assert inspection.metadata_problems(data) == [], name
    with default_storage.open(march.image.name, "rb") as stored:
        assert not Image.open(stored).getexif()
    assert Photo.objects.count() == 6  # march, river, two gallery photos, dam, IMG_0001
    missing = "\n".join(report["missing_media"])
    assert "gone.jpg" in missing and "broken.jpg" in missing
    assert report["skipped"]["attachment"] == {
        "media file missing": 1,
        "not an image (only photos are imported)": 1,
        "refused by the photo checks": 1,
    }
    lost = Post.objects.get(slug="outreach-week").body_html
    assert '<a href="https://old.example.org/wp-content/uploads/2019/05/gone.jpg"' in lost


def test_without_media_every_photo_is_reported_missing_and_posts_still_arrive(site, tmp_path):
    export, _uploads = site
    report = run_import("wordpress", export, tmp_path)
    assert Photo.objects.count() == 0
    assert Post.objects.filter(slug="outreach-week", status="published").exists()
    assert "2019/05/march.jpg: no --media folder given" in report["missing_media"]


def test_comments_keep_threads_and_status_and_drop_network_traces(site, tmp_path):
    export, uploads = site
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    post = Post.objects.get(slug="outreach-week")
    by_body = {c.body: c for c in Comment.objects.filter(post=post)}
    assert set(by_body) == {
        "First!\n\nSecond paragraph bold.", "A reply", "A reply to the reply",
        "Please approve me", "Buy pills", "Still within retention",
    }  # fmt: skip
    assert by_body["A reply"].parent == by_body["First!\n\nSecond paragraph bold."]
    assert by_body["A reply to the reply"].parent == by_body["A reply"]
    assert by_body["A reply"].name == "Tom & Jerry"
    assert by_body["Please approve me"].status == Comment.Status.PENDING
    assert by_body["Buy pills"].status == Comment.Status.SPAM
    assert post.comment_count == 4
    # Emails under the retention rules: a 2019 email is gone (its keyed hash stays for the
    # commenter's data requests); a recent one is kept.
    old = by_body["A reply"]
    assert old.email == "" and old.email_key == guard.email_key("tom@example.org")
    assert by_body["Still within retention"].email == "recent@example.org"
    for comment in Comment.objects.all():
        values = " ".join(str(getattr(comment, f.attname)) for f in Comment._meta.fields)
        assert "203.0.113" not in values and "SecretBrowser" not in values
        assert comment.network == ""
    assert report["skipped"]["comment"] == {
        "pingbacks and trackbacks are not imported": 2,
        "in the trash": 1,
        "its post was not imported": 1,
    }
    dumped = (tmp_path / "report-0.json").read_text()
    assert "203.0.113" not in dumped and "@example.org" not in dumped


def test_a_second_run_changes_nothing(site, tmp_path):
    export, uploads = site
    run_import("wordpress", export, tmp_path, "--media", str(uploads))
    before = snapshot()
    bodies = dict(Post.objects.values_list("slug", "body_html"))
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    assert snapshot() == before
    assert dict(Post.objects.values_list("slug", "body_html")) == bodies
    assert report["counts"]["post"] == {"unchanged": 9, "skipped": 2}
    assert report["counts"]["comment"]["unchanged"] == 6
    assert "imported" not in report["counts"]["comment"]
    # Nothing was converted this time, so nothing is counted as converted.
    assert report["rewritten_links"] == 0 and report["unknown_shortcodes"] == {}
    assert not any("wp:latest-posts" in line for line in report["notes"])


def test_a_changed_export_updates_the_post_but_keeps_local_edits(site, tmp_path):
    from grassroots.blog.services import post_update

    export, uploads = site
    run_import("wordpress", export, tmp_path, "--media", str(uploads))
    edited = Post.objects.get(slug="blocks-and-quotes")
    post_update(post=edited, title="Edited here")
    changed = (
        export.read_bytes()
        .replace(b"Not yet.", b"Not yet, but soon.")
        .replace(b"Block editor text", b"Changed block text")
    )
    export.write_bytes(changed)
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    assert report["counts"]["post"]["updated"] == 1
    assert "Not yet, but soon." in Post.objects.get(title="A draft").body
    kept = Post.objects.get(pk=edited.pk)
    assert kept.title == "Edited here" and "Changed block text" not in kept.body
    assert report["counts"]["post"]["kept: changed here since the last import"] == 1


def test_dry_run_reports_and_writes_nothing(site, tmp_path):
    export, uploads = site
    before = snapshot()
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads), "--dry-run")
    assert snapshot() == before
    assert report["dry_run"] is True
    assert report["counts"]["post"]["imported"] == 9
    assert report["counts"]["comment"]["imported"] == 6


def test_staff_logins_only_with_create_staff(site, tmp_path):
    from django.contrib.auth import get_user_model

    export, _uploads = site
    run_import("wordpress", export, tmp_path)
    assert not get_user_model().objects.exists()
    assert ImportedItem.objects.filter(kind="author").count() == 1


def test_create_staff_makes_a_login_without_a_password(site, tmp_path):
    from django.contrib.auth import get_user_model

    export, _uploads = site
    run_import("wordpress", export, tmp_path, "--create-staff")
    user = get_user_model().objects.get(username="aigerim")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert user.author.display_name == "Айгерим Садыкова"


@pytest.mark.parametrize("encoding", ["windows-1251", "KOI8-R"])
def test_files_declared_in_other_encodings_read_the_same(tmp_path, encoding):
    make_blog(time_zone="Asia/Almaty")
    export = write_export(tmp_path, encoding=encoding)
    run_import("wordpress", export, tmp_path)
    assert Post.objects.filter(title="Весенний отчёт").exists()
    assert Post.objects.filter(title="Субботник у реки").exists()  # a numeric reference
    assert Tag.objects.filter(name="Новости").exists()


def test_control_characters_from_word_processors_are_dropped(site, tmp_path):
    export, _uploads = site
    run_import("wordpress", export, tmp_path)
    post = Post.objects.get(title="Весенний отчёт")
    assert "весне.A vertical tab" in post.body and "\x0b" not in post.body


def test_not_a_wordpress_file_is_refused_with_one_sentence(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hi</note></notes>")
    with pytest.raises(CommandError, match="does not look like a WordPress export"):
        call_command("import", "wordpress", str(path))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import", "wordpress", str(tmp_path / "nowhere.xml"))


def test_a_broken_file_is_refused_without_a_traceback(tmp_path):
    make_blog()
    whole = wxr_fixture.build()
    path = tmp_path / "cut.xml"
    path.write_bytes(whole[: len(whole) // 2] + b"<<<")
    with pytest.raises(CommandError, match="cannot be read: not well-formed XML"):
        call_command("import", "wordpress", str(path), "--report", str(tmp_path / "r.json"))


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&c;</title></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&secret;</title></channel></rss>"""


@pytest.mark.parametrize("payload", [BOMB, XXE], ids=["entity-expansion", "external-entity"])
def test_entity_tricks_are_refused(tmp_path, payload):
    path = tmp_path / "evil.xml"
    path.write_bytes(payload)
    with pytest.raises(CommandError, match="refused as unsafe XML"):
        call_command("import", "wordpress", str(path), "--report", str(tmp_path / "r.json"))
    assert not Post.objects.exists()


def test_report_is_saved_in_the_data_dir_by_default(site, settings, tmp_path, capsys):
    export, _uploads = site
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    call_command("import", "wordpress", str(export))
    saved = list((tmp_path / "data" / "reports").glob("import-wordpress-*.json"))
    assert len(saved) == 1
    out = capsys.readouterr().out
    assert "imported 9" in out and str(saved[0]) in out
    assert timezone.now()


def test_the_report_speaks_the_operators_language(site, tmp_path, capsys):
    from django.utils import translation

    export, _uploads = site
    with translation.override("ru"):
        run_import("wordpress", export, tmp_path, "--dry-run")
    out = capsys.readouterr().out
    assert "Пробный запуск: ничего не записано." in out
    assert "пингбэки и трекбэки не импортируются" in out


def test_wordpress_com_exports_find_their_files_in_the_media_folder(tmp_path):
    make_blog()
    uploads = wxr_fixture.make_uploads(tmp_path / "uploads")
    export = tmp_path / "wpcom.xml"
    export.write_bytes(
        wxr_fixture.build().replace(
            b"https://old.example.org/wp-content/uploads", b"https://riverbank.files.wordpress.com"
        )
    )
    run_import("wordpress", export, tmp_path, "--media", str(uploads))
    assert Photo.objects.count() == 6
    body = Post.objects.get(slug="outreach-week").body
    assert "files.wordpress.com/2019/05/march" not in body and "photo:" in body


def test_photos_without_alt_text_borrow_a_caption_or_title_or_hold_the_post(site, tmp_path):
    export, uploads = site
    report = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    dam = Photo.objects.get(alt_text="Sandbags at the dam")  # a real title, not a file name
    spring = Post.objects.get(title="Весенний отчёт")
    assert spring.is_public and f"photo:{dam.pk}" in spring.body
    assert report["counts"]["attachment"]["alt text taken from its caption or title"] == 1
    # IMG_0001 says nothing: the post waits as a draft until someone describes the photo.
    held = Post.objects.get(title="Photo without words")
    assert held.status == Post.Status.DRAFT
    assert Photo.objects.filter(alt_text="").count() == 1
    held_note = "as draft: a photo in it needs alt text before it can be published"
    assert report["counts"]["post"][held_note] == 1
    assert any("photo in them has no alt text" in line for line in report["notes"])


def test_an_export_split_into_two_files_finds_the_photos_of_the_first(site, tmp_path):
    """WordPress.com splits big sites into several files; the second one's posts show
    photos whose attachments were in the first."""
    export, uploads = site
    whole = export.read_text()
    head, rest = whole.split("<item>", 1)
    items = ["<item>" + part for part in rest.split("<item>")]
    tail = "\n</channel>\n</rss>\n"
    items[-1] = items[-1].split("</channel>")[0]
    attachments = [i for i in items if "<wp:post_type>attachment</wp:post_type>" in i]
    others = [i for i in items if i not in attachments]
    first, second = tmp_path / "part1.xml", tmp_path / "part2.xml"
    first.write_text(head + "".join(attachments) + tail)
    second.write_text(head + "".join(others) + tail)
    run_import("wordpress", first, tmp_path, "--media", str(uploads))
    photos = Photo.objects.count()
    run_import("wordpress", second, tmp_path, "--media", str(uploads))
    assert Photo.objects.count() == photos == 6
    # The resized copy dam-300x200.jpg is known only by its path in the second file.
    dam = Photo.objects.get(alt_text="Sandbags at the dam")
    assert f"photo:{dam.pk}" in Post.objects.get(slug="outreach-week").body


def test_an_import_leaves_an_audit_entry_and_a_dry_run_none(site, tmp_path):
    from grassroots.accounts.models import AuditEntry

    export, _uploads = site
    run_import("wordpress", export, tmp_path, "--dry-run")
    assert not AuditEntry.objects.filter(action="transfer.import").exists()
    run_import("wordpress", export, tmp_path)
    entry = AuditEntry.objects.get(action="transfer.import")
    assert entry.target_label == "wordpress:old.example.org"
    assert "post: imported 9" in entry.detail and "@" not in entry.detail
