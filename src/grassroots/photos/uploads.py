"""An upload handler that stops reading a file past the photo size limit, so an oversized
upload never fills the disk or memory. Installed per view, before the request is parsed.
Also what every upload page tells the person afterwards (the admin's and the studio's)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.photos import limits
from grassroots.photos.refusals import Refused


class CappedUploadHandler(TemporaryFileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.cap = limits.max_bytes()
        self.too_large = []  # names (for the message) of files that were skipped
        self.received = 0

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.cap:
            self.too_large.append(self.file_name)
            self.file.close()
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)


def parse_capped(request):
    """Install the cap, then parse the body: (handler, too_many). Call it in a view that is
    csrf_exempt and check CSRF after it: the middleware would parse the body first."""
    handler = CappedUploadHandler(request)
    request.upload_handlers = [handler]
    try:
        request.POST.get("csrfmiddlewaretoken")
    except TooManyFilesSent:
        # Nothing was read into storage; the answer changes nothing, so no CSRF check.
        messages.error(request, _(
            "You can upload at most %(count)s files at once; nothing was stored. "
            "Upload them in smaller groups."
        ) % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FILES})  # fmt: skip
        return handler, True
    return handler, False


def skipped_for_size(handler):
    return [(name, None, str(Refused("too_large_file"))) for name in handler.too_large]


def report(request, results):
    """One message for what was stored and one per file that was not, naming the file."""
    stored = [photo for _name, photo, _message in results if photo]
    if stored:
        messages.success(
            request,
            ngettext(
                "%(count)d photo uploaded and cleaned. Add alt text before publishing.",
                "%(count)d photos uploaded and cleaned. Add alt text before publishing.",
                len(stored),
            )
            % {"count": len(stored)},
        )
    for name, photo, message in results:
        if photo is None:
            messages.error(request, _("Not stored: %(name)s. %(reason)s") % {
                "name": name, "reason": message,
            })  # fmt: skip
