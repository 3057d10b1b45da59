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
