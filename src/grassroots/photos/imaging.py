"""Pure image functions: bytes in, clean pixels and encoded bytes out. Nothing here touches
storage or the database, so every rule about metadata is testable on bytes alone.

The rule (DESIGN.md section 5.3): every stored file is encoded by us from decoded pixels.
We never copy a block of the upload: not its EXIF, XMP, IPTC, comments, colour profile,
thumbnails, extra frames, nor its name."""

import io
import secrets
import struct
import warnings
from dataclasses import dataclass, field

import pillow_heif
from PIL import Image, ImageCms, ImageFilter, ImageOps, UnidentifiedImageError

from grassroots.photos import colour, containers
from grassroots.photos.inspection import find_metadata
from grassroots.photos.refusals import Refused

pillow_heif.register_heif_opener()

# JPEG covers MPO (a JPEG with extra images): its opener picks the MPO class itself.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
MAX_PIXELS = 40_000_000
MAX_FRAMES = 200
MAX_BYTES = 25 * 1024 * 1024
# The master is what renditions (and later blurring) start from: large enough for any
# screen, small enough that a 40-megapixel upload does not sit on disk at full size.
MASTER_LONGEST_SIDE = 2560
RENDITION_WIDTHS = (480, 960, 1600)
MASTER_NAME = "master.jpg"
JPEG_QUALITY = 84
WEBP_QUALITY = 80

# Pillow refuses images twice this size on its own; between 1x and 2x it only warns, and we
# turn that warning into a refusal (see decode()).
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_SRGB = ImageCms.createProfile("sRGB")


@dataclass
class Cleaned:
    """Decoded pixels (RGB, no info dictionary) and what the upload carried that we dropped."""

    image: Image.Image
    source_format: str
    removed: list = field(default_factory=list)


@dataclass
class Encoded:
    """Everything we store for one version of a photo: names are fresh for every version."""

    token: str
    master: bytes
    width: int
    height: int
    renditions: list = field(default_factory=list)  # (width, height, jpeg bytes, webp bytes)

    def files(self):
        yield f"photos/{self.token}/{MASTER_NAME}", self.master
        for width, _height, jpeg, webp in self.renditions:
            yield f"photos/{self.token}/{width}w.jpg", jpeg
            yield f"photos/{self.token}/{width}w.webp", webp


def sniff(data):
    """The format by content, never by name; None when it is not one we accept."""
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in {
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
    }:  # fmt: skip
        return "HEIF"
    return None


def _to_srgb(image):
    icc = image.info.get("icc_profile") or colour.profile_from_nclx(image.info.get("nclx_profile"))
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    if not icc:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken profile: keep the pixels as they are rather than refuse the photo.
        return image


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )


def _flatten(image):
    """RGB on white: renditions include a JPEG fallback, which has no transparency."""
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


# What decoders raise on hostile or broken input besides their documented errors: C
# decoders (libjpeg, libheif via pillow-heif, libwebp) surface odd sizes and states as
# OverflowError, RuntimeError, ZeroDivisionError or MemoryError. Each is this file's refusal,
# never a 500 for a whole upload batch.
DECODER_ERRORS = (
    OSError, ValueError, IndexError, KeyError, TypeError, ArithmeticError, RuntimeError,
    MemoryError, AttributeError,
)  # fmt: skip


def decode(
    data, *, max_pixels=MAX_PIXELS, max_frames=MAX_FRAMES, max_bytes=MAX_BYTES,
    longest_side=MASTER_LONGEST_SIDE,
):  # fmt: skip
    """Bytes of an upload -> Cleaned, or Refused with a reason code. Size, pixel count and
    frame count are checked on the header, before any pixel is decoded."""
    if not data:
        raise Refused("empty")
    if len(data) > max_bytes:
        raise Refused("too_large_file")
    kind = sniff(data)
    Image.MAX_IMAGE_PIXELS = max_pixels
    if kind is None:
        raise Refused("not_an_image")
    if kind == "JPEG" and containers.jpeg_scans(data) > containers.MAX_JPEG_SCANS:
        raise Refused("too_many_scans")
    if containers.hidden_markup(data, kind):
        raise Refused("hidden_markup")
    chunks = ()
    if kind == "PNG":
        chunks, trailing = containers.png_chunks(data)
        if trailing:
            raise Refused("trailing_data")
    if kind == "GIF" and containers.gif_frames(data) > max_frames:
        raise Refused("too_many_frames")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # A damaged EXIF block makes Pillow warn; we drop the block anyway, so stay quiet.
        warnings.simplefilter("ignore", UserWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            width, height = image.size
            if width < 1 or height < 1 or width * height > max_pixels:
                raise Refused("too_many_pixels")
            if kind != "GIF" and getattr(image, "n_frames", 1) > max_frames:
                raise Refused("too_many_frames")
            removed = find_metadata(image, data, chunks)
            if image.format in ("JPEG", "MPO"):
                # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when the master is smaller
                # anyway: less time and memory for huge photos.
                ratio = longest_side / max(width, height)
                if ratio < 1:
                    image.draft("RGB", (int(width * ratio) + 1, int(height * ratio) + 1))
            source_format = image.format or kind
            image.load()
            if image.mode.startswith("I"):
                # 16-bit grey: scale to 8 bits; a plain convert() would clip it to white.
                image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
            if image.mode not in ("RGB", "RGBA", "L", "CMYK"):
                image = image.convert("RGBA" if _has_alpha(image) else "RGB")
            # Shrink first (in place): every later step then works on the master's size at
            # most, which keeps a 40-megapixel upload within a few hundred MB and seconds.
            image.thumbnail(
                (longest_side, longest_side), Image.Resampling.LANCZOS, reducing_gap=1.0
            )
            image = ImageOps.exif_transpose(image) or image
            image = _flatten(_to_srgb(image))
        except Refused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise Refused("too_many_pixels") from None
        except (UnidentifiedImageError, SyntaxError, EOFError, struct.error):
            # An ISO box naming a HEIF brand is a phone photo cut short, not something else.
            raise Refused("damaged" if kind == "HEIF" else "not_an_image") from None
        except DECODER_ERRORS:
            raise Refused("damaged") from None
    # A fresh image from raw pixels: no info dictionary, so nothing of the upload can be
    # written back by a save() that copies im.info (Pillow does so for JPEG comments).
    clean = Image.frombytes("RGB", image.size, image.tobytes())
    return Cleaned(image=clean, source_format=source_format, removed=removed)


def blur(image, regions):
    """Pixelate, then blur, each (x, y, w, h) region: irreversible, and strong enough that a
    face cannot be recognised or reconstructed. Returns a new image."""
    result = image.copy()
    for x, y, w, h in regions:
        box = (
            max(0, int(x)),
            max(0, int(y)),
            min(image.width, int(x + w)),
            min(image.height, int(y + h)),
        )
        if box[2] - box[0] < 2 or box[3] - box[1] < 2:
            continue
        part = result.crop(box)
        # About eight blocks across the region: no feature survives, the shape still reads.
        blocks = (min(8, part.width), min(8, part.height))
        small = part.resize(blocks, Image.Resampling.BOX)
        part = small.resize(part.size, Image.Resampling.NEAREST)
        part = part.filter(ImageFilter.GaussianBlur(max(2, min(part.size) // 10)))
        result.paste(part, box[:2])
    return Image.frombytes("RGB", result.size, result.tobytes())


def encode_jpeg(image, quality=JPEG_QUALITY):
    buffer = io.BytesIO()
    # exif=b"" and comment=b"" spelled out: Pillow copies a comment from im.info otherwise.
    image.save(
        buffer, "JPEG", quality=quality, optimize=True, progressive=True, exif=b"", comment=b""
    )
    return buffer.getvalue()


def encode_webp(image, quality=WEBP_QUALITY):
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=quality, method=4, exif=b"", xmp=b"", icc_profile=b"")
    return buffer.getvalue()


def rendition_widths(width):
    widths = [w for w in RENDITION_WIDTHS if w < width]
    if width <= RENDITION_WIDTHS[-1]:
        widths.append(width)
    return widths


def encode(image):
    """Master and renditions of a clean image, under a fresh random token: a changed image
    gets new names, so readers' caches (a year long) never show an old version."""
    renditions = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        scaled = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        renditions.append((width, height, encode_jpeg(scaled), encode_webp(scaled)))
    return Encoded(
        token=secrets.token_hex(10),
        master=encode_jpeg(image, quality=90),
        width=image.width,
        height=image.height,
        renditions=renditions,
    )
