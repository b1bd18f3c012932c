"""Which learners get below the linear model's KL on a Yeast set, under one 10-fold split.

The measurement behind docs/benchmarks.md, "Why Yeast resists": the mean predictor, k nearest
neighbours, random forests, extra trees and gradient-boosted trees (scikit-learn), and PyTorch
networks of the kinds fracnet trains or could train (softmax MLP, with dropout, with
quantile-transformed inputs, with a mixture-of-prototypes output, a soft decision forest, and a
label distribution learning forest as Shen et al. 2017 define it), all on the same folds, scored
by the mean over folds of the per-row KL (0 ln 0 = 0, predictions floored at 1e-15).

Needs Debian's python3-torch and python3-sklearn (run with /usr/bin/python3):

    /usr/bin/python3 docs/measurements/yeast_learners.py ../shared/data/Yeast_spo5.csv
    /usr/bin/python3 docs/measurements/yeast_learners.py --only "random forest" ../shared/data/Yeast_dtt.csv

The folds come from numpy's permutation with seed 42, not fracnet's shuffle, so compare rows of
this script with each other, not with fracnet's benchmark tables. One Yeast set takes about 15 minutes
on 2 cores.
"""
import sys
import time

import numpy as np
import torch
from scipy.stats import norm
from sklearn.ensemble import ExtraTreesRegressor, RandomForestRegressor
from sklearn.neighbors import KNeighborsRegressor
from sklearn.tree import DecisionTreeRegressor

torch.set_num_threads(1)


def load(path):
    header = open(path).readline().strip().split(",")
    features = sum(1 for c in header if c.startswith("f"))
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    y = d[:, features:]
    return d[:, :features], y / y.sum(1, keepdims=True)


def kl(y, p):
    p = np.maximum(p, 1e-15)
    return np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / p), 0).sum(1).mean()


def folds(n, k=10, seed=42):
    order = np.random.RandomState(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def standardise(train, test):
    """As fracnet: columns of only 0 and 1 stay as they are, the others get mean 0 and sd 1."""
    mean, scale = train.mean(0), train.std(0) + 1e-12
    binary = ((train == 0) | (train == 1)).all(0)
    mean[binary], scale[binary] = 0, 1
    return (train - mean) / scale, (test - mean) / scale


def quantile_normal(train, test):
    def transform(a):
        out = np.empty_like(a)
        for j in range(a.shape[1]):
            s = np.sort(train[:, j])
            out[:, j] = norm.ppf((np.searchsorted(s, a[:, j], side="right") + 0.5) / (len(s) + 1))
        return out
    return transform(train), transform(test)


def body(inputs, hidden, dropout):
    layers, width = [], inputs
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()] + ([torch.nn.Dropout(dropout)] if dropout else [])
        width = h
    return torch.nn.Sequential(*layers), width


class Softmax(torch.nn.Module):
    """fracnet's MLP: dense relu layers, a linear output, softmax."""

    def __init__(self, inputs, classes, hidden, dropout=0.0):
        super().__init__()
        self.body, width = body(inputs, hidden, dropout)
        self.out = torch.nn.Linear(width, classes)

    def forward(self, x):
        return torch.log_softmax(self.out(self.body(x)), 1)


class Mixture(torch.nn.Module):
    """Predicts a convex mix of M learned distributions, as a forest's leaves average targets."""

    def __init__(self, inputs, classes, hidden, components=64):
        super().__init__()
        self.body, width = body(inputs, hidden, 0.0)
        self.gate = torch.nn.Linear(width, components)
        self.prototypes = torch.nn.Parameter(torch.randn(components, classes) * 0.1)

    def forward(self, x):
        mix = torch.softmax(self.gate(self.body(x)), 1) @ torch.softmax(self.prototypes, 1)
        return torch.log(mix + 1e-12)


class SoftForest(torch.nn.Module):
    """Soft oblique decision trees (sigmoid routing, a distribution per leaf), as LDLFs."""

    def __init__(self, inputs, classes, trees=20, depth=5):
        super().__init__()
        self.trees, self.depth = trees, depth
        self.nodes = torch.nn.Linear(inputs, trees * (2 ** depth - 1))
        self.leaves = torch.nn.Parameter(torch.randn(trees, 2 ** depth, classes) * 0.1)

    def forward(self, x):
        b = x.shape[0]
        d = torch.sigmoid(self.nodes(x)).view(b, self.trees, -1)
        mu = torch.ones(b, self.trees, 1)
        for level in range(self.depth):
            dl = d[:, :, 2 ** level - 1:2 ** (level + 1) - 1]
            mu = torch.stack([mu * dl, mu * (1 - dl)], 3).view(b, self.trees, -1)
        p = torch.einsum("btl,tlk->bk", mu, torch.softmax(self.leaves, 2)) / self.trees
        return torch.log(p + 1e-12)


class Ldlf(torch.nn.Module):
    """Label distribution learning forest as Shen et al. (2017) define it: a dense layer f gives
    `units` outputs, each split node of each tree reads one of them (chosen at random) through a
    sigmoid, and each leaf holds a distribution. The loss is the trees' mean cross-entropy; the
    leaves are not trained by gradient but set by the paper's variational-bounding update
    (`update_leaves`) between epochs, on all training rows."""

    def __init__(self, inputs, classes, seed, trees=5, depth=6, units=64):
        super().__init__()
        self.trees, self.depth = trees, depth
        self.f = torch.nn.Linear(inputs, units)
        chosen = torch.randint(units, (trees, 2 ** depth - 1), generator=torch.Generator().manual_seed(seed))
        self.register_buffer("unit", chosen)
        self.register_buffer("leaves", torch.full((trees, 2 ** depth, classes), 1.0 / classes))

    def routes(self, x):
        b = x.shape[0]
        d = torch.sigmoid(self.f(x))[:, self.unit]
        mu = torch.ones(b, self.trees, 1)
        for level in range(self.depth):
            dl = d[:, :, 2 ** level - 1:2 ** (level + 1) - 1]
            mu = torch.stack([mu * dl, mu * (1 - dl)], 3).view(b, self.trees, -1)
        return mu

    def tree_predictions(self, x):
        return torch.einsum("btl,tlk->btk", self.routes(x), self.leaves).clamp_min(1e-12)

    def update_leaves(self, x, y, iterations=20):
        with torch.no_grad():
            mu = self.routes(x)
            for _ in range(iterations):
                p = torch.einsum("btl,tlk->btk", mu, self.leaves).clamp_min(1e-12)
                share = torch.bmm(mu.permute(1, 2, 0), (y[:, None, :] / p).permute(1, 0, 2)) * self.leaves
                self.leaves = (share / share.sum(2, keepdim=True).clamp_min(1e-30)).clamp_min(1e-12)

    def loss(self, x, y):
        return -(y[:, None, :] * torch.log(self.tree_predictions(x))).sum(2).mean()

    def forward(self, x):
        return torch.log(self.tree_predictions(x).mean(1))


def fit_network(model, x, y, seed, lr=1e-3, batch=64, validation=0.2, patience=10, epochs=200):
    """Adam on the cross-entropy, early stopping on a validation share, as fracnet's defaults."""
    rng = np.random.RandomState(seed)
    order = rng.permutation(len(x))
    held, train = order[:int(len(x) * validation)], order[int(len(x) * validation):]
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    forest = isinstance(model, Ldlf)
    if forest:
        model.update_leaves(xt[train], yt[train])
    best, best_state, bad = float("inf"), None, 0
    for _ in range(epochs):
        model.train()
        shuffled = train[rng.permutation(len(train))]
        for i in range(0, len(shuffled), batch):
            rows = shuffled[i:i + batch]
            optimizer.zero_grad()
            (model.loss(xt[rows], yt[rows]) if forest else -(yt[rows] * model(xt[rows])).sum(1).mean()).backward()
            optimizer.step()
        if forest:
            model.update_leaves(xt[train], yt[train])
        model.eval()
        with torch.no_grad():
            loss = -(yt[held] * model(xt[held])).sum(1).mean().item()
        if loss < best - 1e-7:
            best, best_state, bad = loss, {k: v.clone() for k, v in model.state_dict().items()}, 0
        else:
            bad += 1
            if bad >= patience:
                break
    model.load_state_dict(best_state)
    return model


def networks(make, members=5, inputs=standardise, seeded=False):
    def predict(x_train, y_train, x_test, fold):
        a, b = inputs(x_train, x_test)
        p = 0
        for m in range(members):
            torch.manual_seed(100 * fold + m)
            seed = 100 * fold + m
            shape = (a.shape[1], y_train.shape[1]) + ((seed,) if seeded else ())
            model = fit_network(make(*shape), a, y_train, seed=seed)
            with torch.no_grad():
                p = p + torch.exp(model(torch.tensor(b, dtype=torch.float32))).numpy() / members
        return p
    return predict


def boosted_trees(lr=0.05, depth=5, leaf=40, subsample=0.7, patience=100):
    """Gradient boosting of the soft-target cross-entropy, as LDLogitBoost: each round fits one
    multi-output regression tree to the gradient (target minus predicted fractions) of the logits
    on a subsample of the rows, stopped by KL on 15 % of the training rows held out."""
    def softmax(f):
        e = np.exp(f - f.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    def predict(x_train, y_train, x_test, fold):
        rng = np.random.RandomState(fold)
        held = rng.rand(len(x_train)) < 0.15
        xt, yt, xv, yv = x_train[~held], y_train[~held], x_train[held], y_train[held]
        prior = np.log(yt.mean(0))
        ft, fv, trees = np.tile(prior, (len(xt), 1)), np.tile(prior, (len(xv), 1)), []
        best, kept = kl(yv, softmax(fv)), 0
        while len(trees) - kept < patience:
            rows = rng.rand(len(xt)) < subsample
            tree = DecisionTreeRegressor(max_depth=depth, min_samples_leaf=leaf, random_state=len(trees))
            tree.fit(xt[rows], (yt - softmax(ft))[rows])
            ft += lr * tree.predict(xt)
            fv += lr * tree.predict(xv)
            trees.append(tree)
            if kl(yv, softmax(fv)) < best:
                best, kept = kl(yv, softmax(fv)), len(trees)
        f = np.tile(prior, (len(x_test), 1))
        for tree in trees[:kept]:
            f += lr * tree.predict(x_test)
        return softmax(f)
    return predict


def averaged(first, second, share):
    """The fractions of two learners averaged: share of the first's, 1 - share of the second's."""
    def predict(x_train, y_train, x_test, fold):
        return share * first(x_train, y_train, x_test, fold) + (1 - share) * second(x_train, y_train, x_test, fold)
    return predict


def regressor(make):
    def predict(x_train, y_train, x_test, fold):
        p = np.maximum(make().fit(x_train, y_train).predict(x_test), 0)
        return p / p.sum(1, keepdims=True)
    return predict


LEARNERS = [
    ("mean predictor", lambda xa, ya, xb, f: np.tile(ya.mean(0), (len(xb), 1))),
    ("linear softmax, ensemble of 5", networks(lambda i, k: Softmax(i, k, []))),
    ("MLP 64-64 (fracnet's default), ensemble of 5", networks(lambda i, k: Softmax(i, k, [64, 64]))),
    ("MLP 64-64, quantile-normal inputs, ensemble of 5",
     networks(lambda i, k: Softmax(i, k, [64, 64]), inputs=quantile_normal)),
    ("MLP 256-256, dropout 0.3, ensemble of 5", networks(lambda i, k: Softmax(i, k, [256, 256], 0.3))),
    ("MLP 64 + mixture of 64 prototypes, ensemble of 5", networks(lambda i, k: Mixture(i, k, [64]))),
    ("soft forest, 20 trees of depth 5", networks(lambda i, k: SoftForest(i, k), members=1)),
    ("LDLF (Shen et al.), 5 trees of depth 6 on 64 units, ensemble of 5",
     networks(lambda i, k, seed: Ldlf(i, k, seed), seeded=True)),
    ("30 nearest neighbours", regressor(lambda: KNeighborsRegressor(30))),
    ("random forest, 200 trees, depth 3", regressor(
        lambda: RandomForestRegressor(200, max_depth=3, max_features=0.33, random_state=0))),
    ("random forest, 200 trees, leaves of 5+", regressor(
        lambda: RandomForestRegressor(200, min_samples_leaf=5, max_features=0.33, random_state=0))),
    ("boosted trees of depth 5 (soft-target cross-entropy)", boosted_trees()),
    ("extra trees, 200 trees, leaves of 5+", regressor(
        lambda: ExtraTreesRegressor(200, min_samples_leaf=5, max_features=0.33, random_state=0))),
    # Poisson deviance summed over the classes is twice the KL of the rows' fractions from the
    # node's mean, so this forest splits on KL as StructRF and LDLFs aim to.
    ("random forest, 300 trees, leaves of 3+, KL splits", regressor(
        lambda: RandomForestRegressor(300, criterion="poisson", min_samples_leaf=3, max_features=0.33,
                                      random_state=0, n_jobs=2))),
    ("extra trees, 300 trees, leaves of 3+", regressor(
        lambda: ExtraTreesRegressor(300, min_samples_leaf=3, max_features=0.33, random_state=0, n_jobs=2))),
    ("7 parts extra trees (leaves of 3+), 3 parts MLP 256-256 with dropout 0.3", averaged(
        regressor(lambda: ExtraTreesRegressor(300, min_samples_leaf=3, max_features=0.33, random_state=0, n_jobs=2)),
        networks(lambda i, k: Softmax(i, k, [256, 256], 0.3)), 0.7)),
]


def main(path, only):
    x, y = load(path)
    for name, learner in LEARNERS:
        if only and only not in name:
            continue
        start, scores = time.time(), []
        for fold, test in enumerate(folds(len(x))):
            train = np.setdiff1d(np.arange(len(x)), test)
            scores.append(kl(y[test], learner(x[train], y[train], x[test], fold)))
        print(f"{path}\t{name}\tKL {np.mean(scores):.5f} ± {np.std(scores, ddof=1):.5f}\t{time.time() - start:.0f} s",
              flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    only = args[args.index("--only") + 1] if "--only" in args else None
    for p in [a for i, a in enumerate(args) if a != "--only" and (i == 0 or args[i - 1] != "--only")]:
        main(p, only)
