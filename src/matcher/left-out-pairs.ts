import type { ColumnScorer } from './column-scorer.ts';

/** The candidates of one row: columns and their edge weights (bigM + score), in the same order. */
export type RowCandidates = { columns: number[]; weights: number[] };

/**
 * Every row's scores, kept from the first pass so that checking the duals costs a read per
 * pair rather than a new scoring. Small integers fit a byte (default weights score at most
 * about 60); -128 or -32768 marks a pair that is ineligible or already a candidate. Without a
 * small range there is no cache and rows are scored again.
 */
export type ScoreCache = { width: number; ineligible: number; cells: Int8Array | Int16Array };

const CACHE_LIMIT_BYTES = 600 * 1024 * 1024;

export function createScoreCache(rows: number, width: number, maxAbsScore: number): ScoreCache | undefined {
  if (maxAbsScore <= 127 && rows * width <= CACHE_LIMIT_BYTES) {
    return { width, ineligible: -128, cells: new Int8Array(rows * width) };
  }
  if (maxAbsScore <= 32767 && rows * width * 2 <= CACHE_LIMIT_BYTES) {
    return { width, ineligible: -32768, cells: new Int16Array(rows * width) };
  }
  return undefined;
}

/** Left-out pairs remembered per row at its last scan: the best few, by score − price. */
const WATCHED = 16;
/**
 * At most this many pairs join a row's candidates per round, the most violated first: every
 * violated watched pair, as a pair held back costs a whole further round of check and re-solve
 * far more often than its edge costs the search (at 20,000 × 10,000: 6 rounds instead of 7, and
 * 1,022 rows growing after the first round instead of 1,908).
 */
const ADDED_PER_ROW_AND_ROUND = WATCHED;

type Problem = { bigM: number; rowFirstTimer: Int32Array };

/**
 * The pricing step of the exact solve: every eligible pair outside the candidate graph is
 * checked against the duals of the graph's optimum. (f, v) could improve the solution only if
 * score(f, v) − price(v) > rowValue(f) − bigM; such pairs join the graph, and when there are
 * none, linear-programming duality proves the answer optimal over all pairs.
 *
 * A full scan of a row keeps its best few left-out pairs by score − price, and a bound on all
 * the others. Prices only rise, so until the row's threshold falls below that bound, checking
 * the few it kept is as good as scanning the row again. A scan visits the columns from the
 * cheapest and stops where even the row's best left-out score could not make the list.
 */
export class LeftOutPairs {
  private readonly watchColumn: Int32Array;
  private readonly watchScore: Float64Array;
  private readonly watchCount: Uint8Array;
  /** no left-out pair of the row outside its watch list scores more than this minus its price */
  private readonly restGain: Float64Array;
  /** columns from the cheapest, and their prices: a row's scan stops where no price is low enough */
  private readonly byPrice: Int32Array;
  private readonly sortedPrice: Float64Array;
  private readonly top = { gain: new Float64Array(WATCHED), column: new Int32Array(WATCHED), score: new Float64Array(WATCHED), count: 0 };

  constructor(
    private readonly problem: Problem,
    columnCount: number,
    private readonly scorer: ColumnScorer,
    private readonly cache: ScoreCache | undefined,
    private readonly candidates: RowCandidates[],
    /** per row, no left-out pair scores more */
    private readonly rowBound: Float64Array,
  ) {
    const rows = candidates.length;
    this.byPrice = Int32Array.from({ length: columnCount }, (_, c) => c);
    this.sortedPrice = new Float64Array(columnCount);
    this.watchColumn = new Int32Array(rows * WATCHED);
    this.watchScore = new Float64Array(rows * WATCHED);
    this.watchCount = new Uint8Array(rows);
    this.restGain = new Float64Array(rows).fill(Infinity);
    if (cache) {
      candidates.forEach((row, r) => {
        for (const c of row.columns) cache.cells[r * cache.width + c] = cache.ineligible;
      });
    }
  }

  /** Adds the pairs that violate the duals to the candidates; returns the rows that got any. */
  addImprovingPairs(rowValue: Float64Array, price: Float64Array): number[] {
    const { byPrice, sortedPrice } = this;
    byPrice.sort((a, b) => price[a]! - price[b]! || a - b);
    for (let i = 0; i < byPrice.length; i++) sortedPrice[i] = price[byPrice[i]!]!;
    const grown: number[] = [];
    for (let r = 0; r < this.candidates.length; r++) {
      const threshold = rowValue[r]! - this.problem.bigM;
      if (this.restGain[r]! > threshold) this.scan(r, price);
      if (this.addViolated(r, threshold, price)) grown.push(r);
    }
    return grown;
  }

  private scan(r: number, price: Float64Array): void {
    const { cache, top } = this;
    if (cache) {
      this.restGain[r] = scanRow(cache.cells, r * cache.width, cache.ineligible, this.byPrice, this.sortedPrice, this.rowBound[r]!, top);
    } else {
      const scores = this.scorer.score(this.problem.rowFirstTimer[r]!);
      for (const c of this.candidates[r]!.columns) scores[c] = -Infinity;
      this.restGain[r] = scanRow(scores, 0, -Infinity, this.byPrice, this.sortedPrice, this.rowBound[r]!, top);
    }
    const base = r * WATCHED;
    this.watchColumn.set(top.column.subarray(0, top.count), base);
    this.watchScore.set(top.score.subarray(0, top.count), base);
    this.watchCount[r] = top.count;
  }

  /** Moves the row's most violated watched pairs into its candidates. */
  private addViolated(r: number, threshold: number, price: Float64Array): boolean {
    const base = r * WATCHED;
    const count = this.watchCount[r]!;
    const { watchScore, watchColumn } = this;
    let violated = false;
    for (let k = 0; k < count && !violated; k++) violated = watchScore[base + k]! - price[watchColumn[base + k]!]! > threshold;
    if (!violated) return false;
    const gainOf = (k: number) => watchScore[base + k]! - price[watchColumn[base + k]!]!;
    const order = Array.from({ length: count }, (_, k) => k).filter((k) => gainOf(k) > threshold);
    // most violated first; a stable sort keeps the earlier watched pair on a tie
    order.sort((a, b) => gainOf(b) - gainOf(a));
    const added = new Set(order.slice(0, ADDED_PER_ROW_AND_ROUND));
    const row = this.candidates[r]!;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const c = this.watchColumn[base + k]!;
      const score = this.watchScore[base + k]!;
      if (added.has(k)) {
        row.columns.push(c);
        row.weights.push(this.problem.bigM + score);
        if (this.cache) this.cache.cells[r * this.cache.width + c] = this.cache.ineligible;
        continue;
      }
      this.watchColumn[base + kept] = c;
      this.watchScore[base + kept] = score;
      kept++;
    }
    this.watchCount[r] = kept;
    return true;
  }
}

type TopList = { gain: Float64Array; column: Int32Array; score: Float64Array; count: number };

/**
 * One pass over a row's left-out pairs, from the cheapest column: fills `top` with the best
 * by score − price (the cheaper, then the earlier column first on a tie) and returns a bound
 * on the gain of every other one. No left-out pair scores more than `rowBound`, so the pass
 * stops at the first price that leaves no gain above the bound. `ineligible` marks pairs
 * that are not left out; the common case is one subtraction and one comparison.
 */
function scanRow(
  cells: ArrayLike<number>,
  base: number,
  ineligible: number,
  byPrice: Int32Array,
  sortedPrice: Float64Array,
  rowBound: number,
  top: TopList,
): number {
  const { gain: topGain, column: topColumn, score: topScore } = top;
  const capacity = topGain.length;
  const columnCount = byPrice.length;
  let count = 0;
  let rest = -Infinity;
  // the row is read in price order, out of memory order: one pass in order first brings it
  // into the cache, where the reads in price order then find it
  let touched = 0;
  for (let c = 0; c < columnCount; c += 64) touched += cells[base + c]!;
  if (touched === Infinity) return rest;
  for (let i = 0; i < columnCount; i++) {
    const price = sortedPrice[i]!;
    if (rowBound - price <= rest) break;
    const c = byPrice[i]!;
    const score = cells[base + c]!;
    const gain = score - price;
    if (gain <= rest || score === ineligible) continue;
    if (count === capacity) {
      const last = topGain[capacity - 1]!;
      if (gain <= last) {
        rest = gain;
        continue;
      }
      rest = last;
      count--;
    }
    let at = count++;
    while (at > 0 && topGain[at - 1]! < gain) {
      topGain[at] = topGain[at - 1]!;
      topColumn[at] = topColumn[at - 1]!;
      topScore[at] = topScore[at - 1]!;
      at--;
    }
    topGain[at] = gain;
    topColumn[at] = c;
    topScore[at] = score;
  }
  top.count = count;
  return rest;
}
