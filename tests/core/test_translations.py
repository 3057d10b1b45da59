"""Russian and Kazakh catalogs: complete, compiled, and used where staff and readers see them.

The catalogs are read with a small .po parser (gettext ships none for Python) and compared
with the compiled .mo that Django actually loads, so a forgotten compilemessages shows up."""

import gettext
import re
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from grassroots.comments import guard
from grassroots.comments import services as comment_services
from grassroots.comments.models import Comment
from grassroots.photos.refusals import Refused
from tests.factories import make_blog, make_post

SRC = Path(__file__).resolve().parents[2] / "src" / "grassroots"
CATALOGS = sorted(SRC.glob("**/locale/*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")
TAG = re.compile(r"<[^>]+>")
NPLURALS = {"ru": 3, "kk": 2}


def unquote(text):
    return text[1:-1].encode("raw_unicode_escape").decode("unicode_escape")


def read_po(path):
    """Entries of a .po file as dicts: ctx, id, plural, strs ({index: text}), flags.
    Entries are separated by blank lines; obsolete (#~) lines are skipped."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"ctx": None, "id": None, "plural": None, "strs": {}, "flags": set()}
        target = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith('"') and target:
                target[0][target[1]] += unquote(line)
            elif line and not line.startswith("#"):
                word, _, value = line.partition(" ")
                if word.startswith("msgstr"):
                    index = int(word[7:-1]) if "[" in word else 0
                    target = (entry["strs"], index)
                else:
                    name = {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}[word]
                    target = (entry, name)
                target[0][target[1]] = unquote(value)
        if entry["id"] is not None:
            entries.append(entry)
    return entries


def language_of(path):
    return path.relative_to(SRC).parts[-3]


def test_every_app_and_the_site_shell_have_russian_and_kazakh_catalogs():
    found = {(str(p.relative_to(SRC).parent.parent.parent), language_of(p)) for p in CATALOGS}
    for where in ["blog/locale", "comments/locale", "photos/locale", "locale"]:
        assert {(where, "ru"), (where, "kk")} <= found


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(SRC)))
def test_catalog_is_complete_keeps_placeholders_and_html_and_matches_its_mo_file(path):
    entries = read_po(path)
    header, messages = entries[0], entries[1:]
    assert header["id"] == "" and "fuzzy" not in header["flags"]
    language = language_of(path)
    assert f"nplurals={NPLURALS[language]};" in header["strs"][0]
    assert len(messages) > 5
    with (path.with_suffix(".mo")).open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    for entry in messages:
        label = entry["id"][:60]
        assert "fuzzy" not in entry["flags"], label
        key = entry["id"] if entry["ctx"] is None else f"{entry['ctx']}\x04{entry['id']}"
        wanted = sorted(set(PLACEHOLDER.findall(entry["id"] + (entry["plural"] or ""))))
        if entry["plural"]:
            assert sorted(entry["strs"]) == list(range(NPLURALS[language])), label
            for index, text in entry["strs"].items():
                assert text, label
                assert set(PLACEHOLDER.findall(text)) <= set(wanted), label
                assert compiled[(key, index)] == text, f"{path}: compile again ({label})"
        else:
            text = entry["strs"][0]
            assert text, label
            assert sorted(set(PLACEHOLDER.findall(text))) == wanted, label
            assert TAG.findall(text) == TAG.findall(entry["id"]), label
            assert compiled[key] == text, f"{path}: compile again ({label})"


def test_russian_counts_take_the_right_one_of_three_forms():
    with translation.override("ru"):
        said = {n: ngettext("%d comment approved.", "%d comments approved.", n) % n for n in
                (1, 3, 5, 11, 21, 22, 112)}  # fmt: skip
    assert said == {
        1: "Одобрен 1 комментарий.",
        3: "Одобрено 3 комментария.",
        5: "Одобрено 5 комментариев.",
        11: "Одобрено 11 комментариев.",
        21: "Одобрен 21 комментарий.",
        22: "Одобрено 22 комментария.",
        112: "Одобрено 112 комментариев.",
    }
    with translation.override("kk"):
        assert ngettext("%d post published.", "%d posts published.", 4) % 4 == (
            "4 жазба жарияланды."
        )


@pytest.fixture
def staff(client, db):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x" * 16)
    client.force_login(user)
    return client


def test_the_photo_upload_page_speaks_russian_to_a_russian_browser(staff):
    page = staff.get(reverse("admin:photos_photo_upload"), headers={"accept-language": "ru"})
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Content-Language"] == "ru"
    assert "Загрузить фото" in html
    assert "Автор фото (для всех)" in html
    assert "Размыть все найденные лица до сохранения" in html
    assert "Загрузить и очистить" in html
    assert "Upload and clean" not in html


def test_the_moderation_queue_and_its_actions_speak_russian(staff):
    make_blog()
    post = make_post(slug="a-day-in-the-park", title="A day in the park")
    for n in range(3):
        comment_services.comment_submit(
            post=post,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"Text {n}",
            token=guard.issue_token(post.pk, issued_at=time.time() - 60),
        )
    url = reverse("admin:comments_comment_changelist")
    russian = {"accept-language": "ru"}
    html = staff.get(url + "?status__exact=pending", headers=russian).content.decode()
    assert "Одобрить выбранные комментарии" in html
    assert "Причина задержки" in html
    assert "Первый комментарий этого автора" in html
    assert "Ждёт проверки" in html
    ids = list(Comment.objects.values_list("pk", flat=True))
    done = staff.post(
        url, {"action": "approve", "_selected_action": ids}, headers=russian, follow=True
    )
    assert "Одобрено 3 комментария." in done.content.decode()


def test_a_refused_photo_is_explained_in_kazakh(staff):
    with translation.override("kk"):
        assert str(Refused("empty")) == "Файл бос."
        assert "МБ" in str(Refused("too_large_file"))
    response = staff.post(
        reverse("admin:photos_photo_upload"),
        {"files": [SimpleUploadedFile("notes.jpg", b"just some words, no picture")]},
        headers={"accept-language": "kk"},
        follow=True,
    )
    html = response.content.decode()
    assert "Сақталмады: notes.jpg." in html
    assert "Мұндай файлды қабылдамаймыз" in html
