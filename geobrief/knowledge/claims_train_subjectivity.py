"""Train the small subjectivity head shipped as ``claims_subjectivity_head.json``.

Data: ``lexicons/claims_subjectivity_examples.tsv`` only (sentences written by the project, MIT);
no evaluation data is read. Features: the MiniLM sentence embedding (384) plus the claims rules'
subjectivity score (scaled by ``RULE_SCALE``, clipped to [-1, 4]). Model: L2-regularised logistic
regression by full-batch gradient descent (numpy only), deterministic.

Run: ``.venv/bin/python -m geobrief.knowledge.claims_train_subjectivity``
"""
from __future__ import annotations

import json
from pathlib import Path

HEAD_PATH = Path(__file__).resolve().parent / "claims_subjectivity_head.json"
RULE_SCALE = 0.3
L2 = 1.0


def features(embeddings, rule_scores):
    import numpy as np

    r = RULE_SCALE * np.clip(np.asarray(rule_scores, dtype=np.float64), -1.0, 4.0)
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


def main() -> None:
    import numpy as np

    from .. import nlp as nlp_mod
    from ..stages import claims, claims_embed
    from .lexicons import load_lexicon

    ex = load_lexicon("claims_subjectivity_examples")
    texts = list(ex)
    y = np.array([1.0 if ex[t] == "SUBJ" else 0.0 for t in texts])
    nlp = nlp_mod.load(claims.COMPONENTS)
    rules = [claims.subjectivity_score(d)[0] for d in nlp.pipe(texts)]
    X = features(claims_embed.embed(texts), rules)
    w, b = train(X, y)
    HEAD_PATH.write_text(json.dumps({
        "source": "trained by geobrief/knowledge/claims_train_subjectivity.py on "
                  "lexicons/claims_subjectivity_examples.tsv (project-written sentences) over "
                  "all-MiniLM-L6-v2 (Apache-2.0) embeddings",
        "licence": "MIT",
        "examples": len(texts), "rule_scale": RULE_SCALE, "l2": L2,
        "bias": round(float(b), 6), "weights": [round(float(x), 6) for x in w],
    }) + "\n", encoding="utf-8")
    print(f"wrote {HEAD_PATH} from {len(texts)} examples")


if __name__ == "__main__":
    main()
