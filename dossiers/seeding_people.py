"""Generated applicants and the demo officers who act on generated dossiers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group
from django.db.models import Q

from dossiers.models import ApplicantKind
from onestop.accounts.models import User
from onestop.accounts.roles import Role

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quang", "Thu", "Hoài", "Gia"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
    "Đạt",
    "Ánh",
    "Lộc",
]
STREETS = [
    "Trần Hưng Đạo",
    "Lê Lợi",
    "Nguyễn Huệ",
    "Đinh Tiên Hoàng",
    "Lê Hồng Phong",
    "Hoàng Hoa Thám",
    "Phạm Văn Đồng",
    "Nguyễn Trãi",
    "Lý Thái Tổ",
    "Quang Trung",
]
PLACES = ["phường Hoa Lư", "xã Gia Viễn", "xã Kim Sơn"]
COMPANIES = [
    "Công ty TNHH Thương mại",
    "Công ty Cổ phần Xây dựng",
    "Hợp tác xã Nông nghiệp",
    "Công ty TNHH Dịch vụ",
    "Doanh nghiệp tư nhân",
]
PROVINCE_PREFIX = "037"  # the CCCD prefix of the birth province; Ninh Bình's, for the demo


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    kind: str = ApplicantKind.PERSON
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    user_id: int | None = None


def random_person(rng: random.Random, user_id: int | None = None, index: int = 0) -> Person:
    """A Vietnamese citizen with a well-formed 12-digit CCCD, or now and then a company."""
    address = f"Số {rng.randint(1, 300)}, đường {rng.choice(STREETS)}, {rng.choice(PLACES)}"
    phone = f"09{rng.randint(10_000_000, 99_999_999)}"
    if user_id is None and rng.random() < 0.1:
        name = f"{rng.choice(COMPANIES)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
        tax_code = f"27{rng.randint(0, 99_999_999):08d}"
        return Person(name, tax_code, ApplicantKind.ORGANISATION, None, phone, "", address)
    born = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
    female = rng.random() < 0.5
    century = (0 if born.year < 2000 else 2) + int(female)
    id_number = f"{PROVINCE_PREFIX}{century}{born.year % 100:02d}{rng.randint(0, 999_999):06d}"
    middle = "Thị" if female and rng.random() < 0.7 else rng.choice(MIDDLE)
    name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"
    email = f"congdan{index:05d}@example.vn" if user_id is not None else ""
    return Person(name, id_number, ApplicantKind.PERSON, born, phone, email, address, user_id)


def citizen_pool(size: int, seed: int = 2026) -> list[Person]:
    """`size` citizen accounts ("congdanNNNNN", no usable password), created when missing."""
    names = [f"congdan{index:05d}" for index in range(1, size + 1)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    rng = random.Random(seed)
    people = {name: random_person(rng, user_id=0, index=i) for i, name in enumerate(names, 1)}
    missing = [
        User(
            username=name,
            full_name=people[name].name,
            citizen_id=people[name].id_number,
            email=people[name].email,
            password="!",  # unusable: generated applicants never sign in
        )
        for name in names
        if name not in existing
    ]
    User.objects.bulk_create(missing, batch_size=2000)
    users = dict(User.objects.filter(username__in=names).values_list("username", "pk"))
    citizens = Group.objects.get(name=Role.CITIZEN)
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=users[user.username], group_id=citizens.pk) for user in missing],
        batch_size=2000,
    )
    return [_with_user(people[name], users[name]) for name in names]


def _with_user(person: Person, user_id: int) -> Person:
    return Person(
        person.name,
        person.id_number,
        person.kind,
        person.birth_date,
        person.phone,
        person.email,
        person.address,
        user_id,
    )


def officers_by_agency() -> dict[tuple[int, str], tuple[int, str]]:
    """(agency id, duty) → (user id, name) of one officer with that duty's permission."""
    duties = {
        "receive": "receive_dossier",
        "process": "process_dossier",
        "decide": "decide_dossier",
    }
    found: dict[tuple[int, str], tuple[int, str]] = {}
    for duty, codename in duties.items():
        rows = (
            User.objects.filter(agency__isnull=False, is_active=True)
            .filter(
                Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename)
            )
            .order_by("pk")
            .values_list("agency_id", "pk", "full_name")
        )
        for agency_id, pk, name in rows:
            found.setdefault((agency_id, duty), (pk, name))
    return found
