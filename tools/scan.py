"""The standing security scan that `python3 tools/dev.py test` runs before pytest (run with
the project's .venv python): bandit against a reviewed baseline, and pip-audit against
requirements.lock. docs/dev/testing.md says why each outcome is what it is.

- bandit: any finding not in tools/bandit-baseline.json fails. Needs no network.
- pip-audit: a known vulnerability in a locked version fails. When the advisory database
  cannot be reached, or answers for only part of the lock, nothing is claimed: the step says
  SKIPPED or INCOMPLETE in a banner and names what was not checked, and fails only where an
  audit is required (GRASSROOTS_REQUIRE_AUDIT=1). It never prints "no known vulnerabilities"
  for packages it could not look up.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BASELINE = ROOT / "tools" / "bandit-baseline.json"


def banner(*lines):
    print("\n" + "!" * 72)
    for line in lines:
        print(f"!! {line}")
    print("!" * 72 + "\n", flush=True)


def bandit():
    command = [str(BIN / "bandit"), "-r", "src", "-q", "-b", str(BASELINE)]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        print("bandit: new findings above. Fix them, or review and regenerate the baseline")
        print("(docs/dev/testing.md, 'Security scan').")
    return result.returncode == 0


def audit_outcome(report, returncode):
    """(passed, lines to show) from pip-audit's JSON report. Split out to be tested."""
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if vulnerable:
        lines = [
            f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}"
            for d in vulnerable
        ]
        return False, ["pip-audit FOUND KNOWN VULNERABILITIES in requirements.lock:", *lines]
    if not dependencies or returncode not in (0, 1):
        return None, ["pip-audit SKIPPED: its vulnerability database could not be reached."]
    if len(skipped) == len(dependencies):
        return None, [
            f"pip-audit SKIPPED: none of the {len(dependencies)} locked packages could be "
            "looked up in its vulnerability database (unreachable, or it does not know",
            f"these versions), so NOTHING was checked. First reason: {skipped[0]['skip_reason']}",
        ]
    if skipped:
        names = ", ".join(sorted(d["name"] for d in skipped))
        return None, [
            f"pip-audit INCOMPLETE: {len(skipped)} of {len(dependencies)} locked packages "
            "could not be looked up in its vulnerability database, so they were NOT checked:",
            names,
        ]
    return True, [f"pip-audit: {len(dependencies)} locked packages, no known vulnerabilities."]


def pip_audit():
    command = [
        str(BIN / "pip-audit"),
        *("-r", "requirements.lock", "--no-deps", "--disable-pip"),
        *("--vulnerability-service", os.environ.get("GRASSROOTS_AUDIT_SERVICE", "pypi")),
        *("--format", "json", "--progress-spinner", "off", "--timeout", "20"),
    ]
    try:
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
        )
        report = json.loads(result.stdout or "{}")
        returncode = result.returncode
    except (subprocess.TimeoutExpired, json.JSONDecodeError, OSError):
        report, returncode = {}, -1
    passed, lines = audit_outcome(report, returncode)
    required = os.environ.get("GRASSROOTS_REQUIRE_AUDIT") == "1"
    if passed is None:
        lines.append(
            "Set GRASSROOTS_REQUIRE_AUDIT=1 where the database must answer; then this fails."
        )
        banner(*lines)
        return not required
    if passed:
        print(lines[0], flush=True)
    else:
        banner(*lines)
    return passed


def main():
    print("==> bandit: security lint against the reviewed baseline", flush=True)
    bandit_ok = bandit()
    print("==> pip-audit: known vulnerabilities in requirements.lock", flush=True)
    audit_ok = pip_audit()
    sys.exit(0 if bandit_ok and audit_ok else 1)


if __name__ == "__main__":
    main()
