"""Drives `knobs serve optimizer` with nothing but subprocess and json, as a Python user would.

Usage: python3 optimizer_client.py <cli.js> <spec.json> <optimizer> <seed> <trials>
Prints one JSON object: the proposals, the answers to the bad lines, and `best`.
"""
import json
import subprocess
import sys

cli, spec, optimizer, seed, trials = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
server = subprocess.Popen(
    ["node", cli, "serve", "optimizer", "--spec", spec, "--optimizer", optimizer, "--seed", seed],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
)
next_id = 0


def send_line(line):
    server.stdin.write(line + "\n")
    server.stdin.flush()
    return json.loads(server.stdout.readline())


def call(method, params=None):
    global next_id
    next_id += 1
    message = {"jsonrpc": "2.0", "id": next_id, "method": method}
    if params is not None:
        message["params"] = params
    return send_line(json.dumps(message))


def objective(config):
    """A synthetic bowl: minimum 0 at x = 0.3, y = -0.2, kind = 'b'."""
    value = (config["x"] - 0.3) ** 2 + (config["y"] + 0.2) ** 2
    return value + (0.0 if config["kind"] == "b" else 0.5)


proposals = []
for _ in range(trials):
    asked = call("ask")["result"]
    proposals.append(asked)
    value = objective(asked["config"])
    told = call("tell", {"trial": asked["trial"], "values": [value], "cost": {"usd": 0.001}})
    assert told["result"] == {}, told

bad = {
    "not_json": send_line("this is not json"),
    "unknown_method": call("optimize"),
    "tell_unknown_trial": call("tell", {"trial": 9999, "values": [1.0]}),
    "tell_missing_values": call("tell", {"trial": call("ask")["result"]["trial"]}),
}
best = call("best")["result"]["best"]
server.stdin.close()
server.wait(timeout=30)
print(json.dumps({"proposals": proposals, "bad": bad, "best": best, "exit": server.returncode}))
