"""The training sentences of the claims heads: provenance, size, variety, and coded errors."""
import collections

import pytest

from geobrief.errors import GeobriefError
from geobrief.knowledge import claims_train_heads as T


def test_training_sentences_are_the_projects_own_and_varied():
    head = T.TRAINING.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# source: written by the geobrief team")
    rows = T.load_training()
    assert len(rows) >= 2000
    genres = collections.Counter(r[1] for r in rows)
    assert set(genres) == set(T.GENRES) and min(genres.values()) >= 100
    # both labels of each task in every genre that has them, and the two tasks not the same split
    pairs = collections.Counter((r[2], r[3]) for r in rows)
    assert all(pairs[p] >= 100 for p in (("OBJ", "CFS"), ("OBJ", "NCS"), ("SUBJ", "CFS"), ("SUBJ", "NCS")))


@pytest.mark.parametrize("row", [
    "The port reopened on Monday.\twire\tOBJ\n",                  # a column missing
    "The port reopened on Monday.\tblog\tOBJ\tNCS\n",             # an unknown genre
    "The port reopened on Monday.\twire\tFACT\tNCS\n",            # an unknown label
    "The port reopened.\twire\tOBJ\tNCS\nThe port reopened.\twire\tOBJ\tNCS\n",  # a repeated sentence
])
def test_training_file_errors_are_coded_with_the_line(tmp_path, row):
    path = tmp_path / "s.tsv"
    path.write_text("# source: test\n" + row, encoding="utf-8")
    with pytest.raises(GeobriefError) as e:
        T.load_training(path)
    assert e.value.code == "G201" and "s.tsv:" in str(e.value)


def test_heads_trained_class_balanced():
    import numpy as np

    # one positive among five negatives with the same feature (and four other negatives): weighted
    # equally, the positive class wins that point; an unweighted fit would give it about 1 in 6
    X = np.array([[1.0]] * 6 + [[-1.0]] * 4)
    y = np.array([1.0] + [0.0] * 9)
    w, b = T.train(X, y, l2=0.0, iters=4000)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    assert p[0] > 0.55 and p[-1] < 0.2
