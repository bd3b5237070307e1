"""Independent Python transcriptions of the Surjanovic & Bingham definitions
(sfu.ca/~ssurjano), giving the reference values in synthetic.test.ts.
Run: python3 test/bench/synthetic/reference-values.py"""
import math

def branin(x1, x2):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10

def hartmann6(x):
    alpha = [1.0, 1.2, 3.0, 3.2]
    A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
         [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
    return -sum(alpha[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j] * 1e-4) ** 2 for j in range(6))) for i in range(4))

def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1))

def ackley(x):
    d = len(x)
    return -20 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / d)) - math.exp(sum(math.cos(2 * math.pi * v) for v in x) / d) + 20 + math.e

def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    s = math.sin(math.pi * w[0]) ** 2
    s += sum((wi - 1) ** 2 * (1 + 10 * math.sin(math.pi * wi + 1) ** 2) for wi in w[:-1])
    return s + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)

point10 = [0.5 * i - 2 for i in range(10)]  # -2, -1.5, ..., 2.5
print("branin(1, 2) =", repr(branin(1, 2)))
print("branin(-pi, 12.275) =", repr(branin(-math.pi, 12.275)), "branin(9.42478, 2.475) =", repr(branin(9.42478, 2.475)))
print("hartmann6(0.1..0.6) =", repr(hartmann6([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])))
print("hartmann6(optimum) =", repr(hartmann6([0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054])))
print("rosenbrock(point10) =", repr(rosenbrock(point10)))
print("ackley(point10) =", repr(ackley(point10)))
print("levy(point10) =", repr(levy(point10)))
