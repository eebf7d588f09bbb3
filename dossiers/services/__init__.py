"""The use cases of the dossier workflow: the one door pages, API and tasks all go through.

Each service is atomic and keyword-only: authorize → transition → save → append one event
→ on commit, notify. See the docstrings for preconditions and the errors raised
(``dossiers.exceptions``).
"""

from collections.abc import Callable

from dossiers.models import Dossier
from dossiers.services.documents import DocumentUpload, attach_document
from dossiers.services.intake import (
    Applicant,
    counter_intake,
    create_draft,
    current_version,
    update_draft,
)
from dossiers.services.recompute import recompute_due_dates
from dossiers.services.results import attach_result
from dossiers.services.supplements import ask_supplement, close_all_due, close_unsupplemented
from dossiers.services.workflow import (
    accept_dossier,
    approve_dossier,
    confirm_payment,
    extend_deadline,
    forward_dossier,
    refuse_dossier,
    reject_dossier,
    request_payment,
    request_supplement,
    resubmit_dossier,
    return_result,
    send_back,
    start_processing,
    stop_dossier,
    submit_dossier,
    submit_for_decision,
    withdraw_dossier,
)

# The service behind each transition name of the state machine (and of the API routes).
BY_TRANSITION: dict[str, Callable[..., Dossier]] = {
    "submit": submit_dossier,
    "accept": accept_dossier,
    "refuse": refuse_dossier,
    "request_supplement": request_supplement,
    "resubmit": resubmit_dossier,
    "start_processing": start_processing,
    "forward": forward_dossier,
    "ask_supplement": ask_supplement,
    "submit_for_decision": submit_for_decision,
    "send_back": send_back,
    "extend": extend_deadline,
    "request_payment": request_payment,
    "confirm_payment": confirm_payment,
    "approve": approve_dossier,
    "reject": reject_dossier,
    "stop": stop_dossier,
    "close_unsupplemented": close_unsupplemented,
    "withdraw": withdraw_dossier,
    "return_result": return_result,
}

__all__ = [
    "BY_TRANSITION",
    "Applicant",
    "DocumentUpload",
    "accept_dossier",
    "approve_dossier",
    "ask_supplement",
    "attach_document",
    "attach_result",
    "close_all_due",
    "close_unsupplemented",
    "confirm_payment",
    "counter_intake",
    "create_draft",
    "current_version",
    "extend_deadline",
    "forward_dossier",
    "recompute_due_dates",
    "refuse_dossier",
    "reject_dossier",
    "request_payment",
    "request_supplement",
    "resubmit_dossier",
    "return_result",
    "send_back",
    "start_processing",
    "stop_dossier",
    "submit_dossier",
    "submit_for_decision",
    "update_draft",
    "withdraw_dossier",
]
