"""Give the schemathesis run real objects to reach, through the API itself.

Usage: python fuzz_fixture.py BASE_URL OFFICER_TOKEN CITIZEN_TOKEN OUT_DIR

As the citizen: one draft, and one dossier with its PDFs submitted to the officer's agency.
Writes OUT_DIR/officer.toml and OUT_DIR/citizen.toml: schemathesis configurations whose
path parameters name those objects, so that operations answer more than 404.
Runs in .venv-fuzz (it needs only requests), never in the project's environment.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import requests


def minimal_pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


class Api:
    def __init__(self, base: str, token: str) -> None:
        self.base = f"{base}/api/v1"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {token}"

    def call(self, method: str, path: str, expect: int, **kwargs: Any) -> Any:
        response = self.session.request(method, f"{self.base}{path}", timeout=30, **kwargs)
        if response.status_code != expect:
            sys.exit(f"fixture: {method} {path} answered {response.status_code}: {response.text}")
        return response.json()


def main(base: str, officer_token: str, citizen_token: str, out: Path) -> None:
    officer, citizen = Api(base, officer_token), Api(base, citizen_token)
    agency = officer.call("GET", "/auth/me/", 200)["agency"]
    offered = {"agency": agency, "online_mode": "full"}
    procedure = citizen.call("GET", "/procedures/", 200, params=offered)["results"][0]
    new = {"procedure": procedure["code"], "receiving_agency": agency}
    draft = citizen.call("POST", "/dossiers/", 201, json=new)
    filed = citizen.call("POST", "/dossiers/", 201, json=new)
    upload = {"file": ("giay-to.pdf", minimal_pdf(), "application/pdf")}
    mandatory = [row["item"] for row in filed["checklist"] if row["is_mandatory"]] or [1]
    for item in mandatory:
        document = citizen.call(
            "POST", f"/dossiers/{filed['id']}/documents/", 201, files=upload, data={"item": item}
        )
    filed = citizen.call("POST", f"/dossiers/{filed['id']}/submit/", 200, json={})

    # The citizen's runs aim at the draft (edits, uploads), the officer's at the filed one.
    for who, dossier in (("citizen", draft), ("officer", filed)):
        by_path = {
            "^/api/v1/dossiers/": {"id": dossier["id"], "doc_id": document["id"]},
            "^/api/v1/tracking/": {"code": filed["code"]},
            "^/api/v1/procedures/": {"code": procedure["code"]},
            "^/api/v1/fields/": {"code": procedure["field"]["code"]},
            "^/api/v1/agencies/": {"code": agency},
        }
        write(out / f"{who}.toml", by_path)


# How often a path parameter names a real object; otherwise schemathesis makes one up, so
# malformed and unknown identifiers are tried as well.
REAL_OBJECT_PROBABILITY = 0.8


def write(path: Path, by_path: dict[str, dict[str, str]]) -> None:
    """Bind path parameters to objects that exist, for each family of operations (regex)."""
    dictionaries, operations = [], []
    for family, (regex, parameters) in enumerate(by_path.items()):
        bindings = []
        for name, value in parameters.items():
            dictionary = f"{name}_{family}"
            dictionaries.append(f"[dictionaries.{dictionary}]\nvalues = [{json.dumps(value)}]\n")
            bindings.append(
                f'"path.{name}" = {{ dictionary = "{dictionary}", '
                f"probability = {REAL_OBJECT_PROBABILITY} }}"
            )
        operations.append(
            f"[[operations]]\ninclude-path-regex = {json.dumps(regex)}\n"
            f"parameters = {{ {', '.join(bindings)} }}\n"
        )
    path.write_text("\n".join(dictionaries + operations), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]))
