#!/usr/bin/python3
"""PyTorch peer for benchmarks/Unrolled.Benchmarks: the same networks and tasks, CPU, one thread.

Run with the system interpreter (the one apt's python3-torch installs into):

    apt-get update && apt-get install -y python3-torch
    /usr/bin/python3 benchmarks/peers/torch_peer.py            # about a minute
    /usr/bin/python3 benchmarks/peers/torch_peer.py --quick    # a few seconds, fewer repetitions

Tasks, float32, per network (as in the C# suite):
  forward        one sample, model(x) under torch.inference_mode() (softmax included for softmax outputs)
  batch forward  1,024 samples in one call, reported per sample
  fwd+bwd        one sample: zero_grad, loss (MSELoss or CrossEntropyLoss on the logits), backward
  train step     32 samples: zero_grad, mean loss, backward, Adam(lr=1e-3).step()
Each figure is the median over many repetitions of one call timed with time.perf_counter_ns, after warm-up.
"""
import argparse
import platform
import statistics
import time

import torch
from torch import nn

NETWORKS = [
    # name, inputs, [(units, activation)], loss
    ("2-3-2 sigmoid/softmax (CE)", 2, [(3, "sigmoid"), (2, "softmax")], "ce"),
    ("2-8-8-1 tanh (MSE)", 2, [(8, "tanh"), (8, "tanh"), (1, "identity")], "mse"),
    ("2-16-16-2 relu, linear out (MSE)", 2, [(16, "relu"), (16, "relu"), (2, "identity")], "mse"),
    ("2-16-16-2 relu, softmax out (CE)", 2, [(16, "relu"), (16, "relu"), (2, "softmax")], "ce"),
    ("64-32-10 relu/softmax (CE)", 64, [(32, "relu"), (10, "softmax")], "ce"),
    ("64-64-64-10 relu, linear out (MSE)", 64, [(64, "relu"), (64, "relu"), (10, "identity")], "mse"),
    ("784-128-10 relu/softmax (CE)", 784, [(128, "relu"), (10, "softmax")], "ce"),
]

ACTIVATIONS = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU}


def build(inputs, layers):
    """The logits model (what the loss sees) and the inference model (softmax applied, as Forward returns)."""
    modules = []
    fan_in = inputs
    for units, activation in layers:
        modules.append(nn.Linear(fan_in, units))
        if activation in ACTIVATIONS:
            modules.append(ACTIVATIONS[activation]())
        fan_in = units
    logits = nn.Sequential(*modules)
    if layers[-1][1] == "softmax":
        return logits, nn.Sequential(logits, nn.Softmax(dim=-1))
    return logits, logits


def median_ns(fn, repetitions, warmup):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples)


def measure(name, inputs, layers, loss_kind, quick):
    torch.manual_seed(0)
    logits, model = build(inputs, layers)
    outputs = layers[-1][0]
    loss_fn = nn.CrossEntropyLoss() if loss_kind == "ce" else nn.MSELoss()
    optimizer = torch.optim.Adam(logits.parameters(), lr=1e-3)

    x1 = torch.rand(1, inputs) * 2 - 1
    xb = torch.rand(1024, inputs) * 2 - 1
    x32 = torch.rand(32, inputs) * 2 - 1
    if loss_kind == "ce":
        t1 = nn.functional.one_hot(torch.randint(outputs, (1,)), outputs).float()
        t32 = nn.functional.one_hot(torch.randint(outputs, (32,)), outputs).float()
    else:
        t1 = torch.rand(1, outputs) * 2 - 1
        t32 = torch.rand(32, outputs) * 2 - 1

    def forward():
        with torch.inference_mode():
            model(x1)

    def batch_forward():
        with torch.inference_mode():
            model(xb)

    def forward_backward():
        logits.zero_grad(set_to_none=False)
        loss_fn(logits(x1), t1).backward()

    def train_step():
        optimizer.zero_grad(set_to_none=False)
        loss_fn(logits(x32), t32).backward()
        optimizer.step()

    scale = 0.1 if quick else 1.0
    reps = int(5000 * scale)
    heavy = inputs * layers[0][0] > 50_000
    batch_reps = int((100 if heavy else 1000) * scale)
    return {
        "forward": median_ns(forward, reps, reps // 5),
        "batch": median_ns(batch_forward, batch_reps, batch_reps // 5) / 1024,
        "fwd_bwd": median_ns(forward_backward, reps, reps // 5),
        "train": median_ns(train_step, reps // 2, reps // 10),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    print(f"PyTorch {torch.__version__}, Python {platform.python_version()}, {torch.get_num_threads()} thread, "
          f"{platform.machine()}, float32, median ns (batch forward: per sample)")
    print()
    print("| network | forward, 1 sample | batch-1024 forward, per sample | fwd+bwd, 1 sample | train step, 32 samples + Adam |")
    print("|---|---:|---:|---:|---:|")
    for name, inputs, layers, loss_kind in NETWORKS:
        r = measure(name, inputs, layers, loss_kind, args.quick)
        print(f"| {name} | {r['forward']:,.0f} | {r['batch']:,.1f} | {r['fwd_bwd']:,.0f} | {r['train']:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
