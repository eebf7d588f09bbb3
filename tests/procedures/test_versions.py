import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse

from procedures import services
from procedures.models import Fee, Level, Procedure, ProcedureVersion, ProcessingTime
from tests.factories import FieldFactory, ProcedureFactory, UserFactory


@pytest.fixture
def published(db) -> Procedure:
    procedure = ProcedureFactory(code="1.001193", name="Đăng ký khai sinh")
    services.record_version(procedure=procedure)
    return procedure


@pytest.fixture
def superuser_client(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def change_url(procedure: Procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def _post_value(value: Any) -> Any:
    return [str(item) for item in value] if isinstance(value, list | tuple) else str(value)


def form_data(response: Any) -> dict[str, Any]:
    """What a browser would post back, unchanged, from an admin add or change page."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, Any] = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or isinstance(value, FieldFile):
                continue  # empty inputs, unchecked boxes and file inputs post nothing
            data[form.add_prefix(name)] = "on" if value is True else _post_value(value)
    return data


def test_first_version_of_a_published_procedure_is_number_one(published):
    version = published.versions.get()
    assert (version.number, published.version) == (1, 1)
    assert version.content["code"] == "1.001193"


def test_editing_a_published_procedure_creates_the_next_version_and_keeps_the_previous(
    published,
):
    published.name = "Đăng ký khai sinh (sửa đổi)"
    published.save()
    ProcessingTime.objects.filter(procedure=published).update(amount=Decimal(3))

    version = services.record_version(procedure=published)

    assert version is not None and version.number == 2
    published.refresh_from_db()
    assert published.version == 2
    first = ProcedureVersion.objects.get(procedure=published, number=1)
    assert first.content["name"] == "Đăng ký khai sinh"
    assert first.time_limit("online") == (5.0, "working_days")
    assert version.content["name"] == "Đăng ký khai sinh (sửa đổi)"
    assert version.time_limit("online") == (3.0, "working_days")


def test_no_change_means_no_new_version(published):
    assert services.record_version(procedure=published) is None
    assert published.versions.count() == 1


def test_an_unpublished_procedure_gets_no_version(db):
    procedure = ProcedureFactory(is_published=False)
    procedure.name = "Tên mới"
    procedure.save()
    assert services.record_version(procedure=procedure) is None
    assert not procedure.versions.exists()
    assert procedure.version == 0


def test_recording_a_version_leaves_updated_at_alone(published):
    before = Procedure.objects.get(pk=published.pk).updated_at
    Fee.objects.create(procedure=published, name="Lệ phí", amount_vnd=8000)
    services.record_version(procedure=published)
    after = Procedure.objects.get(pk=published.pk)
    assert (after.version, after.updated_at) == (2, before)


def test_admin_change_with_an_inline_edit_creates_the_next_version(published, superuser_client):
    data = form_data(superuser_client.get(change_url(published)))
    assert data["processing_times-0-amount"] == "5.0"
    data["processing_times-0-amount"] = "7"
    data["name"] = "Đăng ký khai sinh lưu động"

    response = superuser_client.post(change_url(published), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    published.refresh_from_db()
    assert published.version == 2
    old, new = published.versions.order_by("number")
    assert old.content["name"] == "Đăng ký khai sinh"
    assert [row["amount"] for row in old.content["processing_times"]] == [5, 5]
    assert new.content["name"] == "Đăng ký khai sinh lưu động"
    assert [row["amount"] for row in new.content["processing_times"]] == [7, 5]
    page = superuser_client.get(reverse("admin:procedures_procedureversion_change", args=[old.pk]))
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.content.decode()


def test_admin_save_without_changes_creates_no_version(published, superuser_client):
    data = form_data(superuser_client.get(change_url(published)))
    response = superuser_client.post(change_url(published), data)
    assert response.status_code == 302
    assert published.versions.count() == 1


def test_admin_edit_of_an_unpublished_procedure_creates_no_version(db, superuser_client):
    procedure = ProcedureFactory(is_published=False)
    data = form_data(superuser_client.get(change_url(procedure)))
    data["name"] = "Thủ tục chưa công bố, đã sửa"
    assert superuser_client.post(change_url(procedure), data).status_code == 302
    assert not procedure.versions.exists()


def test_adding_a_published_procedure_in_the_admin_records_version_one(db, superuser_client):
    field = FieldFactory()
    data = form_data(superuser_client.get(reverse("admin:procedures_procedure_add")))
    data.update(
        {
            "code": "1.000777",
            "name": "Cấp bản sao trích lục khai sinh",
            "field": str(field.pk),
            "is_published": "on",
            "levels-0-level": Level.COMMUNE,
        }
    )
    response = superuser_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    procedure = Procedure.objects.get(code="1.000777")
    assert procedure.version == 1
    assert procedure.versions.get().content["levels"] == ["commune"]


def test_admin_rejects_effective_dates_in_the_wrong_order(published, superuser_client):
    data = form_data(superuser_client.get(change_url(published)))
    data.update({"effective_from": "2026-01-02", "effective_to": "2026-01-01"})
    response = superuser_client.post(change_url(published), data)
    assert response.status_code == 200
    assert "Ngày hết hiệu lực phải sau" in response.content.decode()
    assert published.versions.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_get_consecutive_version_numbers():
    procedure = ProcedureFactory()
    services.record_version(procedure=procedure)
    first_locked = threading.Event()
    failures: list[BaseException] = []

    def edit(name: str, wait: threading.Event | None) -> None:
        try:
            if wait is not None:
                wait.wait(5)
            with transaction.atomic():
                Fee.objects.create(procedure_id=procedure.pk, name=name)
                services.record_version(procedure=Procedure.objects.get(pk=procedure.pk))
                if wait is None:
                    first_locked.set()
                    threading.Event().wait(0.5)  # hold the lock while the other one waits
        except BaseException as exc:  # reported in the main thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=("Phí A", None)),
        threading.Thread(target=edit, args=("Phí B", first_locked)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    numbers = sorted(procedure.versions.values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    assert len(ProcedureVersion.objects.get(procedure=procedure, number=3).content["fees"]) == 2


@pytest.mark.parametrize("days", ["0", "366"])
def test_admin_refuses_a_supplement_period_outside_1_to_365_days(published, superuser_client, days):
    data = form_data(superuser_client.get(change_url(published)))
    data["supplement_period_days"] = days
    response = superuser_client.post(change_url(published), data)
    assert response.status_code == 200
    assert "supplement_period_days" in response.context["adminform"].form.errors
    published.refresh_from_db()
    assert published.supplement_period_days is None and published.version == 1


def test_admin_sets_the_supplement_period_and_records_it_in_a_new_version(
    published, superuser_client
):
    data = form_data(superuser_client.get(change_url(published)))
    assert "supplement_period_days" not in data  # empty: the decree's 15 days
    data["supplement_period_days"] = "20"
    response = superuser_client.post(change_url(published), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    published.refresh_from_db()
    assert (published.supplement_period_days, published.version) == (20, 2)
    assert published.versions.get(number=2).content["supplement_period_days"] == 20
