# ruff: noqa: E501  (post content is written as WordPress stores it: one long line per block)
"""A WordPress export written by us (WXR 1.2) covering what real exports carry: classic and
block content, shortcodes, every status, threaded comments of every kind, attachments,
broken media and odd encodings. build() returns bytes; the uploads folder is made by
make_uploads() with real images (one with GPS in its EXIF)."""

from datetime import UTC, datetime

SITE = "https://old.example.org"
UP = f"{SITE}/wp-content/uploads"


def _cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def comment(cid, author, email, date, content, *, approved="1", kind="", parent="0"):
    return f"""
    <wp:comment>
      <wp:comment_id>{cid}</wp:comment_id>
      <wp:comment_author>{_cdata(author)}</wp:comment_author>
      <wp:comment_author_email>{_cdata(email)}</wp:comment_author_email>
      <wp:comment_author_url>https://reader.example.net/</wp:comment_author_url>
      <wp:comment_author_IP>203.0.113.77</wp:comment_author_IP>
      <wp:comment_date>{date}</wp:comment_date>
      <wp:comment_date_gmt>{date}</wp:comment_date_gmt>
      <wp:comment_content>{_cdata(content)}</wp:comment_content>
      <wp:comment_approved>{approved}</wp:comment_approved>
      <wp:comment_type>{kind}</wp:comment_type>
      <wp:comment_parent>{parent}</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
      <wp:commentmeta><wp:meta_key>akismet_user_agent</wp:meta_key>
        <wp:meta_value>{_cdata("Mozilla/5.0 SecretBrowser")}</wp:meta_value></wp:commentmeta>
    </wp:comment>"""


def item(pid, title, *, kind="post", status="publish", name="", content="", excerpt="",
         date="2019-05-03 14:00:00", gmt="2019-05-03 08:00:00", parent="0", terms=(),
         meta=(), comments="", sticky="0", password="", attachment_url="", link=None,
         creator="aigerim", menu_order="0", comment_status="open"):  # fmt: skip
    link = link or f"{SITE}/{date[:4]}/{date[5:7]}/{date[8:10]}/{name}/"
    terms_xml = "".join(
        f'<category domain="{d}" nicename="{n}">{_cdata(t)}</category>' for d, n, t in terms
    )
    meta_xml = "".join(
        f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key><wp:meta_value>{_cdata(v)}</wp:meta_value>"
        "</wp:postmeta>"
        for k, v in meta
    )
    attachment = (
        f"<wp:attachment_url>{attachment_url}</wp:attachment_url>" if attachment_url else ""
    )
    return f"""
  <item>
    <title>{title}</title>
    <link>{link}</link>
    <pubDate>Fri, 03 May 2019 08:00:00 +0000</pubDate>
    <dc:creator>{_cdata(creator)}</dc:creator>
    <guid isPermaLink="false">{SITE}/?p={pid}</guid>
    <description></description>
    <content:encoded>{_cdata(content)}</content:encoded>
    <excerpt:encoded>{_cdata(excerpt)}</excerpt:encoded>
    <wp:post_id>{pid}</wp:post_id>
    <wp:post_date>{_cdata(date)}</wp:post_date>
    <wp:post_date_gmt>{_cdata(gmt)}</wp:post_date_gmt>
    <wp:comment_status>{comment_status}</wp:comment_status>
    <wp:ping_status>open</wp:ping_status>
    <wp:post_name>{_cdata(name)}</wp:post_name>
    <wp:status>{status}</wp:status>
    <wp:post_parent>{parent}</wp:post_parent>
    <wp:menu_order>{menu_order}</wp:menu_order>
    <wp:post_type>{kind}</wp:post_type>
    <wp:post_password>{_cdata(password)}</wp:post_password>
    <wp:is_sticky>{sticky}</wp:is_sticky>
    {attachment}{terms_xml}{meta_xml}{comments}
  </item>"""


def attachment(pid, filename, *, alt="", caption="", parent="0", title=None):
    meta = [("_wp_attached_file", f"2019/05/{filename}")]
    if alt:
        meta.append(("_wp_attachment_image_alt", alt))
    return item(
        pid, title or filename.rsplit(".", 1)[0], kind="attachment", status="inherit",
        name=filename.rsplit(".", 1)[0], excerpt=caption, parent=parent, meta=meta,
        attachment_url=f"{UP}/2019/05/{filename}",
        link=f"{SITE}/?attachment_id={pid}",
    )  # fmt: skip


CLASSIC = f"""Volunteers met forty people &amp; listened.
This line follows a single newline.

[caption id="attachment_101" align="alignnone" width="300"]<a href="{UP}/2019/05/march.jpg"><img class="size-medium wp-image-101" src="{UP}/2019/05/march-300x200.jpg" alt="" width="300" height="200" /></a> The march along the river[/caption]

<!--more-->

The rest of the story, with <strong>bold</strong> and a <a href="{SITE}/2019/05/04/blocks-and-quotes/">link to the next post</a>.

[contact-form-7 id="5" title="Contact"]

<script>alert("owned")</script><p onclick="alert(1)" style="color:red">Styled paragraph</p>
<a href="javascript:alert(2)">bad link</a>
<iframe src="https://www.youtube.com/embed/abc123"></iframe>

[gallery ids="105,106"]

<img src="{UP}/2019/05/dam-300x200.jpg" alt="" />

<img src="{UP}/2019/05/gone.jpg" alt="A photo that is lost" />
<img src="https://tracker.example.com/pixel.gif" alt="pixel" />"""

BLOCKS = f"""<!-- wp:paragraph -->
<p>Block editor text with <em>emphasis</em>.</p>
<!-- /wp:paragraph -->

<!-- wp:image {{"id":102,"sizeSlug":"large"}} -->
<figure class="wp-block-image size-large"><img src="{UP}/2019/05/river-1024x768.jpg" alt="The river in flood" class="wp-image-102"/><figcaption>The river in May</figcaption></figure>
<!-- /wp:image -->

<!-- wp:gallery {{"ids":[105,106]}} -->
<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="{UP}/2019/05/gallery1.jpg" alt="" data-id="105" class="wp-image-105"/><figcaption>First</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="{UP}/2019/05/gallery2.png" alt="" data-id="106" class="wp-image-106"/></figure></li></ul></figure>
<!-- /wp:gallery -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Water belongs to everyone.</p><cite>Aigerim</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>We will be back next spring.</p><cite>The volunteers</cite></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=xyz","type":"video"}} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=xyz
</div></figure>
<!-- /wp:embed -->

<!-- wp:latest-posts /-->

<!-- wp:paragraph -->
<p>Back to the <a href="{SITE}/?p=10">first post</a>.</p>
<!-- /wp:paragraph -->"""


def build(*, recent=None, encoding="UTF-8", extra_items=""):
    """The export as bytes. `recent`: a datetime for comments that are still within the
    email retention period (the rest are from 2019)."""
    recent = (recent or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S")
    comments = (
        comment(
            "1",
            "Айгуль",
            "aigul@example.org",
            "2019-05-04 10:00:00",
            "First!\n\nSecond paragraph <b>bold</b>.",
        )
        + comment(
            "2", "Tom &amp; Jerry", "tom@example.org", "2019-05-04 11:00:00", "A reply", parent="1"
        )
        + comment(
            "3",
            "Deep",
            "deep@example.org",
            "2019-05-04 12:00:00",
            "A reply to the reply",
            parent="2",
        )
        + comment("4", "Waiting", "wait@example.org", recent, "Please approve me", approved="0")
        + comment(
            "5", "Spammer", "spam@example.org", "2019-05-05 10:00:00", "Buy pills", approved="spam"
        )
        + comment("6", "Other blog", "", "2019-05-05 11:00:00", "Pingback text", kind="pingback")
        + comment(
            "7", "Another blog", "", "2019-05-05 12:00:00", "Trackback text", kind="trackback"
        )
        + comment(
            "8", "Binned", "bin@example.org", "2019-05-05 13:00:00", "Trashed one", approved="trash"
        )
        + comment("9", "Recent reader", "recent@example.org", recent, "Still within retention")
    )
    news = ("category", "news", "Новости")
    reports = ("category", "reports", "Reports")
    flood = ("post_tag", "flood", "flood")
    items = "".join([
        attachment(101, "march.jpg", alt="People marching along the river", caption="The march", parent="10"),
        attachment(102, "river.jpg", parent="11"),
        attachment(103, "gone.jpg", alt="Lost", parent="10"),
        attachment(104, "report.pdf", parent="10"),
        attachment(105, "gallery1.jpg", alt="Sandbags", parent="11", title="Sandbags"),
        attachment(106, "gallery2.png", alt="Volunteers resting", parent="11"),
        attachment(107, "broken.jpg", alt="Broken", parent="11"),
        attachment(108, "dam.jpg", parent="19", title="Sandbags at the dam"),
        attachment(109, "IMG_0001.jpg", parent="21", title="IMG_0001"),
        item(10, "Outreach &amp;amp; listening week", name="outreach-week", content=CLASSIC,
             terms=[news, reports, flood, ("category", "uncategorized", "Uncategorized")],
             meta=[("_thumbnail_id", "101"), ("_edit_lock", "1:1")], comments=comments, sticky="1"),
        item(11, "Blocks and quotes", name="blocks-and-quotes", content=BLOCKS,
             date="2019-05-04 14:00:00", gmt="2019-05-04 08:00:00",
             terms=[("post_tag", "remont", "ремонт")]),
        item(12, "&#1057;убботник у реки", name="%d1%81%d1%83%d0%b1%d0%b1%d0%be%d1%82%d0%bd%d0%b8%d0%ba",
             status="future", date="2031-06-01 10:00:00", gmt="2031-06-01 04:00:00", content="Join us."),
        item(13, "A draft", status="draft", gmt="0000-00-00 00:00:00", content="Not yet."),
        item(14, "Private notes", name="private-notes", status="private", content="Only for us."),
        item(15, "Thrown away", name="thrown-away", status="trash", content="Bin.",
             comments=comment("20", "X", "x@example.org", "2019-05-06 10:00:00", "On a binned post")),
        item(16, "Waiting for review", name="waiting", status="pending", content="Review me."),
        item(17, "Members only", name="members-only", password="secret", content="Hidden."),
        item(18, "Auto Draft", status="auto-draft", gmt="0000-00-00 00:00:00"),
        item(19, "Весенний отчёт", name="%d0%be%d1%82%d1%87%d1%91%d1%82",
             content="Отчёт о весне.\x0bA vertical tab from a word processor.\n\nВторой абзац."
             f'\n\n<img class="wp-image-108" src="{UP}/2019/05/dam-1024x768.jpg" alt="" />',
             date="2019-05-03 02:00:00", gmt="2019-05-02 20:00:00"),
        item(20, "About us", kind="page", name="about", content="We are a network.",
             link=f"{SITE}/about/"),
        item(21, "Photo without words", name="photo-without-words",
             content=f'<img class="wp-image-109" src="{UP}/2019/05/IMG_0001.jpg" />'),
        item(30, "Home", kind="nav_menu_item", name="home"),
        item(31, "Outreach week", kind="revision", status="inherit", name="10-revision-v1", parent="10"),
        extra_items,
    ])  # fmt: skip
    text = f"""<?xml version="1.0" encoding="{encoding}" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Riverbank archive</title>
  <link>{SITE}</link>
  <description>Old blog</description>
  <language>ru-RU</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>{SITE}</wp:base_site_url>
  <wp:base_blog_url>{SITE}</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>{_cdata("aigerim")}</wp:author_login>
    <wp:author_email>{_cdata("aigerim@example.org")}</wp:author_email>
    <wp:author_display_name>{_cdata("Айгерим Садыкова")}</wp:author_display_name>
    <wp:author_first_name>{_cdata("")}</wp:author_first_name><wp:author_last_name>{_cdata("")}</wp:author_last_name></wp:author>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>news</wp:category_nicename>
    <wp:category_parent></wp:category_parent><wp:cat_name>{_cdata("Новости")}</wp:cat_name></wp:category>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>reports</wp:category_nicename>
    <wp:category_parent>news</wp:category_parent><wp:cat_name>{_cdata("Reports")}</wp:cat_name></wp:category>
  <wp:tag><wp:term_id>4</wp:term_id><wp:tag_slug>flood</wp:tag_slug><wp:tag_name>{_cdata("flood")}</wp:tag_name></wp:tag>
  <wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug>remont</wp:tag_slug><wp:tag_name>{_cdata("ремонт")}</wp:tag_name></wp:tag>
  <generator>https://wordpress.org/?v=6.4</generator>
{items}
</channel>
</rss>
"""
    return text.encode(encoding)


def make_uploads(folder):
    """wp-content/uploads/2019/05 with real images; march.jpg carries GPS in its EXIF."""
    from PIL import Image

    day = folder / "2019" / "05"
    day.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Maker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (43.0, 15.0, 0.0)
    Image.new("RGB", (640, 480), (200, 40, 40)).save(day / "march.jpg", exif=exif)
    Image.new("RGB", (640, 480), (40, 40, 200)).save(day / "march-300x200.jpg")
    Image.new("RGB", (800, 600), (40, 160, 200)).save(day / "river.jpg")
    Image.new("RGB", (400, 300), (100, 100, 100)).save(day / "gallery1.jpg")
    Image.new("RGB", (400, 300), (10, 200, 10)).save(day / "gallery2.png")
    Image.new("RGB", (300, 200), (90, 60, 30)).save(day / "dam.jpg")
    Image.new("RGB", (300, 200), (30, 60, 90)).save(day / "IMG_0001.jpg")
    (day / "broken.jpg").write_bytes(b"this is not a picture")
    (day / "report.pdf").write_bytes(b"%PDF-1.4 nothing")
    return folder
