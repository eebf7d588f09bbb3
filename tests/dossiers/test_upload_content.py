"""Uploads are parsed whole and keep the extension of what they are, not of their name."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from dossiers import services
from dossiers.models import DossierDocument
from dossiers.uploads import JPEG, PDF, PNG, UploadRejected, name_for_type
from tests.dossiers.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES
from tests.files import make_image, make_pdf

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 4096


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("mat-khau")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pixel_bomb() -> bytes:
    """40,000 by 40,000 one-bit pixels in a few hundred kilobytes of PNG."""
    buffer = io.BytesIO()
    Image.new("1", (40_000, 40_000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def draft(make_dossier):
    return make_dossier("draft")


def attach(dossier, user, name: str, content: bytes, item: int | None = 1) -> DossierDocument:
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return services.attach_document(dossier=dossier, by=user, upload=upload, item=item)


@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [
        ("report.html", PDF_BYTES, "report.pdf"),
        ("setup.exe", PDF_BYTES, "setup.pdf"),
        ("anh-chup.pdf", PNG_BYTES, "anh-chup.png"),
        ("the-can-cuoc.jpeg", JPEG_BYTES, "the-can-cuoc.jpeg"),
        ("Tờ khai.PDF", PDF_BYTES, "Tờ khai.PDF"),
        ("scan", JPEG_BYTES, "scan.jpg"),
    ],
)
def test_a_file_is_named_after_its_detected_type(draft, citizen, name, content, stored_as):
    document = attach(draft, citizen, name, content)
    assert document.original_name == stored_as


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("báo cáo 2024.11", PDF, "báo cáo 2024.11.pdf"),
        ("hop-dong.tar.gz", PDF, "hop-dong.tar.pdf"),
        ("anh.jpg", JPEG, "anh.jpg"),
        ("anh.jpg", PNG, "anh.png"),
        ("a" * 118 + ".html", PDF, "a" * 116 + ".pdf"),
    ],
)
def test_names_take_the_extension_of_their_type(name, content_type, expected):
    assert name_for_type(name, content_type) == expected


def test_an_html_file_called_pdf_is_downloaded_as_a_pdf_with_the_detected_type(api, draft, citizen):
    document = attach(draft, citizen, "report.html", PDF_BYTES)
    api.force_authenticate(citizen)
    response = api.get(f"/api/v1/dossiers/{draft.pk}/documents/{document.pk}/download/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="report.pdf"' in response["Content-Disposition"]
    assert document.file.name.endswith(".pdf")


def test_a_document_stored_under_its_old_name_is_downloaded_under_its_type(
    api, draft, citizen, private_media
):
    (private_media / "dossiers").mkdir(parents=True)
    (private_media / "dossiers" / "old.pdf").write_bytes(PDF_BYTES)
    document = DossierDocument.objects.create(
        dossier=draft,
        item=1,
        item_name="Tờ khai",
        file="dossiers/old.pdf",
        original_name="report.html",
        size=len(PDF_BYTES),
        content_type=PDF,
        sha256="0" * 64,
        uploaded_by=citizen,
        uploaded_at=draft.created_at,
    )
    api.force_authenticate(citizen)
    response = api.get(f"/api/v1/dossiers/{draft.pk}/documents/{document.pk}/download/")
    assert 'filename="report.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"%PDF-1.7\n" + EXECUTABLE, "không đọc được như một tệp PDF"),
        ("to-khai.pdf", PDF_BYTES[: len(PDF_BYTES) // 2], "không đọc được như một tệp PDF"),
        ("to-khai.pdf", PDF_BYTES + EXECUTABLE, "không đọc được như một tệp PDF"),
        ("to-khai.pdf", b"%PDF-1.7\n%%EOF\n", "không đọc được như một tệp PDF"),
        ("to-khai.pdf", encrypted_pdf(), "đặt mật khẩu hoặc mã hoá"),
        ("anh.png", PNG_BYTES[:-20], "không mở được như ảnh PNG"),
        ("anh.jpg", JPEG_BYTES[: len(JPEG_BYTES) // 2], "không mở được như ảnh JPEG"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "không mở được như ảnh PNG"),
        ("anh.png", pixel_bomb(), "quá lớn"),
    ],
    ids=[
        "executable-behind-a-pdf-header",
        "truncated-pdf",
        "pdf-with-an-executable-appended",
        "pdf-header-and-trailer-only",
        "encrypted-pdf",
        "truncated-png",
        "truncated-jpeg",
        "png-signature-only",
        "decompression-bomb",
    ],
)
def test_a_file_that_does_not_parse_as_its_type_is_refused_and_nothing_stored(
    draft, citizen, private_media, name, content, message
):
    with pytest.raises(UploadRejected) as refused:
        attach(draft, citizen, name, content)
    assert message in refused.value.message and name in refused.value.message
    assert not DossierDocument.objects.exists()
    assert stored_files(private_media) == []


def test_a_pdf_with_more_pages_than_allowed_is_refused(draft, citizen, settings):
    settings.DOSSIER_MAX_PDF_PAGES = 2
    attach(draft, citizen, "hai-trang.pdf", make_pdf(pages=2))
    with pytest.raises(UploadRejected) as refused:
        attach(draft, citizen, "ba-trang.pdf", make_pdf(pages=3), item=2)
    assert "có 3 trang, quá giới hạn 2 trang" in refused.value.message


def test_an_image_with_more_pixels_than_allowed_is_refused(draft, citizen, settings):
    settings.DOSSIER_MAX_IMAGE_PIXELS = 100 * 100
    attach(draft, citizen, "vua.png", make_image("PNG", (100, 100)))
    with pytest.raises(UploadRejected) as refused:
        attach(draft, citizen, "to.jpg", make_image("JPEG", (101, 100)), item=2)
    assert "quá lớn" in refused.value.message and "10.000 điểm ảnh" in refused.value.message


def test_counter_intake_refuses_a_file_that_does_not_parse(api, desk_officer, procedure):
    api.force_authenticate(desk_officer)
    response = api.post(
        "/api/v1/dossiers/counter-intake/",
        {
            "procedure": procedure.code,
            "applicant_name": "Trần Thị Bình",
            "applicant_id_number": "038190005678",
            "files": [SimpleUploadedFile("to-khai.pdf", b"%PDF-1.7\n" + EXECUTABLE)],
            "items": ["1"],
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert "không đọc được như một tệp PDF" in str(response.json()["errors"])


@pytest.mark.parametrize("item", ["abc", "0", "²", "\u0661", "1 2", "9"])
def test_the_page_refuses_an_unknown_checklist_item_instead_of_filing_it_as_other(
    client, citizen, draft, item
):
    client.force_login(citizen)
    response = client.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {"item": item, "file": SimpleUploadedFile("to-khai.pdf", PDF_BYTES)},
    )
    assert response.status_code == 400
    assert "Thành phần hồ sơ" in response.content.decode()
    assert not DossierDocument.objects.exists()


def test_the_page_still_files_other_documents(client, citizen, draft):
    client.force_login(citizen)
    response = client.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {"item": "other", "file": SimpleUploadedFile("giay-khac.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    assert draft.documents.get().item is None


@pytest.mark.parametrize("item", ["abc", "0", "²", "\u0661", "99999999999999999999"])
def test_the_api_refuses_an_unknown_checklist_item(api, citizen, draft, item):
    api.force_authenticate(citizen)
    response = api.post(
        f"/api/v1/dossiers/{draft.pk}/documents/",
        {"file": SimpleUploadedFile("to-khai.pdf", PDF_BYTES), "item": item},
        format="multipart",
    )
    assert response.status_code == 400
    assert "item" in response.json()["errors"]
    assert not DossierDocument.objects.exists()
