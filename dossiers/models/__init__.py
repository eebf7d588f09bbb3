"""Dossier models, split by concern; import them from here."""

from dossiers.models.codes import DossierCodeSequence, dossier_code, next_code
from dossiers.models.documents import DossierDocument
from dossiers.models.dossier import Dossier
from dossiers.models.history import ApplicantNotice, DossierEvent
from dossiers.models.queryset import DossierQuerySet
from dossiers.models.results import DossierResult
from dossiers.models.states import (
    CLOCK_STATES,
    FINAL_STATES,
    NATIONAL_CODES,
    OPEN_STATES,
    TRANSITIONS,
    ApplicantKind,
    Result,
    State,
)

__all__ = [
    "CLOCK_STATES",
    "FINAL_STATES",
    "NATIONAL_CODES",
    "OPEN_STATES",
    "TRANSITIONS",
    "ApplicantKind",
    "ApplicantNotice",
    "Dossier",
    "DossierCodeSequence",
    "DossierDocument",
    "DossierEvent",
    "DossierQuerySet",
    "DossierResult",
    "Result",
    "State",
    "dossier_code",
    "next_code",
]
