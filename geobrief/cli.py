"""The ``geobrief`` command: thin wrappers over functions callable from Python.

Exit codes: 0 ok · 1 internal error · 2 usage error · 3 bad input (a batch still processes
every good item and reports the bad ones at the end) · 4 knowledge file error ·
5 pipeline configuration error · 6 eval/gold file error · 7 store error.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Optional

import click

from . import __version__
from .errors import GeobriefError

DEV_SETS = {
    "events": "events_petr2_cameo.jsonl", "actors": "events_petr2_cameo.jsonl", "places": "places_lgl_geovirus.jsonl",
    "propaganda": "propaganda_ptc_tune.jsonl", "portrayal": "portrayal_semeval25_tune.jsonl",
    "genre": "genre_frames_tune.jsonl", "hedge": "hedge_conll2010_balanced.jsonl",
    "subjectivity": "subjectivity_checkthat.jsonl", "checkworthy": "checkworthy_claimbuster.jsonl",
    "factuality": "factuality_uw_meantime.jsonl", "attribution": "attribution_polnear_dev.jsonl",
    "coverage": str(Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "cameo_coverage.jsonl"),
    "framing-news": "attribution_polnear_dev.jsonl",
}
DEFAULT_DEV_DIR = Path("../shared/eval/dev")


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` via a temporary file + rename: never a half-written file, and the
    mode a plain ``open(path, "w")`` would give (0666 less the umask), not the temporary's 0600."""
    from .export import write_atomic as _write

    _write(path, data)


def report_errors(errors: list[GeobriefError], total: int) -> None:
    """Print the batch's failures to stderr, one coded line + hint each."""
    if not errors:
        return
    click.echo(f"\n{len(errors)} of {total} input(s) failed:", err=True)
    for e in errors:
        click.echo(str(e), err=True)


def fail(exc: GeobriefError) -> None:
    click.echo(str(exc), err=True)
    sys.exit(exc.exit_code)


def _pipeline(disable: Iterable[str], jobs: int = 1, ray_address: Optional[str] = None):
    from .pipeline import Pipeline
    pipe = Pipeline(disable=disable)  # checks the stage list (G301/G302) before any worker starts
    if jobs == 1 and ray_address is None:
        return pipe
    from .scale import make_runner
    return make_runner(jobs=jobs or os.cpu_count() or 1, ray=ray_address, disable=disable)


def _ray_address(ctx, param, value):
    from .scale import is_ray_address
    if value is not None and not is_ray_address(value):
        raise click.BadParameter(f"{value!r} is not a Ray address (auto, HOST:PORT or ray://HOST:PORT); "
                                 "a path right after --ray is read as the address: put --ray after the paths "
                                 "or write --ray=ADDRESS")
    return value


parallel_options = [
    click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
                 help="Worker processes (0: one per core); output keeps the input order. See docs/scale.md."),
    click.option("--ray", "ray_address", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]",
                 callback=_ray_address, help="Analyse on a Ray cluster: 'auto' or HOST:PORT joins a running one; "
                 "no address starts a local one with -j CPUs (needs `pip install 'geobrief[ray]'`)."),
]


def with_parallel_options(fn):
    for opt in reversed(parallel_options):
        fn = opt(fn)
    return fn


def _read(paths, max_bytes, no_language_check, stdin_format, skipped=None):
    from .ingest import read_paths
    return read_paths(paths or ["-"], max_bytes=max_bytes, language_check=not no_language_check,
                      stdin_format="markdown" if stdin_format == "md" else stdin_format, skipped=skipped)


def report_skipped(skipped: list[dict]) -> None:
    """Name every file a directory held that was not read, with the reason (stderr)."""
    if skipped:
        click.echo(f"skipped {len(skipped)} file(s):", err=True)
        for s in skipped:
            click.echo(f"  {s['source']}: {s['reason']}", err=True)


class IsoDate(click.ParamType):
    """An ISO date (YYYY-MM-DD) option: anything else is a usage error (exit 2) naming the format."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        import datetime as _dt

        if value is None or isinstance(value, _dt.date):
            return value
        try:
            return _dt.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            self.fail(f"{value!r} is not a date: use the ISO format YYYY-MM-DD (e.g. 2026-11-12)", param, ctx)


ISO_DATE = IsoDate()

input_options = [
    click.option("--max-bytes", type=int, default=2_000_000, show_default=True, help="Size limit per article."),
    click.option("--no-language-check", is_flag=True, help="Do not refuse texts that do not look English."),
    click.option("--stdin-format", type=click.Choice(["text", "markdown", "md", "html", "jsonl"]), default="text",
                 show_default=True, help="Format of standard input (PATH '-'); md is markdown."),
]


def with_input_options(fn):
    for opt in reversed(input_options):
        fn = opt(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geobrief")
def main() -> None:
    """geobrief: geopolitical news and commentary in, a checkable brief out."""


def _formats(value: str) -> list[str]:
    from .render import ALIASES, FORMATS

    fmts = [ALIASES.get(f.strip().lower(), f.strip().lower()) for f in value.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise click.BadParameter(f"{', '.join(bad) or value!r}: choose from {', '.join(FORMATS)} "
                                 "(several, comma-separated, with -o DIR)")
    return fmts


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", default="text", show_default=True,
              help="text | json | md (or markdown) | html; several comma-separated (e.g. html,md,json) with -o DIR.")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Output file (one article) or directory (one file per article and format). Default: stdout.")
@click.option("--disable", multiple=True, help="Switch a stage off (repeatable): actors, places, events, claims, framing.")
@with_parallel_options
@with_input_options
def analyze(paths, fmt, out, disable, jobs, ray_address, max_bytes, no_language_check, stdin_format):
    """Analyse articles (files, directories, '-' for stdin) and write their briefs."""
    from .render import SUFFIX, renderer

    fmts = _formats(fmt)
    if len(fmts) > 1 and out is None:
        raise click.UsageError("several formats need an output directory: -o DIR")
    try:
        pipe = _pipeline(disable, jobs, ray_address)
    except GeobriefError as exc:
        fail(exc)
    skipped: list[dict] = []
    errors: list = []  # inputs that could not be read (reported first), then articles that failed
    failures: list = []
    n_items = 0

    def readable():
        nonlocal n_items
        for i in _read(paths, max_bytes, no_language_check, stdin_format, skipped):
            n_items += 1
            if isinstance(i, GeobriefError):
                errors.append(i)
            else:
                yield i

    # inputs are read as they are analysed (memory stays bounded however many there are); the
    # first two are read ahead, to know whether one article or several come (-o a file or a
    # directory, one JSON document or JSON Lines)
    stream = readable()
    ahead = [a for _, a in zip(range(2), stream)]
    several = len(ahead) > 1
    to_dir = out is not None and (out.is_dir() or str(out).endswith(os.sep) or several or len(fmts) > 1)
    written = []
    for art, result in pipe.run_many(itertools.chain(ahead, stream)):
        if isinstance(result, GeobriefError):
            failures.append(result)
            continue
        for f in fmts:
            if f == "json" and out is None and several:
                text = renderer(f)(result, indent=None) + "\n"  # JSON Lines on stdout for a batch
            else:
                text = renderer(f)(result)
            if out is None:
                click.echo(text, nl=not text.endswith("\n"))
            else:
                target = out / f"{result.article.id}{SUFFIX[f]}" if to_dir else out
                write_atomic(target, text)
                written.append(target)
    if written:
        click.echo(f"wrote {len(written)} file(s) to {out}", err=True)
    errors += failures
    report_skipped(skipped)
    report_errors(errors, n_items)
    if errors:
        sys.exit(3)


@main.command("actors")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@with_input_options
def actors_cmd(paths, fmt, max_bytes, no_language_check, stdin_format):
    """List the actors of each article with their codes and mentions."""
    from .stages.actors import list_actors

    pipe = _pipeline(["places", "events", "claims", "framing"])
    errors, skipped = [], []
    for art, result in pipe.run_many(_read(paths, max_bytes, no_language_check, stdin_format, skipped)):
        if isinstance(result, GeobriefError):
            errors.append(result)
            continue
        rows = list_actors(result)
        if fmt == "json":
            click.echo(json.dumps({"article": result.article.id, "actors": rows}, ensure_ascii=False))
        else:
            click.echo(f"# {result.article.id}")
            for r in rows:
                mentions = "; ".join(f"{m['text']}@{m['start']}" for m in r.get("mentions", []))
                click.echo(f"{r['id']}\t{r.get('code') or '-'}\t{r['kind']}\t{r['name']}\t{r.get('role') or ''}\t{mentions}")
    report_skipped(skipped)
    report_errors(errors, len(errors))
    if errors:
        sys.exit(3)


@main.command("events")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "plover"]), default="csv",
              show_default=True)
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None, help="Output file (default stdout; parquet needs -o).")
@click.option("--all-modes", is_flag=True, help="Also export negated, hypothetical, future, historical and attributed events.")
@with_input_options
def events_cmd(paths, fmt, out, all_modes, max_bytes, no_language_check, stdin_format):
    """Export events as GDELT-like rows (asserted events only, unless --all-modes)."""
    from . import export

    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet writes a binary file: give it with -o FILE.parquet")
    pipe = _pipeline(["framing"])
    errors, briefs, skipped = [], [], []
    for art, result in pipe.run_many(_read(paths, max_bytes, no_language_check, stdin_format, skipped)):
        (errors if isinstance(result, GeobriefError) else briefs).append(result)
    try:
        export.write_events(briefs, fmt, out, all_modes=all_modes)
    except GeobriefError as exc:
        fail(exc)
    report_skipped(skipped)
    report_errors(errors, len(errors) + len(briefs))
    if errors:
        sys.exit(3)


DEFAULT_STORE = "geobrief.duckdb"
store_option = click.option("--store", type=click.Path(path_type=Path), default=Path(DEFAULT_STORE),
                            show_default=True, help="The corpus store (a DuckDB file).")


def _text_out(text: str, out: Optional[Path]) -> None:
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        write_atomic(out, text)
        click.echo(f"wrote {out}", err=True)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--disable", multiple=True, help="Switch a stage off (repeatable).")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@with_parallel_options
@click.option("--wait", type=click.FloatRange(min=0), default=0, show_default=True,
              help="Seconds to wait for another ingest writing to the same store (else G503 at once).")
def ingest_cmd(paths, store, disable, no_progress, jobs, ray_address, wait):
    """Analyse new articles and add them to the corpus store (incremental, idempotent, crash-safe).

    Prints a JSON summary: inputs = stored + skipped + failed, with every skipped file and its reason.
    """
    from . import corpus

    try:
        report = corpus.ingest(paths, store, pipeline=_pipeline(disable, jobs, ray_address) if disable or jobs != 1 or ray_address else None,
                               progress=not no_progress, wait=wait)
    except GeobriefError as exc:
        fail(exc)
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    sys.exit(report.exit_code)


@main.command("network")
@store_option
@click.option("--actor", default=None, help="Only dyads involving this actor (code, id or name).")
@click.option("--since", type=ISO_DATE, default=None, help="ISO date (YYYY-MM-DD), inclusive.")
@click.option("--until", type=ISO_DATE, default=None, help="ISO date (YYYY-MM-DD), inclusive.")
@click.option("--bucket", type=click.Choice(["day", "week", "month", "quarter", "year"]), default="month",
              show_default=True)
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "json"]), default="csv",
              show_default=True)
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None)
def network_cmd(store, actor, since, until, bucket, fmt, out):
    """The actor network over time: dyads with event counts by type and Goldstein sum/mean."""
    from . import corpus

    try:
        _text_out(corpus.network(store, actor=actor, since=since, until=until, bucket=bucket, fmt=fmt), out)
    except GeobriefError as exc:
        fail(exc)


@main.command("profiles")
@store_option
@click.option("--by", type=click.Choice(["outlet", "author"]), default="outlet", show_default=True)
@click.option("--name", default=None, help="Just this outlet or author.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
def profiles_cmd(store, by, name, fmt):
    """Source profiles: unsourced-claim share, hedging, loaded language, portrayal of each actor."""
    from . import corpus

    try:
        _text_out(corpus.profiles(store, by=by, name=name, fmt=fmt), None)
    except GeobriefError as exc:
        fail(exc)


@main.command("ask")
@click.argument("question")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "markdown", "json"]), default="text", show_default=True,
              help="md and markdown are the same format.")
@click.option("--limit", type=int, default=12, show_default=True, help="Lines per section.")
def ask_cmd(question, store, fmt, limit):
    """Answer a question from the corpus's own words, graded by evidence."""
    from . import corpus

    try:
        _text_out(corpus.render_answer(corpus.ask(question, store, limit=limit), fmt), None)
    except GeobriefError as exc:
        fail(exc)


@main.command("export")
@store_option
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Output directory.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
def export_cmd(store, out_dir, fmt):
    """Export every table of the store to CSV, JSON Lines or Parquet."""
    from . import corpus

    try:
        written = corpus.export(store, out_dir, fmt=fmt)
    except GeobriefError as exc:
        fail(exc)
    click.echo(json.dumps(written, ensure_ascii=False, default=str))


@main.command("eval")
@click.argument("task", type=click.Choice(sorted(DEV_SETS) + ["mentions", "all"]))
@click.option("--gold", type=click.Path(path_type=Path), default=None,
              help="Gold JSON Lines file (default: ../shared/eval/dev/<the task's file>).")
@click.option("--json-out", type=click.Path(path_type=Path), default=None, help="Also write the result JSON here.")
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option("--split", type=click.Choice(["all", "tune", "check"]), default="all", show_default=True,
              help="Score one stable half of the records (by article, story or debate): tune rules on "
                   "'tune', report both.")
def eval_cmd(task, gold, json_out, limit, split):
    """Score a capability against a gold file; prints {"task", "metrics", "n"}."""
    from . import eval as ev

    tasks = sorted(DEV_SETS) + ["mentions"] if task == "all" else [task]
    results = []
    for t in tasks:
        if gold and task != "all":
            g = gold
        elif t == "mentions":
            g = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "actors_gold" / "articles.jsonl"
        else:
            g = DEFAULT_DEV_DIR / DEV_SETS[t]
        try:
            res = ev.run(t, str(g), limit, split)
        except GeobriefError as exc:
            fail(exc)
        results.append(res)
        click.echo(json.dumps(res, ensure_ascii=False))
    if json_out:
        write_atomic(json_out, json.dumps(results[0] if len(results) == 1 else results, indent=2) + "\n")


@main.command("stages")
def stages_cmd():
    """List the pipeline's stages with what each reads and adds."""
    from .pipeline import DEFAULT_ORDER, load_builtin_stages

    reg = load_builtin_stages()
    for name in DEFAULT_ORDER:
        s = reg[name]
        click.echo(f"{name:9} requires={','.join(s.requires) or '-':10} reads={','.join(s.reads) or '-':40} "
                   f"assigns={','.join(s.assigns)}  — {s.doc}")


@main.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Any non-loopback address requires a token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--token", default=None, envvar="GEOBRIEF_TOKEN",
              help="Access token (bearer header or /login); generated and printed once when --host is not loopback.")
def serve_cmd(store, host, port, token):
    """The web workbench and JSON API (/api/v1/) over the store, read from snapshots while ingest writes."""
    from .corpus.store import require_store
    from .web import run

    try:
        require_store(store)
    except GeobriefError as exc:
        fail(exc)
    run(str(store), host=host, port=port, token=token, echo=lambda s: click.echo(s, err=True))
if __name__ == "__main__":  # pragma: no cover
    main()
