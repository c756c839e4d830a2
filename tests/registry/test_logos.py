import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from registry.logos import process_logo
from registry.models import Actor
from tests.factories import ActorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "media_root")]


def image_bytes(format_name="PNG", size=(320, 200), mode="RGB", **save_options) -> bytes:
    image = Image.new(mode, size, (200, 30, 60) if mode == "RGB" else (200, 30, 60, 128))
    output = io.BytesIO()
    image.save(output, format=format_name, **save_options)
    return output.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb."""
    data = bytearray(image_bytes(size=(1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 19.0, 0.0)}  # GPS info
    return exif.tobytes()


def refusal(data: bytes, name="logo.png") -> ValidationError:
    with pytest.raises(ValidationError) as error:
        process_logo(upload(data, name=name))
    return error.value


# Accepted logos


@pytest.mark.parametrize(
    ("format_name", "mode", "stored"),
    [("PNG", "RGBA", "PNG"), ("JPEG", "RGB", "WEBP"), ("WEBP", "RGB", "WEBP")],
)
def test_png_jpeg_and_webp_logos_are_re_encoded(format_name, mode, stored):
    processed = process_logo(upload(image_bytes(format_name, mode=mode), name="logo.img"))

    image = Image.open(io.BytesIO(processed.image.read()))
    assert image.format == stored
    assert image.size == (320, 200)


def test_the_thumbnail_fits_in_160_by_160_and_keeps_the_proportions():
    processed = process_logo(upload(image_bytes(size=(800, 400))))

    thumbnail = Image.open(io.BytesIO(processed.thumbnail.read()))
    assert thumbnail.size == (160, 80)


def test_a_large_logo_is_stored_at_most_1024_pixels_wide():
    processed = process_logo(upload(image_bytes(size=(3000, 1500))))

    assert Image.open(io.BytesIO(processed.image.read())).size == (1024, 512)


def test_metadata_is_stripped_from_jpeg_logos():
    data = image_bytes("JPEG", exif=exif_with_gps(), icc_profile=b"fake icc profile")
    assert b"Secret Camera Maker" in data

    processed = process_logo(upload(data, name="photo.jpg"))

    stored = processed.image.read()
    assert b"Secret Camera Maker" not in stored
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    assert "icc_profile" not in image.info


def test_text_chunks_are_stripped_from_png_logos():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone's home address")
    data = image_bytes(pnginfo=info)
    assert b"home address" in data

    processed = process_logo(upload(data))

    assert b"home address" not in processed.image.read()
    assert b"home address" not in processed.thumbnail.read()


# Refused files


def test_an_svg_logo_is_refused():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'

    assert "SVG logos are not accepted" in refusal(svg, name="logo.svg").messages[0]


def test_a_text_file_named_png_is_refused():
    assert "not a PNG, JPEG or WebP image" in refusal(b"hello, I am not an image").messages[0]


@pytest.mark.parametrize(
    "data",
    [image_bytes("GIF"), image_bytes("BMP"), image_bytes("TIFF")],
    ids=["gif", "bmp", "tiff"],
)
def test_other_image_formats_are_refused(data):
    assert refusal(data).code == "not_image"


def test_a_file_over_2_mb_is_refused_before_it_is_opened():
    data = image_bytes() + b"\0" * (2 * 1024 * 1024)

    error = refusal(data)

    assert error.code == "too_large"
    assert error.messages[0] == "The logo is 2.1 MB; the largest accepted is 2 MB."


def test_an_image_over_16_megapixels_is_refused():
    data = image_bytes(size=(5000, 4000))

    error = refusal(data)

    assert error.code == "too_many_pixels"
    assert "5000 × 4000" in error.messages[0]


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (10000, 10000)])
def test_a_decompression_bomb_is_refused_from_its_header(width, height):
    # 400 megapixels makes Pillow raise; 100 megapixels only makes it warn: both are refused.
    assert refusal(png_claiming(width, height)).code == "too_many_pixels"


def test_a_truncated_image_is_refused():
    data = image_bytes(size=(400, 400))

    assert refusal(data[: len(data) // 2]).code == "unreadable"


def test_an_empty_file_is_refused():
    assert refusal(b"").code in ("empty", "invalid")


# Through the admin


def _actor_change(client, actor):
    return reverse("admin:actors_actor_change", args=[actor.pk])


def test_uploading_a_logo_in_the_admin_stores_the_logo_and_its_thumbnail(
    editor_client, form_data, media_root
):
    actor = ActorFactory(draft=True)
    url = _actor_change(editor_client, actor)
    data = form_data(editor_client.get(url))
    data["logo_upload"] = upload(image_bytes(size=(600, 300)))

    response = editor_client.post(url, data)

    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.logo.name.startswith("logos/")
    assert actor.logo_thumbnail.name.startswith("logos/thumbnails/")
    assert (media_root / actor.logo.name).exists()
    assert Image.open(media_root / actor.logo_thumbnail.name).size == (160, 80)


def test_replacing_a_logo_deletes_the_old_files(
    editor_client, form_data, media_root, django_capture_on_commit_callbacks
):
    actor = ActorFactory(draft=True)
    url = _actor_change(editor_client, actor)
    data = form_data(editor_client.get(url))
    data["logo_upload"] = upload(image_bytes(size=(600, 300)))
    editor_client.post(url, data)
    actor.refresh_from_db()
    old_files = [media_root / actor.logo.name, media_root / actor.logo_thumbnail.name]

    data = form_data(editor_client.get(url))
    data["logo_upload"] = upload(image_bytes("JPEG", size=(300, 300)), name="new.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)

    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.logo.name.endswith(".webp")
    assert not any(path.exists() for path in old_files)
    assert (media_root / actor.logo.name).exists()


def test_removing_a_logo_deletes_its_files(
    editor_client, form_data, media_root, django_capture_on_commit_callbacks
):
    actor = ActorFactory(draft=True)
    url = _actor_change(editor_client, actor)
    data = form_data(editor_client.get(url))
    data["logo_upload"] = upload(image_bytes())
    editor_client.post(url, data)
    actor.refresh_from_db()
    files = [media_root / actor.logo.name, media_root / actor.logo_thumbnail.name]

    data = form_data(editor_client.get(url))
    data["logo_remove"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, data)

    actor.refresh_from_db()
    assert not actor.logo
    assert not actor.logo_thumbnail
    assert not any(path.exists() for path in files)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "SVG logos are not accepted"),
        (b"GIF89a not really", "logo.png", "not a PNG, JPEG or WebP image"),
        (png_claiming(20000, 20000), "bomb.png", "megapixels"),
    ],
    ids=["svg", "fake", "bomb"],
)
def test_a_bad_logo_gets_a_form_error_and_changes_nothing(
    editor_client, form_data, media_root, data, name, message
):
    actor = ActorFactory(draft=True)
    url = _actor_change(editor_client, actor)
    post = form_data(editor_client.get(url))
    post["logo_upload"] = upload(data, name=name)

    response = editor_client.post(url, post)

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["logo_upload"])
    assert not Actor.objects.get(pk=actor.pk).logo
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
