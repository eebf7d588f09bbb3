"""Reads pip-audit's JSON report and says what it means, without ever passing silently.

Usage: python audit_report.py PINS_FILE REPORT_JSON STDERR_FILE

Exit 1 for a known vulnerability. Pins the audit could not check (no answer from the
package index, or no data for that version) are listed in a banner; they fail the run only
with ONESTOP_REQUIRE_AUDIT=1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

BANNER = "!" * 78


def main(pins_file: str, report_file: str, errors_file: str) -> int:
    pins = Path(pins_file).read_text().split()
    report_path = Path(report_file)
    try:
        report = json.loads(report_path.read_text()) if report_path.exists() else None
    except json.JSONDecodeError:
        report = None
    if report is None:
        errors = Path(errors_file).read_text().strip().splitlines()
        reason = errors[-1] if errors else "pip-audit wrote no report"
        return not_audited(pins, {pin.split("==")[0]: reason for pin in pins})

    vulnerable = [dep for dep in report["dependencies"] if dep.get("vulns")]
    skipped = {
        dep["name"]: dep["skip_reason"] for dep in report["dependencies"] if "skip_reason" in dep
    }
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(
                f"pip-audit: VULNERABLE {dep['name']}=={dep['version']}: {vuln['id']} "
                f"(fixed in {fixed})"
            )
    status = 1 if vulnerable else 0
    if skipped:
        status = max(status, not_audited(pins, skipped))
    if not vulnerable and not skipped:
        print(f"pip-audit: all {len(pins)} pinned packages audited, no known vulnerability")
    elif not vulnerable and len(skipped) < len(pins):
        audited = len(pins) - len(skipped)
        print(f"pip-audit: no known vulnerability in the {audited} pinned packages audited")
    return status


def not_audited(pins: list[str], skipped: dict[str, str]) -> int:
    strict = os.environ.get("ONESTOP_REQUIRE_AUDIT", "") not in ("", "0")
    print(BANNER)
    print(f"pip-audit: NOT AUDITED: {len(skipped)} of {len(pins)} pinned packages could not be")
    print("checked: the package index could not be reached or gave no vulnerability data.")
    reasons: dict[str, list[str]] = {}
    for name, reason in sorted(skipped.items()):
        reasons.setdefault(reason.split(":")[0], []).append(name)
    for reason, names in reasons.items():
        print(f"  {reason}: {', '.join(names)}")
    print("Run .ci/pip-audit where the index's JSON API (/pypi/NAME/VERSION/json) answers.")
    print("This run FAILS for it." if strict else "Set ONESTOP_REQUIRE_AUDIT=1 to fail on it.")
    print(BANNER)
    return 1 if strict else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
