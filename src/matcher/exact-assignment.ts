import { ColumnScorer, type ScoreRow } from './column-scorer.ts';
import type { IndexedInstance } from './indexed-instance.ts';
import { LeftOutPairs, createScoreCache, type RowCandidates, type ScoreCache } from './left-out-pairs.ts';
import { SlotAssignment, type CandidateGraph } from './slot-assignment.ts';

type AssignmentProblem = {
  index: IndexedInstance;
  bigM: number;
  /** first-timer index of each row (first-timers not pinned) */
  rowFirstTimer: Int32Array;
  /** volunteer index of each column (volunteers with room left after pins) */
  columnVolunteer: Int32Array;
  /** free slots of each column */
  capacity: Int32Array;
  /** cost of each column's first free slot: its pins already took the cheaper ones */
  slotBase: Float64Array;
  /** no pair scores more than this in absolute value (scaled units) */
  maxAbsScore: number;
  candidatesPerRow?: number;
};

type AssignmentOutcome = {
  /** column of each row, or a negative number for an unmatched row */
  rowColumn: Int32Array;
};

const CANDIDATES_PER_ROW = 16;
const CANDIDATES_PER_COLUMN = 6;

/**
 * Exact lexicographic optimum over all eligible pairs, without a dense matrix: solve on each
 * first-timer's best few volunteers, then check every other eligible pair against the duals of
 * that solution (`LeftOutPairs`). A pair that could improve it joins the graph and the solve
 * resumes; when no pair can, linear-programming duality proves the answer optimal.
 */
export function solveExactAssignment(problem: AssignmentProblem): AssignmentOutcome {
  const { index, rowFirstTimer, columnVolunteer, capacity, slotBase } = problem;
  const scorer = new ColumnScorer(index, columnVolunteer);
  const cache = createScoreCache(rowFirstTimer.length, columnVolunteer.length, problem.maxAbsScore);
  const { candidates, rowBound } = selectCandidates(problem, scorer, cache);
  const assignment = new SlotAssignment(
    rowFirstTimer.length,
    columnVolunteer.length,
    capacity,
    slotBase,
    index.weights.extraSlot,
    buildGraph(candidates),
  );
  assignment.warmStart();
  assignment.augmentFreeRows();
  const leftOut = new LeftOutPairs(problem, columnVolunteer.length, scorer, cache, candidates, rowBound);
  for (;;) {
    const grown = leftOut.addImprovingPairs(assignment.rowValue, assignment.price);
    if (grown.length === 0) break;
    assignment.extendGraph(buildGraph(candidates), grown);
    assignment.augmentFreeRows();
  }
  return { rowColumn: assignment.rowColumn };
}

/**
 * Each row's best few columns, and each column's best few rows too, so that nobody's less
 * popular buddy is left without edges and the first solve already uses every slot it should.
 * Rows are scored into the cache in the same pass.
 */
function selectCandidates(
  problem: AssignmentProblem,
  scorer: ColumnScorer,
  cache: ScoreCache | undefined,
): { candidates: RowCandidates[]; rowBound: Float64Array } {
  const { bigM, rowFirstTimer } = problem;
  const rowCount = rowFirstTimer.length;
  const columnCount = problem.columnVolunteer.length;
  const limit = Math.max(1, Math.min(problem.candidatesPerRow ?? CANDIDATES_PER_ROW, columnCount));
  const topScore = new Float64Array(limit);
  const topColumn = new Int32Array(limit);
  const perColumn = Math.max(1, Math.min(CANDIDATES_PER_COLUMN, rowCount));
  // rows are scored straight into the cache, or into a scratch row without one; the lists
  // start at the ineligible mark, so one comparison per list both skips those pairs and
  // keeps the list's best
  const cells: ScoreRow = cache ? cache.cells : scorer.scores;
  const ineligible = cache ? cache.ineligible : -Infinity;
  const columnScore = new Float64Array(columnCount * perColumn).fill(ineligible);
  const columnRow = new Int32Array(columnCount * perColumn).fill(-1);
  const columnFloor = new Float64Array(columnCount).fill(ineligible);
  const result: RowCandidates[] = new Array(rowCount);
  // every pair left out of a row's list scores at most its last entry's score
  const rowBound = new Float64Array(rowCount).fill(-Infinity);
  for (let r = 0; r < rowCount; r++) {
    const base = cache ? r * columnCount : 0;
    scorer.scoreInto(rowFirstTimer[r]!, cells, base, ineligible);
    let size = 0;
    let floor = ineligible;
    for (let c = 0; c < columnCount; c++) {
      const score = cells[base + c]!;
      if (score > columnFloor[c]!) {
        insertIntoColumn(columnScore, columnRow, c * perColumn, perColumn, score, r);
        columnFloor[c] = columnScore[c * perColumn + perColumn - 1]!;
      }
      // ties keep the earlier volunteer: input order breaks them, deterministically
      if (score <= floor) continue;
      let at = size < limit ? size++ : limit - 1;
      while (at > 0 && topScore[at - 1]! < score) {
        topScore[at] = topScore[at - 1]!;
        topColumn[at] = topColumn[at - 1]!;
        at--;
      }
      topScore[at] = score;
      topColumn[at] = c;
      if (size === limit) floor = topScore[limit - 1]!;
    }
    if (size === limit) rowBound[r] = floor;
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
  return { candidates: result, rowBound };
}

/** Inserts (score, row) into a descending list of fixed length, dropping its last entry. */
function insertIntoColumn(scores: Float64Array, rows: Int32Array, start: number, length: number, score: number, row: number): void {
  let at = start + length - 1;
  while (at > start && scores[at - 1]! < score) {
    scores[at] = scores[at - 1]!;
    rows[at] = rows[at - 1]!;
    at--;
  }
  scores[at] = score;
  rows[at] = row;
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
