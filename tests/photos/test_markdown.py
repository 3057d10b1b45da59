"""Photos in a post's Markdown, the publish check, and re-rendering when a photo changes."""

import re

import pytest
from django.template import Context, Template

from grassroots.core.text import markdown_to_html, publish_problems
from grassroots.photos import services
from tests.factories import make_post
from tests.photos import corpus

pytestmark = pytest.mark.django_db


def make_photo(**fields):
    values = {"alt_text": "Volunteers under a rainbow flag", "caption": "Noon"} | fields
    return services.photo_upload(data=corpus.jpeg_bytes(corpus.scene((2000, 1000))), **values)


def test_an_image_with_a_photo_source_becomes_a_figure_with_renditions():
    photo = make_photo()
    html = markdown_to_html(f'![Two friends laughing](photo:{photo.pk} "At the fountain")')
    assert "<figure" in html and "<picture>" in html
    assert '<source type="image/webp"' in html
    assert re.search(r'srcset="[^"]*480w, [^"]*960w, [^"]*1600w"', html)
    assert 'alt="Two friends laughing"' in html
    assert 'width="1600" height="800"' in html
    assert 'loading="lazy"' in html
    assert "<figcaption>At the fountain" in html
    assert "<p><figure" not in html


def test_alt_and_caption_fall_back_to_the_photos_own():
    photo = make_photo(credit="Photo: Dana K.")
    html = markdown_to_html(f"![](photo:{photo.pk})")
    assert 'alt="Volunteers under a rainbow flag"' in html
    assert "Noon" in html and "Photo: Dana K." in html


def test_a_missing_photo_renders_nothing():
    html = markdown_to_html("Before\n\n![x](photo:999999)\n\nAfter")
    assert "<img" not in html and "Before" in html and "After" in html


def test_a_gallery_block_renders_a_series_of_figures_in_order():
    first, second = make_photo(caption="First"), make_photo(caption="Second")
    html = markdown_to_html(
        f"```gallery\nphoto:{second.pk} | The march sets off\nnot a photo\nphoto:{first.pk}\n```"
    )
    assert html.count("<figure") == 2
    assert html.index("The march sets off") < html.index("First")
    assert 'class="photo-gallery"' in html


def test_captions_are_escaped():
    photo = make_photo(caption="<script>alert(1)</script>")
    html = markdown_to_html(
        f'![a](photo:{photo.pk} "<b>x</b>")\n\n```gallery\nphoto:{photo.pk}\n```'
    )
    assert "<script>" not in html and "<b>x</b>" not in html


def test_a_post_with_a_photo_without_alt_text_cannot_be_published():
    photo = make_photo(alt_text="")
    problems = publish_problems(f"Text\n\n```gallery\nphoto:{photo.pk}\n```")
    assert problems and str(photo.pk) in problems[0] and "alt text" in problems[0]
    assert publish_problems(f"![]( photo:{photo.pk + 1000})") != []
    services.photo_update(photo=photo, alt_text="A person seen from behind")
    assert publish_problems(f"![](photo:{photo.pk})") == []


def test_changing_a_caption_renders_the_posts_using_the_photo_again():
    photo = make_photo(caption="Old caption")
    other = make_photo(caption="Untouched")
    post = make_post(body=f"![](photo:{photo.pk})")
    unrelated = make_post(title="Other", body=f"![](photo:{other.pk})")
    assert "Old caption" in post.__class__.objects.get(pk=post.pk).body_html
    services.photo_update(photo=photo, caption="New caption")
    post.refresh_from_db()
    assert "New caption" in post.body_html and "Old caption" not in post.body_html
    before = unrelated.body_html
    unrelated.refresh_from_db()
    assert unrelated.body_html == before


def test_blurring_renders_posts_with_the_new_file_names():
    photo = make_photo()
    post = make_post(body=f"![](photo:{photo.pk})")
    old = photo.renditions[0]["jpeg"]
    assert old in post.body_html
    services.photo_blur(photo=photo, regions=[(10, 10, 100, 100)])
    post.refresh_from_db()
    assert old not in post.body_html and photo.renditions[0]["jpeg"] in post.body_html


def test_the_picture_tag_renders_webp_and_jpeg_with_size_and_lazy_loading():
    photo = make_photo()
    html = Template(
        '{% load photo_tags %}{% picture photo sizes="50vw" %}|{% photo_url photo 900 %}'
    ).render(Context({"photo": photo}))
    picture, url = html.split("|")
    assert picture.startswith("<picture>") and 'sizes="50vw"' in picture
    assert 'width="1600" height="800"' in picture and 'loading="lazy"' in picture
    assert 'alt="Volunteers under a rainbow flag"' in picture
    assert url.endswith("960w.jpg")


def test_the_picture_tag_can_load_eagerly_above_the_fold():
    photo = make_photo()
    html = Template('{% load photo_tags %}{% picture photo loading="eager" %}').render(
        Context({"photo": photo})
    )
    assert 'loading="eager"' in html


def test_the_tags_render_nothing_without_a_photo():
    html = Template("{% load photo_tags %}[{% picture None %}][{% photo_url None %}]").render(
        Context({})
    )
    assert html == "[][]"


def test_deleting_a_photo_renders_the_drafts_that_showed_it_without_it():
    photo = make_photo()
    post = make_post(body=f"Before\n\n![](photo:{photo.pk})", cover=photo, status="draft")
    assert "<img" in post.body_html
    services.photo_delete(photo=photo)
    post.refresh_from_db()
    assert "<img" not in post.body_html and "Before" in post.body_html
    assert post.cover_id is None


def test_each_photo_links_to_its_largest_rendition_so_it_opens_large_without_javascript():
    photo = make_photo()
    html = markdown_to_html(f"![A march](photo:{photo.pk})")
    link = re.search(r"<a class=\"photo-open\" href=\"([^\"]+)\"[^>]*><picture>", html)
    assert link and link.group(1) == photo.rendition_url(1600)
    assert link.group(1).endswith(".jpg")


@pytest.mark.parametrize(
    ("suffix", "css_class", "sizes"),
    [
        (":wide", "photo photo-wide", "(min-width: 64rem) 62rem, 100vw"),
        (":full", "photo photo-full", "100vw"),
    ],
)
def test_a_photo_can_break_out_of_the_text_column(suffix, css_class, sizes):
    photo = make_photo()
    html = markdown_to_html(f"![A march](photo:{photo.pk}{suffix})")
    assert f'<figure class="{css_class}">' in html
    assert f'sizes="{sizes}"' in html


def test_an_unknown_layout_is_not_a_photo():
    photo = make_photo()
    assert "<figure" not in markdown_to_html(f"![A march](photo:{photo.pk}:huge)")


def test_a_gallery_with_an_odd_count_gives_its_first_photo_the_whole_row_size():
    photos = [make_photo() for _ in range(3)]
    lines = "\n".join(f"photo:{p.pk}" for p in photos)
    html = markdown_to_html(f"```gallery wide\n{lines}\n```")
    assert '<div class="photo-gallery photo-wide">' in html
    sizes = re.findall(r'<img[^>]* sizes="([^"]+)"', html)
    assert sizes == [
        "(min-width: 64rem) 62rem, 100vw",
        "(min-width: 64rem) 31rem, 50vw",
        "(min-width: 64rem) 31rem, 50vw",
    ]


def test_a_standalone_page_showing_a_photo_is_rendered_again_when_its_alt_text_changes(client):
    from grassroots.blog import pages
    from tests.factories import make_blog

    make_blog()
    photo = make_photo(alt_text="")
    other = make_photo(alt_text="Not this one")
    pages.page_create(title="Donate", body=f"Thanks.\n\n![](photo:{photo.pk})", status="published")
    services.photo_update(photo=other, alt_text="Still not")  # photo:1 is not photo:12
    services.photo_update(photo=photo, alt_text="The shelter kitchen")
    assert 'alt="The shelter kitchen"' in client.get("/donate/").content.decode()
