"""A committed change stands when its notification cannot be queued, and the notification
is sent once the broker is back.

These tests commit for real (transactional database), so the task is queued inside the
request exactly as in production, where a failure used to answer 500 after the commit.
"""

import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from dossiers.models import Dossier, State
from onestop.outbox.models import OutboxTask
from tests.dossiers.conftest import pdf
from tests.outages import CLOSED_PORT_BROKER, broker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def upload_everything(api, dossier) -> None:
    for item in ("1", "2"):
        uploaded = api.post(
            f"/api/v1/dossiers/{dossier.pk}/documents/", {"file": pdf(), "item": item}
        )
        assert uploaded.status_code == 201, uploaded.json()


def test_a_submission_succeeds_and_its_e_mail_waits_for_the_broker(api, citizen, make_dossier):
    dossier = make_dossier("draft", applicant_email="an@example.vn")
    api.force_authenticate(citizen)
    upload_everything(api, dossier)
    with broker(CLOSED_PORT_BROKER):
        started = time.monotonic()
        submitted = api.post(f"/api/v1/dossiers/{dossier.pk}/submit/", {}, format="json")
        elapsed = time.monotonic() - started
    assert submitted.status_code == 200, submitted.content
    assert elapsed < 5  # a dead broker fails fast rather than holding the request
    assert Dossier.objects.get(pk=dossier.pk).state == State.SUBMITTED
    (waiting,) = OutboxTask.objects.all()
    assert waiting.task_name == "dossiers.tasks.notify_applicant"
    assert waiting.args[0] == str(dossier.pk) and waiting.sent_at is None
    assert waiting.attempts == 1 and "127.0.0.1:1" in waiting.last_error
    assert mail.outbox == []

    with broker(CLOSED_PORT_BROKER), pytest.raises(CommandError):
        call_command("flush_task_outbox")  # still down: nothing sent, and the run says so
    assert mail.outbox == []

    with broker(CLOSED_PORT_BROKER, eager=True):  # back: tasks run as a worker would
        call_command("flush_task_outbox")
        call_command("flush_task_outbox")
    (message,) = mail.outbox
    assert message.to == ["an@example.vn"] and "Mới đăng ký" in message.subject
    assert OutboxTask.objects.get().sent_at is not None


def test_submitting_through_the_pages_succeeds_with_the_broker_down(client, citizen, make_dossier):
    dossier = make_dossier("draft")
    client.force_login(citizen)
    for item in ("1", "2"):
        stored = client.post(f"/ho-so/{dossier.pk}/giay-to/", {"item": item, "file": pdf()})
        assert stored.status_code == 302
    with broker(CLOSED_PORT_BROKER):
        response = client.post(f"/ho-so/{dossier.pk}/xem-lai/", {"revision": 2})
    assert response.status_code == 302, response.content
    assert Dossier.objects.get(pk=dossier.pk).state == State.SUBMITTED
    assert OutboxTask.objects.get().sent_at is None
