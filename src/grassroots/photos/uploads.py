"""An upload handler that stops reading a file past the photo size limit, so an oversized
upload never fills the disk or memory. Installed per view, before the request is parsed."""

from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler

from grassroots.photos import limits


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
