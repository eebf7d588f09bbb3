"""Puts the dossier API on the project's router: /dossiers/… and /tracking/{code}/.

Imported by onestop.api once its router exists.
"""

from dossiers.api.tracking import TrackingViewSet
from dossiers.api.views import DossierViewSet
from onestop.api import router

router.register("dossiers", DossierViewSet, basename="dossier")
router.register("tracking", TrackingViewSet, basename="tracking")
