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


def _options(parser):
    """Every long option of a command's parser, its subcommands' included."""
    import argparse

    found = set()
    for action in parser._actions:
        found.update(o for o in action.option_strings if o.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
    return found


def test_every_command_of_ours_and_its_options_are_in_the_cli_docs():
    from django.core.management import get_commands, load_command_class

    # Options every Django command has (--settings, --verbosity, --skip-checks...).
    base = _options(load_command_class("django.core", "check").create_parser("grassroots", "x"))
    base.add("--skip-checks")
    documented = (ROOT / "docs" / "cli.md").read_text()
    ours = {n: app for n, app in get_commands().items() if app.startswith("grassroots.")}
    assert {"run", "createadmin", "comments", "photos", "demo"} <= set(ours)
    missing = []
    for name, app in sorted(ours.items()):
        row = next((line for line in documented.splitlines() if f"`grassroots {name}" in line), "")
        if not row:
            missing.append(name)
            continue
        parser = load_command_class(app, name).create_parser("grassroots", name)
        missing += [f"{name} {opt}" for opt in sorted(_options(parser) - base) if opt not in row]
    assert not missing, f"not in docs/cli.md: {missing}"
