"""CLI: thin commands, documented exit codes, batches that go on past bad input."""
import json

from click.testing import CliRunner

from geobrief import __version__
from geobrief.cli import main

from .conftest import EXAMPLES, FIXTURES


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def test_cli_version():
    r = run("--version")
    assert r.exit_code == 0 and __version__ in r.output


def test_cli_analyze_json_to_stdout():
    r = run("analyze", FIXTURES / "good" / "tiny.txt", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["schema_version"] and d["article"]["id"] == "tiny"


def test_cli_analyze_stdin():
    r = run("analyze", "-", "--format", "md",
            input="Pakistan's foreign minister met his Afghan counterpart in Kabul on Monday, officials said.")
    assert r.exit_code == 0, r.output
    assert "## Bottom line" in r.stdout


def test_cli_analyze_batch_goes_on_past_bad_files(tmp_path):
    out = tmp_path / "briefs"
    r = run("analyze", FIXTURES / "good", FIXTURES / "bad" / "empty.txt", FIXTURES / "bad" / "french.txt",
            "--format", "html", "-o", out)
    assert r.exit_code == 3
    assert sorted(p.name for p in out.iterdir()) == ["tiny-2.html", "tiny-3.html", "tiny.html"]
    assert "[G101]" in r.stderr and "[G104]" in r.stderr and "hint:" in r.stderr
    assert "2 of 5 input(s) failed" in r.stderr and "wrote 3 file(s)" in r.stderr
    assert not list(out.glob(".*.tmp"))  # nothing half-written


def test_cli_analyze_one_file_to_file(tmp_path):
    target = tmp_path / "brief.md"
    r = run("analyze", EXAMPLES / "denial_taliban_statement.txt", "--format", "md", "-o", target)
    assert r.exit_code == 0
    assert target.read_text().startswith("# Brief:")


def test_cli_analyze_disable_stage():
    r = run("analyze", FIXTURES / "good" / "tiny.md", "--format", "json", "--disable", "framing")
    assert r.exit_code == 0
    assert "framing" not in json.loads(r.stdout)["stages"]


def test_cli_analyze_bad_stage_exit_5():
    r = run("analyze", FIXTURES / "good" / "tiny.md", "--disable", "nosuch")
    assert r.exit_code == 5 and "[G301]" in r.stderr


def test_cli_eval_missing_gold_exit_6(tmp_path):
    r = run("eval", "hedge", "--gold", tmp_path / "none.jsonl")
    assert r.exit_code == 6 and "[G401]" in r.stderr


def test_cli_eval_malformed_gold_exit_6(tmp_path):
    g = tmp_path / "g.jsonl"
    g.write_text('{"id": 1, "text": "x", "label": "certain"}\n{oops\n')
    r = run("eval", "hedge", "--gold", g)
    assert r.exit_code == 6 and "[G402]" in r.stderr and ":2:" in r.stderr


def test_cli_stages_lists_declarations():
    r = run("stages")
    assert r.exit_code == 0 and "events" in r.output and "requires=actors" in r.output


def test_cli_analyze_several_formats_to_dir(tmp_path):
    r = run("analyze", FIXTURES / "good" / "tiny.txt", "--format", "html,md,json", "-o", tmp_path)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.html", "tiny.json", "tiny.md"]


def test_cli_analyze_bad_format_is_usage_error():
    r = run("analyze", FIXTURES / "good" / "tiny.txt", "--format", "pdf")
    assert r.exit_code == 2 and "pdf" in r.output
