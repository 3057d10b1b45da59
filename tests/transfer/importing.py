"""Running an import in-process the way a person runs it from the command line."""

import json

from django.core.management import call_command

from tests.transfer import wxr_fixture


def write_export(tmp_path, name="wordpress.xml", **options):
    path = tmp_path / name
    path.write_bytes(wxr_fixture.build(**options))
    return path


def run_import(fmt, path, tmp_path, *args):
    """call_command('import', ...) -> the saved JSON report as a dict."""
    report = tmp_path / f"report-{len(list(tmp_path.glob('report-*.json')))}.json"
    call_command("import", fmt, str(path), "--report", str(report), *args)
    return json.loads(report.read_text())


def snapshot():
    """Row counts of everything an import writes."""
    from grassroots.blog.models import Author, Post, Tag
    from grassroots.comments.models import Comment
    from grassroots.photos.models import Photo
    from grassroots.transfer.models import ImportedItem, OldAddress

    return {
        model.__name__: model.objects.count()
        for model in (Post, Author, Tag, Comment, Photo, ImportedItem, OldAddress)
    }
