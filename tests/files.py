"""Small but real documents for upload tests, made with the libraries that check them."""

import io

from PIL import Image
from pypdf import PdfWriter


def make_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)  # A4 in points
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_image(image_format: str, size: tuple[int, int] = (16, 16)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, image_format)
    return buffer.getvalue()


PDF_BYTES = make_pdf()
PNG_BYTES = make_image("PNG")
JPEG_BYTES = make_image("JPEG")
