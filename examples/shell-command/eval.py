#!/usr/bin/env python3
"""A shell-command objective: reads {"config", "fidelity", "seed", "trial"} as JSON on stdin and
prints {"values": {...}, "cost": {...}} as JSON on stdout. Synthetic: a made-up RAG-like
trade-off between quality and cost, no LLM involved."""
import json
import math
import sys

request = json.load(sys.stdin)
config = request["config"]
chunk = config["chunk_size"]
top_k = config["top_k"]
# Quality peaks at chunk_size ~ 512 and grows with top_k with diminishing returns.
quality = math.exp(-((math.log2(chunk) - 9) ** 2) / 4) * (1 - math.exp(-top_k / 4))
if config["reranker"] == "on":
    quality = min(1.0, quality * 1.1 + 0.02)
tokens = chunk * top_k
usd = tokens * 0.15 / 1e6 + (0.0004 if config["reranker"] == "on" else 0)
print(f"evaluated trial {request['trial']}", file=sys.stderr)
print(json.dumps({"values": {"quality": quality}, "cost": {"usd": usd, "input_tokens": tokens}}))
