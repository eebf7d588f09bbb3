"""Who may do what to a dossier: plain predicates ``(dossier, user) -> bool``.

The model's transitions, the services, the API and the pages all ask these same functions.
They check permissions (granted to role groups by migration) and agency membership, never
group names. Whether the dossier's *state* allows an action is the state machine's business,
not theirs: a predicate answers "is this the caller's to do", so that the API can tell 403
(not yours) from 409 (not now).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossiers.models import Dossier

SUBMIT = "dossiers.submit_dossier"
RECEIVE = "dossiers.receive_dossier"
PROCESS = "dossiers.process_dossier"
DECIDE = "dossiers.decide_dossier"
SUPERVISE = "dossiers.supervise_dossier"


def _agency_id(user: Any) -> int | None:
    return getattr(user, "agency_id", None)


def is_applicant(dossier: Dossier, user: Any) -> bool:
    """The signed-in account the dossier was filed from (and still allowed to file)."""
    return (
        user.is_authenticated
        and dossier.applicant_user_id is not None
        and dossier.applicant_user_id == user.pk
        and user.has_perm(SUBMIT)
    )


def is_receiving_desk(dossier: Dossier, user: Any) -> bool:
    """A desk officer of the agency that received (or will receive) the dossier."""
    return user.has_perm(RECEIVE) and _agency_id(user) == dossier.receiving_agency_id


def is_handling_specialist(dossier: Dossier, user: Any) -> bool:
    return user.has_perm(PROCESS) and _agency_id(user) == dossier.handling_agency_id


def is_handling_leader(dossier: Dossier, user: Any) -> bool:
    return user.has_perm(DECIDE) and _agency_id(user) == dossier.handling_agency_id


def can_submit(dossier: Dossier, user: Any) -> bool:
    return is_applicant(dossier, user)


def can_edit_draft(dossier: Dossier, user: Any) -> bool:
    return is_applicant(dossier, user)


def can_receive(dossier: Dossier, user: Any) -> bool:
    """Accept, refuse, ask for a supplement, hand over, confirm payment, return the result."""
    return is_receiving_desk(dossier, user)


def can_act_for_applicant(dossier: Dossier, user: Any) -> bool:
    """Resubmit or withdraw: the applicant, or the desk on the applicant's request."""
    return is_applicant(dossier, user) or is_receiving_desk(dossier, user)


def can_process(dossier: Dossier, user: Any) -> bool:
    """Forward to the next step, ask for fees: a specialist of the handling agency."""
    return is_handling_specialist(dossier, user)


def can_decide(dossier: Dossier, user: Any) -> bool:
    """Approve, reject, stop, extend: a leader of the handling agency."""
    return is_handling_leader(dossier, user)


def can_appraise(dossier: Dossier, user: Any) -> bool:
    """Ask the desk to send the dossier back for a supplement after appraisal: a specialist
    or leader of the handling agency (Decree 118/2025 Điều 19(5)).
    """
    return is_handling_specialist(dossier, user) or is_handling_leader(dossier, user)


def can_attach_result(dossier: Dossier, user: Any) -> bool:
    """The result document: a specialist or a leader of the handling agency."""
    return is_handling_specialist(dossier, user) or is_handling_leader(dossier, user)


def sees_as_staff(dossier: Dossier, user: Any) -> bool:
    """An officer of the agencies that received or handle `dossier` (or a supervisor above
    them): they read internal notes, and the result document at any time.
    """
    from dossiers.models.queryset import agencies_seen_by  # the queryset imports this module

    agencies = agencies_seen_by(user)
    return dossier.receiving_agency_id in agencies or dossier.handling_agency_id in agencies


def can_download_result(dossier: Dossier, user: Any) -> bool:
    """Staff once it is attached; the applicant once the result is returned (Decree
    118/2025 Điều 22(3)), not while the decision may still be handed over at the desk.
    """
    from dossiers.models import State

    if sees_as_staff(dossier, user):
        return True
    return (
        user.is_authenticated
        and dossier.applicant_user_id == user.pk
        and dossier.state == State.RETURNED
    )


def can_attach_document(dossier: Dossier, user: Any) -> bool:
    return is_applicant(dossier, user) or is_receiving_desk(dossier, user)


def can_take_at_counter(user: Any) -> bool:
    return user.has_perm(RECEIVE) and _agency_id(user) is not None


def can_file_online(user: Any) -> bool:
    return user.is_authenticated and user.has_perm(SUBMIT)
