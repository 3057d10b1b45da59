from grassroots.comments.render import body_to_html, clean_line, clean_text


def test_html_and_script_are_shown_as_text():
    html = body_to_html('<script>alert(1)</script> <b onclick="x()">hi</b>')
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_paragraphs_and_line_breaks_are_kept():
    html = body_to_html("first line\nsecond line\n\n\nnew paragraph")
    assert html == "<p>first line<br>second line</p>\n<p>new paragraph</p>"


def test_urls_become_links_that_pass_no_reputation():
    html = body_to_html("see https://example.org/report?a=1&b=2 now")
    assert 'href="https://example.org/report?a=1&amp;b=2"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_javascript_urls_are_never_linked():
    html = body_to_html("javascript:alert(document.cookie)")
    assert "<a" not in html


def test_mixed_scripts_right_to_left_and_emoji_are_kept_exactly():
    text = "Сәлем мир ✊🏽 مرحبا бала"
    assert text in body_to_html(text)


def test_control_characters_are_dropped_and_newlines_normalised():
    assert clean_text("a\x00b\x07c\x85\x1b[31m\r\nd\re") == "abc[31m\nd\ne"
    assert clean_line("Lena\r\nBcc: evil@example.org") == "Lena Bcc: evil@example.org"


def test_any_text_renders_to_only_our_own_tags():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    allowed = re.compile(r'^</?(p|br|a( href="[^"<>]*" rel="nofollow ugc noopener")?)>$')

    pieces = st.sampled_from(
        [*"<>\"'&=/ :.abc\n()[]?#%;`", "http://", "https://", "www.", "javascript:", "@x.org",
         "&lt;", "&#x3c;", ".com", "ё", "\u202e"]
    )  # fmt: skip

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join))
    def check(text):
        for tag in re.findall(r"<[^>]*>", body_to_html(text)):
            assert allowed.match(tag), tag

    check()
