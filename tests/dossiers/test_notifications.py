"""The applicant hears of every change that concerns them, once, after the commit."""

from datetime import timedelta

from django.core import mail

from dossiers import services, tasks
from dossiers.models import ApplicantNotice


def test_accepting_e_mails_the_applicant_after_commit(
    make_dossier, desk_officer, django_capture_on_commit_callbacks
):
    dossier = make_dossier("submitted", applicant_email="an@example.vn")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.accept_dossier(dossier=dossier, by=desk_officer)
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.to == ["an@example.vn"]
    assert dossier.code in message.subject and "Được tiếp nhận" in message.subject
    assert "Hẹn trả kết quả" in message.body


def test_a_supplement_request_lists_the_items(
    make_dossier, desk_officer, django_capture_on_commit_callbacks
):
    dossier = make_dossier("received")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_supplement(
            dossier=dossier,
            by=desk_officer,
            items=[2],
            instructions="Ảnh 4x6",
            reason="Thiếu",
        )
    body = mail.outbox[0].body
    assert "Giấy chứng sinh" in body and "Ảnh 4x6" in body and "Thiếu" in body


def test_an_internal_forward_sends_nothing_but_an_extension_does(
    make_dossier, specialist, leader, django_capture_on_commit_callbacks
):
    dossier = make_dossier("processing")
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_dossier(dossier=dossier, by=specialist, specialist=specialist)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.extend_deadline(
            dossier=dossier,
            by=leader,
            new_due_at=dossier.due_at + timedelta(days=3),
            reason="Xin lỗi vì cần thêm thời gian xác minh",
        )
    assert len(mail.outbox) == 1 and "Xin lỗi" in mail.outbox[0].body


def test_the_task_is_idempotent(make_dossier, desk_officer, django_capture_on_commit_callbacks):
    dossier = make_dossier("submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_dossier(dossier=dossier, by=desk_officer)
    event = dossier.events.get(kind="accept")
    assert tasks.notify_applicant(str(dossier.pk), event.pk) is False
    assert len(mail.outbox) == 1
    assert ApplicantNotice.objects.get(event=event).recipient == dossier.applicant_email
