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
