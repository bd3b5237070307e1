"""Derives the expected numbers in stats.test.ts with the Python standard library only
(no scipy): brute-force enumeration of null distributions, statistics.NormalDist for
normal tails. Run: python3 test/bench/stats/expected-values.py"""
import itertools
import math
import statistics


def ranks_with_ties(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def wilcoxon_exact_by_enumeration(a, b):
    d = [x - y for x, y in zip(a, b) if x != y]
    r = ranks_with_ties([abs(x) for x in d])
    plus = sum(rk for rk, x in zip(r, d) if x > 0)
    total = sum(r)
    stat = min(plus, total - plus)
    # every sign pattern is equally likely under the null
    hits = sum(1 for signs in itertools.product([0, 1], repeat=len(r)) if sum(rk for rk, s in zip(r, signs) if s) <= stat)
    return stat, min(1.0, 2 * hits / 2 ** len(r))


def wilcoxon_normal(a, b):
    d = [x - y for x, y in zip(a, b) if x != y]
    n = len(d)
    r = ranks_with_ties([abs(x) for x in d])
    plus = sum(rk for rk, x in zip(r, d) if x > 0)
    ties = sum(t ** 3 - t for t in (r.count(v) for v in set(r)))
    var = n * (n + 1) * (2 * n + 1) / 24 - ties / 48
    z = max(0.0, abs(plus - n * (n + 1) / 4) - 0.5) / math.sqrt(var)
    return min(plus, n * (n + 1) / 2 - plus), 2 * (1 - statistics.NormalDist().cdf(z)), n


def mann_whitney_exact_by_enumeration(a, b):
    pooled = a + b
    n1 = len(a)
    def u_of(idx):
        xs = [pooled[i] for i in idx]
        ys = [pooled[i] for i in range(len(pooled)) if i not in idx]
        return sum((x > y) + 0.5 * (x == y) for x in xs for y in ys)
    u = u_of(set(range(n1)))
    small = min(u, n1 * len(b) - u)
    combos = list(itertools.combinations(range(len(pooled)), n1))
    hits = sum(1 for c in combos if u_of(set(c)) <= small)
    return u, min(1.0, 2 * hits / len(combos))


def mann_whitney_normal(a, b):
    n1, n2 = len(a), len(b)
    n = n1 + n2
    r = ranks_with_ties(a + b)
    u = sum(r[:n1]) - n1 * (n1 + 1) / 2
    ties = sum(t ** 3 - t for t in (r.count(v) for v in set(r)))
    var = n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1)))
    z = max(0.0, abs(u - n1 * n2 / 2) - 0.5) / math.sqrt(var)
    return u, 2 * (1 - statistics.NormalDist().cdf(z))


# Hollander & Wolfe (1973) p. 29, the paired example of R's ?wilcox.test (R: V = 40, p = 0.03906)
x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
print("wilcoxon exact HW:", wilcoxon_exact_by_enumeration(x, y))

# 30 pairs with tied magnitudes and two zero differences
a30 = [(i * 7) % 11 for i in range(30)]
b30 = [(i * 5) % 9 for i in range(30)]
print("wilcoxon normal 30:", wilcoxon_normal(a30, b30))

# small exact two-sample, no ties
ma = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64]
mb = [1.15, 0.88, 0.90, 0.74, 1.21]
print("mann-whitney exact:", mann_whitney_exact_by_enumeration(ma, mb))
# R's ?wilcox.test two-sample example (10 vs 5), normal with continuity correction
rx = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
ry = [1.15, 0.88, 0.90, 0.74, 1.21]
print("mann-whitney normal R:", mann_whitney_normal(rx, ry))
# ties
ta = [1, 2, 2, 3, 3, 3, 4, 5, 9, 9]
tb = [2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 10]
print("mann-whitney normal ties:", mann_whitney_normal(ta, tb))

# normal tail against math.erfc
for z in [0, 0.5, 1.959963984540054, 3, 8, 12]:
    print("P(Z>%s) =" % z, repr(0.5 * math.erfc(z / math.sqrt(2))))

data = [3.1, -2.0, 7.5, 0.4, 0.4, 12.0, 5.5, -1.25, 9.0, 2.2]
s = sorted(data)
print("mean:", repr(statistics.fmean(data)), "median:", repr(statistics.median(data)))
# type 7 quantiles = statistics.quantiles(method="inclusive") cut points
print("quartiles inclusive:", [repr(q) for q in statistics.quantiles(data, n=4, method="inclusive")])
print("deciles inclusive:", [repr(q) for q in statistics.quantiles(data, n=10, method="inclusive")])
cut = len(s) // 4
print("iqm (trim floor(n/4) each end):", repr(statistics.fmean(s[cut:len(s) - cut])))

# n = 25 (largest exact) and n = 26 (first normal) without ties: d_i = +-(i + 1), negative when i % 3 == 0
def shifted(n):
    return [(-1 if i % 3 == 0 else 1) * (i + 1) for i in range(n)]
def wilcoxon_exact_by_subset_counts(d):
    # too many sign patterns to enumerate at n = 25: count subsets of ranks {1..n} by their sum
    n = len(d)
    plus = sum(i + 1 for i, x in enumerate(sorted(d, key=abs)) if x > 0)
    stat = min(plus, n * (n + 1) // 2 - plus)
    counts = {0: 1}
    for rank in range(1, n + 1):
        nxt = dict(counts)
        for s, c in counts.items():
            nxt[s + rank] = nxt.get(s + rank, 0) + c
        counts = nxt
    return stat, 2 * sum(c for s, c in counts.items() if s <= stat) / 2 ** n
print("wilcoxon exact n=25:", wilcoxon_exact_by_subset_counts(shifted(25)))
print("wilcoxon normal n=26:", wilcoxon_normal(shifted(26), [0] * 26))
