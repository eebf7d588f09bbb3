"""Helpers run in a child process against a SQLite file (see test_sqlite_concurrency.py).

``python -m tests.dossiers.sqlite_server prepare N`` migrates the database and makes one
submitted dossier and N desk officers with API tokens, and prints them as JSON.
``... locked DOSSIER USERNAME`` presses "accept" by the API and by the page while another
connection holds SQLite's write lock, and prints the two answers' statuses.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import django


def prepare(officers: int) -> dict[str, object]:
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from onestop.accounts.roles import Role
    from tests.factories import AgencyFactory, DossierFactory, ProcedureFactory, UserFactory

    call_command("migrate", interactive=False, verbosity=0)
    agency = AgencyFactory(code="000.00.11.H99", name="Sở Tư pháp thử nghiệm")
    procedure = ProcedureFactory(name="Đăng ký khai sinh", checklist=["Tờ khai"])
    procedure.agencies.add(agency)
    dossier = DossierFactory(state="submitted", procedure=procedure, receiving_agency=agency)
    desk = [
        UserFactory(username=f"desk{n}", roles=[Role.DESK_OFFICER], agency=agency)
        for n in range(officers)
    ]
    return {
        "dossier": str(dossier.pk),
        "revision": dossier.revision,
        "tokens": [Token.objects.create(user=user).key for user in desk],
        "usernames": [user.username for user in desk],
    }


def accept_while_locked(dossier_id: str, username: str) -> dict[str, object]:
    from django.conf import settings
    from django.test import Client
    from rest_framework.test import APIClient

    from onestop.accounts.models import User

    user = User.objects.get(username=username)
    api, page = APIClient(raise_request_exception=False), Client(raise_request_exception=False)
    api.force_authenticate(user)
    page.force_login(user)  # a session write: done before the lock is taken
    holder = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, stuck past the busy timeout
    try:
        answer = api.post(f"/api/v1/dossiers/{dossier_id}/accept/", {}, format="json")
        pressed = page.post(f"/ho-so/{dossier_id}/thao-tac/accept/", {})
    finally:
        holder.rollback()
        holder.close()
    return {
        "api": answer.status_code,
        "api_code": answer.json().get("code") if answer.status_code < 500 else None,
        "page": pressed.status_code,
        "state": _state(dossier_id),
    }


def _state(dossier_id: str) -> str:
    from dossiers.models import Dossier

    return Dossier.objects.get(pk=dossier_id).state


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
    django.setup()
    if argv[0] == "prepare":
        result = prepare(int(argv[1]))
    else:
        result = accept_while_locked(argv[1], argv[2])
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
