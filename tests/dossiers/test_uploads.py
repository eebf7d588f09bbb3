"""Uploads: PDF, JPEG and PNG by content only, size limits, safe names, nothing kept on refusal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import services
from dossiers.exceptions import InvalidInput, TransitionNotAllowed
from dossiers.models import DossierDocument
from dossiers.uploads import UploadRejected, detect_type, private_storage
from tests.dossiers.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES, pdf

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>alert(1)</script>%PDF-1.7</html>"


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


@pytest.fixture
def draft(make_dossier):
    return make_dossier("draft")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("to-khai.pdf", EXECUTABLE, "không phải PDF, JPEG hay PNG"),
        ("to-khai.pdf", HTML, "không phải PDF, JPEG hay PNG"),
        ("anh.png", b"GIF89a" + b"\x00" * 20, "không phải PDF, JPEG hay PNG"),
        ("rong.pdf", b"", "Tệp rỗng"),
    ],
    ids=["renamed-executable", "html-called-pdf", "gif-called-png", "empty"],
)
def test_files_that_are_not_pdf_jpeg_or_png_are_rejected_and_nothing_stored(
    draft, citizen, private_media, name, content, message
):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(UploadRejected) as refused:
        services.attach_document(dossier=draft, by=citizen, upload=upload, item=1)
    assert message in refused.value.message
    assert not DossierDocument.objects.exists()
    assert stored_files(private_media) == []


def test_an_oversized_file_is_rejected_with_the_limit_in_the_message(
    draft, citizen, private_media, settings
):
    settings.DOSSIER_MAX_FILE_BYTES = 1024
    upload = pdf(content=PDF_BYTES + b"0" * 2000)
    with pytest.raises(UploadRejected) as refused:
        services.attach_document(dossier=draft, by=citizen, upload=upload, item=1)
    assert "Tệp quá lớn" in refused.value.message and "1,0" in refused.value.message
    assert not DossierDocument.objects.exists() and stored_files(private_media) == []


def test_the_dossier_total_is_limited_too(draft, citizen, private_media, settings):
    settings.DOSSIER_MAX_TOTAL_BYTES = len(PDF_BYTES) * 2 + 10
    services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=1)
    services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=2)
    with pytest.raises(UploadRejected) as refused:
        services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=None)
    assert "Tổng dung lượng hồ sơ" in refused.value.message
    assert DossierDocument.objects.count() == 2 and len(stored_files(private_media)) == 2


@pytest.mark.parametrize(
    "filename", ["../../etc/passwd.pdf", "..\\..\\boot.pdf", "a/b.pdf", ".htaccess", "x\x00.pdf"]
)
def test_a_path_like_filename_is_rejected_and_nothing_stored(
    draft, citizen, private_media, filename
):
    with pytest.raises(UploadRejected) as refused:
        services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=1, filename=filename)
    assert "Tên tệp" in refused.value.message and "không hợp lệ" in refused.value.message
    assert not DossierDocument.objects.exists() and stored_files(private_media) == []


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_pdf_png_and_jpeg_are_recognised_by_content_whatever_their_name(
    draft, citizen, content, content_type
):
    upload = SimpleUploadedFile("scan.bin", content, content_type="application/octet-stream")
    document = services.attach_document(dossier=draft, by=citizen, upload=upload, item=1)
    assert document.content_type == content_type
    assert detect_type(content) == content_type


def test_files_are_stored_under_generated_names_with_size_and_checksum(draft, citizen):
    document = services.attach_document(
        dossier=draft, by=citizen, upload=pdf("Giấy chứng sinh của bé.pdf"), item=2
    )
    assert document.original_name == "Giấy chứng sinh của bé.pdf"
    assert "chung" not in document.file.name and document.file.name.endswith(".pdf")
    assert document.file.name.startswith(f"dossiers/{draft.pk}/")
    assert document.size == len(PDF_BYTES) and len(document.sha256) == 64
    assert document.item_name == "Giấy chứng sinh" and document.uploaded_by == citizen


def test_stored_documents_have_no_public_url(draft, citizen):
    document = services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=1)
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018
    assert private_storage().exists(document.file.name)


def test_uploading_again_in_the_same_round_replaces_the_file(
    draft, citizen, private_media, django_capture_on_commit_callbacks
):
    first = services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=1)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=1)
    assert list(draft.documents.all()) == [second]
    assert not private_storage().exists(first.file.name)
    assert len(stored_files(private_media)) == 1


def test_a_supplement_round_keeps_the_earlier_files(make_dossier, citizen):
    dossier = make_dossier("supplement_requested")
    DossierDocument.objects.create(
        dossier=dossier,
        item=1,
        item_name="Tờ khai",
        round=0,
        file="dossiers/x/old.pdf",
        original_name="old.pdf",
        size=10,
        content_type="application/pdf",
        sha256="0" * 64,
        uploaded_by=citizen,
        uploaded_at=dossier.created_at,
    )
    new = services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=1)
    assert new.round == 1
    assert sorted(dossier.documents.values_list("round", flat=True)) == [0, 1]


@pytest.mark.parametrize("state", ["submitted", "received", "processing", "returned"])
def test_documents_can_only_be_added_to_drafts_and_supplements(make_dossier, citizen, state):
    dossier = make_dossier(state)
    with pytest.raises(TransitionNotAllowed):
        services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=1)


def test_an_unknown_checklist_item_is_refused(draft, citizen):
    with pytest.raises(InvalidInput) as refused:
        services.attach_document(dossier=draft, by=citizen, upload=pdf(), item=9)
    assert "item" in refused.value.errors


def test_the_api_explains_a_rejected_upload_and_stores_nothing(api, draft, citizen, private_media):
    api.force_authenticate(citizen)
    upload = SimpleUploadedFile("hoa-don.pdf", HTML, content_type="application/pdf")
    response = api.post(
        f"/api/v1/dossiers/{draft.pk}/documents/", {"file": upload, "item": "1"}, format="multipart"
    )
    assert response.status_code == 400
    assert "không phải PDF, JPEG hay PNG" in response.json()["errors"]["file"][0]
    assert stored_files(private_media) == []


def test_the_api_refuses_a_path_like_display_name(api, draft, citizen, private_media):
    api.force_authenticate(citizen)
    response = api.post(
        f"/api/v1/dossiers/{draft.pk}/documents/",
        {"file": pdf(), "item": "other", "filename": "../../../etc/passwd"},
        format="multipart",
    )
    assert response.status_code == 400 and "Tên tệp" in response.json()["errors"]["file"][0]
    assert stored_files(private_media) == []


def test_download_is_an_attachment_that_browsers_must_not_sniff(api, draft, citizen):
    document = services.attach_document(
        dossier=draft, by=citizen, upload=pdf("tờ khai.pdf"), item=1
    )
    api.force_authenticate(citizen)
    response = api.get(f"/api/v1/dossiers/{draft.pk}/documents/{document.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''t%E1%BB%9D%20khai.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
