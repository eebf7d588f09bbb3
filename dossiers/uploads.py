"""Checking and storing uploaded dossier documents.

Only PDF, JPEG and PNG are accepted, recognised by their first bytes rather than by name or
by the browser's claimed type, then parsed whole (``dossiers.filecheck``); a file keeps the
extension of what it is, not of what it was called (see docs/adr/0006-upload-content.md).
Files are stored under generated names in a storage that has no URL: they leave the server
only through views that check who may see the dossier.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from dossiers import filecheck
from dossiers.exceptions import UploadRejected

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DETECTED_TYPES = [(PDF, "PDF"), (JPEG, "JPEG"), (PNG, "PNG")]
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
# Other extensions a name may keep for its type.
SYNONYMS = {JPEG: (".jpeg",)}
# How the whole of a file of each type is checked once its first bytes match.
VERIFIERS: dict[str, Callable[[IO[bytes], str], None]] = {
    PDF: filecheck.verify_pdf,
    JPEG: lambda stream, name: filecheck.verify_image(stream, "JPEG", name),
    PNG: lambda stream, name: filecheck.verify_image(stream, "PNG", name),
}
# What a name's last suffix must look like to be taken for an extension ("2024.11" is not).
EXTENSION_LIKE = re.compile(r"(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,8}")
# (prefix, type): PDF readers tolerate junk before the header, we do not, so a file that
# merely contains "%PDF" somewhere (an HTML page, say) is not a PDF here.
SIGNATURES = [
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
]
MAX_NAME_LENGTH = 120
CHUNK = 64 * 1024


class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT, without URLs: a stored document cannot be linked to, only downloaded."""

    def url(self, name: str | None) -> str:
        raise ValueError("Dossier documents have no public URL; use the download view.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage


@dataclass(frozen=True)
class CheckedUpload:
    display_name: str
    content_type: str
    size: int
    sha256: str


def detect_type(head: bytes) -> str | None:
    """The content type announced by the first bytes of a file, if it is one we accept."""
    for prefix, content_type in SIGNATURES:
        if head.startswith(prefix):
            return content_type
    return None


def clean_display_name(name: str) -> str:
    """The uploader's file name as harmless display text; raises UploadRejected if path-like.

    The name is never used on disk, but it is shown to officers and sent back in
    Content-Disposition, so anything that looks like a path or hides characters is refused
    rather than silently rewritten.
    """
    name = unicodedata.normalize("NFC", name or "").strip()
    if (
        not name
        or "/" in name
        or "\\" in name
        or ".." in name
        or name.startswith(".")
        or any(unicodedata.category(ch).startswith("C") for ch in name)
    ):
        raise UploadRejected(
            _("Tên tệp “%(name)s” không hợp lệ: không được chứa đường dẫn hay ký tự điều khiển.")
            % {"name": _printable(name)}
        )
    return _shortened(name)


def name_for_type(name: str, content_type: str) -> str:
    """`name` with the extension of `content_type`: "report.html" of a PDF is "report.pdf".

    A name already ending in an extension of its type is kept; another extension is
    replaced, and a name without one gets one, so that what an officer saves opens as what
    it really is.
    """
    stem, dot, suffix = name.rpartition(".")
    extension = f".{suffix}".lower() if dot else ""
    if extension in (EXTENSIONS[content_type], *SYNONYMS.get(content_type, ())):
        return name
    if stem and EXTENSION_LIKE.fullmatch(suffix):
        name = stem
    return _shortened(name + EXTENSIONS[content_type])


def _shortened(name: str) -> str:
    if len(name) <= MAX_NAME_LENGTH:
        return name
    stem, dot, ext = name.rpartition(".")
    keep = MAX_NAME_LENGTH - len(dot + ext)
    return f"{stem[:keep]}{dot}{ext}" if dot and keep > 0 else name[:MAX_NAME_LENGTH]


def check_upload(upload: Any, *, name: str, already_stored: int) -> CheckedUpload:
    """Validate size, total, name and the whole content of `upload`; raises UploadRejected.

    The checked upload's display name carries the extension of the detected type.
    """
    display_name = clean_display_name(name)
    size = int(upload.size or 0)
    _check_sizes(size, already_stored)
    head = _read_head(upload)
    content_type = detect_type(head)
    if content_type is None:
        raise UploadRejected(
            _(
                "Tệp “%(name)s” không phải PDF, JPEG hay PNG (kiểm tra theo nội dung tệp, "
                "không theo phần mở rộng). Vui lòng tải lên bản quét dạng PDF, JPEG hoặc PNG."
            )
            % {"name": display_name}
        )
    VERIFIERS[content_type](upload, display_name)
    return CheckedUpload(
        name_for_type(display_name, content_type), content_type, size, _sha256(upload)
    )


def _check_sizes(size: int, already_stored: int) -> None:
    limit, total = settings.DOSSIER_MAX_FILE_BYTES, settings.DOSSIER_MAX_TOTAL_BYTES
    if size <= 0:
        raise UploadRejected(_("Tệp rỗng: vui lòng chọn lại tệp."))
    if size > limit:
        raise UploadRejected(
            _("Tệp quá lớn (%(size)s): mỗi tệp tối đa %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if already_stored + size > total:
        raise UploadRejected(
            _("Tổng dung lượng hồ sơ vượt quá %(limit)s: đã có %(stored)s.")
            % {"limit": filesizeformat(total), "stored": filesizeformat(already_stored)}
        )


def _read_head(upload: Any) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def _sha256(upload: Any) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _printable(name: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in name)[:MAX_NAME_LENGTH]
