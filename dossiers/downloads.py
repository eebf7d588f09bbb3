"""Handing an uploaded document back to someone who may see its dossier."""

from django.http import FileResponse

from dossiers.models import DossierDocument


def document_response(document: DossierDocument) -> FileResponse:
    """The file as an attachment that no browser will render or reinterpret.

    Callers fetch `document` through ``Dossier.objects.visible_to(user)`` first.
    """
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    # The file is the uploader's: never let a browser render or guess it as something else.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
