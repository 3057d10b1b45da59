import html
import re

import ada_url
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grassroots.core import text
from grassroots.core.text import ascii_slug, markdown_to_html


@pytest.fixture
def photo_source():
    def resolve(target, *, alt, title):
        image = f'<img src="/media/{target}.jpg" alt="{alt}">'
        return f"<figure>{image}<figcaption>{title}</figcaption></figure>"

    text.register_image_source("testphoto", resolve)
    yield
    del text.IMAGE_SOURCES["testphoto"]


def test_raw_html_is_sanitised_and_dangerous_links_dropped():
    html = markdown_to_html(
        '<script>alert(1)</script><img src=x onerror="alert(1)">\n\n'
        '[a](javascript:alert(1)) [b](data:text/html;base64,xx) <a href="https://ok.example/">ok</a>'
    )
    assert "<script" not in html and "onerror" not in html
    assert 'href="javascript' not in html and 'href="data' not in html
    assert html.count("<a ") == 1
    assert 'href="https://ok.example/" rel="noopener"' in html


def test_headings_move_one_level_down_and_get_anchors():
    html = markdown_to_html("# Our plans\n\n## Our plans\n\n# Планы")
    assert '<h2 id="our-plans">Our plans</h2>' in html
    assert '<h3 id="our-plans-2">Our plans</h3>' in html
    assert '<h2 id="планы">Планы</h2>' in html


def test_the_top_heading_level_of_a_body_becomes_h2_so_no_level_is_skipped():
    # Authors write "## Section" as in most editors; under the page's <h1> it must be an
    # <h2>, not an <h3> after a skipped level (screen readers list headings by level).
    html = markdown_to_html("## What we fund\n\n### Travel\n\n## What we ask")
    assert '<h2 id="what-we-fund">What we fund</h2>' in html
    assert '<h3 id="travel">Travel</h3>' in html
    assert '<h2 id="what-we-ask">What we ask</h2>' in html
    assert markdown_to_html("###### Deep").startswith("<h2")


def test_a_blockquote_ending_with_a_dash_line_becomes_a_quote_with_attribution():
    html = markdown_to_html("> We are here.\n> We stay.\n>\n> — Marat, volunteer")
    assert html == (
        '<figure class="quote">\n<blockquote>\n<p>We are here.\nWe stay.</p>\n</blockquote>\n'
        "<figcaption>— Marat, volunteer</figcaption>\n</figure>\n"
    )


def test_two_hyphens_and_a_last_line_without_a_blank_line_also_work():
    html = markdown_to_html("> Be kind.\n> -- Sergei, *sociologist*")
    assert "<blockquote>\n<p>Be kind.</p>\n</blockquote>" in html
    assert "<figcaption>— Sergei, <em>sociologist</em></figcaption>" in html


def test_a_plain_blockquote_or_a_dash_alone_stays_a_blockquote():
    assert "figure" not in markdown_to_html("> Just a quote.")
    assert "figure" not in markdown_to_html("> — only a dash line")
    assert "figure" not in markdown_to_html("> one — dash in the middle")


def test_a_registered_image_alone_in_a_paragraph_renders_without_the_paragraph(photo_source):
    html = markdown_to_html('Intro.\n\n![Balloons](testphoto:12 "Balloons go up")\n\nAfter.')
    assert '<p>Intro.</p>\n<figure><img src="/media/12.jpg" alt="Balloons">' in html
    assert "<p><figure>" not in html


def test_an_image_from_our_own_site_stays_inline():
    html = markdown_to_html("![A map](/media/map.png)")
    assert html.startswith('<p><img src="/media/map.png" alt="A map"')


def test_an_image_from_another_site_becomes_a_link_and_is_never_loaded():
    # Public pages make no request to other sites: a reader's browser would tell that site
    # who reads what (and the CSP would block it anyway, leaving a broken image).
    html = markdown_to_html("See ![A map](https://example.org/map.png) here.")
    assert "<img" not in html
    assert '<a href="https://example.org/map.png" rel="noopener">A map</a>' in html
    for raw in (
        '<img src="https://tracker.example/p.gif" alt="x">',
        '<img src="//tracker.example/p.gif">',
        '<picture><source srcset="/ok.webp 1x, https://t.example/a.webp 2x"></picture>',
    ):
        assert "example" not in markdown_to_html(raw), raw


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Gay Pride in Kazakhstan", "gay-pride-in-kazakhstan"),
        ("Щедрый ёжик из Хабаровска", "shchedryy-ezhik-iz-khabarovska"),
        ("Әділет пен теңдік", "adilet-pen-tengdik"),
        ("Ұлттық құрылтай", "ulttyq-quryltay"),
        ("!!! ???", ""),
        ("", ""),
    ],
)
def test_slugs_transliterate_russian_and_kazakh(title, slug):
    assert ascii_slug(title) == slug


def test_lead_text_is_the_opening_paragraphs_shortened_at_a_word():
    source = "First part.\n\nSecond part.\n\n> Quote\n\nAfter the quote."
    assert text.lead_text(source) == "First part. Second part."
    assert text.lead_text("one two three four", limit=10) == "one two…"
    assert text.lead_text("> Only a quote") == "Only a quote"


MARKDOWNISH = st.text(alphabet=st.sampled_from(list('> -—*_[]()!#`\n\tabcЖә12:"<>/')), max_size=200)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_any_text_renders_without_error_and_without_scripts(source):
    html = markdown_to_html(source)
    assert "<script" not in html.lower()
    text.lead_text(source, limit=50)


@pytest.mark.parametrize(
    "src",
    [
        "/\t/evil.example/p.gif",
        "/\\evil.example/p.gif",
        "///evil.example/p.gif",
        "/\\/evil.example/p.gif",
        "\\\\evil.example/p.gif",
        " //evil.example/p.gif",
        "/\n/evil.example/p.gif",
        "/\r\n/evil.example/p.gif",
        "https://evil.example/media/p.gif",
        "http:evil.example/p.gif",
        "https:/evil.example/p.gif",
        "/&#9;/evil.example/p.gif",
        "/&#x5C;evil.example/p.gif",
        "&#47;&#47;evil.example/p.gif",
        "/%09/evil.example/p.gif".replace("%09", "\t"),
        "\x01//evil.example/p.gif",
    ],
)
def test_an_image_address_a_browser_takes_to_another_host_is_refused(src):
    # Browsers follow the WHATWG URL standard: tabs and newlines vanish, a backslash is a
    # slash, and leading control characters are stripped; "/\t/evil" means //evil.
    raw = f'<img src="{src}" alt="x"><picture><source srcset="{src} 2x"></picture>'
    assert "evil" not in markdown_to_html(raw), src
    # Markdown percent-encodes what it keeps ("/%09/evil.example/"): a path on our host.
    for kept in re.findall(r'<img src="([^"]*)"', markdown_to_html(f"![x](<{src}>)")):
        page = "https://blog.example.org/2024/05/01/post/"
        assert ada_url.URL(html.unescape(kept), page).host == "blog.example.org", src


@pytest.mark.parametrize(
    "src",
    ["/media/p.gif", "/media/a%2F%2Fb.gif", "/%2F%2Fevil.example/p.gif", "/media/%5Cevil.gif"],
)
def test_an_image_address_that_stays_on_our_host_is_kept(src):
    # Percent-encoded slashes stay in the path: a browser asks our own host for them.
    assert f'<img src="{src}"' in markdown_to_html(f'<img src="{src}" alt="x">')
