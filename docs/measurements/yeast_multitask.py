"""Whether one network trained on all ten Yeast sets at once predicts each set better.

The ten Yeast files share the same 2465 genes and 24 features, row by row; only the targets (ten
expression experiments) differ. This script trains one MLP with one softmax head per set on the
sum of the ten cross-entropies, so that the hidden layers learn from ten times the labels, and
scores each set's head by KL on the same 10 folds as yeast_learners.py (numpy permutation, seed
42), so its rows compare with that script's single-set rows.

    /usr/bin/python3 docs/measurements/yeast_multitask.py ../shared/data 64,64 0
    /usr/bin/python3 docs/measurements/yeast_multitask.py ../shared/data 256,256 0.3

Arguments: the folder of the Yeast CSV files, the hidden widths, the dropout share. Ensembles of
5, Adam 0.001, batch 64, early stopping on 20 % of the training rows, as yeast_learners.py. The
second command takes about 2 minutes on one core.
"""
import os
import sys

import numpy as np
import torch

from yeast_learners import body, fit_network, folds, kl, load, standardise

torch.set_num_threads(1)
SETS = ["alpha", "cdc", "cold", "diau", "dtt", "elu", "heat", "spo", "spo5", "spoem"]


class MultiHead(torch.nn.Module):
    """Shared dense relu layers, then one log-softmax head per set over its own columns."""

    def __init__(self, inputs, cuts, hidden, dropout):
        super().__init__()
        self.body, width = body(inputs, hidden, dropout)
        self.out = torch.nn.Linear(width, cuts[-1])
        self.cuts = cuts

    def forward(self, x):
        z = self.out(self.body(x))
        return torch.cat([torch.log_softmax(z[:, a:b], 1) for a, b in zip(self.cuts[:-1], self.cuts[1:])], 1)


def main(folder, hidden, dropout, members=5):
    data = [load(os.path.join(folder, f"Yeast_{name}.csv")) for name in SETS]
    x = data[0][0]
    assert all(np.array_equal(x, xs) for xs, _ in data), "the Yeast files no longer share their features"
    y = np.hstack([ys for _, ys in data])
    cuts = list(np.cumsum([0] + [ys.shape[1] for _, ys in data]))
    scores = np.zeros((10, len(SETS)))
    for fold, test in enumerate(folds(len(x))):
        train = np.setdiff1d(np.arange(len(x)), test)
        a, b = standardise(x[train], x[test])
        p = 0
        for m in range(members):
            torch.manual_seed(100 * fold + m)
            # the summed cross-entropy of the ten heads: fit_network's soft-target loss over all columns
            model = fit_network(MultiHead(a.shape[1], cuts, hidden, dropout), a, y[train], seed=100 * fold + m)
            with torch.no_grad():
                p = p + torch.exp(model(torch.tensor(b, dtype=torch.float32))).numpy() / members
        for j, (lo, hi) in enumerate(zip(cuts[:-1], cuts[1:])):
            scores[fold, j] = kl(y[test][:, lo:hi], p[:, lo:hi])
    for j, name in enumerate(SETS):
        print(f"Yeast_{name}\tmulti-task MLP {hidden}, dropout {dropout}, ensemble of {members}\t"
              f"KL {scores[:, j].mean():.5f} ± {scores[:, j].std(ddof=1):.5f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], [int(h) for h in sys.argv[2].split(",")], float(sys.argv[3]))
