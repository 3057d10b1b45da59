"""`grassroots import disqus`: comments matched to posts by address, threaded, once."""

import pytest
from django.core.management import CommandError, call_command

from grassroots.blog.models import Post
from grassroots.comments.models import Comment
from tests.factories import make_blog, make_post
from tests.transfer.importing import run_import, snapshot, write_export

pytestmark = pytest.mark.django_db

OLD = "https://old.example.org"


def _thread(tid, link, ident=""):
    return f"""
  <thread dsq:id="{tid}"><id>{ident}</id><forum>riverbank</forum>
    <category dsq:id="1"/><link>{link}</link><title>T</title><message/>
    <createdAt>2019-05-03T08:00:00Z</createdAt>
    <author><email>admin@example.org</email><name>Admin</name><isAnonymous>false</isAnonymous></author>
    <ipAddress>198.51.100.1</ipAddress><isClosed>false</isClosed><isDeleted>false</isDeleted>
  </thread>"""


def _post(pid, thread, message, *, name="Reader", email="reader@example.org", parent=None,
          spam="false", deleted="false", when="2019-05-06T10:00:00Z"):  # fmt: skip
    parent_xml = f'<parent dsq:id="{parent}"/>' if parent else ""
    return f"""
  <post dsq:id="{pid}"><id/><message><![CDATA[{message}]]></message>
    <createdAt>{when}</createdAt><isDeleted>{deleted}</isDeleted><isSpam>{spam}</isSpam>
    <author><email>{email}</email><name>{name}</name><isAnonymous>false</isAnonymous></author>
    <ipAddress>198.51.100.23</ipAddress><thread dsq:id="{thread}"/>{parent_xml}
  </post>"""


TOP = (
    "<p>Top comment with <a href='https://ngo.example.net/x'>a link</a></p>"
    "<script>alert(1)</script>"
)


def _export(tmp_path, *, new_link):
    body = "".join([
        _thread("t1", f"{OLD}/2019/05/03/%d0%be%d1%82%d1%87%d1%91%d1%82/"),
        _thread("t2", f"https://new.example.org{new_link}"),
        _thread("t3", f"{OLD}/some/changed/address/", "10 https://old.example.org/?p=10"),
        _thread("t4", f"{OLD}/never-existed/"),
        _post("c2", "t1", "<p>A reply that comes first in the file</p>", parent="c1"),
        _post("c1", "t1", TOP),
        _post("c3", "t2", "<p>On the new address</p>", name="Айжан"),
        _post("c4", "t3", "<p>By the WordPress id</p>", email=""),
        _post("c5", "t3", "<p>Cheap pills</p>", spam="true"),
        _post("c6", "t3", "<p>Removed</p>", deleted="true"),
        _post("c7", "t4", "<p>Nowhere to go</p>"),
    ])  # fmt: skip
    path = tmp_path / "disqus.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals">'
        f"{body}\n</disqus>\n"
    )
    return path


@pytest.fixture
def site(tmp_path):
    make_blog(time_zone="Asia/Almaty")
    run_import("wordpress", write_export(tmp_path), tmp_path)
    own = make_post(title="Written here", slug="written-here")
    return _export(tmp_path, new_link=own.get_absolute_url()), own


def test_comments_arrive_on_the_right_posts_threaded(site, tmp_path):
    export, own = site
    report = run_import("disqus", export, tmp_path)
    spring = Post.objects.get(title="Весенний отчёт")
    top = Comment.objects.get(body__startswith="Top comment")
    reply = Comment.objects.get(body="A reply that comes first in the file")
    assert top.post == spring and reply.post == spring and reply.parent == top
    assert top.body == "Top comment with a link (https://ngo.example.net/x)"
    assert "alert" not in top.body
    assert Comment.objects.get(body="On the new address").post == own
    assert Comment.objects.get(body="On the new address").name == "Айжан"
    by_id = Comment.objects.get(body="By the WordPress id")
    assert by_id.post.slug == "outreach-week" and by_id.email == ""
    assert Comment.objects.get(body="Cheap pills").status == Comment.Status.SPAM
    assert not Comment.objects.filter(body__in=["Removed", "Nowhere to go"]).exists()
    assert report["source"] == "disqus:riverbank"
    assert report["counts"]["comment"]["imported"] == 5
    assert report["skipped"]["comment"] == {
        "deleted on Disqus": 1,
        "no post at its thread's address": 1,
    }
    assert any("never-existed" in note for note in report["notes"])
    for comment in Comment.objects.all():
        assert comment.network == "" and "198.51.100" not in comment.body


def test_a_second_run_adds_nothing(site, tmp_path):
    export, _own = site
    run_import("disqus", export, tmp_path)
    before = snapshot()
    report = run_import("disqus", export, tmp_path)
    assert snapshot() == before
    assert report["counts"]["comment"]["unchanged"] == 5


def test_dry_run_writes_nothing(site, tmp_path):
    export, _own = site
    before = snapshot()
    report = run_import("disqus", export, tmp_path, "--dry-run")
    assert snapshot() == before
    assert report["counts"]["comment"]["imported"] == 5


def test_a_wordpress_file_is_not_taken_for_a_disqus_one(tmp_path):
    with pytest.raises(CommandError, match="does not look like a Disqus"):
        call_command("import", "disqus", str(write_export(tmp_path)))
