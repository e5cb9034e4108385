import type { IndexedInstance } from './indexed-instance.ts';
import { ColumnScorer } from './column-scorer.ts';
import { SlotAssignment, type CandidateGraph } from './slot-assignment.ts';

export type AssignmentProblem = {
  index: IndexedInstance;
  bigM: number;
  /** first-timer index of each row (first-timers not pinned) */
  rowFirstTimer: Int32Array;
  /** volunteer index of each column (volunteers with room left after pins) */
  columnVolunteer: Int32Array;
  /** 1 for a volunteer that is a column */
  open: Uint8Array;
  /** free slots of each column */
  capacity: Int32Array;
  /** cost of each column's first free slot: its pins already took the cheaper ones */
  slotBase: Float64Array;
  /** no pair scores more than this in absolute value (scaled units) */
  maxAbsScore: number;
  candidatesPerRow?: number;
};

export type AssignmentOutcome = {
  /** column of each row, or a negative number for an unmatched row */
  rowColumn: Int32Array;
  /** how many times the candidate graph had to grow before the optimum was proven */
  rounds: number;
  candidateEdges: number;
};

const CANDIDATES_PER_ROW = 16;
const CANDIDATES_PER_COLUMN = 6;
const ADDED_PER_ROW_AND_ROUND = 8;

type RowCandidates = { columns: number[]; weights: number[] };

/**
 * Exact lexicographic optimum over all eligible pairs, without a dense matrix: solve on each
 * first-timer's best few volunteers, then check every other eligible pair against the duals of
 * that solution. A pair that could improve it joins the graph and the solve resumes; when no
 * pair can, linear-programming duality proves the answer optimal for the full instance.
 */
export function solveExactAssignment(problem: AssignmentProblem): AssignmentOutcome {
  const { index, bigM, rowFirstTimer, columnVolunteer, capacity, slotBase } = problem;
  const rowCount = rowFirstTimer.length;
  const columnCount = columnVolunteer.length;
  const scorer = new ColumnScorer(index, columnVolunteer);
  const cache = createScoreCache(rowCount, columnCount, problem.maxAbsScore);

  // bound on the score of any eligible pair left out of the graph, per row
  const maxLeftOut = new Float64Array(rowCount).fill(-Infinity);
  const columnLeftOut = new Float64Array(columnCount).fill(-Infinity);
  const candidates = selectCandidates(maxLeftOut, columnLeftOut);
  let graph = buildGraph(candidates);
  const assignment = new SlotAssignment(rowCount, columnCount, capacity, slotBase, index.weights.extraSlot, graph);
  assignment.warmStart();
  assignment.augmentFreeRows();

  let rounds = 0;
  const isCandidate = new Int32Array(columnCount).fill(-1);
  // max over a row's left-out pairs of (score − price) when it was last scanned; prices never
  // fall, so while the row's threshold stays above this, the row needs no new scan
  const scannedSlack = new Float64Array(rowCount).fill(Infinity);
  for (;;) {
    const grown = findImprovingPairs(problem, assignment, candidates, { maxLeftOut, columnLeftOut, scannedSlack }, scorer, isCandidate, cache);
    if (grown.length === 0) break;
    rounds++;
    graph = buildGraph(candidates);
    assignment.extendGraph(graph, grown);
    assignment.augmentFreeRows();
  }
  return { rowColumn: assignment.rowColumn, rounds, candidateEdges: graph.edgeColumn.length };

  function selectCandidates(leftOut: Float64Array, columnLeftOut: Float64Array): RowCandidates[] {
    const limit = Math.max(1, Math.min(problem.candidatesPerRow ?? CANDIDATES_PER_ROW, columnCount));
    const topScore = new Float64Array(limit + 1);
    const topColumn = new Int32Array(limit + 1);
    // each volunteer's best few first-timers too, so that nobody's less popular buddy is left
    // without edges and the first solve already uses every slot it should
    const perColumn = Math.max(1, Math.min(CANDIDATES_PER_COLUMN, rowCount));
    const columnScore = new Float64Array(columnCount * perColumn).fill(-Infinity);
    const columnRow = new Int32Array(columnCount * perColumn).fill(-1);
    const columnFloor = new Float64Array(columnCount).fill(-Infinity);
    const result: RowCandidates[] = new Array(rowCount);
    // each row's scores go into the cache in the same pass (cache width = column count)
    const cacheCells = cache?.cells;
    const cacheIneligible = cache?.ineligible ?? 0;
    for (let r = 0; r < rowCount; r++) {
      const rowScores = scorer.score(rowFirstTimer[r]!);
      const cacheBase = r * columnCount;
      let size = 0;
      let bestLeftOut = -Infinity;
      let floor = -Infinity;
      for (let c = 0; c < columnCount; c++) {
        const score = rowScores[c]!;
        if (score === -Infinity) {
          if (cacheCells) cacheCells[cacheBase + c] = cacheIneligible;
          continue;
        }
        if (cacheCells) cacheCells[cacheBase + c] = score;
        if (score > columnFloor[c]!) {
          const dropped = insertIntoColumn(columnScore, columnRow, c * perColumn, perColumn, score, r);
          columnFloor[c] = columnScore[c * perColumn + perColumn - 1]!;
          if (dropped > columnLeftOut[c]!) columnLeftOut[c] = dropped;
        } else if (score > columnLeftOut[c]!) {
          columnLeftOut[c] = score;
        }
        if (size === limit) {
          // ties keep the earlier volunteer: input order breaks them, deterministically
          if (score <= floor) {
            if (score > bestLeftOut) bestLeftOut = score;
            continue;
          }
          if (floor > bestLeftOut) bestLeftOut = floor;
          size--;
        }
        let at = size++;
        while (at > 0 && topScore[at - 1]! < score) {
          topScore[at] = topScore[at - 1]!;
          topColumn[at] = topColumn[at - 1]!;
          at--;
        }
        topScore[at] = score;
        topColumn[at] = c;
        if (size === limit) floor = topScore[limit - 1]!;
      }
      leftOut[r] = bestLeftOut;
      const columns: number[] = [];
      const weights: number[] = [];
      for (let k = 0; k < size; k++) {
        columns.push(topColumn[k]!);
        weights.push(bigM + topScore[k]!);
      }
      result[r] = { columns, weights };
    }
    const present = new Int32Array(columnCount).fill(-1);
    for (let c = 0; c < columnCount; c++) {
      for (let k = 0; k < perColumn; k++) {
        const r = columnRow[c * perColumn + k]!;
        if (r < 0) break;
        const row = result[r]!;
        // a pair already among the row's own candidates is not added twice
        if (present[c] !== r && !row.columns.includes(c)) {
          row.columns.push(c);
          row.weights.push(bigM + columnScore[c * perColumn + k]!);
        }
        present[c] = r;
      }
    }
    return result;
  }
}

/** Inserts (score, row) into a descending list of fixed length; returns the score pushed out. */
function insertIntoColumn(scores: Float64Array, rows: Int32Array, start: number, length: number, score: number, row: number): number {
  const dropped = scores[start + length - 1]!;
  let at = start + length - 1;
  while (at > start && scores[at - 1]! < score) {
    scores[at] = scores[at - 1]!;
    rows[at] = rows[at - 1]!;
    at--;
  }
  scores[at] = score;
  rows[at] = row;
  return dropped;
}

function buildGraph(candidates: RowCandidates[]): CandidateGraph {
  const rowStart = new Int32Array(candidates.length + 1);
  candidates.forEach((row, r) => {
    rowStart[r + 1] = rowStart[r]! + row.columns.length;
  });
  const edgeColumn = new Int32Array(rowStart[candidates.length]!);
  const edgeWeight = new Float64Array(edgeColumn.length);
  candidates.forEach((row, r) => {
    edgeColumn.set(row.columns, rowStart[r]!);
    edgeWeight.set(row.weights, rowStart[r]!);
  });
  return { rowStart, edgeColumn, edgeWeight };
}

/**
 * Reduced-cost check of every eligible pair outside the graph: (f, v) could improve the
 * solution only if score(f, v) > (rowValue(f) − bigM) + price(v). Rows whose left-out pairs
 * all score below that bound, even at the lowest price, need no scan at all.
 */
function findImprovingPairs(
  problem: AssignmentProblem,
  assignment: SlotAssignment,
  candidates: RowCandidates[],
  { maxLeftOut, columnLeftOut, scannedSlack }: { maxLeftOut: Float64Array; columnLeftOut: Float64Array; scannedSlack: Float64Array },
  scorer: ColumnScorer,
  isCandidate: Int32Array,
  cache: ScoreCache | undefined,
): number[] {
  const { bigM, rowFirstTimer } = problem;
  const { rowValue, price } = assignment;
  const bound = createLeftOutBound(columnLeftOut, price);
  const grown: number[] = [];
  const worst: WorstPairs = { slack: [], column: [], score: [] };
  for (let r = 0; r < candidates.length; r++) {
    const threshold = rowValue[r]! - bigM;
    if (scannedSlack[r]! <= threshold || bound(maxLeftOut[r]!) <= threshold) continue;
    const row = candidates[r]!;
    for (const c of row.columns) isCandidate[c] = r;
    const found = cache
      ? scanRow(cache.cells, r * cache.width, cache.ineligible, r, threshold, price, isCandidate, worst)
      : scanRow(scorer.score(rowFirstTimer[r]!), 0, -Infinity, r, threshold, price, isCandidate, worst);
    maxLeftOut[r] = found.bestLeftOut;
    scannedSlack[r] = found.bestGain;
    if (worst.column.length === 0) continue;
    for (let k = 0; k < worst.column.length; k++) {
      row.columns.push(worst.column[k]!);
      row.weights.push(bigM + worst.score[k]!);
    }
    grown.push(r);
  }
  return grown;
}

type WorstPairs = { slack: number[]; column: number[]; score: number[] };

/**
 * One row's left-out pairs against the duals: keeps the most violated ones in `worst` (with
 * their scores) and returns the best score and best score − price among those that stay out.
 */
function scanRow(
  scores: ArrayLike<number>,
  base: number,
  ineligible: number,
  r: number,
  threshold: number,
  price: Float64Array,
  isCandidate: Int32Array,
  worst: WorstPairs,
): { bestLeftOut: number; bestGain: number } {
  const worstSlack = worst.slack;
  const worstColumn = worst.column;
  worstSlack.length = 0;
  worstColumn.length = 0;
  let bestLeftOut = -Infinity;
  let bestGain = -Infinity;
  const columnCount = price.length;
  for (let c = 0; c < columnCount; c++) {
    const score = scores[base + c]!;
    if (score === ineligible) continue;
    if (isCandidate[c] === r) continue;
    const gain = score - price[c]!;
    if (gain <= threshold) {
      if (score > bestLeftOut) bestLeftOut = score;
      if (gain > bestGain) bestGain = gain;
      continue;
    }
    const slack = threshold - gain;
    // keep the most violated pairs; the rest stay left out and bound the next check
    let at = worstSlack.length;
    if (at === ADDED_PER_ROW_AND_ROUND) {
      if (slack >= worstSlack[at - 1]!) {
        if (score > bestLeftOut) bestLeftOut = score;
        if (gain > bestGain) bestGain = gain;
        continue;
      }
      const droppedColumn = worstColumn[at - 1]!;
      const droppedScore = scores[base + droppedColumn]!;
      if (droppedScore > bestLeftOut) bestLeftOut = droppedScore;
      if (droppedScore - price[droppedColumn]! > bestGain) bestGain = droppedScore - price[droppedColumn]!;
      at--;
      worstSlack.pop();
      worstColumn.pop();
    }
    worstSlack.push(slack);
    worstColumn.push(c);
    while (at > 0 && worstSlack[at - 1]! > slack) {
      worstSlack[at] = worstSlack[at - 1]!;
      worstColumn[at] = worstColumn[at - 1]!;
      at--;
    }
    worstSlack[at] = slack;
    worstColumn[at] = c;
  }
  worst.score = worstColumn.map((c) => scores[base + c]!);
  return { bestLeftOut, bestGain };
}

/**
 * A pair left out of the graph scores at most min(row's bound, column's bound). For a row
 * bound x this returns max over columns of (min(x, column bound) − price): if that is within
 * the row's threshold, no left-out pair of the row can improve the answer, without scoring it.
 */
function createLeftOutBound(columnLeftOut: Float64Array, price: Float64Array): (rowBound: number) => number {
  const order = Array.from(columnLeftOut.keys()).sort((a, b) => columnLeftOut[a]! - columnLeftOut[b]!);
  const count = order.length;
  const sortedBound = Float64Array.from(order, (c) => columnLeftOut[c]!);
  // best (bound − price) among columns whose bound is below a cut, and lowest price above it
  const prefixBest = new Float64Array(count + 1).fill(-Infinity);
  for (let i = 0; i < count; i++) {
    const c = order[i]!;
    prefixBest[i + 1] = Math.max(prefixBest[i]!, columnLeftOut[c]! - price[c]!);
  }
  const suffixLowestPrice = new Float64Array(count + 1).fill(Infinity);
  for (let i = count - 1; i >= 0; i--) suffixLowestPrice[i] = Math.min(suffixLowestPrice[i + 1]!, price[order[i]!]!);
  return (rowBound) => {
    if (rowBound === -Infinity) return -Infinity;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sortedBound[middle]! < rowBound) low = middle + 1;
      else high = middle;
    }
    return Math.max(prefixBest[low]!, rowBound - suffixLowestPrice[low]!);
  };
}

/**
 * Every row's scores, kept from the first pass so that checking the duals costs a read per
 * pair rather than a new scoring. Small integers fit a byte (default weights score at most
 * about 60); -128 or -32768 marks an ineligible pair. Without a small range there is no cache
 * and rows are scored again.
 */
type ScoreCache = { width: number; ineligible: number; cells: Int8Array | Int16Array };

const CACHE_LIMIT_BYTES = 600 * 1024 * 1024;

function createScoreCache(rows: number, width: number, maxAbsScore: number): ScoreCache | undefined {
  if (maxAbsScore <= 127 && rows * width <= CACHE_LIMIT_BYTES) {
    return { width, ineligible: -128, cells: new Int8Array(rows * width) };
  }
  if (maxAbsScore <= 32767 && rows * width * 2 <= CACHE_LIMIT_BYTES) {
    return { width, ineligible: -32768, cells: new Int16Array(rows * width) };
  }
  return undefined;
}
