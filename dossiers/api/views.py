"""The dossier API: list and detail scoped to the caller, drafts, counter intake, one action
per transition, documents and history. Every write calls one service of dossiers.services.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from dossiers import permissions, services, uploads
from dossiers.api import inputs
from dossiers.api.errors import DomainErrorsMixin
from dossiers.api.serializers import (
    DocumentSerializer,
    DossierDetailSerializer,
    DossierListSerializer,
    EventSerializer,
    ResultSerializer,
)
from dossiers.downloads import document_response, result_response
from dossiers.exceptions import InvalidInput
from dossiers.filters import DossierFilter
from dossiers.models import Dossier, DossierResult
from dossiers.pagination import DossierPagination
from dossiers.revisions import parse_if_match
from dossiers.services.base import transition_permission
from onestop.api_errors import ApiErrorSerializer

# Only a well-formed UUID reaches a view: anything else is the API's JSON 404.
UUID_PATTERN = r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
# A download answers in the type its upload was stored as.
DOWNLOAD_TYPES = (uploads.PDF, uploads.JPEG, uploads.PNG)
# Error statuses are added to every operation by onestop.api_schema.PortalAutoSchema.
DOSSIER_ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)
DOCUMENT_ID = OpenApiParameter("doc_id", OpenApiTypes.UUID, OpenApiParameter.PATH)


class AnyContentRenderer(BaseRenderer):
    """Lets a download answer whatever the client accepts; the view sets the file's type.

    Only an error reaches this renderer: it is written, and labelled, as JSON.
    """

    media_type = "*/*"
    format = "download"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data)


def as_seen_by_client(dossier: Dossier, request: Request) -> None:
    """Act on the revision the client saw (``If-Match: "<revision>"``), if it says one.

    The service then answers 409 if the dossier changed since the client read it, not
    just since this request read it.
    """
    try:
        seen = parse_if_match(request.headers.get("If-Match", ""))
    except ValueError:
        raise InvalidInput({"If-Match": _('If-Match phải là ETag của hồ sơ, ví dụ "3".')}) from None
    if seen is not None:
        dossier.revision = seen


# What a refusal of these transitions says, beyond the statuses every write documents.
SUPPLEMENT_400 = (
    "`errors.items`: một số thứ tự không có trong danh mục giấy tờ (`checklist`), không phải "
    "số nguyên từ 1, hoặc không có cả `items` lẫn `instructions`; `errors.reason`: thiếu lý do"
)
TRANSITION_ERRORS: dict[str, dict[int, str]] = {
    "request_supplement": {
        400: SUPPLEMENT_400,
        409: "`not_allowed_now`: hồ sơ đã được yêu cầu bổ sung một lần (Điều 11 Nghị định "
        "118/2025), hoặc trạng thái không cho phép; `dossier_changed`: hồ sơ vừa thay đổi",
    },
    "ask_supplement": {
        400: SUPPLEMENT_400,
        409: "`not_allowed_now`: không đang xử lý, hoặc hồ sơ đã được yêu cầu bổ sung một lần",
    },
    "resubmit": {
        409: "`not_allowed_now`: còn thành phần được yêu cầu chưa có tệp của lần bổ sung này "
        "(`detail` nêu tên), hoặc trạng thái không cho phép",
    },
    "close_unsupplemented": {
        409: "`not_allowed_now`: chưa hết thời hạn bổ sung (`supplement.due_at`), hoặc hồ sơ "
        "không chờ bổ sung",
    },
}


def transition_responses(name: str) -> dict[int, Any]:
    errors = {
        code: OpenApiResponse(ApiErrorSerializer, description=text)
        for code, text in TRANSITION_ERRORS.get(name, {}).items()
    }
    return {200: DossierDetailSerializer, **errors}


def transition_action(name: str) -> Any:
    """POST /dossiers/{id}/<name>/: authorize, validate the body, call the service."""

    def perform(self: DossierViewSet, request: Request, pk: str | None = None) -> Response:
        return self.run_transition(request, name)

    perform.__name__ = perform.__qualname__ = name  # the router names the route after it
    perform.__doc__ = services.BY_TRANSITION[name].__doc__
    routed = action(detail=True, methods=["post"], url_path=name, url_name=name.replace("_", "-"))
    documented = extend_schema(
        request=inputs.TRANSITION_INPUTS[name],
        responses=transition_responses(name),
        parameters=[DOSSIER_ID],
        summary=f"Transition `{name}`",
        tags=["dossiers"],
    )
    return documented(routed(perform))


@extend_schema_view(
    list=extend_schema(summary="Dossiers the caller may see, filtered", tags=["dossiers"]),
    retrieve=extend_schema(
        summary="A dossier with its deadlines and the caller's available transitions",
        parameters=[DOSSIER_ID],
        tags=["dossiers"],
    ),
)
class DossierViewSet(
    DomainErrorsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Dossiers the caller may see; each write calls one service of the dossier workflow."""

    permission_classes = [IsAuthenticated]
    pagination_class = DossierPagination
    filterset_class = DossierFilter
    lookup_value_regex = UUID_PATTERN
    serializer_class = DossierDetailSerializer

    def get_queryset(self) -> QuerySet[Dossier]:
        dossiers = Dossier.objects.visible_to(self.request.user).for_list()
        if self.action == "list":
            return dossiers
        return dossiers.select_related(
            "procedure_version",
            "applicant_user",
            "agency_supplement_by",
            "decision_leader",
            "result_document",
        )

    def get_serializer_class(self) -> type:
        return DossierListSerializer if self.action == "list" else DossierDetailSerializer

    def detail_response(self, dossier: Dossier, code: int = status.HTTP_200_OK) -> Response:
        data = DossierDetailSerializer(dossier, context=self.get_serializer_context()).data
        return Response(data, status=code, headers={"ETag": f'"{dossier.revision}"'})

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.detail_response(self.get_object())

    @extend_schema(
        request=inputs.DraftCreateInput,
        responses={201: DossierDetailSerializer},
        summary="Start an online dossier (draft) for a procedure",
        tags=["dossiers"],
    )
    def create(self, request: Request) -> Response:
        body = inputs.DraftCreateInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        procedure, agency = data.pop("procedure"), data.pop("receiving_agency")
        answers = data.pop("answers", {})
        applicant = services.Applicant.from_profile(
            request.user, **{key.removeprefix("applicant_"): value for key, value in data.items()}
        )
        dossier = services.create_draft(
            by=request.user,
            procedure=procedure,
            applicant=applicant,
            receiving_agency=agency,
            answers=answers,
        )
        return self.detail_response(self.get_queryset().get(pk=dossier.pk), status.HTTP_201_CREATED)

    @extend_schema(
        request=inputs.DraftUpdateInput,
        responses=DossierDetailSerializer,
        parameters=[DOSSIER_ID],
        summary="Change a draft's applicant details or receiving agency",
        tags=["dossiers"],
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        dossier = self.get_object()
        unknown = sorted(set(request.data) - set(inputs.DraftUpdateInput().fields))
        if unknown:
            raise InvalidInput({name: _("Không sửa được trường này.") for name in unknown})
        body = inputs.DraftUpdateInput(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        services.update_draft(dossier=dossier, by=request.user, changes=body.validated_data)
        return self.detail_response(dossier)

    @extend_schema(
        request={"multipart/form-data": inputs.CounterIntakeInput},
        responses={201: DossierDetailSerializer},
        summary="Receive a walk-in or postal dossier at the desk in one step",
        tags=["dossiers"],
    )
    @action(detail=False, methods=["post"], url_path="counter-intake", url_name="counter-intake")
    def counter_intake(self, request: Request) -> Response:
        if not permissions.can_take_at_counter(request.user):
            raise PermissionDenied(_("Chỉ cán bộ một cửa được tiếp nhận hồ sơ trực tiếp."))
        body = inputs.CounterIntakeInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        uploads = [
            services.DocumentUpload(upload=upload, item=item)
            for upload, item in zip(data.pop("files"), data.pop("items"), strict=True)
        ]
        dossier = services.counter_intake(
            by=request.user,
            procedure=data.pop("procedure"),
            channel=data.pop("channel"),
            handling_agency=data.pop("handling_agency"),
            note=data.pop("note"),
            answers=data.pop("answers", {}),
            paper_items=data.pop("paper_items"),
            documents=uploads,
            applicant=services.Applicant(
                **{key.removeprefix("applicant_"): value for key, value in data.items()}
            ),
        )
        return self.detail_response(self.get_queryset().get(pk=dossier.pk), status.HTTP_201_CREATED)

    def run_transition(self, request: Request, name: str) -> Response:
        dossier = self.get_object()
        if not transition_permission(name)(dossier, request.user):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này trên hồ sơ."))
        body = inputs.TRANSITION_INPUTS[name](data=request.data)
        body.is_valid(raise_exception=True)
        as_seen_by_client(dossier, request)
        services.BY_TRANSITION[name](dossier=dossier, by=request.user, **body.validated_data)
        return self.detail_response(dossier)

    submit = transition_action("submit")
    accept = transition_action("accept")
    refuse = transition_action("refuse")
    request_supplement = transition_action("request_supplement")
    resubmit = transition_action("resubmit")
    start_processing = transition_action("start_processing")
    forward = transition_action("forward")
    ask_supplement = transition_action("ask_supplement")
    submit_for_decision = transition_action("submit_for_decision")
    send_back = transition_action("send_back")
    extend = transition_action("extend")
    request_payment = transition_action("request_payment")
    confirm_payment = transition_action("confirm_payment")
    approve = transition_action("approve")
    reject = transition_action("reject")
    stop = transition_action("stop")
    close_unsupplemented = transition_action("close_unsupplemented")
    withdraw = transition_action("withdraw")
    return_result = transition_action("return_result")

    @extend_schema(
        methods=["GET"],
        responses=DocumentSerializer(many=True),
        parameters=[DOSSIER_ID],
        summary="The dossier's documents, every supplement round included (not paginated)",
        tags=["dossiers"],
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": inputs.DocumentUploadInput},
        responses={201: DocumentSerializer},
        parameters=[DOSSIER_ID],
        summary="Upload one document (PDF, JPEG or PNG) for a checklist item",
        tags=["dossiers"],
    )
    # A dossier has a few dozen documents and events at most: both come whole, as arrays,
    # and the dossier list's filters do not apply to them.
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        dossier = self.get_object()
        if request.method == "GET":
            rows = dossier.documents.select_related("uploaded_by").order_by("round", "item")
            return Response(DocumentSerializer(rows, many=True, context={"request": request}).data)
        body = inputs.DocumentUploadInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        document = services.attach_document(
            dossier=dossier,
            by=request.user,
            upload=data["file"],
            item=data["item"],
            filename=data["filename"],
        )
        data = DocumentSerializer(document, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={(200, media_type): OpenApiTypes.BINARY for media_type in DOWNLOAD_TYPES},
        parameters=[DOSSIER_ID, DOCUMENT_ID],
        summary="Download one document (as an attachment, in the type it was stored as)",
        tags=["dossiers"],
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=rf"documents/(?P<doc_id>{UUID_PATTERN})/download",
        url_name="download",
        renderer_classes=[JSONRenderer, AnyContentRenderer],
        filter_backends=[],
    )
    def download(self, request: Request, pk: str | None = None, doc_id: str = "") -> FileResponse:
        dossier = self.get_object()
        return document_response(get_object_or_404(dossier.documents, pk=doc_id))

    @extend_schema(
        responses=EventSerializer(many=True),
        parameters=[DOSSIER_ID],
        summary="The dossier's history, oldest first (not paginated)",
        tags=["dossiers"],
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def events(self, request: Request, pk: str | None = None) -> Response:
        dossier = self.get_object()
        rows = dossier.events.select_related("agency").order_by("at", "id")
        staff = permissions.sees_as_staff(dossier, request.user)
        return Response(EventSerializer(rows, many=True, context={"staff": staff}).data)

    @extend_schema(
        methods=["GET"],
        responses=ResultSerializer,
        parameters=[DOSSIER_ID],
        summary="The result document: for staff once attached, for the applicant once "
        "returned (404 otherwise)",
        tags=["dossiers"],
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": inputs.ResultInput},
        responses={201: ResultSerializer},
        parameters=[DOSSIER_ID],
        summary="Attach or replace the result document (PDF, number, date) before the "
        "decision: specialist or leader of the handling agency",
        tags=["dossiers"],
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def result(self, request: Request, pk: str | None = None) -> Response:
        dossier = self.get_object()
        if request.method == "GET":
            found = self._result_for(dossier, request)
            return Response(ResultSerializer(found, context={"request": request}).data)
        if not permissions.can_attach_result(dossier, request.user):
            raise PermissionDenied(
                _("Chỉ chuyên viên, lãnh đạo cơ quan giải quyết được đính kèm kết quả.")
            )
        body = inputs.ResultInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        as_seen_by_client(dossier, request)
        result = services.attach_result(
            dossier=dossier,
            by=request.user,
            upload=data["file"],
            number=data["number"],
            issued_on=data["issued_on"],
            filename=data["filename"],
        )
        data = ResultSerializer(result, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={(200, uploads.PDF): OpenApiTypes.BINARY},
        parameters=[DOSSIER_ID],
        summary="Download the result document (PDF): staff once attached, the applicant "
        "once returned",
        tags=["dossiers"],
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="result/download",
        url_name="result-download",
        renderer_classes=[JSONRenderer, AnyContentRenderer],
        filter_backends=[],
    )
    def result_download(self, request: Request, pk: str | None = None) -> FileResponse:
        return result_response(self._result_for(self.get_object(), request))

    @staticmethod
    def _result_for(dossier: Dossier, request: Request) -> DossierResult:
        """The result document if the caller may have it; a 404 otherwise, never a 403."""
        found = DossierResult.objects.filter(dossier=dossier).select_related("uploaded_by").first()
        if found is None or not permissions.can_download_result(dossier, request.user):
            raise Http404
        return found
