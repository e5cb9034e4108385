import type { IndexedInstance } from './indexed-instance.ts';
import { scoreRow } from './score-row.ts';
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
  const volunteerColumn = new Int32Array(index.volunteerCount).fill(-1);
  columnVolunteer.forEach((v, c) => {
    volunteerColumn[v] = c;
  });
  const scores = new Float64Array(index.volunteerCount);
  const cache = createScoreCache(rowCount, index.volunteerCount, problem.maxAbsScore);

  // bound on the score of any eligible pair left out of the graph, per row
  const maxLeftOut = new Float64Array(rowCount).fill(-Infinity);
  const columnLeftOut = new Float64Array(columnCount).fill(-Infinity);
  const candidates = selectCandidates(problem, volunteerColumn, scores, maxLeftOut, columnLeftOut);
  let graph = buildGraph(candidates);
  const assignment = new SlotAssignment(rowCount, columnCount, capacity, slotBase, index.weights.extraSlot, graph);
  assignment.assignGreedily();
  assignment.augmentFreeRows();

  let rounds = 0;
  const isCandidate = new Int32Array(columnCount).fill(-1);
  // max over a row's left-out pairs of (score − price) when it was last scanned; prices never
  // fall, so while the row's threshold stays above this, the row needs no new scan
  const scannedSlack = new Float64Array(rowCount).fill(Infinity);
  for (;;) {
    const grown = findImprovingPairs(problem, assignment, candidates, { maxLeftOut, columnLeftOut, scannedSlack }, volunteerColumn, scores, isCandidate, cache);
    if (grown.length === 0) break;
    rounds++;
    graph = buildGraph(candidates);
    assignment.extendGraph(graph, grown);
    assignment.augmentFreeRows();
  }
  return { rowColumn: assignment.rowColumn, rounds, candidateEdges: graph.edgeColumn.length };

  function selectCandidates(
    { open }: AssignmentProblem,
    volunteerColumnOf: Int32Array,
    rowScores: Float64Array,
    leftOut: Float64Array,
    columnLeftOut: Float64Array,
  ): RowCandidates[] {
    const limit = Math.max(1, Math.min(problem.candidatesPerRow ?? CANDIDATES_PER_ROW, columnCount));
    const topScore = new Float64Array(limit + 1);
    const topVolunteer = new Int32Array(limit + 1);
    // each volunteer's best few first-timers too, so that nobody's less popular buddy is left
    // without edges and the first solve already uses every slot it should
    const perColumn = Math.max(1, Math.min(CANDIDATES_PER_COLUMN, rowCount));
    const columnScore = new Float64Array(index.volunteerCount * perColumn).fill(-Infinity);
    const columnRow = new Int32Array(index.volunteerCount * perColumn).fill(-1);
    const columnFloor = new Float64Array(index.volunteerCount).fill(-Infinity);
    const volunteerLeftOut = new Float64Array(index.volunteerCount).fill(-Infinity);
    const volunteerCount = index.volunteerCount;
    const result: RowCandidates[] = new Array(rowCount);
    for (let r = 0; r < rowCount; r++) {
      scoreRow(index, rowFirstTimer[r]!, open, rowScores);
      if (cache) storeRow(cache, r, rowScores);
      let size = 0;
      let bestLeftOut = -Infinity;
      for (let v = 0; v < volunteerCount; v++) {
        const score = rowScores[v]!;
        if (score === -Infinity) continue;
        if (score > columnFloor[v]!) {
          const dropped = insertIntoColumn(columnScore, columnRow, v * perColumn, perColumn, score, r);
          columnFloor[v] = columnScore[v * perColumn + perColumn - 1]!;
          if (dropped > volunteerLeftOut[v]!) volunteerLeftOut[v] = dropped;
        } else if (score > volunteerLeftOut[v]!) {
          volunteerLeftOut[v] = score;
        }
        if (size === limit) {
          // ties keep the earlier volunteer: input order breaks them, deterministically
          if (score <= topScore[limit - 1]!) {
            if (score > bestLeftOut) bestLeftOut = score;
            continue;
          }
          if (topScore[limit - 1]! > bestLeftOut) bestLeftOut = topScore[limit - 1]!;
          size--;
        }
        let at = size++;
        while (at > 0 && topScore[at - 1]! < score) {
          topScore[at] = topScore[at - 1]!;
          topVolunteer[at] = topVolunteer[at - 1]!;
          at--;
        }
        topScore[at] = score;
        topVolunteer[at] = v;
      }
      leftOut[r] = bestLeftOut;
      const columns: number[] = [];
      const weights: number[] = [];
      for (let k = 0; k < size; k++) {
        columns.push(volunteerColumnOf[topVolunteer[k]!]!);
        weights.push(bigM + topScore[k]!);
      }
      result[r] = { columns, weights };
    }
    const present = new Int32Array(columnCount).fill(-1);
    for (let v = 0; v < volunteerCount; v++) {
      const c = volunteerColumnOf[v]!;
      if (c < 0) continue;
      columnLeftOut[c] = volunteerLeftOut[v]!;
      for (let k = 0; k < perColumn; k++) {
        const r = columnRow[v * perColumn + k]!;
        if (r < 0) break;
        const row = result[r]!;
        // a pair already among the row's own candidates is not added twice
        if (present[c] !== r && !row.columns.includes(c)) {
          row.columns.push(c);
          row.weights.push(bigM + columnScore[v * perColumn + k]!);
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
  volunteerColumn: Int32Array,
  scores: Float64Array,
  isCandidate: Int32Array,
  cache: ScoreCache | undefined,
): number[] {
  const { index, bigM, rowFirstTimer, open } = problem;
  const { rowValue, price } = assignment;
  const bound = createLeftOutBound(columnLeftOut, price);
  const grown: number[] = [];
  const worstSlack: number[] = [];
  const worstColumn: number[] = [];
  for (let r = 0; r < candidates.length; r++) {
    const threshold = rowValue[r]! - bigM;
    if (scannedSlack[r]! <= threshold || bound(maxLeftOut[r]!) <= threshold) continue;
    const row = candidates[r]!;
    for (const c of row.columns) isCandidate[c] = r;
    if (cache) loadRow(cache, r, scores);
    else scoreRow(index, rowFirstTimer[r]!, open, scores);
    worstSlack.length = 0;
    worstColumn.length = 0;
    let bestLeftOut = -Infinity;
    let bestGain = -Infinity;
    for (let v = 0; v < index.volunteerCount; v++) {
      const score = scores[v]!;
      if (score === -Infinity) continue;
      const c = volunteerColumn[v]!;
      if (isCandidate[c] === r) continue;
      const slack = threshold + price[c]! - score;
      if (slack >= 0) {
        if (score > bestLeftOut) bestLeftOut = score;
        if (score - price[c]! > bestGain) bestGain = score - price[c]!;
        continue;
      }
      // keep the most violated pairs; the rest stay left out and bound the next check
      let at = worstSlack.length;
      if (at === ADDED_PER_ROW_AND_ROUND) {
        if (slack >= worstSlack[at - 1]!) {
          if (score > bestLeftOut) bestLeftOut = score;
          if (score - price[c]! > bestGain) bestGain = score - price[c]!;
          continue;
        }
        const droppedColumn = worstColumn[at - 1]!;
        const droppedScore = scores[problem.columnVolunteer[droppedColumn]!]!;
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
    maxLeftOut[r] = bestLeftOut;
    scannedSlack[r] = bestGain;
    if (worstColumn.length === 0) continue;
    for (const c of worstColumn) {
      row.columns.push(c);
      row.weights.push(bigM + scores[problem.columnVolunteer[c]!]!);
    }
    grown.push(r);
  }
  return grown;
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

function storeRow({ width, ineligible, cells }: ScoreCache, r: number, scores: Float64Array): void {
  const base = r * width;
  for (let v = 0; v < width; v++) {
    const score = scores[v]!;
    cells[base + v] = score === -Infinity ? ineligible : score;
  }
}

function loadRow({ width, ineligible, cells }: ScoreCache, r: number, scores: Float64Array): void {
  const base = r * width;
  for (let v = 0; v < width; v++) {
    const score = cells[base + v]!;
    scores[v] = score === ineligible ? -Infinity : score;
  }
}
