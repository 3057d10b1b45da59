"""The admin's preview of a photo, with the face rectangles a detector proposed."""

import base64
import io

from django.core.files.storage import default_storage


def preview_with_suggestions(photo):
    """The 960 px rendition, with proposed face rectangles outlined: drawn in memory for the
    editor only (a data: URL), so readers' files are never touched by it."""
    rendition = next((r for r in reversed(photo.renditions) if r["width"] <= 960), None)
    rendition = rendition or photo.renditions[0]
    if not photo.face_suggestions:
        return default_storage.url(rendition["jpeg"])
    from PIL import Image, ImageDraw  # here: not in every server process

    with default_storage.open(rendition["jpeg"], "rb") as stored:
        image = Image.open(io.BytesIO(stored.read())).convert("RGB")
    scale = image.width / photo.width
    draw = ImageDraw.Draw(image)
    for x, y, w, h in photo.face_suggestions:
        box = [x * scale, y * scale, (x + w) * scale, (y + h) * scale]
        draw.rectangle(box, outline=(255, 0, 170), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
