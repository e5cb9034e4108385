"""Dense baseline for the matcher benchmark: the same instance, scored with numpy and solved
with scipy's linear_sum_assignment on the capacity-expanded matrix, with the same
lexicographic weights (a big constant per match). Prints JSON: matched, objective, timings."""
import json
import sys
import time

start = time.perf_counter()
import numpy as np
from scipy.optimize import linear_sum_assignment

DEFAULTS = {"interests": 3, "sessions": 2, "libraryType": 1, "region": 1, "requested": 10, "extraSlot": 1}


def membership(people, key, index):
    rows, cols = [], []
    for row, person in enumerate(people):
        for item in set(person.get(key) or []):
            if item not in index:
                index[item] = len(index)
            rows.append(row)
            cols.append(index[item])
    return rows, cols


def matrix(people, rows, cols, width):
    result = np.zeros((len(people), max(width, 1)), dtype=np.float32)
    result[rows, cols] = 1
    return result


def codes(people, key, index):
    out = np.full(len(people), -1, dtype=np.int64)
    for row, person in enumerate(people):
        value = person.get(key)
        if value:
            out[row] = index.setdefault(value, len(index))
    return out


with open(sys.argv[1]) as handle:
    instance = json.load(handle)
loaded = time.perf_counter()

firstTimers, volunteers = instance.get("firstTimers", []), instance.get("volunteers", [])
weights = {**DEFAULTS, **instance.get("weights", {})}
nF, nV = len(firstTimers), len(volunteers)
vIndex = {v["id"]: i for i, v in enumerate(volunteers)}
fIndex = {f["id"]: i for i, f in enumerate(firstTimers)}

scores = np.zeros((nF, nV))
for key in ("interests", "sessions"):
    index = {}
    fr, fc = membership(firstTimers, key, index)
    vr, vc = membership(volunteers, key, index)
    shared = matrix(firstTimers, fr, fc, len(index)) @ matrix(volunteers, vr, vc, len(index)).T
    scores += weights[key] * shared
for key in ("libraryType", "region"):
    index = {}
    fcodes, vcodes = codes(firstTimers, key, index), codes(volunteers, key, index)
    scores += weights[key] * ((fcodes[:, None] == vcodes[None, :]) & (fcodes[:, None] >= 0))
for f, person in enumerate(firstTimers):
    for vid in set(person.get("requested") or []):
        if vid in vIndex:
            scores[f, vIndex[vid]] += weights["requested"]

index = {}
fr, fc = membership(firstTimers, "languages", index)
vr, vc = membership(volunteers, "languages", index)
fl, vl = matrix(firstTimers, fr, fc, len(index)), matrix(volunteers, vr, vc, len(index))
eligible = ((fl @ vl.T) > 0) | (fl.sum(1) == 0)[:, None] | (vl.sum(1) == 0)[None, :]
for f, v in instance.get("forbidden", []):
    eligible[fIndex[f], vIndex[v]] = False

pinned = instance.get("pinned", [])
pinnedRows = {fIndex[f] for f, _ in pinned}
pins = np.zeros(nV, dtype=np.int64)
for _, v in pinned:
    pins[vIndex[v]] += 1
free = np.array([f for f in range(nF) if f not in pinnedRows], dtype=np.int64)
capacity = np.array([v.get("capacity", 1) for v in volunteers], dtype=np.int64)
room = np.maximum(np.minimum(capacity, len(free) + pins) - pins, 0)
columnVolunteer = np.repeat(np.arange(nV), room)
slotIndex = np.concatenate([np.arange(r) for r in room]) if nV else np.zeros(0, dtype=np.int64)
slotCost = weights["extraSlot"] * (pins[columnVolunteer] + slotIndex)

maxI = max([len(set(f.get("interests") or [])) for f in firstTimers] + [0])
maxS = max([len(set(f.get("sessions") or [])) for f in firstTimers] + [0])
maxAbs = sum(abs(weights[k]) * m for k, m in (("interests", maxI), ("sessions", maxS))) + sum(
    abs(weights[k]) for k in ("libraryType", "region", "requested"))
maxCap = int(min(capacity.max(initial=0), nF))
bigM = nF * (2 * maxAbs + weights["extraSlot"] * max(0, maxCap - 1)) + 1

profit = bigM + scores[np.ix_(free, columnVolunteer)] - slotCost[None, :]
profit[~eligible[np.ix_(free, columnVolunteer)]] = 0
if profit.shape[1] < profit.shape[0]:
    profit = np.hstack([profit, np.zeros((profit.shape[0], profit.shape[0] - profit.shape[1]))])
scored = time.perf_counter()

rows, cols = linear_sum_assignment(profit, maximize=True)
solved = time.perf_counter()

load = pins.copy()
objective = sum(scores[fIndex[f], vIndex[v]] for f, v in pinned)
matched = len(pinned)
for r, c in zip(rows, cols):
    if profit[r, c] > 0:
        v = columnVolunteer[c]
        matched += 1
        load[v] += 1
        objective += scores[free[r], v]
objective -= float((weights["extraSlot"] * load * (load - 1) / 2).sum())
print(json.dumps({
    "matched": int(matched),
    "objective": float(objective),
    "seconds": {"load": loaded - start, "score": scored - loaded, "solve": solved - scored},
    "shape": list(profit.shape),
}))
