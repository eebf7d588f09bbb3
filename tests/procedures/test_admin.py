import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onestop.accounts.roles import Role
from procedures import services
from procedures.models import Level, Procedure
from tests.factories import FieldFactory, ProcedureFactory, UserFactory

CHANGELIST = reverse("admin:procedures_procedure_changelist")


@pytest.fixture
def superuser_client(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def birth_registration(db) -> Procedure:
    procedure = ProcedureFactory(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=FieldFactory(code="ho-tich", name="Hộ tịch"),
        levels=[Level.COMMUNE],
    )
    services.record_version(procedure=procedure)
    return procedure


def listed_codes(response) -> list[str]:
    return [procedure.code for procedure in response.context["cl"].result_list]


def test_changelist_add_and_change_pages_render(superuser_client, birth_registration):
    pages = [
        CHANGELIST,
        reverse("admin:procedures_procedure_add"),
        reverse("admin:procedures_procedure_change", args=[birth_registration.pk]),
    ]
    for url in pages:
        assert superuser_client.get(url).status_code == 200, url


def test_change_page_lists_the_versions(superuser_client, birth_registration):
    url = reverse("admin:procedures_procedure_change", args=[birth_registration.pk])
    version = birth_registration.versions.get()
    page = superuser_client.get(url).content.decode()
    assert reverse("admin:procedures_procedureversion_change", args=[version.pk]) in page


@pytest.mark.parametrize(
    "term", ["dang ky khai sinh", "Đăng ký khai sinh", "KHAI SINH", "1.001193"]
)
def test_admin_search_ignores_accents_and_case(superuser_client, birth_registration, term):
    ProcedureFactory(name="Đăng ký kết hôn")
    response = superuser_client.get(CHANGELIST, {"q": term})
    assert listed_codes(response) == ["1.001193"]


def test_changelist_filters_by_level_and_online_mode(superuser_client, birth_registration):
    ProcedureFactory(levels=[Level.PROVINCE])
    response = superuser_client.get(CHANGELIST, {"levels__level": "commune"})
    assert listed_codes(response) == ["1.001193"]
    response = superuser_client.get(CHANGELIST, {"online_mode__exact": "offline"})
    assert listed_codes(response) == []


def changelist_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(CHANGELIST).status_code == 200
    return len(queries)


def test_changelist_query_count_does_not_grow_with_the_catalogue(superuser_client):
    ProcedureFactory.create_batch(5)
    few = changelist_queries(superuser_client)
    ProcedureFactory.create_batch(25)
    assert changelist_queries(superuser_client) == few


def test_versions_are_read_only(superuser_client, birth_registration):
    version = birth_registration.versions.get()
    change = reverse("admin:procedures_procedureversion_change", args=[version.pk])
    page = superuser_client.get(change)
    assert page.status_code == 200
    assert "1.001193" in page.content.decode()
    assert superuser_client.post(change, {"number": 9}).status_code == 403
    add = reverse("admin:procedures_procedureversion_add")
    assert superuser_client.get(add).status_code == 403
    delete = reverse("admin:procedures_procedureversion_delete", args=[version.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert birth_registration.versions.get().number == 1


def test_version_list_search_ignores_accents(superuser_client, birth_registration):
    url = reverse("admin:procedures_procedureversion_changelist")
    response = superuser_client.get(url, {"q": "dang ky khai sinh"})
    assert [v.procedure.code for v in response.context["cl"].result_list] == ["1.001193"]


def test_administrator_role_can_edit_the_catalogue(birth_registration):
    client = Client()
    client.force_login(
        UserFactory(username="catalogue_admin", roles=[Role.ADMINISTRATOR], is_staff=True)
    )
    url = reverse("admin:procedures_procedure_change", args=[birth_registration.pk])
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(url).status_code == 200
