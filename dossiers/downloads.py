"""Handing an uploaded document back to someone who may see its dossier."""

from django.http import FileResponse

from dossiers.models import DossierDocument
from dossiers.uploads import name_for_type


def document_response(document: DossierDocument) -> FileResponse:
    """The file as an attachment that no browser will render or reinterpret.

    Callers fetch `document` through ``Dossier.objects.visible_to(user)`` first. The name
    and the type are those of the detected content, also for files stored before names
    were given their type's extension.
    """
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=name_for_type(document.original_name, document.content_type),
        content_type=document.content_type,
    )
    # The file is the uploader's: never let a browser render or guess it as something else.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
