"""The CLI reference (docs/cli.md), generated from the commands' own --help.

``python -m geobrief.clidocs > docs/cli.md``; a test fails when the file is out of date.
"""
from __future__ import annotations

import click

from .cli import main


def cli_reference() -> str:
    """Markdown with the --help text of the group and of every command."""
    out = ["# geobrief command reference", "",
           "Generated from `--help` by `python -m geobrief.clidocs`; do not edit by hand.", ""]
    ctx = click.Context(main, info_name="geobrief")
    out += ["```", main.get_help(ctx), "```", ""]
    for name in sorted(main.commands):
        cmd = main.commands[name]
        sub = click.Context(cmd, info_name=name, parent=ctx)
        out += [f"## geobrief {name}", "", "```", cmd.get_help(sub), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(cli_reference(), end="")
