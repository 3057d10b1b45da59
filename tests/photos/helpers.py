import io

from PIL import Image

from tests.photos.corpus import SECRETS


def open_bytes(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_clean(data, name="file"):
    """Raw bytes of one stored file: no planted secret, no metadata container, one image."""
    for secret in SECRETS:
        assert secret not in data, f"{name} still contains {secret!r}"
    for marker in [b"Exif\x00\x00", b"<x:xmpmeta", b"<?xpacket", b"8BIM", b"tEXt", b"iTXt",
                   b"zTXt", b"eXIf", b"iCCP", b"ICCP", b"EXIF", b"XMP "]:  # fmt: skip
        assert marker not in data, f"{name} contains {marker!r}"
    if data[:2] == b"\xff\xd8":
        assert data.count(b"\xff\xd8") == 1, f"{name} holds more than one image"
        assert b"\xff\xfe" not in data.split(b"\xff\xda")[0], f"{name} has a comment"
        assert data.endswith(b"\xff\xd9")
    image = open_bytes(data)
    assert not image.info.get("exif") and not image.info.get("icc_profile")
    assert not image.info.get("comment") and not image.info.get("xmp")
    assert getattr(image, "n_frames", 1) == 1
