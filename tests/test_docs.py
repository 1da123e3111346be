"""Docs stay honest: the CLI reference is generated from --help; every stage and error is documented."""
import os

from geobrief.errors import CATALOGUE
from geobrief.pipeline import DEFAULT_ORDER, load_builtin_stages

from .conftest import ROOT


def test_docs_cli_reference_is_current():
    from geobrief.clidocs import cli_reference
    assert (ROOT / "docs" / "cli.md").read_text() == cli_reference(), \
        "regenerate: python -m geobrief.clidocs > docs/cli.md"


def test_docs_every_stage_has_a_docstring():
    reg = load_builtin_stages()
    for name in DEFAULT_ORDER:
        assert reg[name].doc, name


def test_docs_every_error_has_message_and_hint():
    for code, (msg, hint) in CATALOGUE.items():
        assert code[0] == "G" and len(code) == 4 and msg and hint, code


def test_docs_readme_names_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "./scripts/demo.sh" in readme and "./scripts/test.sh" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci
