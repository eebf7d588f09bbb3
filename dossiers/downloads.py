"""Handing an uploaded document back to someone who may see its dossier."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

from dossiers.models import DossierDocument, DossierResult
from dossiers.uploads import name_for_type


def document_response(document: DossierDocument) -> FileResponse:
    """The file as an attachment that no browser will render or reinterpret.

    Callers fetch `document` through ``Dossier.objects.visible_to(user)`` first. The name
    and the type are those of the detected content, also for files stored before names
    were given their type's extension.
    """
    return file_response(document.file, document.original_name, document.content_type)


def result_response(result: DossierResult) -> FileResponse:
    """The result document, handed back like a dossier document. Callers check
    ``permissions.can_download_result`` first.
    """
    return file_response(result.file, result.original_name, result.content_type)


def file_response(file: FieldFile, name: str, content_type: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=name_for_type(name, content_type),
        content_type=content_type,
    )
    # The file is the uploader's: never let a browser render or guess it as something else.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
