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

/** Bids the warm start may make per row before it leaves the rest to the exact search. */
const WARM_START_STEPS_PER_ROW = 8;

type BidState = {
  /** each placed row's runner-up value when it was placed */
  runnerUpOf: Float64Array;
  bidders: Int32Array;
  pushedAside: number[];
  budget: number;
};

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
  private sinkCursor = 0;
  private sinkCursorPhase = 0;
  private readonly rowMark: Int32Array;
  private readonly columnMark: Int32Array;
  private readonly stackNodes: Int32Array;
  private readonly stackCursor: Int32Array;
  private readonly touched: number[] = [];
  private readonly doneNodes: number[] = [];
  private readonly visitedRows: number[] = [];
  private readonly heap: MinCostHeap;
  /** the distance being settled, and the nodes found at exactly that distance */
  private level = 0;
  private readonly levelNodes: Int32Array;
  private levelSize = 0;

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
    this.levelNodes = new Int32Array(columnCount + 1);
    this.rowMark = new Int32Array(rowCount);
    this.columnMark = new Int32Array(columnCount);
    this.stackNodes = new Int32Array(rowCount + columnCount + 2);
    this.stackCursor = new Int32Array(rowCount + columnCount + 2);
  }

  /**
   * Jonker–Volgenant's augmenting row reduction, adapted to slots: a dual-feasible start that
   * leaves few rows for the exact search. Each row in turn bids for its best column (value =
   * weight − price; on a tie, a column that takes it without a raise or an eviction). A column
   * with room takes it in its next slot if every row there, the bidder too, can bear the price
   * rising to that slot's cost. Otherwise the rows there and the bidder compete for the slots
   * already used: the one with the least to spare leaves and bids next, and the price rises as
   * far as those who stay can all bear. A row can bear a raise up to its margin over its
   * runner-up, noted when it was placed; prices only rise, so its runner-up can only have
   * fallen since and it stays on a best edge. On a tie nothing can rise: the bidder takes the
   * place of a held row that likes its runner-up as much, and that row bids again after the
   * others, once, as in JV. A budget of steps bounds the whole, as bids that raise prices one
   * unit at a time could otherwise go on for long; rows left over stay free for the search.
   */
  warmStart(): void {
    const state: BidState = {
      runnerUpOf: new Float64Array(this.rowCount),
      bidders: new Int32Array(this.rowCount),
      pushedAside: [],
      budget: WARM_START_STEPS_PER_ROW * this.rowCount,
    };
    for (let r = 0; r < this.rowCount && state.budget > 0; r++) this.bidFrom(r, true, state);
    // as in JV, rows pushed aside on a tie bid once more, and may then stay free
    for (const r of state.pushedAside) if (this.rowColumn[r] === FREE && state.budget > 0) this.bidFrom(r, false, state);
  }

  /** Row `first` bids; a row it pushes out bids straight away, as in JV. */
  private bidFrom(first: number, sideways: boolean, state: BidState): void {
    const { rowStart, edgeColumn, edgeWeight } = this.graph;
    const { price, rowValue, capacity, used } = this;
    const { runnerUpOf, bidders, pushedAside } = state;
    let waiting = 0;
    bidders[waiting++] = first;
    while (waiting > 0) {
      const r = bidders[--waiting]!;
      while (state.budget-- > 0) {
        let best = -Infinity;
        let runnerUp = this.sinkPotential;
        let c = -1;
        let bestEase = 0;
        for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
          const column = edgeColumn[e]!;
          const value = edgeWeight[e]! - price[column]!;
          if (value < best) {
            if (value > runnerUp) runnerUp = value;
            continue;
          }
          const ease = this.ease(column);
          if (value > best || ease > bestEase) {
            if (best > runnerUp) runnerUp = best;
            best = value;
            c = column;
            bestEase = ease;
          } else if (value > runnerUp) {
            runnerUp = value;
          }
        }
        if (c < 0 || best <= this.sinkPotential) {
          rowValue[r] = this.sinkPotential;
          this.rowColumn[r] = UNMATCHED;
          this.sinkDemand--;
          break;
        }
        const weight = best + price[c]!;
        // the highest price at which r would still take c over its runner-up
        const limit = weight - runnerUp;
        const start = this.columnRowStart[c]!;
        const end = start + this.assignedCount[c]!;
        let weakest = -1;
        let weakestLimit = Infinity;
        let keptLimit = Infinity;
        for (let k = start; k < end; k++) {
          const held = this.columnRows[k]!;
          const heldLimit = price[c]! + rowValue[held]! - runnerUpOf[held]!;
          if (heldLimit < weakestLimit) {
            if (weakestLimit < keptLimit) keptLimit = weakestLimit;
            weakestLimit = heldLimit;
            weakest = held;
          } else if (heldLimit < keptLimit) {
            keptLimit = heldLimit;
          }
        }
        // with room the price may rise to the next slot's cost; full, without bound
        const next = used[c]! < capacity[c]! ? this.nextSlotCost(c) - this.sinkPotential : Infinity;
        if (next !== Infinity && Math.min(limit, weakestLimit) >= next) {
          used[c]! += 1;
          this.raisePrice(c, next - price[c]!);
          this.place(r, c, weight, runnerUp, runnerUpOf);
          break;
        }
        if (limit > weakestLimit) {
          this.evict(c, weakest);
          bidders[waiting++] = weakest;
          this.raisePrice(c, Math.min(next, limit, keptLimit) - price[c]!);
          this.place(r, c, weight, runnerUp, runnerUpOf);
          break;
        }
        // r cannot get in: the price rises until its runner-up is at least as good
        const raised = Math.min(next, weakestLimit);
        if (raised > price[c]!) {
          this.raisePrice(c, raised - price[c]!);
          continue;
        }
        // a tie: r takes the place of a held row that likes its own runner-up as much
        if (sideways && weakest >= 0 && limit === weakestLimit) {
          this.evict(c, weakest);
          pushedAside.push(weakest);
          this.place(r, c, weight, runnerUp, runnerUpOf);
        }
        break;
      }
    }
  }

  /** How readily column c takes one more row: 2 at its price, 1 at a higher price, 0 full. */
  private ease(c: number): number {
    if (this.used[c]! >= this.capacity[c]!) return 0;
    return this.nextSlotCost(c) - this.sinkPotential <= this.price[c]! ? 2 : 1;
  }

  /** Raises column c's price; the rows it holds stay tight, each a little worse off. */
  private raisePrice(c: number, raise: number): void {
    if (raise <= 0) return;
    const start = this.columnRowStart[c]!;
    const end = start + this.assignedCount[c]!;
    for (let k = start; k < end; k++) this.rowValue[this.columnRows[k]!]! -= raise;
    this.price[c]! += raise;
  }

  private evict(c: number, r: number): void {
    this.removeRow(c, r);
    this.rowColumn[r] = FREE;
    this.sinkDemand++;
  }

  private place(r: number, c: number, weight: number, runnerUp: number, runnerUpOf: Float64Array): void {
    this.rowValue[r] = weight - this.price[c]!;
    runnerUpOf[r] = runnerUp;
    this.insertRow(c, r);
    this.rowColumn[r] = c;
    this.sinkDemand--;
  }

  /**
   * Routes every free row; afterwards the flow is optimal on the graph. Free rows first follow
   * paths that are already tight (reduced cost zero); when none is left, one Dijkstra from all
   * free rows at once finds the shortest augmenting distance and moves the potentials so that
   * new paths become tight. Depth-first search then augments along as many disjoint tight paths
   * as it finds, pass after pass while a pass finds any (an augmented path can open others
   * through the nodes it used), which costs far less than a new Dijkstra.
   */
  augmentFreeRows(): void {
    const free: number[] = [];
    this.collectFreeRows(free);
    for (const r of free) this.rowValue[r] = this.bestValue(r);
    this.augmentAlongTightPaths(free);
    for (;;) {
      this.collectFreeRows(free);
      if (free.length === 0) return;
      this.searchShortestDistance(free);
      this.augmentAlongTightPaths(free);
    }
  }

  private collectFreeRows(free: number[]): void {
    free.length = 0;
    for (let r = 0; r < this.rowCount; r++) if (this.rowColumn[r] === FREE) free.push(r);
  }

  /** A free row's value: its best edge at current prices, or staying unmatched. */
  private bestValue(r: number): number {
    const { rowStart, edgeColumn, edgeWeight } = this.graph;
    let value = this.sinkPotential;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      value = Math.max(value, edgeWeight[e]! - this.price[edgeColumn[e]!]!);
    }
    return value;
  }

  private augmentAlongTightPaths(free: number[]): void {
    let left = free.length;
    for (;;) {
      this.phase++;
      let found = 0;
      for (const r of free) if (this.rowColumn[r] === FREE && this.augmentAlongTightPath(r)) found++;
      left -= found;
      if (found === 0 || left === 0) return;
    }
  }

  /**
   * Swaps in a graph with more edges and frees each listed row whose new edges break dual
   * feasibility: its value rises to cover them, so its old edge is no longer tight.
   */
  extendGraph(graph: CandidateGraph, rows: Iterable<number>): void {
    this.graph = graph;
    for (const r of rows) {
      const value = this.bestValue(r);
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
    // most arcs are tight (reduced cost 0): those nodes wait on a plain stack, not the heap
    if (key === this.level) this.levelNodes[this.levelSize++] = node;
    else this.heap.push(key, node);
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

  /**
   * Dijkstra from the free rows (their values are set) to the nearest place a path can end.
   * Nodes at the current distance are taken from a stack, the rest from the heap; the order
   * among equal distances changes nothing, as only distances below the final one move the
   * potentials.
   */
  private searchShortestDistance(sources: number[]): void {
    const sink = this.columnCount;
    const { dist, done, price, heap, levelNodes } = this;
    heap.clear();
    this.level = 0;
    this.levelSize = 0;
    for (const source of sources) this.visitRow(source, 0);
    let distance = -1;
    for (;;) {
      let node: number;
      let key: number;
      if (this.levelSize > 0) {
        node = levelNodes[--this.levelSize]!;
        key = this.level;
        if (done[node] === 1) continue;
      } else if (heap.size > 0) {
        key = heap.topKey();
        node = heap.pop();
        if (done[node] === 1 || key > dist[node]!) continue;
        this.level = key;
      } else {
        break;
      }
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
        // through the sink only while it is full: an empty slot elsewhere or an unmatched row;
        // within a pass the sink goes on from where it stopped, not from the first column
        if (cursor[depth] === 0 && this.sinkCursorPhase === phase) cursor[depth] = this.sinkCursor;
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
        this.sinkCursor = cursor[depth]!;
        this.sinkCursorPhase = phase;
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
    // the nodes of the path may carry other paths now (a column's next slot, say); only the
    // dead ends this pass explored stay marked
    const sink = this.columnCount;
    for (const node of path) {
      if (node === sink) this.sinkMark = 0;
      else if (node < sink) this.columnMark[node] = 0;
      else this.rowMark[node - sink - 1] = 0;
    }
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
