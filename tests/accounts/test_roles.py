from django.contrib.auth.models import Group

from onestop.accounts.roles import Role


def test_every_role_exists_as_a_group_after_migrations(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_administrator_may_edit_the_catalogue_and_a_citizen_may_not(administrator, citizen):
    assert administrator.has_perm("procedures.change_procedure")
    assert administrator.has_perm("procedures.add_requireddocument")
    assert not citizen.has_perm("procedures.change_procedure")


def test_roles_are_listed_in_their_fixed_order(desk_officer):
    desk_officer.groups.add(Group.objects.get(name=Role.SUPERVISOR))
    assert desk_officer.roles == ["desk_officer", "supervisor"]
