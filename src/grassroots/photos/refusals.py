"""Why an upload was refused, in words an editor understands (translated)."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "empty": _("The file is empty."),
    "too_large_file": _("The file is larger than the upload limit of %(mb)s MB."),
    "not_an_image": _(
        "This is not a photo we accept. Upload a JPEG, PNG, WebP, GIF or HEIC image "
        "(the file's content decides, not its name)."
    ),
    "trailing_data": _(
        "The file has data hidden after the image (sometimes a web page). It was refused "
        "for safety; export the photo again from your photo app."
    ),
    "truncated": _("The file is cut off: it seems the upload or copy did not finish."),
    "damaged": _("The image is damaged or cut off and cannot be read."),
    "too_many_pixels": _("The image is too large: at most %(megapixels)s megapixels are accepted."),
    "too_many_frames": _("The animation has too many frames: at most %(frames)s are accepted."),
    "too_many_scans": _(
        "The JPEG is built from an unusual number of passes, which would take minutes to "
        "read. Export the photo again from your photo app."
    ),
    "too_many_parts": _(
        "The file is made of an unusual number of small pieces, which would take long to "
        "read. Export the photo again from your photo app."
    ),
    "hidden_markup": _(
        "The file hides a web page besides the image. It was refused for safety; export "
        "the photo again from your photo app."
    ),
    "not_clean": _(
        "The processed files could not be verified clean, so nothing was stored. "
        "Please report this."
    ),
}


class Refused(Exception):
    """An upload we will not store. `code` picks the message; nothing was written."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self):
        from grassroots.photos import limits

        params = {
            "mb": limits.max_bytes() // (1024 * 1024),
            "megapixels": limits.max_pixels() // 1_000_000,
            "frames": limits.MAX_FRAMES,
        } | self.params
        return str(MESSAGES.get(self.code, MESSAGES["damaged"])) % params

    def __str__(self):
        return self.message
