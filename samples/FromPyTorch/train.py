#!/usr/bin/python3
"""Trains 64 -> 32 ReLU -> 10 softmax on the digits with PyTorch DistributedDataParallel, and exports it to ONNX.

Run from this folder (Debian: apt-get install -y python3-torch python3-onnx):

    torchrun --standalone --nproc_per_node 2 train.py

Two local processes on the CPU (backend gloo) each train on half of every epoch's batches (DistributedSampler) and
average their gradients after each step, as DDP does across machines. Rank 0 then writes:

  digits.onnx    the trained network, exported with torch.onnx.export (opset 13, batch dimension dynamic)
  split.json     the test rows and the standardization, so that the C# program scores the same test set
  expected.json  PyTorch's outputs for the first test samples, and its test accuracy

The split is samples/Digits's: TrainTestSplit.Split(digits, testFraction: 0.25, seed: 0), reproduced below with the
same generator (xoshiro256** seeded by SplitMix64) and the same Fisher-Yates shuffle; Program.cs checks that its own
shuffle gives the rows split.json lists. Pixels are standardized with the mean and (population) standard deviation
of the training rows, as Unrolled's Standardizer does.
"""
import json
import math
import os

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCHS, BATCH, LEARNING_RATE, SEED, TEST_FRACTION = 40, 16, 1e-3, 0, 0.25
MASK = (1 << 64) - 1


class SeededRandom:
    """Unrolled.SeededRandom: xoshiro256** seeded through SplitMix64, NextInt without modulo bias."""

    def __init__(self, seed):
        self.state = seed & MASK
        self.s = [self._splitmix() for _ in range(4)]

    def _splitmix(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next_uint64(self):
        s0, s1, s2, s3 = self.s
        result = (self._rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self._rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_int(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            r = self.next_uint64()
            if r >= threshold:
                return r % bound

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int(i + 1)
            items[i], items[j] = items[j], items[i]


def load_digits():
    data = np.loadtxt(os.path.join(HERE, "digits.csv"), delimiter=",", skiprows=1)
    return data[:, :64], data[:, 64].astype(np.int64)


def split_and_standardize(pixels, labels):
    order = list(range(len(labels)))
    SeededRandom(SEED).shuffle(order)
    test_count = math.ceil(TEST_FRACTION * len(labels))
    test_rows, train_rows = order[:test_count], order[test_count:]
    mean = pixels[train_rows].mean(axis=0)
    std = pixels[train_rows].std(axis=0)
    scale = np.where(std > 0, std, 1.0)
    standardize = lambda rows: ((pixels[rows] - mean) / scale).astype(np.float32)
    return train_rows, test_rows, mean, scale, standardize


def main():
    dist.init_process_group("gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    torch.manual_seed(SEED)  # the same initial weights on every rank (DDP also broadcasts rank 0's)
    pixels, labels = load_digits()
    train_rows, test_rows, mean, scale, standardize = split_and_standardize(pixels, labels)
    train = TensorDataset(torch.from_numpy(standardize(train_rows)), torch.from_numpy(labels[train_rows]))
    sampler = DistributedSampler(train, num_replicas=world, rank=rank, shuffle=True, seed=SEED)
    loader = DataLoader(train, batch_size=BATCH, sampler=sampler)

    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.Adam(ddp.parameters(), lr=LEARNING_RATE)
    loss_function = nn.CrossEntropyLoss()  # from the logits, as Unrolled's CrossEntropy
    for epoch in range(EPOCHS):
        sampler.set_epoch(epoch)
        total, count = torch.zeros(2), 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_function(ddp(x), y)
            loss.backward()  # DDP averages the gradients of both processes here
            optimizer.step()
            total[0] += loss.item() * len(y)
            total[1] += len(y)
        dist.all_reduce(total)
        if rank == 0 and (epoch + 1) % 10 == 0:
            print(f"epoch {epoch + 1}: training loss {total[0] / total[1]:.4f} over {int(total[1])} samples on {world} processes", flush=True)

    if rank == 0:
        export(model, labels, train_rows, test_rows, mean, scale, standardize, world)
    dist.barrier()
    dist.destroy_process_group()


def export(model, labels, train_rows, test_rows, mean, scale, standardize, world):
    network = nn.Sequential(model, nn.Softmax(dim=1)).eval()  # the declared network ends in Softmax
    x_test = torch.from_numpy(standardize(test_rows))
    with torch.no_grad():
        probabilities = network(x_test)
    predictions = probabilities.argmax(dim=1).numpy()
    accuracy = float((predictions == labels[test_rows]).mean())
    correct = int((predictions == labels[test_rows]).sum())
    print(f"PyTorch test accuracy: {accuracy * 100:.2f}% ({correct}/{len(test_rows)})", flush=True)

    torch.onnx.export(network, x_test[:1], os.path.join(HERE, "digits.onnx"), opset_version=13,
                      input_names=["pixels"], output_names=["probabilities"],
                      dynamic_axes={"pixels": {0: "batch"}, "probabilities": {0: "batch"}})
    with open(os.path.join(HERE, "split.json"), "w") as f:
        json.dump({"seed": SEED, "testFraction": TEST_FRACTION, "testRows": test_rows,
                   "mean": [float(m) for m in mean], "scale": [float(s) for s in scale]}, f)
        f.write("\n")
    samples = 5
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump({
            "producer": f"torch {torch.__version__}, DistributedDataParallel on {world} processes (gloo, CPU), "
                        f"Adam lr {LEARNING_RATE}, {EPOCHS} epochs, batches of {BATCH} per process",
            "testAccuracy": accuracy, "testCorrect": correct, "testCount": len(test_rows),
            "inputs": [[float(v) for v in row] for row in x_test[:samples].numpy()],
            "outputs": [[float(v) for v in row] for row in probabilities[:samples].numpy()],
        }, f, indent=1)
        f.write("\n")
    print(f"wrote digits.onnx, split.json and expected.json ({samples} samples)", flush=True)


if __name__ == "__main__":
    main()
