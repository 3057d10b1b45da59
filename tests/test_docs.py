"""The docs are read before the code: every setting must be documented."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_setting_is_documented():
    source = "".join(p.read_text() for p in (ROOT / "src").rglob("*.py"))
    names = set(re.findall(r'"((?:GRASSROOTS_[A-Z_]+)|DATABASE_URL|REDIS_URL)"', source))
    documented = (ROOT / "docs" / "settings.md").read_text()
    assert names, "no settings found: the pattern is broken"
    missing = sorted(name for name in names if f"`{name}`" not in documented)
    assert not missing, f"undocumented settings: {missing}"


def test_readme_opens_with_exactly_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```")[1].splitlines()[1:]
    commands = [line.split("#")[0].strip() for line in block if line.strip()]
    assert commands == ["python3 tools/dev.py serve", "python3 tools/dev.py test"]
