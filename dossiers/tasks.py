"""Background work of the dossier workflow: ids in, re-read, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from dossiers import notifications
from dossiers.models import ApplicantNotice, DossierEvent


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notify_applicant(dossier_id: str, event_id: int) -> bool:
    """E-mail the applicant about one event; True if a message was sent by this call.

    The notice row is locked while sending, so two deliveries of the task send one e-mail;
    if sending fails the row is rolled back and a retry sends it.
    """
    with transaction.atomic():
        event = DossierEvent.objects.select_related(
            "dossier__procedure", "dossier__applicant_user"
        ).get(pk=event_id, dossier_id=dossier_id)
        notice, _created = ApplicantNotice.objects.select_for_update().get_or_create(event=event)
        if notice.sent_at is not None:
            return False
        dossier = event.dossier
        address = notifications.recipient(dossier)
        if address:
            send_mail(
                notifications.subject(dossier, event),
                notifications.body(dossier, event),
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
        notice.recipient, notice.sent_at = address, timezone.now()
        notice.save(update_fields=["recipient", "sent_at"])
        return bool(address)
