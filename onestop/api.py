"""The API's single router: every app registers its viewsets here, under /api/v1/."""

from rest_framework.routers import DefaultRouter

from procedures.api.views import AgencyViewSet, FieldViewSet, ProcedureViewSet

router = DefaultRouter()
router.register("procedures", ProcedureViewSet, basename="procedure")
router.register("fields", FieldViewSet, basename="field")
router.register("agencies", AgencyViewSet, basename="agency")
import dossiers.api.routes  # noqa: E402, F401  (registers /dossiers/ and /tracking/ here)
