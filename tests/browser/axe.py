"""The one axe-core runner of the browser tests: axe.min.js from node_modules
(package-lock.json, installed by `python3 tools/dev.py setup`), injected by Playwright into
a page whose context was made with bypass_csp=True (the pages themselves keep their CSP)."""

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A/AA and best practice.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_or_skip():
    """Skip loudly where axe-core is not installed; fail instead in CI."""
    if AXE.exists():
        return
    message = f"AXE-CORE MISSING at {AXE}: run python3 tools/dev.py setup"
    if os.environ.get("GRASSROOTS_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def axe_violations(page):
    """axe-core's violations on the page as shown now, one line each."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]
