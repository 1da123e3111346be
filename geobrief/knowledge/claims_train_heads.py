"""Train the two small heads shipped with the claims stage.

* ``claims_subjectivity_head.json``: SUBJ/OBJ, rule feature ``claims.subjectivity_score`` clipped to
  [-1, 4];
* ``claims_checkworthy_head.json``: CFS/NCS, rule feature the log-odds of ``claims.checkworthiness_rules``.

Training sentences: ``training/claims_sentences.tsv`` (about two thousand sentences written by the
geobrief team across wire reports, debates, speeches, interviews, official statements and op-eds, each
labelled for both tasks) plus the older hand-written examples in ``lexicons/claims_subjectivity_examples.tsv``
and ``lexicons/claims_checkworthy_examples.tsv``. Only sentences written by the project (MIT) are read;
no evaluation data. Features: the MiniLM sentence embedding (384) plus the rule feature times
``RULE_SCALE``. Model: L2-regularised logistic regression by full-batch gradient descent (numpy only),
deterministic.

Run: ``.venv/bin/python -m geobrief.knowledge.claims_train_heads``
"""
from __future__ import annotations

import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULE_SCALE = 0.3
L2 = 1.0


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def rule_feature(task: str, doc) -> float:
    from ..stages import claims

    if task == "subjectivity":
        return max(-1.0, min(4.0, claims.subjectivity_score(doc)[0]))
    return logit(claims.checkworthiness_rules(doc))


def features(embeddings, rules, scale: float = RULE_SCALE):
    import numpy as np

    r = scale * np.asarray(rules, dtype=np.float64)
    return np.hstack([np.asarray(embeddings, dtype=np.float64), r[:, None]])


def train(X, y, l2: float = L2, iters: int = 3000, lr: float = 0.5):
    """Logistic regression with the two classes weighted equally (the heads' decision points are
    even odds, as for a balanced set, whatever the share of positives in the training sentences)."""
    import numpy as np

    pos = max(float(y.sum()), 1.0)
    neg = max(float(len(y) - y.sum()), 1.0)
    sw = np.where(y > 0.5, len(y) / (2 * pos), len(y) / (2 * neg))
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        g = (p - y) * sw
        w -= lr * (X.T @ g / len(y) + l2 * w / len(y))
        b -= lr * g.mean()
    return w, b


TRAINING = HERE / "training" / "claims_sentences.tsv"
# task: (column of the training file, positive label, older example lexicon)
TASKS = {"subjectivity": (2, "SUBJ", "claims_subjectivity_examples"),
         "checkworthy": (3, "CFS", "claims_checkworthy_examples")}
LABELS = {2: ("SUBJ", "OBJ"), 3: ("CFS", "NCS")}
GENRES = ("wire", "debate", "speech", "interview", "statement", "oped")


def load_training(path: Path = TRAINING) -> list[tuple[str, str, str, str]]:
    """Rows ``(sentence, genre, subjectivity, checkworthy)`` of the training file; a malformed row,
    an unknown label or a repeated sentence is a coded error naming the line."""
    from ..errors import error

    rows, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        bad = len(cols) != 4 or cols[1] not in GENRES or any(cols[c] not in LABELS[c] for c in LABELS if len(cols) == 4)
        if bad or cols[0] in seen:
            raise error("G201", path=path.name, line=n, detail="repeated sentence" if not bad else
                        "want: sentence, genre (" + "|".join(GENRES) + "), SUBJ|OBJ, CFS|NCS")
        seen.add(cols[0])
        rows.append(tuple(cols))
    return rows


def examples(task: str) -> list[tuple[str, bool]]:
    """``(sentence, is_positive)`` for ``task``: the training file, then the older examples."""
    from .lexicons import load_lexicon

    col, positive, lexname = TASKS[task]
    out = [(r[0], r[col] == positive) for r in load_training()]
    seen = {t for t, _ in out}
    out += [(t, lab == positive) for t, lab in load_lexicon(lexname).items() if t not in seen]
    return out


def main() -> None:
    import numpy as np

    from .. import nlp as nlp_mod
    from ..stages import claims, claims_embed

    nlp = nlp_mod.load(claims.COMPONENTS)
    for task, (_col, positive, lexname) in TASKS.items():
        ex = examples(task)
        texts = [t for t, _ in ex]
        y = np.array([1.0 if lab else 0.0 for _, lab in ex])
        rules = [rule_feature(task, d) for d in nlp.pipe(texts)]
        w, b = train(features(claims_embed.embed(texts), rules), y)
        path = HERE / f"claims_{task}_head.json"
        path.write_text(json.dumps({
            "source": f"trained by geobrief/knowledge/claims_train_heads.py on training/claims_sentences.tsv "
                      f"and lexicons/{lexname}.tsv (project-written sentences) over all-MiniLM-L6-v2 "
                      "(Apache-2.0) embeddings",
            "licence": "MIT", "task": task, "positive": positive,
            "examples": len(texts), "positives": int(y.sum()), "rule_scale": RULE_SCALE, "l2": L2,
            "bias": round(float(b), 6), "weights": [round(float(x), 6) for x in w],
        }) + "\n", encoding="utf-8")
        print(f"wrote {path} from {len(texts)} examples ({int(y.sum())} {positive})")


if __name__ == "__main__":
    main()
