#!/usr/bin/python3
"""The PyTorch peer of fracnet's benchmark (see docs/performance.md).

Trains the same MLP as `fracnet train` on the same CSV files and prints one JSON object:
training-loop samples/s, test KL and MSE, peak RSS. It installs nothing: it needs PyTorch and
NumPy for the Python that runs it (Debian: `apt-get install python3-torch`, then /usr/bin/python3).

Matches fracnet's definitions (losses/*/README.md, core Metrics):
  cross-entropy  -sum_k p_k log softmax(z)_k, mean over rows
  mse            (1/K) sum_k (softmax(z)_k - p_k)^2, mean over rows
  dirichlet      exp link alpha = exp(z): -lgamma(A) + sum lgamma(alpha_k) - sum (alpha_k - 1) log p_k
                 (zero policy "none": the benchmark's targets are all > 0); prediction alpha / A
  features are standardised with the training mean and standard deviation, as fracnet does.
  KL = sum_k p_k log(p_k / max(q_k, 1e-15)), MSE = (1/K) sum_k (q_k - p_k)^2, means over rows.

Initialisation (--init): `pytorch` (default) is nn.Linear's own (what a PyTorch user gets);
`fracnet` is what fracnet's nd4j trainer does: weights U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (the
scale of nn.Linear's own), zero biases, last-layer biases at the centred log of the training
class means.

The timed part is the training loop only (shuffle, batch gather, forward, backward, Adam step),
as fracnet's samples/s counts its batch loop only. Data loading and evaluation are not timed.
"""
import argparse
import json
import math
import resource
import sys
import time


def read_csv(path):
    import numpy as np
    with open(path) as f:
        header = f.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    xs = [i for i, h in enumerate(header) if h.startswith("x")]
    ys = [i for i, h in enumerate(header) if h.startswith("y")]
    return np.ascontiguousarray(data[:, xs]), np.ascontiguousarray(data[:, ys])


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def blas_library():
    """The BLAS shared library this process mapped (PyTorch's CPU matmuls go through it)."""
    import os
    seen = []
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in os.path.basename(path).lower() and path not in seen:
                seen.append(path)
    return [os.path.realpath(p) for p in seen]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--hidden", default="128,128")
    ap.add_argument("--loss", default="cross-entropy", choices=["cross-entropy", "mse", "dirichlet"])
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--init", default="pytorch", choices=["pytorch", "fracnet"])
    ap.add_argument("--predictions", help="write the test predictions here (CSV, header y1..yK)")
    a = ap.parse_args()

    import numpy as np
    import torch
    from torch import nn

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    t0 = time.perf_counter()
    xtr, ytr = read_csv(a.train)
    xte, yte = read_csv(a.test)
    mu = xtr.astype(np.float64).mean(0)
    sd = xtr.astype(np.float64).std(0)
    sd[sd == 0] = 1
    xtr = ((xtr - mu) / sd).astype(np.float32)
    xte = ((xte - mu) / sd).astype(np.float32)
    load_seconds = time.perf_counter() - t0

    X = torch.from_numpy(xtr)
    P = torch.from_numpy(ytr)
    n, d = X.shape
    k = P.shape[1]
    sizes = [d] + [int(h) for h in a.hidden.split(",") if h] + [k]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    if a.init == "fracnet":
        linears = [m for m in model if isinstance(m, nn.Linear)]
        for m in linears:
            bound = 1 / math.sqrt(m.in_features)
            nn.init.uniform_(m.weight, -bound, bound)
            nn.init.zeros_(m.bias)
        logm = torch.log(P.double().mean(0))
        linears[-1].bias.data = (logm - logm.mean()).float()

    if a.loss == "cross-entropy":
        def loss_fn(z, p):
            return -(p * torch.log_softmax(z, 1)).sum(1).mean()
    elif a.loss == "mse":
        def loss_fn(z, p):
            return ((torch.softmax(z, 1) - p) ** 2).mean()
    else:
        def loss_fn(z, p):
            alpha = torch.exp(z)
            big_a = alpha.sum(1)
            row = -torch.lgamma(big_a) + torch.lgamma(alpha).sum(1) - ((alpha - 1) * torch.log(p)).sum(1)
            return row.mean()

    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    gen = torch.Generator().manual_seed(a.seed)
    bs = a.batch_size
    last = float("nan")
    t0 = time.perf_counter()
    for _ in range(a.epochs):
        perm = torch.randperm(n, generator=gen)
        for s in range(0, n, bs):
            idx = perm[s:s + bs]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(X[idx]), P[idx])
            loss.backward()
            opt.step()
        last = loss.item()
        if not math.isfinite(last):
            print(json.dumps({"error": "loss is %s" % last}))
            return 3
    train_seconds = time.perf_counter() - t0

    with torch.no_grad():
        q = torch.softmax(model(torch.from_numpy(xte)), 1).double().numpy()
    p = yte.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        kl_terms = np.where(p > 0, p * np.log(p / np.maximum(q, 1e-15)), 0.0)
    if a.predictions:
        header = ",".join("y%d" % (j + 1) for j in range(k))
        np.savetxt(a.predictions, q, delimiter=",", header=header, comments="", fmt="%.9g")
    print(json.dumps({
        "engine": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "init": a.init,
        "loss": a.loss,
        "rows": int(n),
        "epochs": a.epochs,
        "load_seconds": load_seconds,
        "train_seconds": train_seconds,
        "samples_per_second": n * a.epochs / train_seconds,
        "final_batch_loss": last,
        "test_kl": float(kl_terms.sum(1).mean()),
        "test_mse": float(((q - p) ** 2).mean()),
        "peak_rss_kb": peak_rss_kb(),
        "blas": blas_library(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
