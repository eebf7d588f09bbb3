import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from onestop.demo.province import ACCOUNTS
from procedures.models import Agency, Procedure


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_demo_accounts_log_in_with_the_demo_password(seeded, settings):
    for spec in ACCOUNTS:
        user = authenticate(username=spec.username, password=settings.DEMO_PASSWORD)
        assert user is not None, spec.username
        assert user.roles == [spec.role]


def test_officers_of_two_agencies_and_a_province_wide_supervisor(seeded):
    from onestop.accounts.models import User

    agency_of = dict(User.objects.values_list("username", "agency__code"))
    assert agency_of["desk1"] == agency_of["specialist1"] == agency_of["leader1"]
    assert agency_of["desk2"] == agency_of["specialist2"] == agency_of["leader2"]
    assert agency_of["desk1"] != agency_of["desk2"]
    province = Agency.objects.get(code=agency_of["supervisor1"])
    assert province.parent is None
    assert len(province.subtree_ids()) == Agency.objects.count()


def test_agency_tree_has_a_centre_departments_and_communes(seeded):
    levels = list(Agency.objects.values_list("level", flat=True))
    assert levels.count("commune") >= 2
    departments = Agency.objects.filter(level="province", parent__isnull=False)
    assert departments.filter(has_one_stop_desk=True).count() >= 5
    assert Agency.objects.filter(name__startswith="Trung tâm Phục vụ hành chính công").exists()
    assert all(len(code.split(".")) == 4 for code in Agency.objects.values_list("code", flat=True))


def test_the_real_catalogue_is_loaded_with_local_agencies(seeded):
    birth = Procedure.objects.get(code="1.001193")
    assert "khai sinh" in birth.name.lower()
    assert birth.agencies.filter(level="commune").count() >= 2
    assert Procedure.objects.count() > 500
    assert Procedure.objects.filter(is_frequent=True).count() >= 40


def test_officers_find_sample_dossiers_in_many_states(seeded):
    from dossiers.models import Dossier

    states = set(Dossier.objects.values_list("state", flat=True))
    assert Dossier.objects.count() == 300
    assert {"received", "processing", "returned"} <= states
    assert Dossier.objects.filter(receiving_agency__code="000.00.11.H38").exists()


def test_seeding_twice_changes_nothing(seeded):
    from dossiers.models import Dossier

    counts = (Agency.objects.count(), Procedure.objects.count(), Dossier.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Agency.objects.count(), Procedure.objects.count(), Dossier.objects.count()) == counts


def test_seed_demo_refuses_when_debug_is_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Agency.objects.exists()


COMMUNE_TEAMS = {
    "000.31.00.H38": ("desk3", "specialist3", "leader3"),
    "000.32.00.H38": ("desk4", "specialist4", "leader4"),
}


def test_two_communes_have_a_desk_a_specialist_and_a_leader(seeded, settings):
    from dossiers.permissions import DECIDE, PROCESS, RECEIVE

    for agency_code, (desk, specialist, leader) in COMMUNE_TEAMS.items():
        agency = Agency.objects.get(code=agency_code)
        assert agency.level == "commune"
        assert agency.has_one_stop_desk
        for username, permission in ((desk, RECEIVE), (specialist, PROCESS), (leader, DECIDE)):
            user = authenticate(username=username, password=settings.DEMO_PASSWORD)
            assert user is not None, username
            assert user.agency_id == agency.pk
            assert user.has_perm(permission), username
        # Birth and marriage registration are carried out by the commune itself.
        carried = set(agency.procedures.values_list("code", flat=True))
        assert {"1.001193", "1.000894"} <= carried
    assert Procedure.objects.get(code="1.000894").name == "Đăng ký kết hôn"


def readme_accounts() -> dict[str, str]:
    """username → the agency cell of the README's table of demo accounts."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Demo accounts", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        for name in cells[0].split(","):
            found[name.strip().strip("`")] = cells[2]
    return found


def test_the_readme_lists_every_demo_account_with_its_agency(seeded):
    listed = readme_accounts()
    assert set(listed) == {spec.username for spec in ACCOUNTS}
    for spec in ACCOUNTS:
        if spec.agency:
            assert f"`{spec.agency}`" in listed[spec.username], spec.username
