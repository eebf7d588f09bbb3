"""Whole-file checks of uploads: a PDF must parse, an image must decode, within bounds.

The first bytes (``dossiers.uploads.detect_type``) only say what a file claims to be; these
checks read all of it with pypdf and Pillow, so that an HTML page or an executable behind a
``%PDF-`` header is refused rather than stored. Both stay within bounds: pypdf by its own
decompression limits (page contents are never decoded here) and a page limit, Pillow by a
pixel limit checked from the header before a single pixel is decoded.
"""

from __future__ import annotations

import warnings
from typing import IO

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader

from dossiers.exceptions import UploadRejected

# Readers look for the end-of-file marker in the last 1024 bytes (ISO 32000-1, 7.5.5, and
# its implementation notes); more data behind it is something else glued to a PDF.
PDF_TAIL_BYTES = 1024
# A JPEG is decoded at 1/8 scale: every byte of it is still read and checked, in 1/64 of the
# memory a full decode would take.
JPEG_CHECK_SCALE = 8


def verify_pdf(stream: IO[bytes], name: str) -> None:
    """Parse the PDF `stream`: not encrypted, 1 to DOSSIER_MAX_PDF_PAGES pages.

    Raises UploadRejected if it does not parse; `name` is the uploader's, for the message.
    """
    try:
        if b"%%EOF" not in _tail(stream, PDF_TAIL_BYTES):
            raise _unreadable_pdf(name)
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            raise UploadRejected(
                _(
                    "Tệp PDF “%(name)s” được đặt mật khẩu hoặc mã hoá nên cán bộ không mở "
                    "được. Vui lòng tải lên bản không đặt mật khẩu."
                )
                % {"name": name}
            )
        _check_page_count(len(reader.pages), name)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - every page must be a page object with a size
    except UploadRejected:
        raise
    except Exception as exc:  # pypdf raises many kinds on a broken file: all mean "unreadable"
        raise _unreadable_pdf(name) from exc
    finally:
        stream.seek(0)


def verify_image(stream: IO[bytes], pillow_format: str, name: str) -> None:
    """Decode the image `stream` as `pillow_format` ("JPEG" or "PNG"), within the pixel limit.

    Raises UploadRejected if it does not decode; `name` is the uploader's, for the message.
    """
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check only warns at first: refuse whatever it notices.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream, formats=[pillow_format]) as image:
                _check_pixels(image.width, image.height, name)
                image.verify()  # the structure and checksums, without decoding
            stream.seek(0)
            with Image.open(stream, formats=[pillow_format]) as image:
                if pillow_format == "JPEG":
                    scaled = (image.width // JPEG_CHECK_SCALE, image.height // JPEG_CHECK_SCALE)
                    image.draft(None, (max(1, scaled[0]), max(1, scaled[1])))
                image.load()  # reads every byte: a truncated or corrupt file fails here
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(name) from exc
    except Exception as exc:  # Pillow raises many kinds on a broken file: all mean "unreadable"
        raise UploadRejected(
            _(
                "Tệp “%(name)s” không mở được như ảnh %(format)s (tệp hỏng, bị cắt hoặc chỉ "
                "giả dạng ảnh). Vui lòng chụp hoặc quét lại rồi tải lên."
            )
            % {"name": name, "format": pillow_format}
        ) from exc
    finally:
        stream.seek(0)


def _check_page_count(pages: int, name: str) -> None:
    limit = settings.DOSSIER_MAX_PDF_PAGES
    if pages == 0:
        raise UploadRejected(_("Tệp PDF “%(name)s” không có trang nào.") % {"name": name})
    if pages > limit:
        raise UploadRejected(
            _("Tệp PDF “%(name)s” có %(pages)s trang, quá giới hạn %(limit)s trang một tệp.")
            % {"name": name, "pages": pages, "limit": limit}
        )


def _check_pixels(width: int, height: int, name: str) -> None:
    if width * height > settings.DOSSIER_MAX_IMAGE_PIXELS:
        raise _too_many_pixels(name)


def _too_many_pixels(name: str) -> UploadRejected:
    limit = number_format(settings.DOSSIER_MAX_IMAGE_PIXELS, force_grouping=True)
    return UploadRejected(
        _(
            "Ảnh “%(name)s” quá lớn: tối đa %(limit)s điểm ảnh. Vui lòng giảm độ phân giải "
            "rồi tải lên lại."
        )
        % {"name": name, "limit": limit}
    )


def _unreadable_pdf(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Tệp “%(name)s” không đọc được như một tệp PDF (tệp hỏng, bị cắt hoặc chỉ giả dạng "
            "PDF). Vui lòng quét hoặc xuất lại tệp PDF rồi tải lên."
        )
        % {"name": name}
    )


def _tail(stream: IO[bytes], size: int) -> bytes:
    stream.seek(0, 2)
    stream.seek(max(0, stream.tell() - size))
    return stream.read(size)
