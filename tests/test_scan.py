"""The standing scan's pip-audit step never passes without having checked (issue 12,
item 12): a database that cannot be reached, or answers for only part of the lock, is
SKIPPED or INCOMPLETE, never "no known vulnerabilities"."""

import importlib.util
from pathlib import Path

SCAN = Path(__file__).resolve().parents[1] / "tools" / "scan.py"
spec = importlib.util.spec_from_file_location("scan", SCAN)
scan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scan)


def dep(name, vulns=(), skip=None):
    entry = {"name": name, "version": "1.0", "vulns": [{"id": v} for v in vulns]}
    return entry | ({"skip_reason": skip} if skip else {})


def test_a_known_vulnerability_fails():
    passed, lines = scan.audit_outcome({"dependencies": [dep("django", ["PYSEC-1"])]}, 1)
    assert passed is False and "PYSEC-1" in lines[1]


def test_an_unreachable_database_is_skipped_not_passed():
    for report, code in (({}, -1), ({"dependencies": []}, 0), ({}, 2)):
        passed, lines = scan.audit_outcome(report, code)
        assert passed is None and "SKIPPED" in lines[0]
    everything_skipped = {"dependencies": [dep("a", skip="not found"), dep("b", skip="x")]}
    passed, lines = scan.audit_outcome(everything_skipped, 0)
    assert passed is None and "SKIPPED" in lines[0] and "NOTHING was checked" in lines[1]


def test_a_partial_answer_is_incomplete_and_names_what_was_not_checked():
    report = {"dependencies": [dep("django"), dep("nh3", skip="Dependency not found")]}
    passed, lines = scan.audit_outcome(report, 0)
    assert passed is None and "INCOMPLETE" in lines[0] and lines[1] == "nh3"


def test_a_full_answer_without_findings_passes():
    passed, lines = scan.audit_outcome({"dependencies": [dep("django"), dep("nh3")]}, 0)
    assert passed is True and "no known vulnerabilities" in lines[0]
