"""export wordpress writes WXR 1.2 the way wordpress-importer's parsers read it (checked here
with the same paths its SimpleXML parser uses): authors, tags, posts with status, dates,
content with absolute addresses, covers, old slugs, threaded comments, photos as attachments."""

import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command

from grassroots.blog.models import Post, PostSlugHistory
from grassroots.blog.services import post_update
from grassroots.comments.models import Comment
from grassroots.photos.models import Photo
from grassroots.transfer.formats import wordpress_out
from tests.factories import make_post
from tests.transfer.helpers import PENDING_BODY, SECRET_EMAIL, load_site

pytestmark = pytest.mark.django_db

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def export(tmp_path, *options):
    target = tmp_path / "site.xml"
    call_command("export", "wordpress", str(target), *options, stdout=StringIO(), stderr=StringIO())
    raw = target.read_text()
    assert "<!DOCTYPE" not in raw  # the importer refuses any doctype
    return raw, ET.fromstring(raw)  # noqa: S314 - our own output, just written


def items(root, kind):
    return [i for i in root.iter("item") if i.findtext("wp:post_type", namespaces=NS) == kind]


def test_posts_tags_authors_photos_and_comments_are_all_there(client, tmp_path, settings):
    post, _approved = load_site()
    post_update(post=post, slug="a-day-at-the-park")  # leaves an old slug behind
    make_post(title="Next week's plan", status=Post.Status.DRAFT)
    raw, root = export(tmp_path)
    channel = root.find("channel")
    assert channel.findtext("wp:wxr_version", namespaces=NS) == "1.2"
    assert channel.findtext("wp:base_site_url", namespaces=NS) == settings.SITE_URL
    logins = {
        a.findtext("wp:author_login", namespaces=NS) for a in channel.findall("wp:author", NS)
    }
    assert "aliya-nurlanovna" in logins
    assert len(channel.findall("wp:tag", NS)) >= 5

    posts = {i.findtext("wp:post_name", namespaces=NS): i for i in items(root, "post")}
    assert len(posts) == Post.objects.count()
    assert posts["next-weeks-plan"].findtext("wp:status", namespaces=NS) == "draft"
    park = posts["a-day-at-the-park"]
    assert park.findtext("wp:status", namespaces=NS) == "publish"
    assert park.findtext("dc:creator", namespaces=NS) in logins
    html = park.findtext("content:encoded", namespaces=NS)
    assert f'src="{settings.SITE_URL}/media/photos/' in html and 'src="/' not in html
    meta = {
        m.findtext("wp:meta_key", namespaces=NS): m.findtext("wp:meta_value", namespaces=NS)
        for m in park.findall("wp:postmeta", NS)
    }
    assert meta["_wp_old_slug"] == "a-day-in-the-park"
    tags = [(c.get("domain"), c.get("nicename")) for c in park.findall("category")]
    assert ("post_tag", "photo-stories") in tags

    attachments = {i.findtext("wp:post_id", namespaces=NS): i for i in items(root, "attachment")}
    assert len(attachments) == Photo.objects.count()
    cover = attachments[meta["_thumbnail_id"]]
    url = cover.findtext("wp:attachment_url", namespaces=NS)
    assert url.startswith(settings.SITE_URL + "/media/")
    assert client.get(url.removeprefix(settings.SITE_URL)).status_code == 200

    comments = park.findall("wp:comment", NS)
    assert len(comments) == Comment.objects.filter(post=post, status="approved").count()
    by_id = {c.findtext("wp:comment_id", namespaces=NS): c for c in comments}
    replies = [c for c in comments if c.findtext("wp:comment_parent", namespaces=NS) != "0"]
    assert all(c.findtext("wp:comment_parent", namespaces=NS) for c in comments)
    assert replies and all(r.findtext("wp:comment_parent", namespaces=NS) in by_id for r in replies)
    assert SECRET_EMAIL not in raw and PENDING_BODY not in raw
    assert all(c.findtext("wp:comment_author_IP", namespaces=NS) == "" for c in comments)
    assert wordpress_out.detect(tmp_path / "site.xml")
    assert PostSlugHistory.objects.exists()


def test_with_private_adds_emails_and_held_comments_with_their_status(tmp_path):
    load_site()
    _raw, root = export(tmp_path, "--with-private")
    held = [
        c
        for c in root.iter("{http://wordpress.org/export/1.2/}comment")
        if c.findtext("wp:comment_content", namespaces=NS) == PENDING_BODY
    ]
    assert held[0].findtext("wp:comment_approved", namespaces=NS) == "0"
    assert held[0].findtext("wp:comment_author_email", namespaces=NS) == SECRET_EMAIL


def test_text_that_would_break_xml_is_kept_safely(tmp_path):
    load_site()
    make_post(title="Brackets ]]> and <tags> & a bell \x07", body="Code: `]]>` and <b>bold</b>")
    _raw, root = export(tmp_path)
    titles = [i.findtext("title") for i in items(root, "post")]
    assert "Brackets ]]> and <tags> & a bell " in titles
    bodies = [i.findtext("content:encoded", namespaces=NS) for i in items(root, "post")]
    assert any("]]&gt;" in b or "]]>" in b for b in bodies)


def test_pages_are_exported_with_their_status_and_ids_of_their_own(tmp_path):
    # Found when WordPress's importer got our export of the Theme Unit Test: no pages.
    from grassroots.blog.pages import page_create

    load_site()
    page_create(title="О нас", body="Мы — сеть волонтёров.", slug="o-nas", status="published")
    page_create(title="Черновик", body="Пока нет.", slug="chernovik")
    _raw, root = export(tmp_path)
    pages = {i.findtext("wp:post_name", namespaces=NS): i for i in items(root, "page")}
    assert pages["o-nas"].findtext("wp:status", namespaces=NS) == "publish"
    assert pages["o-nas"].findtext("title") == "О нас"
    assert "сеть волонтёров" in pages["o-nas"].findtext("content:encoded", namespaces=NS)
    assert pages["chernovik"].findtext("wp:status", namespaces=NS) == "draft"
    ids = [i.findtext("wp:post_id", namespaces=NS) for i in root.iter("item")]
    assert len(ids) == len(set(ids))  # WordPress keeps every item in one id space


def test_a_comment_is_text_to_wordpress_not_markup(tmp_path):
    # WordPress reads comment_content as HTML: "<blockquote>" typed as text must stay text.
    from grassroots.comments.services import submit

    post, _approved = load_site()
    submit.comment_import(post=post, name="Reader", email="", body="The <blockquote> tag & more")
    _raw, root = export(tmp_path)
    bodies = [
        c.findtext("wp:comment_content", namespaces=NS) for c in root.iter(f"{{{NS['wp']}}}comment")
    ]
    assert "The &lt;blockquote&gt; tag &amp; more" in bodies
