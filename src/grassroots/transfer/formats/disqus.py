"""Disqus's comment export. Reading: transfer/reading/disqus.py."""

from django.utils.translation import gettext_lazy

from grassroots.transfer.reading.xmlstream import head

LABEL = gettext_lazy("Disqus comments export")


def detect(path):
    return "<disqus" in head(path)


def read(path, *, report, progress=None, **_options):
    from grassroots.transfer.reading.disqus import DisqusImport

    return DisqusImport(path, report=report, progress=progress).run()
