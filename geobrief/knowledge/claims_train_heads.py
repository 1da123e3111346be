"""Train the two small heads shipped with the claims stage.

* ``claims_subjectivity_head.json`` from ``lexicons/claims_subjectivity_examples.tsv`` (SUBJ/OBJ);
  rule feature: ``claims.subjectivity_score`` clipped to [-1, 4];
* ``claims_checkworthy_head.json`` from ``lexicons/claims_checkworthy_examples.tsv`` (CFS/NCS);
  rule feature: the log-odds of ``claims.checkworthiness_rules``.

Only sentences written by the project (MIT) are read; no evaluation data. Features: the MiniLM
sentence embedding (384) plus the rule feature times ``RULE_SCALE``. Model: L2-regularised
logistic regression by full-batch gradient descent (numpy only), deterministic.

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
    import numpy as np

    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        g = p - y
        w -= lr * (X.T @ g / len(y) + l2 * w / len(y))
        b -= lr * g.mean()
    return w, b


TASKS = {"subjectivity": ("claims_subjectivity_examples", "SUBJ"),
         "checkworthy": ("claims_checkworthy_examples", "CFS")}


def main() -> None:
    import numpy as np

    from .. import nlp as nlp_mod
    from ..stages import claims, claims_embed
    from .lexicons import load_lexicon

    nlp = nlp_mod.load(claims.COMPONENTS)
    for task, (lexname, positive) in TASKS.items():
        ex = load_lexicon(lexname)
        texts = list(ex)
        y = np.array([1.0 if ex[t] == positive else 0.0 for t in texts])
        rules = [rule_feature(task, d) for d in nlp.pipe(texts)]
        w, b = train(features(claims_embed.embed(texts), rules), y)
        path = HERE / f"claims_{task}_head.json"
        path.write_text(json.dumps({
            "source": f"trained by geobrief/knowledge/claims_train_heads.py on lexicons/{lexname}.tsv "
                      "(project-written sentences) over all-MiniLM-L6-v2 (Apache-2.0) embeddings",
            "licence": "MIT", "task": task, "positive": positive,
            "examples": len(texts), "rule_scale": RULE_SCALE, "l2": L2,
            "bias": round(float(b), 6), "weights": [round(float(x), 6) for x in w],
        }) + "\n", encoding="utf-8")
        print(f"wrote {path} from {len(texts)} examples")


if __name__ == "__main__":
    main()
