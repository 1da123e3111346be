"""`geobrief analyze` reads its inputs as it analyses them, not all before it starts."""
import json

from click.testing import CliRunner

import geobrief.cli as cli
from geobrief.errors import error
from geobrief.model import Article, Brief


def _setup(monkeypatch, n, bad_at=()):
    state = {"read": 0, "read_at_first_result": None}

    def fake_read(paths, max_bytes, no_language_check, stdin_format, skipped=None):
        for i in range(n):
            state["read"] += 1
            if i in bad_at:
                yield error("G102", source=f"in{i}.txt")
            else:
                yield Article(id=f"a{i:03d}", text=f"Text number {i}.")

    class FakePipe:
        def run_many(self, articles):
            for a in articles:
                if state["read_at_first_result"] is None:
                    state["read_at_first_result"] = state["read"]
                yield a, Brief(article=a)

    monkeypatch.setattr(cli, "_read", fake_read)
    monkeypatch.setattr(cli, "_pipeline", lambda disable, jobs=1, ray_address=None: FakePipe())
    return state


def test_analyze_starts_before_it_has_read_every_input(monkeypatch):
    state = _setup(monkeypatch, 40)
    res = CliRunner().invoke(cli.main, ["analyze", "many/", "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0
    lines = [json.loads(x) for x in res.output.splitlines() if x.strip()]
    assert [x["article"]["id"] for x in lines] == [f"a{i:03d}" for i in range(40)]  # JSON Lines, in order
    assert state["read_at_first_result"] <= 3


def test_analyze_streaming_keeps_one_json_document_for_one_article(monkeypatch):
    _setup(monkeypatch, 1)
    res = CliRunner().invoke(cli.main, ["analyze", "one.txt", "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0 and json.loads(res.output)["article"]["id"] == "a000"


def test_analyze_streaming_reports_unreadable_inputs_and_goes_on(monkeypatch, tmp_path):
    _setup(monkeypatch, 6, bad_at={0, 4})
    res = CliRunner().invoke(cli.main, ["analyze", "many/", "--format", "json", "-o", str(tmp_path)],
                             catch_exceptions=False)
    assert res.exit_code == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"a{i:03d}.json" for i in (1, 2, 3, 5)]
    assert "G102" in res.output
