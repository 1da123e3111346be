"""The CLI reference (docs/cli.md), generated from the commands' own --help.

``python -m geobrief.clidocs > docs/cli.md``; a test fails when the file is out of date.
"""
from __future__ import annotations

from click.testing import CliRunner

from .cli import main

WIDTH = 100


def _help(*args: str) -> str:
    res = CliRunner().invoke(main, [*args, "--help"], terminal_width=WIDTH, prog_name="geobrief")
    return res.output.rstrip()


def cli_reference() -> str:
    """Markdown with the --help text of the group and of every command."""
    out = ["# geobrief command reference", "",
           "Generated from `--help` by `python -m geobrief.clidocs`; do not edit by hand.", "",
           "```", _help(), "```", ""]
    for name in sorted(main.commands):
        out += [f"## geobrief {name}", "", "```", _help(name), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(cli_reference(), end="")
