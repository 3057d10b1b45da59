"""Refresh the Russian and Kazakh catalogs: `.venv/bin/python tools/messages.py [--compile]`.

Each app's catalog (<app>/locale) covers the app folder AND its project templates under
src/grassroots/templates/<app>/; the project catalog (src/grassroots/locale) covers
base.html, 404.html, 500.html and core. Plain `makemessages` run in an app folder cannot see
templates/<app>/ and, with --no-obsolete, would drop their translations; so each catalog is
extracted from a temporary copy that holds exactly its sources, then copied back.
New strings come out with an empty msgstr (Django shows English until someone translates
them); tests/core/test_translations.py fails until they are translated and compiled.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "grassroots"
DJANGO_ADMIN = Path(sys.executable).with_name("django-admin")
LANGUAGES = ["ru", "kk"]
APPS = ["accounts", "blog", "comments", "followers", "photos", "studio", "transfer"]
SKIP = shutil.ignore_patterns("__pycache__", "static", "*.mo")


def extract(stage, catalog):
    subprocess.run(
        [DJANGO_ADMIN, "makemessages", "--no-obsolete", "--no-location", "-v", "0"]
        + [arg for lang in LANGUAGES for arg in ("-l", lang)],
        cwd=stage,
        check=True,
    )
    for lang in LANGUAGES:
        target = catalog / lang / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(stage / "locale" / lang / "LC_MESSAGES" / "django.po", target / "django.po")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for app in APPS:
            stage = Path(tmp) / app
            shutil.copytree(SRC / app, stage, ignore=SKIP)
            (stage / "locale").mkdir(exist_ok=True)
            if (SRC / "templates" / app).is_dir():
                shutil.copytree(SRC / "templates" / app, stage / "project_templates" / app)
            extract(stage, SRC / app / "locale")
        stage = Path(tmp) / "project"
        shutil.copytree(SRC / "core", stage / "core", ignore=SKIP)
        (stage / "templates").mkdir()
        for page in (SRC / "templates").glob("*.html"):
            shutil.copy(page, stage / "templates")
        shutil.copytree(SRC / "locale", stage / "locale", ignore=SKIP)
        extract(stage, SRC / "locale")
    if "--compile" in sys.argv:
        subprocess.run([DJANGO_ADMIN, "compilemessages", "-v", "0"], cwd=SRC, check=True)


if __name__ == "__main__":
    main()
