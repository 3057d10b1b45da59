"""A corpus of hostile and metadata-laden images, built with Pillow at test time (no binaries
in git). Each planted secret is a distinctive string, so a raw-byte search is meaningful."""

import io
import struct
import zlib

import pillow_heif
from PIL import Image, ImageDraw

pillow_heif.register_heif_opener()

SECRETS = [
    b"SECRET-OWNER-Dana",
    b"SN-SECRET-778899",
    b"LENS-SECRET-4455",
    b"SECRET-COMMENT",
    b"SECRET-XMP-PACKET",
    b"SECRET-PNG-TEXT",
    b"SECRET-CAMERA-MAKE",
    b"SECRET-SOFTWARE",
    b"SECRET-IPTC",
    b"SECRET-MAKERNOTE",
    b"http://ns.adobe.com/xap/",
    b"Photoshop 3.0",
    b"ICC_PROFILE",
]
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="43,15.5N" xmp:CreatorTool="SECRET-XMP-PACKET"/></rdf:RDF>'
    b'</x:xmpmeta><?xpacket end="w"?>'
)


def scene(size=(640, 480)):
    """A picture with an obvious top: red band at the top, blue at the bottom."""
    image = Image.new("RGB", size, (40, 160, 60))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0], size[1] // 5], fill=(220, 20, 20))
    draw.rectangle([0, size[1] * 4 // 5, size[0], size[1]], fill=(20, 20, 220))
    for i in range(0, size[0], 23):
        draw.line([i, 0, size[0] - i, size[1]], fill=(250, 240, 200), width=2)
    return image


def exif(orientation=1):
    data = Image.Exif()
    data[0x010F] = "SECRET-CAMERA-MAKE"
    data[0x0110] = "Phone 12"
    data[0x0131] = "SECRET-SOFTWARE"
    data[0x0132] = "2026:06:01 12:00:00"
    data[0x013B] = "SECRET-OWNER-Dana"
    data[0x0112] = orientation
    sub = data.get_ifd(0x8769)
    sub[0xA430] = "SECRET-OWNER-Dana"
    sub[0xA431] = "SN-SECRET-778899"
    sub[0xA435] = "LENS-SECRET-4455"
    sub[0x927C] = b"SECRET-MAKERNOTE"
    sub[0x9003] = "2026:06:01 12:00:00"
    gps = data.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (43.0, 15.0, 30.0)
    gps[3] = "E"
    gps[4] = (76.0, 57.0, 0.0)
    return data


def adobe_rgb_icc():
    """Adobe RGB (1998)'s D50 colorants and its 563/256 gamma, built by rgb_icc() below."""
    return rgb_icc(
        (0.6097, 0.3111, 0.0195),
        (0.2053, 0.6257, 0.0609),
        (0.1492, 0.0632, 0.7446),
        name=b"Adobe RGB (1998) stand-in",
    )


def _app13_iptc():
    # A Photoshop IRB with an IPTC-NAA record (8BIM 0x0404) holding a caption.
    record = b"\x1c\x02\x78" + struct.pack(">H", 11) + b"SECRET-IPTC"
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def phone_jpeg(orientation=1, size=(640, 480)):
    """A JPEG like a phone writes: EXIF with GPS, owner, serials, a thumbnail; XMP; IPTC;
    a comment. Orientation 6 means 'rotate 90 clockwise to view'."""
    image = scene(size)
    data = exif(orientation)
    buffer = io.BytesIO()
    thumb = io.BytesIO()
    image.resize((160, 120)).save(thumb, "JPEG")
    image.save(buffer, "JPEG", exif=data, comment=b"SECRET-COMMENT", xmp=XMP, quality=90)
    raw = buffer.getvalue()
    # Insert the IPTC block right after SOI.
    return raw[:2] + _app13_iptc() + raw[2:]


def rotated_source(orientation):
    """The stored pixels for a photo whose upright view is scene(): rotate the other way."""
    upright = scene((640, 480))
    if orientation == 6:
        return upright.transpose(Image.Transpose.ROTATE_90)
    if orientation == 8:
        return upright.transpose(Image.Transpose.ROTATE_270)
    return upright


def rotated_jpeg(orientation):
    buffer = io.BytesIO()
    rotated_source(orientation).save(buffer, "JPEG", exif=exif(orientation), quality=92)
    return buffer.getvalue()


def heic(orientation=6):
    buffer = io.BytesIO()
    rotated_source(orientation).save(
        buffer, "HEIF", exif=exif(orientation).tobytes(), xmp=XMP, quality=80
    )
    return buffer.getvalue()


def png_with_metadata():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "SECRET-PNG-TEXT")
    info.add_itxt("Description", "SECRET-PNG-TEXT", zip=True)
    info.add_text("Author", "SECRET-PNG-TEXT", zip=True)
    buffer = io.BytesIO()
    scene().convert("RGBA").save(
        buffer, "PNG", pnginfo=info, exif=exif(), icc_profile=adobe_rgb_icc()
    )
    return buffer.getvalue()


def webp_with_metadata():
    buffer = io.BytesIO()
    scene().save(buffer, "WEBP", exif=exif(), xmp=XMP, icc_profile=adobe_rgb_icc())
    return buffer.getvalue()


def animated(kind="GIF", frames=3):
    images = [scene((200, 150)).rotate(i * 30) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer, kind, save_all=True, append_images=images[1:], duration=100,
        comment=b"SECRET-COMMENT",
    )  # fmt: skip
    return buffer.getvalue()


def gif_with_many_frames(frames):
    """Many copies of one tiny frame, spliced by hand so the test stays fast."""
    buffer = io.BytesIO()
    Image.new("P", (2, 2)).save(buffer, "GIF")
    data = buffer.getvalue()
    start = data.index(b"\x2c\x00\x00\x00\x00")
    return data[:start] + data[start:-1] * frames + b"\x3b"


def png_with_trailing_html():
    buffer = io.BytesIO()
    scene((64, 64)).save(buffer, "PNG")
    return buffer.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


def svg():
    return b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def html_named_jpg():
    return b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def truncated_jpeg():
    data = phone_jpeg()
    return data[: len(data) // 2]


def png_bomb(width=100_000, height=100_000):
    """A valid PNG header claiming a huge canvas, with a tiny compressed body."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def jpeg_with_huge_header(width=20_000, height=20_000):
    """A small JPEG whose frame header claims 400 megapixels."""
    data = bytearray(phone_jpeg(size=(64, 48)))
    index = data.find(b"\xff\xc0")
    if index < 0:
        index = data.find(b"\xff\xc2")
    struct.pack_into(">HH", data, index + 5, height, width)
    return bytes(data)


def mpo():
    """A JPEG with a second image (MPF), as phones write for depth or previews."""
    buffer = io.BytesIO()
    first, second = scene(), scene().rotate(180)
    first.save(buffer, "MPO", save_all=True, append_images=[second], exif=exif())
    return buffer.getvalue()


def cmyk_jpeg():
    buffer = io.BytesIO()
    scene().convert("CMYK").save(buffer, "JPEG")
    return buffer.getvalue()


def noise(size):
    """Fine random detail standing in for a face: what blurring has to destroy."""
    import random

    generator = random.Random(7)
    return Image.frombytes(
        "RGB", size, bytes(generator.getrandbits(8) for _ in range(size[0] * size[1] * 3))
    )


def detail(image):
    """Mean contrast between neighbouring pixels: high for faces and text, ~0 when blurred."""
    from PIL import ImageChops, ImageStat

    gray = image.convert("L")
    shifted = gray.transform(gray.size, Image.Transform.AFFINE, (1, 0, 1, 0, 1, 0))
    diff = ImageChops.difference(gray.crop((0, 0, gray.width - 1, gray.height)),
                                 shifted.crop((0, 0, gray.width - 1, gray.height)))  # fmt: skip
    return ImageStat.Stat(diff).mean[0]


def drawn_face(size=600):
    """A drawn face that OpenCV's bundled frontal-face cascade recognises."""
    from PIL import ImageFilter

    from grassroots.demo.photos import draw_face

    image = Image.new("RGB", (size, size), (90, 110, 140))
    draw = ImageDraw.Draw(image)
    cx, cy, r = size // 2, size // 2, size // 4
    draw_face(draw, cx, cy, r)
    return image.filter(ImageFilter.GaussianBlur(3))


def jpeg_bytes(image, **params):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **params)
    return buffer.getvalue()


def jpeg_with_many_scans(scans=2000, side=64):
    """A small progressive JPEG whose last AC scan is repeated: libjpeg decodes every copy,
    so a few hundred KB of such scans cost a worker minutes on a large canvas."""
    data = jpeg_bytes(Image.new("RGB", (side, side), (128, 128, 128)), progressive=True)
    pos, last_scan = 2, None
    while data[pos + 1] != 0xD9:
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        start, pos = pos, pos + 2 + length
        if data[start + 1] == 0xDA:
            while not (data[pos] == 0xFF and data[pos + 1] not in (0, *range(0xD0, 0xD8))):
                pos += 1
            last_scan = (start, pos)
    start, end = last_scan
    return data[:end] + data[start:end] * scans + data[end:]


def jpeg_with_trailing_html():
    """A JPEG that is also a web page: HTML after the end of the image."""
    return jpeg_bytes(scene((64, 48))) + b"<html><script>alert(document.cookie)</script></html>"


def jpeg_with_html_comment():
    """A JPEG carrying a web page in its comment segment."""
    page = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    data = jpeg_bytes(scene((64, 48)))
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(page) + 2) + page + data[2:]


def grey16_png(value=30000):
    """A 16-bit greyscale PNG (scanners and some editors write these)."""
    buffer = io.BytesIO()
    Image.new("I;16", (40, 30), value).save(buffer, "PNG")
    return buffer.getvalue()


def _s15(value):
    return struct.pack(">i", round(value * 65536))


def rgb_icc(red, green, blue, name=b"Reviewer RGB"):
    """A minimal ICC v2 matrix/TRC display profile with the given D50 colorants."""
    from grassroots.photos.colour import icc_profile

    def xyz(values):
        return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in values)

    desc = b"desc\0\0\0\0" + struct.pack(">I", len(name) + 1) + name + b"\0" + b"\0" * 78
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    tags = [
        (b"desc", desc), (b"wtpt", xyz((0.9642, 1.0, 0.8249))), (b"rXYZ", xyz(red)),
        (b"gXYZ", xyz(green)), (b"bXYZ", xyz(blue)),
        (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
    ]  # fmt: skip
    return icc_profile(tags, version=b"\x02\x10\0\0")


def display_p3_icc():
    return rgb_icc((0.5151, 0.2412, -0.0011), (0.2920, 0.6922, 0.0419), (0.1571, 0.0666, 0.7841))


def swapped_primaries_icc():
    """sRGB's colorants with red and green exchanged: pure red in it is pure green in sRGB,
    so a missed conversion cannot pass for a small rounding difference."""
    return rgb_icc((0.3851, 0.7169, 0.0971), (0.4361, 0.2225, 0.0139), (0.1431, 0.0606, 0.7141))


def png_with_many_chunks(count=300_000):
    """A tiny PNG padded with empty private chunks: every one costs a loop turn to read."""
    data = _plain_png()
    index = data.index(b"IDAT") - 4
    empty = struct.pack(">I", 0) + b"abCd" + struct.pack(">I", zlib.crc32(b"abCd"))
    return data[:index] + empty * count + data[index:]


def gif_with_many_extensions(count=300_000):
    """A tiny GIF with a flood of one-byte comment blocks before its image."""
    buffer = io.BytesIO()
    Image.new("P", (2, 2)).save(buffer, "GIF")
    data = buffer.getvalue()
    start = data.index(b"\x2c")
    return data[:start] + b"\x21\xfe\x01a\x00" * count + data[start:]


def _plain_png():
    buffer = io.BytesIO()
    scene((32, 32)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_many_segments(count=300_000):
    """A tiny JPEG preceded by a flood of empty comment segments."""
    data = jpeg_bytes(scene((64, 48)))
    return data[:2] + b"\xff\xfe\x00\x02" * count + data[2:]
