"""Data the browser tests share: a commune desk that registers births online."""

from types import SimpleNamespace

from django.apps import apps

from onestop.accounts.roles import Role, grant
from procedures.models import OnlineMode
from tests.factories import AgencyFactory, FieldFactory, ProcedureFactory, UserFactory


def birth_registration_desk() -> SimpleNamespace:
    """The procedure 1.001193 at one agency, the citizen `an` and the desk officer `cuc`.

    Call it inside a transactional test: a browser test before it may have emptied every
    table, the role groups' permissions included, so those are granted again here.
    """
    grant(apps, Role.CITIZEN, ["dossiers.submit_dossier"])
    grant(apps, Role.DESK_OFFICER, ["dossiers.receive_dossier"])
    agency = AgencyFactory(code="000.31.00.H99", name="UBND xã Hòa Bình")
    procedure = ProcedureFactory(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=FieldFactory(code="ho-tich", name="Hộ tịch"),
        online_mode=OnlineMode.FULL,
        checklist=["Tờ khai đăng ký khai sinh"],
    )
    procedure.agencies.add(agency)
    citizen = UserFactory(
        username="an", full_name="Nguyễn Văn An", roles=[Role.CITIZEN], citizen_id="001090001234"
    )
    desk = UserFactory(
        username="cuc", full_name="Lê Thị Cúc", roles=[Role.DESK_OFFICER], agency=agency
    )
    return SimpleNamespace(agency=agency, procedure=procedure, citizen=citizen, desk=desk)
