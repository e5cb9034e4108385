import { MinCostHeap } from './min-cost-heap.ts';

/** Candidate edges, row by row: the edges of row r are start[r] .. start[r + 1]. */
export type CandidateGraph = {
  rowStart: Int32Array;
  edgeColumn: Int32Array;
  /** bigM + score: one more match always outweighs any difference in score. */
  edgeWeight: Float64Array;
};

export const FREE = -1;
export const UNMATCHED = -2;

/**
 * Exact max-weight b-matching of rows (first-timers) to columns (volunteers with free slots) on
 * a sparse candidate graph, as a min-cost flow solved by successive shortest paths (Dijkstra on
 * reduced costs). A column's k-th slot costs `slotBase + extraSlot × (k − 1)`; costs increase,
 * so slots fill in order and only a column's next and last slot matter. A row may also stay
 * unmatched through an arc of weight 0 to the sink.
 *
 * The duals are kept at all times: `rowValue[r] + price[c] ≥ weight(r, c)` on every candidate
 * edge with equality on matched ones, `rowValue[r] = sinkPotential` for an unmatched row, and a
 * column's price lies between the costs of its last used and next free slot (relative to the
 * sink). Any edge outside the graph that also satisfies the first inequality cannot improve the
 * answer, which is how the caller proves the optimum over all pairs.
 */
export class SlotAssignment {
  readonly rowColumn: Int32Array;
  readonly rowValue: Float64Array;
  readonly price: Float64Array;
  sinkPotential = 0;

  private graph: CandidateGraph;
  private readonly used: Int32Array;
  private readonly assignedCount: Int32Array;
  private readonly columnRowStart: Int32Array;
  private readonly columnRows: Int32Array;
  private readonly rowSlot: Int32Array;
  private sinkDemand: number;

  private readonly dist: Float64Array;
  private readonly done: Uint8Array;
  private readonly rowDist: Float64Array;
  private phase = 0;
  private sinkMark = 0;
  private readonly rowMark: Int32Array;
  private readonly columnMark: Int32Array;
  private readonly stackNodes: Int32Array;
  private readonly stackCursor: Int32Array;
  private readonly touched: number[] = [];
  private readonly doneNodes: number[] = [];
  private readonly visitedRows: number[] = [];
  private readonly heap: MinCostHeap;

  constructor(
    readonly rowCount: number,
    readonly columnCount: number,
    private readonly capacity: Int32Array,
    private readonly slotBase: Float64Array,
    private readonly extraSlot: number,
    graph: CandidateGraph,
  ) {
    this.graph = graph;
    this.rowColumn = new Int32Array(rowCount).fill(FREE);
    this.rowValue = new Float64Array(rowCount);
    // a fresh column is priced at its first slot's cost, so taking that slot is a tight step
    this.price = Float64Array.from(slotBase);
    this.used = new Int32Array(columnCount);
    this.assignedCount = new Int32Array(columnCount);
    this.columnRowStart = new Int32Array(columnCount + 1);
    for (let c = 0; c < columnCount; c++) this.columnRowStart[c + 1] = this.columnRowStart[c]! + capacity[c]!;
    this.columnRows = new Int32Array(this.columnRowStart[columnCount]!);
    this.rowSlot = new Int32Array(rowCount);
    this.sinkDemand = rowCount;
    this.dist = new Float64Array(columnCount + 1).fill(Infinity);
    this.done = new Uint8Array(columnCount + 1);
    this.rowDist = new Float64Array(rowCount);
    this.heap = new MinCostHeap(1024);
    this.rowMark = new Int32Array(rowCount);
    this.columnMark = new Int32Array(columnCount);
    this.stackNodes = new Int32Array(rowCount + columnCount + 2);
    this.stackCursor = new Int32Array(rowCount + columnCount + 2);
  }

  /**
   * A cheap, dual-feasible start: each row in turn takes its best column when that column has
   * room and the duals allow it. An empty column takes it at its current price. A column that
   * already holds rows takes it in its next slot only if raising its price to that slot's cost
   * keeps every row involved on a best edge: the newcomer's best beats its second best by the
   * raise, and so does each row already there (their second bests, noted when they were placed,
   * can only have fallen since, as prices only rise). Rows left over stay free for the search.
   */
  assignGreedily(): void {
    const { rowStart, edgeColumn, edgeWeight } = this.graph;
    const second = new Float64Array(this.rowCount);
    for (let r = 0; r < this.rowCount; r++) {
      let best = -Infinity;
      let runnerUp = this.sinkPotential;
      let bestColumn = -1;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        const value = edgeWeight[e]! - this.price[edgeColumn[e]!]!;
        if (value > best) {
          if (best > runnerUp) runnerUp = best;
          best = value;
          bestColumn = edgeColumn[e]!;
        } else if (value > runnerUp) {
          runnerUp = value;
        }
      }
      if (bestColumn < 0 || best <= this.sinkPotential) {
        this.rowValue[r] = this.sinkPotential;
        this.rowColumn[r] = UNMATCHED;
        this.sinkDemand--;
        continue;
      }
      const c = bestColumn;
      if (this.used[c]! >= this.capacity[c]!) continue;
      const raise = this.used[c] === 0 ? 0 : this.nextSlotCost(c) - this.price[c]!;
      if (best - raise < runnerUp) continue;
      if (raise > 0) {
        const start = this.columnRowStart[c]!;
        const end = start + this.assignedCount[c]!;
        let fits = true;
        for (let k = start; k < end && fits; k++) {
          const held = this.columnRows[k]!;
          fits = this.rowValue[held]! - raise >= second[held]!;
        }
        if (!fits) continue;
        for (let k = start; k < end; k++) this.rowValue[this.columnRows[k]!]! -= raise;
        this.price[c]! += raise;
      }
      this.rowValue[r] = best - raise;
      second[r] = runnerUp;
      this.used[c]! += 1;
      this.insertRow(c, r);
      this.rowColumn[r] = c;
      this.sinkDemand--;
    }
  }

  /**
   * Routes every free row; afterwards the flow is optimal on the graph. Works in phases: one
   * Dijkstra from all free rows at once finds the shortest augmenting distance and moves the
   * potentials, then depth-first search augments along as many disjoint zero-cost paths as it
   * finds — many rows per phase instead of one search per row.
   */
  augmentFreeRows(): void {
    const free: number[] = [];
    for (;;) {
      free.length = 0;
      for (let r = 0; r < this.rowCount; r++) if (this.rowColumn[r] === FREE) free.push(r);
      if (free.length === 0) return;
      this.phase++;
      this.searchShortestDistance(free);
      for (const r of free) this.augmentAlongTightPath(r);
    }
  }

  /**
   * Swaps in a graph with more edges and frees each listed row whose new edges break dual
   * feasibility: its value rises to cover them, so its old edge is no longer tight.
   */
  extendGraph(graph: CandidateGraph, rows: Iterable<number>): void {
    this.graph = graph;
    const { rowStart, edgeColumn, edgeWeight } = graph;
    for (const r of rows) {
      let value = this.sinkPotential;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        value = Math.max(value, edgeWeight[e]! - this.price[edgeColumn[e]!]!);
      }
      if (value <= this.rowValue[r]!) continue;
      this.rowValue[r] = value;
      const column = this.rowColumn[r]!;
      if (column >= 0) {
        this.removeRow(column, r);
        // give the slot back only where its cost still fits the price; otherwise the column
        // keeps it empty and waits, as a deficit, for a shortest path to fill it
        if (this.lastSlotCost(column) - this.price[column]! - this.sinkPotential >= 0) {
          this.used[column]! -= 1;
          this.sinkDemand++;
        }
      } else if (column === UNMATCHED) {
        this.sinkDemand++;
      }
      this.rowColumn[r] = FREE;
    }
  }

  private nextSlotCost(c: number): number {
    return this.slotBase[c]! + this.extraSlot * this.used[c]!;
  }

  private lastSlotCost(c: number): number {
    return this.slotBase[c]! + this.extraSlot * (this.used[c]! - 1);
  }

  private insertRow(c: number, r: number): void {
    const slot = this.columnRowStart[c]! + this.assignedCount[c]!;
    this.columnRows[slot] = r;
    this.rowSlot[r] = slot;
    this.assignedCount[c]! += 1;
  }

  private removeRow(c: number, r: number): void {
    const last = this.columnRowStart[c]! + --this.assignedCount[c]!;
    const slot = this.rowSlot[r]!;
    const moved = this.columnRows[last]!;
    this.columnRows[slot] = moved;
    this.rowSlot[moved] = slot;
  }

  private relax(node: number, key: number): void {
    if (this.dist[node] === Infinity) this.touched.push(node);
    this.dist[node] = key;
    this.heap.push(key, node);
  }

  private visitRow(r: number, distance: number): void {
    const { rowStart, edgeColumn, edgeWeight } = this.graph;
    const { dist, done, price } = this;
    this.rowDist[r] = distance;
    this.visitedRows.push(r);
    const base = distance + this.rowValue[r]!;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const c = edgeColumn[e]!;
      if (done[c] === 1) continue;
      const key = base + price[c]! - edgeWeight[e]!;
      if (key < dist[c]!) this.relax(c, key);
    }
    if (this.rowColumn[r] !== UNMATCHED) {
      const key = base - this.sinkPotential;
      const sink = this.columnCount;
      if (key < dist[sink]! && done[sink] === 0) this.relax(sink, key);
    }
  }

  private searchShortestDistance(sources: number[]): void {
    const { rowStart, edgeColumn, edgeWeight } = this.graph;
    const sink = this.columnCount;
    const { dist, done, price, heap } = this;
    heap.clear();
    for (const source of sources) {
      let value = this.sinkPotential;
      for (let e = rowStart[source]!; e < rowStart[source + 1]!; e++) {
        value = Math.max(value, edgeWeight[e]! - price[edgeColumn[e]!]!);
      }
      this.rowValue[source] = value;
      this.visitRow(source, 0);
    }
    let distance = -1;
    while (heap.size > 0) {
      const key = heap.topKey();
      const node = heap.pop();
      if (done[node] === 1 || key > dist[node]!) continue;
      done[node] = 1;
      this.doneNodes.push(node);
      if (node === sink) {
        if (this.sinkDemand > 0) {
          distance = key;
          break;
        }
        this.relaxFromSink(key);
        continue;
      }
      if (this.used[node]! > this.assignedCount[node]!) {
        distance = key;
        break;
      }
      if (this.used[node]! < this.capacity[node]!) {
        const sinkKey = key + this.nextSlotCost(node) - price[node]! - this.sinkPotential;
        if (sinkKey < dist[sink]! && done[sink] === 0) {
          this.relax(sink, sinkKey);
        }
      }
      const start = this.columnRowStart[node]!;
      const end = start + this.assignedCount[node]!;
      for (let k = start; k < end; k++) this.visitRow(this.columnRows[k]!, key);
    }
    if (distance < 0) throw new Error('matcher: no augmenting path (internal error)');
    this.updatePotentials(distance);
    this.resetSearch();
  }

  /** Depth-first search over zero-reduced-cost arcs only; augments and returns true when it reaches a sink. */
  private augmentAlongTightPath(source: number): boolean {
    const { rowStart, edgeColumn, edgeWeight } = this.graph;
    const sink = this.columnCount;
    const rowNodeBase = sink + 1;
    const { price, rowValue, phase } = this;
    const stack = this.stackNodes;
    const cursor = this.stackCursor;
    let depth = 0;
    stack[0] = rowNodeBase + source;
    cursor[0] = 0;
    this.rowMark[source] = phase;
    while (depth >= 0) {
      const node = stack[depth]!;
      let next = -1;
      if (node > sink) {
        const r = node - rowNodeBase;
        const first = rowStart[r]!;
        const count = rowStart[r + 1]! - first;
        const base = rowValue[r]!;
        while (cursor[depth]! < count) {
          const e = first + cursor[depth]!++;
          const c = edgeColumn[e]!;
          if (this.columnMark[c] !== phase && base + price[c]! - edgeWeight[e]! === 0) {
            next = c;
            break;
          }
        }
        if (next < 0 && cursor[depth] === count) {
          cursor[depth]!++;
          if (this.rowColumn[r] !== UNMATCHED && base - this.sinkPotential === 0 && this.sinkOpen()) next = sink;
        }
      } else if (node < sink) {
        const c = node;
        if (cursor[depth] === 0) {
          cursor[depth] = 1;
          if (this.used[c]! > this.assignedCount[c]!) return this.applyPathFromStack(depth);
          if (this.used[c]! < this.capacity[c]! && this.nextSlotCost(c) - price[c]! - this.sinkPotential === 0 && this.sinkOpen()) {
            next = sink;
          }
        }
        if (next < 0) {
          const start = this.columnRowStart[c]!;
          while (cursor[depth]! - 1 < this.assignedCount[c]!) {
            const r = this.columnRows[start + cursor[depth]!++ - 1]!;
            if (this.rowMark[r] !== phase) {
              next = rowNodeBase + r;
              break;
            }
          }
        }
      } else {
        // through the sink only while it is full: an empty slot elsewhere or an unmatched row
        while (next < 0 && cursor[depth]! < this.columnCount) {
          const c = cursor[depth]!++;
          if (this.used[c]! > 0 && this.columnMark[c] !== phase && price[c]! + this.sinkPotential - this.lastSlotCost(c) === 0) {
            next = c;
          }
        }
        while (next < 0 && cursor[depth]! < this.columnCount + this.rowCount) {
          const r = cursor[depth]!++ - this.columnCount;
          if (this.rowColumn[r] === UNMATCHED && this.rowMark[r] !== phase) next = rowNodeBase + r;
        }
      }
      if (next < 0) {
        depth--;
        continue;
      }
      if (next === sink && this.sinkDemand > 0) {
        stack[depth + 1] = sink;
        return this.applyPathFromStack(depth + 1);
      }
      if (next === sink) this.sinkMark = phase;
      else if (next < sink) this.columnMark[next] = phase;
      else this.rowMark[next - rowNodeBase] = phase;
      depth++;
      stack[depth] = next;
      cursor[depth] = 0;
    }
    return false;
  }

  private sinkOpen(): boolean {
    return this.sinkDemand > 0 || this.sinkMark !== this.phase;
  }

  private applyPathFromStack(last: number): boolean {
    const path = Array.from(this.stackNodes.subarray(0, last + 1)).reverse();
    this.applyPath(path);
    return true;
  }

  private relaxFromSink(key: number): void {
    const { dist, done, price } = this;
    for (let c = 0; c < this.columnCount; c++) {
      if (this.used[c]! === 0 || done[c] === 1) continue;
      const columnKey = key + price[c]! + this.sinkPotential - this.lastSlotCost(c);
      if (columnKey < dist[c]!) this.relax(c, columnKey);
    }
    for (let r = 0; r < this.rowCount; r++) {
      if (this.rowColumn[r] === UNMATCHED) this.visitRow(r, key);
    }
  }

  private updatePotentials(distance: number): void {
    const sink = this.columnCount;
    for (const node of this.doneNodes) {
      const d = this.dist[node]!;
      if (d >= distance) continue;
      if (node === sink) this.sinkPotential += d - distance;
      else this.price[node]! += distance - d;
    }
    for (const r of this.visitedRows) {
      const d = this.rowDist[r]!;
      if (d < distance) this.rowValue[r]! += d - distance;
    }
  }

  /** `path` runs from the terminal back to the source: columns as c, the sink as columnCount, rows as columnCount + 1 + r. */
  private applyPath(path: number[]): void {
    const sink = this.columnCount;
    const terminal = path[0]!;
    if (terminal === sink) this.sinkDemand--;
    // removals first, so a full column can take its newcomer in the same step
    for (let i = path.length - 1; i > 0; i--) {
      const from = path[i]!;
      const to = path[i - 1]!;
      if (from < sink && to > sink) this.removeRow(from, to - sink - 1);
    }
    for (let i = path.length - 1; i > 0; i--) {
      const from = path[i]!;
      const to = path[i - 1]!;
      if (from > sink) {
        const r = from - sink - 1;
        if (to < sink) {
          this.insertRow(to, r);
          this.rowColumn[r] = to;
        } else {
          this.rowColumn[r] = UNMATCHED;
        }
      } else if (from === sink && to < sink) {
        this.used[to]! -= 1;
      } else if (from < sink && to === sink) {
        this.used[from]! += 1;
      }
    }
  }

  private resetSearch(): void {
    for (const node of this.touched) {
      this.dist[node] = Infinity;
      this.done[node] = 0;
    }
    for (const node of this.doneNodes) this.done[node] = 0;
    this.touched.length = 0;
    this.doneNodes.length = 0;
    this.visitedRows.length = 0;
  }
}
