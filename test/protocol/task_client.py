"""Runs random search on a knobs task through `knobs serve task`, with subprocess and json only.

Usage: python3 task_client.py <cli.js> <task-ref> <evaluations>
Prints one JSON object: the description, the best value found, and the answers to bad lines.
"""
import json
import random
import subprocess
import sys

cli, ref, evaluations = sys.argv[1], sys.argv[2], int(sys.argv[3])
server = subprocess.Popen(["node", cli, "serve", "task", ref], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)


def call(method, params=None, ident=[0]):
    ident[0] += 1
    server.stdin.write(json.dumps({"jsonrpc": "2.0", "id": ident[0], "method": method, "params": params or {}}) + "\n")
    server.stdin.flush()
    return json.loads(server.stdout.readline())


def sample(space, rng):
    """Random configuration of a knobs space (floats, ints, categoricals; `when` respected)."""
    config = {}
    for name, p in space.items():
        when = p.get("when")
        if when and any(config.get(k) not in (v if isinstance(v, list) else [v]) for k, v in when.items()):
            continue
        if p["type"] == "float":
            config[name] = rng.uniform(p["low"], p["high"])
        elif p["type"] == "int":
            config[name] = rng.randint(p["low"], p["high"])
        elif p["type"] == "categorical":
            config[name] = rng.choice(p["choices"])
        else:
            config[name] = rng.choice(p["values"])
    return config


description = call("describe")["result"]
rng = random.Random(0)
best = None
for i in range(evaluations):
    result = call("evaluate", {"config": sample(description["space"], rng), "seed": i})["result"]
    if not result["failed"]:
        value = result["values"][0]
        best = value if best is None else min(best, value)
bad = {
    "unknown_method": call("train"),
    "bad_config": call("evaluate", {"config": {"nope": 1}}),
}
server.stdin.close()
server.wait(timeout=30)
print(json.dumps({"description": description, "best": best, "bad": bad, "exit": server.returncode}))
