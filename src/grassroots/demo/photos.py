"""Six demo photos for the photo story "a-day-in-the-park", drawn with Pillow at demo time
(no image files in git). Each is given fake EXIF with a GPS position, a camera serial number
and an owner name first, and goes through photo_upload like any upload: the admin then shows
what was removed. Alt text and captions are written for the demo by us."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

from grassroots.blog.galleries import append_gallery
from grassroots.blog.models import Post
from grassroots.photos import services

SIZE = (1600, 1067)
RAINBOW = [(228, 3, 3), (255, 140, 0), (255, 237, 0), (0, 128, 38), (36, 64, 142), (115, 41, 130)]

PHOTOS = [
    {
        "scene": "tables",
        "alt": "Two folding tables at the edge of a park, with a banner, leaflets and flasks.",
        "caption": "Setting up at ten in the morning, before the first walkers arrived.",
    },
    {
        "scene": "banner",
        "alt": "A striped banner in six colours tied between two birch trees.",
        "caption": "The banner went up between two birches; it stayed there all day.",
    },
    {
        "scene": "flasks",
        "alt": "Thermos flasks and a stack of paper cups on a table cloth.",
        "caption": "Tea was the best way to start a conversation.",
    },
    {
        "scene": "backs",
        "alt": "Three volunteers seen from behind, talking with two people on the path.",
        "caption": "Volunteers chose to be photographed from behind.",
    },
    {
        "scene": "face",
        "alt": "A visitor at the table, with the face blurred.",
        "caption": "Faces of visitors are blurred before any photo is stored.",
        "blur_faces": True,
    },
    {
        "scene": "evening",
        "alt": "Empty tables and folded chairs under trees in the evening light.",
        "caption": "Packing up at four: more than a hundred conversations.",
    },
]


def _park(draw, rng, *, sky=((150, 200, 240), (225, 238, 250)), ground_y=700):
    width, height = SIZE
    top, bottom = sky
    for y in range(ground_y):
        t = y / ground_y
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    draw.rectangle([0, ground_y, width, height], fill=(96, 150, 70))
    for _ in range(9):
        x = rng.randrange(0, width)
        trunk = rng.randrange(ground_y - 60, ground_y + 20)
        draw.rectangle([x - 10, trunk - 180, x + 10, trunk], fill=(95, 70, 50))
        r = rng.randrange(70, 130)
        draw.ellipse(
            [x - r, trunk - 180 - r * 1.4, x + r, trunk - 180 + r * 0.6], fill=(50, 120, 60)
        )
    draw.rectangle([0, ground_y + 120, width, ground_y + 170], fill=(200, 190, 160))  # path


def _table(draw, x, y, width=420):
    draw.rectangle([x, y, x + width, y + 18], fill=(235, 235, 230))
    draw.rectangle([x + 20, y + 18, x + 30, y + 150], fill=(120, 120, 120))
    draw.rectangle([x + width - 30, y + 18, x + width - 20, y + 150], fill=(120, 120, 120))


def _banner(draw, x, y, width=520, height=150):
    stripe = height / len(RAINBOW)
    for index, colour in enumerate(RAINBOW):
        draw.rectangle([x, y + index * stripe, x + width, y + (index + 1) * stripe], fill=colour)


def _person_from_behind(draw, x, y, scale=1.0, coat=(60, 80, 120)):
    head = 38 * scale
    draw.ellipse([x - head, y - 2 * head, x + head, y], fill=(60, 45, 35))  # hair, back of head
    draw.rounded_rectangle([x - 70 * scale, y, x + 70 * scale, y + 230 * scale], 40, fill=coat)
    draw.rectangle(
        [x - 45 * scale, y + 230 * scale, x - 10 * scale, y + 360 * scale], fill=(40, 40, 50)
    )
    draw.rectangle(
        [x + 10 * scale, y + 230 * scale, x + 45 * scale, y + 360 * scale], fill=(40, 40, 50)
    )


def _face(draw, cx, cy, r):
    """A drawn person whose face the bundled detector recognises, so the demo shows
    automatic blurring."""
    draw.rounded_rectangle(
        [cx - r * 1.3, cy + r * 1.0, cx + r * 1.3, cy + r * 3.2], 60, fill=(170, 60, 80)
    )
    draw_face(draw, cx, cy, r)


def draw_face(draw, cx, cy, r):
    """Eyes, nose, mouth and hair that OpenCV's frontal-face cascade takes for a face (the
    tests draw the same one)."""
    draw.ellipse([cx - r * 0.8, cy - r, cx + r * 0.8, cy + r * 1.1], fill=(225, 185, 160))
    draw.rectangle([cx - r * 0.55, cy - r * 0.45, cx - r * 0.15, cy - r * 0.35], fill=(60, 40, 30))
    draw.rectangle([cx + r * 0.15, cy - r * 0.45, cx + r * 0.55, cy - r * 0.35], fill=(60, 40, 30))
    draw.ellipse([cx - r * 0.5, cy - r * 0.25, cx - r * 0.2, cy - r * 0.05], fill=(40, 30, 30))
    draw.ellipse([cx + r * 0.2, cy - r * 0.25, cx + r * 0.5, cy - r * 0.05], fill=(40, 30, 30))
    draw.polygon(
        [(cx, cy - r * 0.05), (cx - r * 0.12, cy + r * 0.3), (cx + r * 0.12, cy + r * 0.3)],
        fill=(195, 150, 130),
    )
    draw.ellipse([cx - r * 0.35, cy + r * 0.5, cx + r * 0.35, cy + r * 0.65], fill=(150, 60, 60))
    draw.rectangle([cx - r * 0.9, cy - r * 1.2, cx + r * 0.9, cy - r * 0.75], fill=(50, 35, 25))


def draw_scene(name, seed):
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    if name == "evening":
        _park(draw, rng, sky=((240, 150, 90), (250, 215, 160)))
    else:
        _park(draw, rng)
    if name in ("tables", "evening", "face"):
        _table(draw, 300, 720)
        _table(draw, 800, 720)
    if name == "tables":
        _banner(draw, 420, 480, width=700, height=120)
        for i in range(6):
            draw.rectangle([340 + i * 40, 690, 370 + i * 40, 720], fill=(250, 250, 250))
        for i in range(3):
            draw.rounded_rectangle([880 + i * 70, 620, 930 + i * 70, 720], 12, fill=(180, 30, 40))
    if name == "banner":
        draw.rectangle([380, 200, 400, 720], fill=(235, 235, 225))
        draw.rectangle([1200, 200, 1220, 720], fill=(235, 235, 225))
        _banner(draw, 400, 260, width=800, height=240)
    if name == "flasks":
        draw.rectangle([0, 600, SIZE[0], SIZE[1]], fill=(200, 60, 60))
        for i in range(4):
            x = 250 + i * 260
            draw.rounded_rectangle([x, 250, x + 140, 640], 30, fill=(60 + i * 40, 70, 90))
            draw.rectangle([x + 30, 220, x + 110, 260], fill=(30, 30, 30))
        for i in range(8):
            draw.ellipse(
                [1300, 640 - i * 28, 1450, 680 - i * 28],
                fill=(245, 245, 240),
                outline=(200, 200, 200),
            )
    if name == "backs":
        for i, coat in enumerate([(60, 80, 120), (120, 60, 60), (60, 110, 80)]):
            _person_from_behind(draw, 420 + i * 260, 620, scale=1.1, coat=coat)
        _person_from_behind(draw, 1250, 560, scale=0.8, coat=(150, 140, 90))
        _person_from_behind(draw, 1400, 570, scale=0.75, coat=(90, 90, 140))
    if name == "face":
        _face(draw, 800, 430, 150)
    if name == "evening":
        for i in range(4):
            x = 360 + i * 260
            draw.line([(x, 880), (x + 40, 760)], fill=(90, 90, 90), width=8)
    return image.filter(ImageFilter.GaussianBlur(1.5))


def fake_camera_exif():
    """What a phone would have written, so the demo's admin shows it removed."""
    exif = Image.Exif()
    exif[0x010F] = "DemoPhone"
    exif[0x0110] = "DemoPhone 12"
    exif[0x013B] = "Demo Owner"
    sub = exif.get_ifd(0x8769)
    sub[0xA430] = "Demo Owner"
    sub[0xA431] = "DEMO-SERIAL-0001"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (49.0, 48.0, 20.0)
    gps[3], gps[4] = "E", (73.0, 5.0, 40.0)
    return exif


def load():
    post = Post.objects.filter(slug="a-day-in-the-park").first()
    if post is None:  # the posts loader did not run or changed: nothing to illustrate
        return
    photos, captions = [], {}
    for index, values in enumerate(PHOTOS):
        buffer = io.BytesIO()
        draw_scene(values["scene"], seed=index).save(
            buffer, "JPEG", quality=88, exif=fake_camera_exif(), comment=b"demo camera comment"
        )
        photo = services.photo_upload(
            data=buffer.getvalue(),
            alt_text=values["alt"],
            caption=values["caption"],
            credit="Bright Path volunteers",
            blur_faces=values.get("blur_faces", False),
        )
        photos.append(photo)
        captions[photo.pk] = values["caption"]
    append_gallery(post=post, photos=photos, captions=captions, cover=photos[0])
