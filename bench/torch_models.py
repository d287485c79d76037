#!/usr/bin/env python3
"""PyTorch twins of RegShift's bilstm and transformer architectures, for the speed ratio.

Reuses the data handling and loss of the reference peer (shared/bench/torch_reference.py, found
through TORCH_REFERENCE_DIR) and prints `RESULT {json}` with the training throughput (median of
the epochs after the first). Usage: torch_models.py --arch bilstm|transformer --data TABLE
[--epochs 3] [--threads 2] [--batch 128]. Run with Debian's python3; point LD_LIBRARY_PATH at an
OpenBLAS libblas.so.3 so that matrix products do not use the reference BLAS.
"""
import argparse, json, math, os, statistics, sys, time

sys.path.insert(0, os.environ.get("TORCH_REFERENCE_DIR", os.path.join(os.path.dirname(__file__), "../../shared/bench")))
import torch
import torch.nn as nn
from torch_reference import gaussian_nll, one_hot, read_table


def stem():
    return nn.Sequential(nn.Conv1d(4, 64, 15, padding=7), nn.ReLU(), nn.MaxPool1d(4),
                         nn.Conv1d(64, 64, 5, padding=2), nn.ReLU(), nn.MaxPool1d(4))


def head(drop):
    return nn.Sequential(nn.Dropout(drop), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))


class BiLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem, self.drop = stem(), nn.Dropout(0.1)
        self.lstm = nn.LSTM(64, 32, batch_first=True, bidirectional=True)
        self.head = head(0.2)

    def forward(self, x):
        h = self.drop(self.stem(x)).transpose(1, 2)
        return self.head(self.lstm(h)[0].amax(dim=1))


class Block(nn.Module):
    def __init__(self, c=64, heads=4, drop=0.1):
        super().__init__()
        self.att = nn.MultiheadAttention(c, heads, batch_first=True)
        self.bn1, self.bn2 = nn.BatchNorm1d(c), nn.BatchNorm1d(c)
        self.ff = nn.Sequential(nn.Linear(c, 2 * c), nn.ReLU(), nn.Linear(2 * c, c))
        self.drop = nn.Dropout(drop)

    def forward(self, h):  # h: [batch, length, channels]
        h = h + self.drop(self.att(h, h, h, need_weights=False)[0])
        h = self.bn1(h.transpose(1, 2)).transpose(1, 2)
        h = h + self.drop(self.ff(h))
        return self.bn2(h.transpose(1, 2)).transpose(1, 2)


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = stem()
        self.blocks = nn.Sequential(Block(), Block())
        self.head = head(0.2)

    def forward(self, x):
        h = self.stem(x)
        c, length = h.shape[1], h.shape[2]
        pos = torch.arange(length, dtype=torch.float32)
        rate = torch.pow(10000.0, -(torch.arange(c) - torch.arange(c) % 2).float() / c)
        pe = torch.where(torch.arange(c)[:, None] % 2 == 0, torch.sin(rate[:, None] * pos), torch.cos(rate[:, None] * pos))
        return self.head(self.blocks((h + pe).transpose(1, 2)).amax(dim=1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", required=True, choices=["bilstm", "transformer"])
    p.add_argument("--data", required=True)
    p.add_argument("--seq-len", type=int, default=200)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    a = p.parse_args()
    a.id_column, a.sequence_column, a.target_column, a.split_column = "id", "sequence", "activity", "split"
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    seqs, y, split = read_table(a.data, a)
    tr = split == "train"
    X = torch.from_numpy(one_hot([s for s, t in zip(seqs, tr) if t], a.seq_len))
    Y = torch.from_numpy((y[tr] - y[tr].mean()) / (y[tr].std() or 1.0))
    model = BiLstm() if a.arch == "bilstm" else Transformer()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    times = []
    for ep in range(a.epochs):
        model.train()
        perm = torch.randperm(X.shape[0], generator=torch.Generator().manual_seed(ep))
        t = time.perf_counter()
        for i in range(0, X.shape[0], a.batch):
            b = perm[i:i + a.batch]
            opt.zero_grad(set_to_none=True)
            gaussian_nll(model(X[b]), Y[b]).backward()
            opt.step()
        times.append(time.perf_counter() - t)
    print("RESULT " + json.dumps(dict(arch=a.arch, engine="pytorch-" + torch.__version__, n_train=int(X.shape[0]),
                                      train_seq_per_s=round(X.shape[0] / statistics.median(times[1:] or times), 1))))


if __name__ == "__main__":
    sys.exit(main())
