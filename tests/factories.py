"""factory_boy factories shared by every test module."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from onestop.accounts.models import User
from procedures.models import (
    Agency,
    Channel,
    Fee,
    Field,
    LegalBasis,
    Level,
    OnlineMode,
    Procedure,
    ProcedureLevel,
    ProcedureStep,
    ProcessingTime,
    RequiredDocument,
    TimeUnit,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"000.{n % 100:02d}.{n // 100 % 100:02d}.H99")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    level = Level.PROVINCE
    has_one_stop_desk = True


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    field = factory.SubFactory(FieldFactory)
    online_mode = OnlineMode.PARTIAL
    is_published = True

    @factory.post_generation
    def levels(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            for level in extracted if extracted is not None else [Level.PROVINCE]:
                ProcedureLevel.objects.create(procedure=self, level=level)

    @factory.post_generation
    def time_limit(self, create: bool, extracted: tuple | None, **kwargs: object) -> None:
        if create:
            amount, unit = extracted or (Decimal(5), TimeUnit.WORKING_DAYS)
            for channel in (Channel.ONLINE, Channel.COUNTER):
                ProcessingTime.objects.create(
                    procedure=self, channel=channel, amount=amount, unit=unit
                )

    @factory.post_generation
    def checklist(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            for order, name in enumerate(extracted or ["Tờ khai", "Bản sao CCCD"]):
                RequiredDocument.objects.create(procedure=self, order=order, name=name)


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    procedure = factory.SubFactory(ProcedureFactory)
    channel = Channel.COUNTER
    name = "Lệ phí"
    amount_vnd = 50000
    order = factory.Sequence(lambda n: n)


class ProcedureStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureStep

    procedure = factory.SubFactory(ProcedureFactory)
    order = factory.Sequence(lambda n: n)
    description = factory.Sequence(lambda n: f"Bước {n}: tiếp nhận và kiểm tra hồ sơ")
    agency_role = "Bộ phận Một cửa"
    duration = Decimal("0.5")
    duration_unit = TimeUnit.WORKING_DAYS


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    procedure = factory.SubFactory(ProcedureFactory)
    order = factory.Sequence(lambda n: n)
    number = factory.Sequence(lambda n: f"{n}/2015/NĐ-CP")
    title = "Nghị định quy định chi tiết một số điều của Luật Hộ tịch"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    password = factory.django.Password("onestop-test")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.add(*(Group.objects.get(name=role) for role in extracted))


class DossierFactory(factory.django.DjangoModelFactory):
    """A dossier in any state; pass ``state=`` and the fields that state implies are filled."""

    class Meta:
        model = "dossiers.Dossier"

    procedure = factory.SubFactory(ProcedureFactory)
    procedure_version = factory.LazyAttribute(lambda dossier: _current_version(dossier.procedure))
    receiving_agency = factory.SubFactory(AgencyFactory)
    handling_agency = factory.SelfAttribute("receiving_agency")
    channel = Channel.ONLINE
    applicant_name = factory.Sequence(lambda n: f"Trần Thị Hồ Sơ {n}")
    applicant_id_number = factory.Sequence(lambda n: f"0010{n:08d}")
    applicant_email = factory.Sequence(lambda n: f"applicant{n}@example.vn")
    state = "draft"
    code = factory.LazyAttributeSequence(
        lambda dossier, n: (
            None
            if dossier.state == "draft"
            else f"{dossier.receiving_agency.code}-261127-{n + 1:04d}"
        )
    )
    submitted_at = factory.LazyAttribute(
        lambda dossier: None if dossier.state == "draft" else _hours_ago(30)
    )
    received_at = factory.LazyAttribute(
        lambda dossier: None if dossier.state in _NOT_RECEIVED else _hours_ago(24)
    )
    due_at = factory.LazyAttribute(lambda dossier: _five_working_days_after(dossier.received_at))
    original_due_at = factory.SelfAttribute("due_at")
    supplement_from_state = factory.LazyAttribute(
        lambda dossier: "received" if dossier.state == "supplement_requested" else ""
    )
    supplement_requested_at = factory.LazyAttribute(
        lambda dossier: _hours_ago(2) if dossier.state == "supplement_requested" else None
    )
    supplement_round = factory.LazyAttribute(
        lambda dossier: 1 if dossier.state == "supplement_requested" else 0
    )
    result = factory.LazyAttribute(
        lambda dossier: "granted" if dossier.state in ("resolved", "returned") else ""
    )


def _current_version(procedure: Procedure) -> object:
    from dossiers.services import current_version

    return current_version(procedure)


def _hours_ago(hours: int) -> object:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(hours=hours)


def _five_working_days_after(start: object) -> object:
    from onestop import calendar

    return None if start is None else calendar.due_at(start, 5, TimeUnit.WORKING_DAYS)


_NOT_RECEIVED = ("draft", "submitted", "not_accepted")


# Rows of the birth registration checklist as the catalogue describes them once each row
# says when it applies (docs/catalogue-format.md): the form, one of two birth papers, the
# authorisation letter when filing for someone else, the counter-only paper form, and an
# optional marriage certificate.
BIRTH_REGISTRATION_ROWS = [
    {"name": "Tờ khai đăng ký khai sinh", "is_mandatory": True},
    {"name": "Giấy chứng sinh", "is_mandatory": True, "alternative_group": "chung-sinh"},
    {
        "name": "Văn bản của người làm chứng xác nhận việc sinh",
        "is_mandatory": True,
        "alternative_group": "chung-sinh",
    },
    {
        "name": "Văn bản ủy quyền",
        "is_mandatory": True,
        "condition": {"key": "uy-quyen", "question": "Anh/chị nộp thay người khác theo ủy quyền?"},
    },
    {"name": "Tờ khai bản giấy có chữ ký", "is_mandatory": True, "channels": ["counter"]},
    {"name": "Giấy chứng nhận kết hôn", "is_mandatory": False},
]


def checklist_version(procedure: Procedure, rows: list[dict]) -> object:
    """A new version of `procedure` (its latest, so new dossiers use it) whose checklist is
    `rows`, each with the keys of the catalogue exchange format (missing keys: defaults).
    """
    from dossiers.services import current_version
    from procedures.models import ProcedureVersion

    base = current_version(procedure)
    documents = [{"form": "", "quantity": 1, "template_name": "", **row} for row in rows]
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=base.number + 1,
        content={**base.content, "documents": documents},
    )
    Procedure.objects.filter(pk=procedure.pk).update(version=version.number)
    return version
