"""Logo uploads: checked for what they really are, cleaned and re-encoded, with a thumbnail.

Only PNG, JPEG and WebP are opened, and Pillow is told to open nothing else. The
declared size and the pixel count are checked before any pixel is decoded, so a
decompression bomb is refused at its header. The stored logo and its thumbnail are
new files re-encoded from the pixels: no EXIF, GPS, ICC or text chunks survive.
"""

import hashlib
import io
import math
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 16_000_000
MAX_SIDE = 1024  # the stored logo's longer side
THUMBNAIL_SIZE = (160, 160)
FORMATS = ("PNG", "JPEG", "WEBP")

_SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
}

ERROR_MESSAGES = {
    "too_large": _("The logo is %(size)s; the largest accepted is %(limit)s."),
    "svg": _("SVG logos are not accepted. Upload the logo as PNG, JPEG or WebP."),
    "not_image": _(
        "This file is not a PNG, JPEG or WebP image, whatever its name says. "
        "Upload the logo in one of those formats."
    ),
    "too_many_pixels": _(
        "The logo is %(width)s × %(height)s pixels; the most accepted is %(limit)s megapixels. "
        "Make it smaller and upload it again."
    ),
    "unreadable": _("The image could not be read: the file is damaged or incomplete."),
    "empty": _("The file is empty."),
}


@dataclass(frozen=True)
class ProcessedLogo:
    image: ContentFile
    image_name: str
    thumbnail: ContentFile
    thumbnail_name: str


def _error(code: str, **params) -> ValidationError:
    return ValidationError(ERROR_MESSAGES[code], code=code, params=params or None)


def _sniff(head: bytes) -> str | None:
    for format_name, signatures in _SIGNATURES.items():
        if head.startswith(signatures):
            return format_name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text[:1024]


def _megabytes(size: int) -> str:
    # Rounded up, so a file just over the limit never reads as the limit itself.
    tenths = math.ceil(size * 10 / (1024 * 1024))
    return f"{tenths // 10}.{tenths % 10} MB" if tenths % 10 else f"{tenths // 10} MB"


def _read(upload) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _error("too_large", size=_megabytes(size), limit=_megabytes(MAX_BYTES))
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_BYTES:
        raise _error("too_large", size=_megabytes(len(data)), limit=_megabytes(MAX_BYTES))
    if not data:
        raise _error("empty")
    return data


def _open(data: bytes) -> Image.Image:
    """Open and fully decode the image, refusing anything but PNG, JPEG and WebP."""
    declared = _sniff(data[:16])
    if declared is None:
        raise _error("svg" if _looks_like_svg(data[:2048]) else "not_image")
    with warnings.catch_warnings():
        # Pillow only warns about a decompression bomb below twice its limit: refuse it.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=[declared])
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _error(
                    "too_many_pixels", width=width, height=height, limit=MAX_PIXELS // 1_000_000
                )
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _error(
                "too_many_pixels", width="?", height="?", limit=MAX_PIXELS // 1_000_000
            ) from None
        except UnidentifiedImageError:
            raise _error("not_image") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _error("unreadable") from None
    if image.format not in FORMATS:
        raise _error("not_image")
    return image


def _clean_pixels(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image)  # keep the orientation the metadata gave
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.info = {}
    return clean


def _encode(image: Image.Image, *, as_png: bool) -> tuple[bytes, str]:
    output = io.BytesIO()
    if as_png:
        image.save(output, format="PNG", optimize=True)
        return output.getvalue(), "png"
    image.save(output, format="WEBP", quality=90, method=4)
    return output.getvalue(), "webp"


def process_logo(upload, *, name: str = "logo") -> ProcessedLogo:
    """Validate ``upload`` and return the re-encoded logo and its thumbnail, metadata stripped.

    A PNG stays PNG (logos are mostly flat colour and text); JPEG and WebP become WebP.
    """
    data = _read(upload)
    source = _open(data)
    as_png = source.format == "PNG"
    image = _clean_pixels(source)
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)

    image_bytes, image_extension = _encode(image, as_png=as_png)
    thumbnail_bytes, thumbnail_extension = _encode(thumbnail, as_png=as_png)
    digest = hashlib.sha256(image_bytes).hexdigest()[:10]
    stem = (slugify(name) or "logo")[:60]
    return ProcessedLogo(
        image=ContentFile(image_bytes),
        image_name=f"{stem}-{digest}.{image_extension}",
        thumbnail=ContentFile(thumbnail_bytes),
        thumbnail_name=f"{stem}-{digest}.{thumbnail_extension}",
    )
