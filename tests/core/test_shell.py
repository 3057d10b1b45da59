"""The site shell speaks the blog's language: Russian and Kazakh besides English."""

import pytest

from tests.factories import make_blog

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "skip", "all_posts", "not_found"),
    [
        ("en", "Skip to content", "All posts", "Page not found"),
        ("ru", "Перейти к содержанию", "Все записи", "Страница не найдена"),
        ("kk", "Мазмұнға өту", "Барлық жазбалар", "Бет табылмады"),
    ],
)
def test_the_shell_and_error_pages_use_the_blogs_language(
    client, language, skip, all_posts, not_found
):
    make_blog(language=language)
    home = client.get("/").content.decode()
    assert f'<html lang="{language}">' in home
    assert skip in home and all_posts in home
    missing = client.get("/nothing-here/")
    assert missing.status_code == 404
    assert not_found in missing.content.decode()
    assert missing["Content-Language"] == language


def test_a_kazakh_blog_writes_dates_day_first_on_a_24_hour_clock(client):
    import datetime

    from django.utils import formats, translation

    when = datetime.datetime(2026, 9, 30, 15, 9)
    with translation.override("kk"):
        assert formats.date_format(when) == "30.09.2026"
        assert formats.time_format(when) == "15:09"


def test_a_request_leaves_no_language_behind_in_its_thread(client):
    from django.utils import translation

    make_blog(language="kk")
    with translation.override("en"):
        client.get("/")
        assert translation.get_language() == "en"
