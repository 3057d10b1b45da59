"""Offline face detection with the Haar cascades that ship inside opencv-python-headless:
no model is downloaded, ever. It proposes rectangles; an editor checks and adjusts them,
because no detector finds every face (profiles, masks, crowds)."""


class DetectorUnavailable(Exception):
    pass


CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")
# Detection runs on a copy this size at most: enough for faces of 24 px and up, and fast.
WORK_SIDE = 1280
# Rectangles grow by this share on each side: hair, ears and jaw identify people too.
PADDING = 0.25


def _classifiers():
    try:
        import cv2
    except ImportError:
        raise DetectorUnavailable from None
    import os

    return cv2, [
        cv2.CascadeClassifier(os.path.join(cv2.data.haarcascades, name)) for name in CASCADES
    ]


def _overlap(a, b):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    dx = min(ax + aw, bx + bw) - max(ax, bx)
    dy = min(ay + ah, by + bh) - max(ay, by)
    if dx <= 0 or dy <= 0:
        return 0
    return dx * dy / min(aw * ah, bw * bh)


def detect(image):
    """Face rectangles [x, y, w, h] in the image's pixels, padded, overlapping ones merged."""
    import numpy
    from PIL import Image

    cv2, classifiers = _classifiers()
    cv2.setNumThreads(1)  # a web worker shares the machine with others
    scale = min(1.0, WORK_SIDE / max(image.size))
    work = image.convert("L")
    if scale < 1:
        work = work.resize(
            (round(image.width * scale), round(image.height * scale)), Image.Resampling.BOX
        )
    gray = cv2.equalizeHist(numpy.asarray(work))
    found = []
    for index, classifier in enumerate(classifiers):
        views = [(gray, False)] + ([(cv2.flip(gray, 1), True)] if index == 1 else [])
        for view, mirrored in views:
            for x, y, w, h in classifier.detectMultiScale(
                view, scaleFactor=1.1, minNeighbors=5, minSize=(24, 24)
            ):
                if mirrored:
                    x = view.shape[1] - x - w
                found.append((int(x), int(y), int(w), int(h)))
    merged = []
    for box in sorted(found, key=lambda b: -b[2] * b[3]):
        if all(_overlap(box, kept) < 0.5 for kept in merged):
            merged.append(box)
    result = []
    for x, y, w, h in merged:
        pad_w, pad_h = w * PADDING, h * PADDING
        left = max(0, round((x - pad_w) / scale))
        top = max(0, round((y - pad_h) / scale))
        right = min(image.width, round((x + w + pad_w) / scale))
        bottom = min(image.height, round((y + h + pad_h) / scale))
        result.append([left, top, right - left, bottom - top])
    return result
