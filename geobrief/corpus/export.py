"""Export every table of the store to CSV, JSON Lines or Parquet (one file per table).

Runs through DuckDB's ``COPY``: no row passes through Python. The corroboration tables are
computed (``corroborate``) and exported too when present.
"""
from __future__ import annotations

import os
from typing import Iterable, Optional

FORMATS = {"csv": ("csv", "(FORMAT csv, HEADER true)"),
           "jsonl": ("jsonl", "(FORMAT json)"),
           "json": ("jsonl", "(FORMAT json)"),
           "parquet": ("parquet", "(FORMAT parquet, COMPRESSION zstd)")}


def export(store_path, out_dir, fmt: str = "csv", tables: Optional[Iterable[str]] = None,
           corroboration: bool = True) -> dict:
    """Write each table of the store at ``store_path`` to ``out_dir/<table>.<ext>``.

    ``fmt``: csv, jsonl (``json`` is an alias) or parquet. ``tables``: a subset (default: all data
    tables plus ``event_corroboration`` and ``claim_corroboration``, which are (re)computed first
    when ``corroboration``). Returns {table: (path, rows)}.
    """
    from ..export import file_mode
    from .corroborate import materialise
    from .store import DATA_TABLES, Store, require_store

    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: csv, jsonl or parquet")
    if corroboration and not tables:
        require_store(store_path)  # G502 on a missing store, before materialise would create one
        materialise(store_path)
    ext, opts = FORMATS[fmt]
    os.makedirs(out_dir, exist_ok=True)
    _clear_stale(str(out_dir))
    done = {}
    with Store(str(store_path), read_only=True) as st:
        have = {r[0] for r in st.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        wanted = list(tables) if tables else list(DATA_TABLES) + [
            t for t in ("event_corroboration", "claim_corroboration") if t in have]
        for t in wanted:
            if t not in have:
                raise ValueError(f"no table {t!r} in the store")
            path = os.path.join(str(out_dir), f"{t}.{ext}")
            # written under a hidden temporary name, then renamed: a killed export never leaves a
            # partial file under the final name
            tmp = os.path.join(str(out_dir), f".{t}.{ext}.{os.getpid()}.tmp")
            sql_path = tmp.replace("'", "''")
            select = "*"
            if t == "articles":  # the brief as plain JSON text, not the compressed column
                select = "* EXCLUDE (brief_json_z), brief_json(brief_json_z) AS brief_json"
            try:
                st.con.execute(f"COPY (SELECT {select} FROM {t}) TO '{sql_path}' {opts}")
                os.chmod(tmp, file_mode())
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            n = st.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            done[t] = (path, n)
    return done


def _clear_stale(out_dir: str) -> None:
    """Remove temporary files an export killed earlier left behind (never a finished file)."""
    for name in os.listdir(out_dir):
        if name.startswith(".") and name.endswith(".tmp"):
            parts = name.split(".")
            pid = parts[-2] if len(parts) >= 3 else ""
            if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
                try:
                    os.unlink(os.path.join(out_dir, name))
                except OSError:
                    pass
