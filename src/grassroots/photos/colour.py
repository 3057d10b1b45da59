"""An ICC profile for a HEIF photo that describes its colours with an nclx box (primaries
and white point, as numbers) instead of embedding a profile: many phones do so for Display
P3. With it, such photos are converted to sRGB like any photo with a profile."""

import struct

# nclx colour_primaries: 1 is BT.709 (the same primaries as sRGB), 2 means unspecified.
SRGB_LIKE = {1, 2}
# Plain numbers: numpy (about 13 MB a process) is imported only for a photo that needs it.
_BRADFORD = ((0.8951, 0.2664, -0.1614), (-0.7502, 1.7135, 0.0367), (0.0389, -0.0685, 1.0296))
_D50 = (0.9642, 1.0, 0.8249)


def _xyz(x, y):
    import numpy

    return numpy.array([x / y, 1.0, (1 - x - y) / y])


def _s15(value):
    return struct.pack(">i", round(float(value) * 65536))


def _tag_xyz(values):
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in values)


def _colorants(nclx):
    """RGB -> XYZ (D50, as ICC wants) columns for the nclx primaries and white point."""
    import numpy

    bradford, d50 = numpy.array(_BRADFORD), numpy.array(_D50)
    primaries = numpy.column_stack(
        [
            _xyz(nclx[f"color_primary_{c}_x"], nclx[f"color_primary_{c}_y"])
            for c in ("red", "green", "blue")
        ]
    )
    white = _xyz(nclx["color_primary_white_x"], nclx["color_primary_white_y"])
    matrix = primaries * numpy.linalg.solve(primaries, white)
    cones = (bradford @ d50) / (bradford @ white)
    adapt = numpy.linalg.inv(bradford) @ numpy.diag(cones) @ bradford
    return (adapt @ matrix).T


def profile_from_nclx(nclx):
    """ICC bytes for non-sRGB nclx primaries (with the sRGB tone curve), else None."""
    if not nclx or nclx.get("color_primaries") in SRGB_LIKE:
        return None
    import numpy

    try:
        red, green, blue = _colorants(nclx)
    except (KeyError, TypeError, ZeroDivisionError, numpy.linalg.LinAlgError):
        return None
    # Parametric curve type 3: the sRGB tone curve, which phones use with P3 primaries.
    curve = (
        b"para\0\0\0\0"
        + struct.pack(">HH", 3, 0)
        + b"".join(_s15(v) for v in (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045))
    )
    name = b"nclx"
    tags = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(name) + 1) + name + b"\0" * 80),
        (b"wtpt", _tag_xyz(_D50)),
        (b"rXYZ", _tag_xyz(red)), (b"gXYZ", _tag_xyz(green)), (b"bXYZ", _tag_xyz(blue)),
        (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
    ]  # fmt: skip
    return icc_profile(tags)


def icc_profile(tags, *, version=b"\x04\x20\0\0"):
    """An RGB display profile from (signature, data) tags: header, tag table, 4-byte aligned
    tag data. Pillow reads ICC profiles but cannot write one, hence this."""
    offset = 128 + 4 + 12 * len(tags)
    table, body = struct.pack(">I", len(tags)), b""
    for signature, data in tags:
        body += b"\0" * (-(offset + len(body)) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (
        struct.pack(">I", offset + len(body)) + b"\0" * 4 + version + b"mntrRGB XYZ "
        + b"\0" * 12 + b"acsp" + b"\0" * 28 + b"".join(_s15(v) for v in _D50) + b"\0" * 48
    )  # fmt: skip
    return header + table + body
