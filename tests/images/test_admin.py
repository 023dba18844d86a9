"""Images in the admin, as an editor uploads them: the resized versions made once from the
upload (right sizes, never enlarged, upright, without EXIF), the alternative text that is
required unless the image is decorative, files of other types refused with a Swedish message,
and old files removed when an image is replaced or deleted."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image as PillowImage

from images.models import Image
from tests.admin_forms import admin_form_data
from tests.editors import admin_url, login_editor
from tests.factories import ImageFactory, image_bytes

pytestmark = pytest.mark.django_db

ALT = "Deltagare i en workshop om kompetensförsörjning i Flen"
EXIF_ORIENTATION = 0x0112
EXIF_ARTIST = 0x013B
EXIF_MAKE = 0x010F


@pytest.fixture
def admin_client(client, django_user_model, media_root):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client


def upload(name, content):
    return SimpleUploadedFile(name, content)


def add_image(client, file, **fields):
    data = {"alt_text": ALT, "caption": "", "credit": "", **fields, "file": file}
    if not data.get("decorative"):
        data.pop("decorative", None)
    return client.post(admin_url(Image, "add"), data)


def opened(name):
    """The stored file ``name`` decoded by Pillow (loaded, so the file can be closed)."""
    with default_storage.open(name, "rb") as stored:
        picture = PillowImage.open(io.BytesIO(stored.read()))
        picture.load()
    return picture


def exif_with(**tags):
    exif = PillowImage.Exif()
    for tag, value in tags.items():
        exif[{"orientation": EXIF_ORIENTATION, "artist": EXIF_ARTIST, "make": EXIF_MAKE}[tag]] = (
            value
        )
    return exif.tobytes()


# --- Renditions ----------------------------------------------------------------------------


def test_an_upload_makes_renditions_of_the_right_sizes(admin_client):
    response = add_image(admin_client, upload("Workshop i Flen.JPG", image_bytes(1600, 900)))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 900)
    sizes = [(r["width"], r["height"]) for r in image.renditions]
    assert sizes == [(480, 270), (800, 450), (1200, 675)]
    for rendition in image.renditions:
        picture = opened(rendition["name"])
        assert picture.size == (rendition["width"], rendition["height"])
        assert picture.format == "JPEG"
        assert rendition["name"].startswith("images/renditions/workshop-i-flen-")


def test_a_small_image_is_never_enlarged(admin_client):
    add_image(admin_client, upload("liten.png", image_bytes(600, 300, image_format="PNG")))
    image = Image.objects.get()
    assert [(r["width"], r["height"]) for r in image.renditions] == [(480, 240), (600, 300)]
    assert max(opened(r["name"]).width for r in image.renditions) == 600
    assert opened(image.renditions[-1]["name"]).format == "PNG"


def test_a_webp_image_is_accepted_and_stays_webp(admin_client):
    add_image(admin_client, upload("karta.webp", image_bytes(900, 600, image_format="WEBP")))
    image = Image.objects.get()
    assert [r["width"] for r in image.renditions] == [480, 800, 900]
    assert all(opened(r["name"]).format == "WEBP" for r in image.renditions)


def test_renditions_carry_no_exif(admin_client):
    exif = exif_with(artist="Anna Berg", make="Kamerafabriken")
    add_image(admin_client, upload("foto.jpg", image_bytes(1000, 800, exif=exif)))
    image = Image.objects.get()
    with default_storage.open(image.file.name, "rb") as original:
        assert PillowImage.open(original).getexif().get(EXIF_ARTIST) == "Anna Berg"
    for rendition in image.renditions:
        picture = opened(rendition["name"])
        assert dict(picture.getexif()) == {}
        assert "exif" not in picture.info
        with default_storage.open(rendition["name"], "rb") as stored:
            assert b"Anna Berg" not in stored.read()


def test_the_camera_orientation_is_applied(admin_client):
    # Stored lying down (1000 × 500) with "rotate 90° clockwise to view": shown standing up.
    exif = exif_with(orientation=6)
    add_image(admin_client, upload("stående.jpg", image_bytes(1000, 500, exif=exif)))
    image = Image.objects.get()
    assert (image.width, image.height) == (500, 1000)
    largest = opened(image.renditions[-1]["name"])
    assert largest.size == (500, 1000)
    # The white corner, top left as stored, is top right once turned clockwise.
    assert min(largest.getpixel((largest.width - 5, 5))) > 200
    assert min(largest.getpixel((5, 5))) < 200


def test_saving_without_a_new_file_keeps_the_renditions(admin_client):
    image = ImageFactory()
    before = list(image.renditions)
    change = admin_client.get(admin_url(Image, "change", image.pk))
    data = admin_form_data(change)
    data["alt_text"] = "En ny beskrivning"
    response = admin_client.post(admin_url(Image, "change", image.pk), data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "En ny beskrivning"
    assert image.renditions == before
    assert all(default_storage.exists(r["name"]) for r in before)


# --- Alternative text ----------------------------------------------------------------------


def test_alt_text_is_required_unless_the_image_is_decorative(admin_client):
    response = add_image(
        admin_client,
        upload("foto.jpg", image_bytes(800, 600)),
        alt_text="",
        caption="Workshop i Flen",
        credit="Anna Berg",
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["alt_text"] == [
        "Skriv en alternativtext som beskriver bilden, eller markera bilden som dekorativ om "
        "den inte tillför något till sidan."
    ]
    assert form["caption"].value() == "Workshop i Flen"
    assert form["credit"].value() == "Anna Berg"
    assert Image.objects.count() == 0

    decorative = add_image(
        admin_client, upload("foto.jpg", image_bytes(800, 600)), alt_text="", decorative="on"
    )
    assert decorative.status_code == 302
    assert Image.objects.get().decorative


def test_the_database_refuses_an_image_with_neither_alt_text_nor_decorative(media_root):
    image = ImageFactory()
    image.alt_text = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        image.save()


# --- Refused files -------------------------------------------------------------------------


def gif():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 40)).save(buffer, format="GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "found"),
    [
        ("animation.gif", gif(), "en GIF-bild"),
        ("foto.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nstartxref\n0\n%%EOF\n", "en PDF-fil"),
        ("foto.jpg", b"<html><body>hej</body></html>", "en HTML-sida"),
    ],
)
def test_a_file_of_another_type_is_refused_with_a_swedish_message(
    admin_client, name, content, found
):
    response = add_image(admin_client, upload(name, content), caption="Kvar efter felet")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert errors == [
        f"Filen kan inte tas emot: den är {found}. Tillåtna format är JPEG, PNG och WebP."
    ]
    assert response.context["adminform"].form["caption"].value() == "Kvar efter felet"
    assert Image.objects.count() == 0
    assert not default_storage.exists("images")


def test_a_broken_jpeg_is_refused(admin_client):
    response = add_image(admin_client, upload("trasig.jpg", image_bytes(800, 600)[:300]))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "Bilden kan inte läsas: filen är skadad eller ofullständig."
    ]


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.MAX_IMAGE_UPLOAD_MB = 0.001
    content = image_bytes(800, 800)
    assert len(content) > 1.5 * 1024
    response = add_image(admin_client, upload("stor.jpg", content))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["file"]
    assert error.startswith("Filen är för stor")
    assert "Största tillåtna storlek är 0,001 MB." in error


# --- Old files removed ---------------------------------------------------------------------


def test_replacing_the_file_removes_the_old_files(admin_client, django_capture_on_commit_callbacks):
    image = ImageFactory()
    old = image.file_names()
    change = admin_client.get(admin_url(Image, "change", image.pk))
    data = admin_form_data(change)
    data["file"] = upload("ny.png", image_bytes(700, 700, image_format="PNG"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url(Image, "change", image.pk), data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert [r["width"] for r in image.renditions] == [480, 700]
    assert all(default_storage.exists(name) for name in image.file_names())
    assert not any(default_storage.exists(name) for name in old)


def test_deleting_an_image_removes_its_files(admin_client, django_capture_on_commit_callbacks):
    image = ImageFactory()
    names = image.file_names()
    assert len(names) == 4 and all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url(Image, "delete", image.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_deletion_that_is_rolled_back_keeps_the_files(media_root):
    image = ImageFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        image.delete()
        raise RuntimeError
    assert all(default_storage.exists(name) for name in image.file_names())


# --- Editors --------------------------------------------------------------------------------


def test_an_editor_may_add_and_change_images_but_not_delete_them(
    client, django_user_model, org_a, media_root
):
    login_editor(client, django_user_model, "redaktor-bild", org_a)
    image = ImageFactory()
    assert add_image(client, upload("foto.jpg", image_bytes(800, 600))).status_code == 302
    assert client.get(admin_url(Image, "change", image.pk)).status_code == 200
    assert client.get(admin_url(Image, "delete", image.pk)).status_code == 403
    changelist = client.get(admin_url(Image, "changelist"))
    assert changelist.context["cl"].result_count == 2
