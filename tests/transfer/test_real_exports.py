"""What importing published WordPress test data sets (the Theme Unit Test, wptest.io, the
WordPress importer's own test files) taught us, each as a small export written by us."""

import io

import pytest
from django.test import Client
from PIL import Image

from grassroots.blog.models import Post, Tag
from grassroots.comments.models import Comment
from grassroots.photos.models import Photo
from tests.factories import make_blog
from tests.transfer import wxr_fixture
from tests.transfer.importing import run_import, snapshot, write_export
from tests.transfer.wxr_fixture import _cdata, comment, item

pytestmark = pytest.mark.django_db


def _export(tmp_path, items, *, base="https://org.example", header="", version="1.2"):
    path = tmp_path / "export.xml"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{version}/">
<channel><title>Test</title><link>{base}</link><wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>{base}</wp:base_site_url><wp:base_blog_url>{base}</wp:base_blog_url>
{header}{"".join(items)}
</channel></rss>
""")
    return path


def _author(login, name):
    return (
        f"<wp:author><wp:author_login>{_cdata(login)}</wp:author_login>"
        f"<wp:author_display_name>{_cdata(name)}</wp:author_display_name></wp:author>"
    )


@pytest.fixture
def blog():
    return make_blog(time_zone="Asia/Almaty")


def test_a_blog_in_a_folder_keeps_every_old_address(blog, tmp_path):
    # wptest.io lives at http://wptest.io/demo: its terms, authors and attachment ids are
    # under /demo/ too.
    base = "https://org.example/news"
    post = item(
        10, "Flood week", name="flood-week", creator="asel", link=f"{base}/2019/05/03/flood-week/",
        terms=[("category", "local", "Local"), ("post_tag", "flood", "flood")],
    )  # fmt: skip
    photo = item(
        11, "dam", kind="attachment", status="inherit", parent="10", link=f"{base}/flood-week/dam/",
        attachment_url=f"{base}/wp-content/uploads/2019/05/dam.jpg",
    )  # fmt: skip
    run_import("wordpress", _export(tmp_path, [photo, post], base=base), tmp_path)
    client = Client()
    target = Post.objects.get(slug="flood-week")
    for address, new in (
        ("/news/?p=10", target.get_absolute_url()),
        ("/news/?attachment_id=11", target.get_absolute_url()),
        ("/news/flood-week/dam/", target.get_absolute_url()),
        ("/news/category/local/", Tag.objects.get(name="Local").get_absolute_url()),
        ("/news/tag/flood/", Tag.objects.get(name="flood").get_absolute_url()),
        ("/news/author/asel/", target.authors.get().get_absolute_url()),
    ):
        response = client.get(address)
        assert (response.status_code, response.get("Location")) == (301, new), address


def test_tags_of_a_wxr_1_0_export_arrive(blog, tmp_path):
    # WordPress before 3.1 marked tags with domain="tag" (and repeated every term without
    # a nicename): WordPress's own valid-wxr-1.0.xml has them.
    post = item(10, "Old post", name="old-post", terms=[("tag", "news", "news")]).replace(
        "</item>", '<category domain="tag"><![CDATA[news]]></category><category>'
        "<![CDATA[news]]></category></item>",
    )  # fmt: skip
    report = run_import("wordpress", _export(tmp_path, [post], version="1.0"), tmp_path)
    assert [t.name for t in Post.objects.get(slug="old-post").tags.all()] == ["news"]
    assert report["counts"]["tag"] == {"imported": 1}


def test_terms_and_authors_no_post_uses_are_counted(blog, tmp_path):
    # The Theme Unit Test lists 110 tags, 48 of them on no post: the report must add up.
    header = (
        _author("asel", "Asel")
        + _author("nobody", "Nobody")
        + "<wp:category><wp:category_nicename>empty</wp:category_nicename>"
        "<wp:cat_name>Empty</wp:cat_name></wp:category>"
        + "<wp:tag><wp:tag_slug>unused</wp:tag_slug><wp:tag_name>unused</wp:tag_name></wp:tag>"
        + "<wp:tag><wp:tag_slug>used</wp:tag_slug><wp:tag_name>used</wp:tag_name></wp:tag>"
    )
    post = item(10, "One", name="one", creator="asel", terms=[("post_tag", "used", "used")])
    report = run_import("wordpress", _export(tmp_path, [post], header=header), tmp_path)
    assert report["counts"]["tag"] == {"imported": 1, "skipped": 1}
    assert report["skipped"]["tag"] == {"used by no post": 1}
    assert report["skipped"]["category"] == {"used by no post": 1}
    assert report["skipped"]["author"] == {"wrote no post": 1}
    assert not Tag.objects.filter(name__in=["unused", "Empty"]).exists()


def _photoshop_jpeg():
    """A JPEG as Photoshop on a Mac saved them (wptest's canola2.jpg): an APP13 block with
    the print settings as an Apple plist, which starts with "<!DOCTYPE plist"."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 20)).save(out, "JPEG")
    plist = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple Computer'
        b'//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist/>'
    )
    payload = b"Photoshop 3.0\x008BIM\x03\xea\x00\x00" + len(plist).to_bytes(4, "big") + plist
    segment = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    data = out.getvalue()
    return data[:2] + segment + data[2:]


def test_a_photo_with_photoshop_print_settings_is_imported(blog, tmp_path):
    uploads = tmp_path / "uploads" / "2019" / "05"
    uploads.mkdir(parents=True)
    (uploads / "canola.jpg").write_bytes(_photoshop_jpeg())
    photo = item(
        11, "canola", kind="attachment", status="inherit",
        attachment_url=f"{wxr_fixture.UP}/2019/05/canola.jpg",
        meta=[("_wp_attached_file", "2019/05/canola.jpg"), ("_wp_attachment_image_alt", "Field")],
    )  # fmt: skip
    report = run_import(
        "wordpress", _export(tmp_path, [photo], base=wxr_fixture.SITE), tmp_path,
        "--media", str(tmp_path / "uploads"),
    )  # fmt: skip
    assert report["missing_media"] == []
    assert Photo.objects.get().alt_text == "Field"


def test_replies_deeper_than_the_blog_shows_are_counted(blog, tmp_path, settings):
    # The Theme Unit Test threads ten levels deep; replies here nest three.
    settings.GRASSROOTS_COMMENT_MAX_DEPTH = 3
    thread = "".join(
        comment(str(n), f"Reader {n}", "", "2019-05-04 10:00:00", f"Level {n}",
                parent=str(n - 1) if n > 1 else "0")
        for n in range(1, 6)
    )  # fmt: skip
    post = item(10, "Deep", name="deep", comments=thread)
    report = run_import("wordpress", _export(tmp_path, [post]), tmp_path)
    assert report["counts"]["comment"]["imported"] == 5
    assert (
        report["counts"]["comment"]["a reply deeper than 3 levels, placed under an earlier reply"]
        == 2
    )
    assert max(Comment.objects.values_list("depth", flat=True)) == 2


def test_a_comment_without_a_status_is_held(blog, tmp_path):
    # The importer's wxr-with-sub-data.xml has a comment with no <wp:comment_approved>.
    bare = (
        "<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>Reader"
        "</wp:comment_author><wp:comment_content>Hello</wp:comment_content></wp:comment>"
    )
    report = run_import("wordpress", _export(tmp_path, [item(10, "P", name="p", comments=bare)]),
                        tmp_path)  # fmt: skip
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert report["counts"]["comment"] == {"imported": 1, "as pending": 1}


def test_a_dry_run_reports_what_the_real_run_then_does(blog, tmp_path):
    uploads = wxr_fixture.make_uploads(tmp_path / "uploads")
    export = write_export(tmp_path)
    before = snapshot()
    dry = run_import("wordpress", export, tmp_path, "--media", str(uploads), "--dry-run")
    assert snapshot() == before
    real = run_import("wordpress", export, tmp_path, "--media", str(uploads))
    for key in ("counts", "skipped", "missing_media", "unknown_shortcodes",
                "categories_became_tags"):  # fmt: skip
        assert dry[key] == real[key], key


def test_a_comment_keeps_its_line_breaks_single(blog, tmp_path):
    # Found exporting a site to WordPress and back: each line break came back doubled.
    text = comment(
        "7", "Reader", "", "2019-05-04 10:00:00", "Line one\nLine two<br />\nThree\n\nNew"
    )
    run_import("wordpress", _export(tmp_path, [item(10, "P", name="p", comments=text)]), tmp_path)
    assert Comment.objects.get().body == "Line one\nLine two\nThree\n\nNew"


def test_a_permalink_without_its_slash_moves_in_one_hop_when_the_day_differs(blog, tmp_path):
    # The Theme Unit Test's site ran 7 hours behind UTC: in Almaty some posts fall on the
    # next day, and /2013/01/10/x first went to /2013/01/10/x/, then on to /2013/01/11/x/.
    post = item(10, "Late", name="late", date="2019-05-03 23:30:00", gmt="2019-05-03 23:30:00")
    run_import("wordpress", _export(tmp_path, [post]), tmp_path)
    new = Post.objects.get(slug="late").get_absolute_url()
    assert new == "/2019/05/04/late/"
    for old in ("/2019/05/03/late", "/2019/05/03/late/"):
        response = Client().get(old)
        assert (response.status_code, response["Location"]) == (301, new), old


def test_the_report_says_when_the_old_site_kept_another_time_zone(blog, tmp_path):
    post = item(10, "Late", name="late", date="2019-05-03 16:30:00", gmt="2019-05-03 23:30:00")
    report = run_import("wordpress", _export(tmp_path, [post]), tmp_path)
    assert any("-07:00 from UTC" in line and "Asia/Almaty" in line for line in report["notes"])
    same = item(11, "Same", name="same", date="2019-05-04 05:30:00", gmt="2019-05-03 23:30:00")
    report = run_import("wordpress", _export(tmp_path, [same]), tmp_path)
    assert not any("from UTC" in line for line in report["notes"])
