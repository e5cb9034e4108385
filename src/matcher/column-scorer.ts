import { buildLists, type IndexedInstance } from './indexed-instance.ts';

/** A row of scores: the score cache's own row, or a scratch row when there is no cache. */
export type ScoreRow = Int8Array | Int16Array | Float64Array;

/**
 * Scores one first-timer against every column (a volunteer with room) at once, in scaled
 * integer units: the same numbers as `scorePairScaled`, in column order, and `ineligible` for a
 * pair that is not allowed. Its cost is the number of shared items, through posting lists
 * rebuilt over the columns (volunteers without room cost nothing), plus one pass over the
 * columns: library type, region and languages are folded into a per-volunteer profile class,
 * and each first-timer gets one small table of what each class adds. It writes straight into
 * a row of the score cache, a byte per pair when scores are small: partial sums never exceed
 * the largest absolute score, and ineligible pairs are marked after the sums.
 *
 * A few items are held by so many volunteers (the keynote, the most popular interest) that
 * walking their posting lists costs more than the rest together: the costliest eight are
 * instead a bit each in a per-column byte, and each first-timer gets a 256-entry table of
 * what each byte adds, read in the same pass as the profile bonus.
 */
export class ColumnScorer {
  /** a scratch row, for `score(f)` */
  readonly scores: Float64Array;
  private readonly columnClass: Int32Array;
  /** the columns of each profile class (CSR) */
  private readonly classColumnStart: Int32Array;
  private readonly classColumns: Int32Array;
  private readonly classLibraryType: Int32Array;
  private readonly classRegion: Int32Array;
  private readonly classLanguages: Int32Array;
  private readonly classSpeaksAny: Uint8Array;
  private readonly classBonus: Float64Array;
  private readonly classEligible: Uint8Array;
  private readonly volunteerColumn: Int32Array;
  private readonly interestPostingStart: Int32Array;
  private readonly interestPostingColumns: Int32Array;
  private readonly sessionPostingStart: Int32Array;
  private readonly sessionPostingColumns: Int32Array;
  /** the bit of each interest / session in `columnDense`, or -1 for an item walked by its postings */
  private readonly interestDenseBit: Int8Array;
  private readonly sessionDenseBit: Int8Array;
  /** per column, the dense items it holds as bits */
  private readonly columnDense: Uint8Array;
  /** the weight of each dense bit */
  private readonly denseWeight: Float64Array;
  /** what each byte of dense items adds for the first-timer being scored */
  private readonly denseTable = new Float64Array(256);

  constructor(
    private readonly index: IndexedInstance,
    columnVolunteer: Int32Array,
  ) {
    const columnCount = columnVolunteer.length;
    this.scores = new Float64Array(columnCount);
    this.volunteerColumn = new Int32Array(index.volunteerCount).fill(-1);
    columnVolunteer.forEach((v, c) => {
      this.volunteerColumn[v] = c;
    });
    const words = index.languageWords;
    const classes = new Map<string, number>();
    const libraryTypes: number[] = [];
    const regions: number[] = [];
    const languageSets: number[] = [];
    this.columnClass = new Int32Array(columnCount);
    for (let c = 0; c < columnCount; c++) {
      const v = columnVolunteer[c]!;
      const languages = index.volunteerLanguages.subarray(v * words, v * words + words);
      const key = `${index.volunteerLibraryType[v]} ${index.volunteerRegion[v]} ${languages.join(' ')}`;
      let id = classes.get(key);
      if (id === undefined) {
        id = classes.size;
        classes.set(key, id);
        libraryTypes.push(index.volunteerLibraryType[v]!);
        regions.push(index.volunteerRegion[v]!);
        for (const word of languages) languageSets.push(word);
      }
      this.columnClass[c] = id;
    }
    this.classLibraryType = Int32Array.from(libraryTypes);
    this.classRegion = Int32Array.from(regions);
    this.classLanguages = Int32Array.from(languageSets);
    this.classSpeaksAny = Uint8Array.from(libraryTypes, (_, k) => {
      for (let w = 0; w < words; w++) if (this.classLanguages[k * words + w] !== 0) return 1;
      return 0;
    });
    this.classBonus = new Float64Array(classes.size);
    this.classEligible = new Uint8Array(classes.size);
    const columnsOfClass: number[][] = Array.from(classes.values(), () => []);
    this.columnClass.forEach((k, c) => columnsOfClass[k]!.push(c));
    const byClass = buildLists(columnsOfClass);
    this.classColumnStart = byClass.start;
    this.classColumns = byClass.items;
    const interests = this.columnPostings(index.interestPostingStart, index.interestPostingVolunteers);
    this.interestPostingStart = interests.start;
    this.interestPostingColumns = interests.items;
    const sessions = this.columnPostings(index.sessionPostingStart, index.sessionPostingVolunteers);
    this.sessionPostingStart = sessions.start;
    this.sessionPostingColumns = sessions.items;
    this.interestDenseBit = new Int8Array(interests.start.length - 1).fill(-1);
    this.sessionDenseBit = new Int8Array(sessions.start.length - 1).fill(-1);
    this.columnDense = new Uint8Array(columnCount);
    this.denseWeight = new Float64Array(DENSE_BITS);
    this.chooseDenseItems();
  }

  /**
   * Picks the items whose postings cost the most over all first-timers (holders among the
   * columns × first-timers listing them), at most eight, and only while together they cost
   * more per first-timer than the extra read per column they replace with.
   */
  private chooseDenseItems(): void {
    const { index } = this;
    const columnCount = this.columnDense.length;
    type Item = { work: number; bits: Int8Array; item: number; weight: number; postingStart: Int32Array; postingColumns: Int32Array };
    const items: Item[] = [];
    const collect = (
      start: Int32Array,
      listed: Int32Array,
      bits: Int8Array,
      weight: number,
      postingStart: Int32Array,
      postingColumns: Int32Array,
    ) => {
      if (weight === 0) return;
      const listings = new Float64Array(bits.length);
      for (let i = start[0]!; i < start[start.length - 1]!; i++) listings[listed[i]!]! += 1;
      for (let item = 0; item < bits.length; item++) {
        const work = listings[item]! * (postingStart[item + 1]! - postingStart[item]!);
        if (work > 0) items.push({ work, bits, item, weight, postingStart, postingColumns });
      }
    };
    collect(index.interestStart, index.interestItems, this.interestDenseBit, index.weights.interests, this.interestPostingStart, this.interestPostingColumns);
    collect(index.sessionStart, index.sessionItems, this.sessionDenseBit, index.weights.sessions, this.sessionPostingStart, this.sessionPostingColumns);
    // the costliest first; a stable sort keeps interests before sessions on a tie
    items.sort((a, b) => b.work - a.work);
    const chosen = items.slice(0, DENSE_BITS);
    const work = chosen.reduce((sum, item) => sum + item.work, 0);
    if (work <= columnCount * Math.max(1, index.firstTimerCount)) return;
    chosen.forEach(({ bits, item, weight, postingStart, postingColumns }, bit) => {
      bits[item] = bit;
      this.denseWeight[bit] = weight;
      for (let p = postingStart[item]!; p < postingStart[item + 1]!; p++) this.columnDense[postingColumns[p]!]! |= 1 << bit;
    });
  }

  private columnPostings(start: Int32Array, volunteers: Int32Array): { start: Int32Array; items: Int32Array } {
    const itemCount = start.length - 1;
    const columnStart = new Int32Array(itemCount + 1);
    const columns = new Int32Array(volunteers.length);
    let size = 0;
    for (let item = 0; item < itemCount; item++) {
      for (let p = start[item]!; p < start[item + 1]!; p++) {
        const c = this.volunteerColumn[volunteers[p]!]!;
        if (c >= 0) columns[size++] = c;
      }
      columnStart[item + 1] = size;
    }
    return { start: columnStart, items: columns.slice(0, size) };
  }

  /** Adds to `dense` the bits of the dense items first-timer `f` lists. */
  private listDense(start: Int32Array, items: Int32Array, denseBit: Int8Array, f: number, dense: number): number {
    for (let i = start[f]!; i < start[f + 1]!; i++) {
      const bit = denseBit[items[i]!]!;
      if (bit >= 0) dense |= 1 << bit;
    }
    return dense;
  }

  /** Scores first-timer `f` into the scratch row, `-Infinity` for an ineligible pair. */
  score(f: number): Float64Array {
    this.scoreInto(f, this.scores, 0, -Infinity);
    return this.scores;
  }

  /** Scores first-timer `f` into `out[offset …]`, `ineligible` for a pair that is not allowed. */
  scoreInto(f: number, out: ScoreRow, offset: number, ineligible: number): void {
    const { index, volunteerColumn, classBonus, classEligible, columnClass } = this;
    const { weights } = index;
    const columnCount = columnClass.length;
    const libraryType = index.firstTimerLibraryType[f]!;
    const region = index.firstTimerRegion[f]!;
    const words = index.languageWords;
    const mine = index.firstTimerLanguages;
    let speaksAny = false;
    for (let w = 0; w < words; w++) if (mine[f * words + w] !== 0) speaksAny = true;
    const { classLibraryType, classRegion, classLanguages, classSpeaksAny } = this;
    let anyIneligible = false;
    for (let k = 0; k < classBonus.length; k++) {
      let eligible = !speaksAny || classSpeaksAny[k] === 0;
      for (let w = 0; !eligible && w < words; w++) eligible = (classLanguages[k * words + w]! & mine[f * words + w]!) !== 0;
      let bonus = 0;
      if (libraryType >= 0 && classLibraryType[k] === libraryType) bonus += weights.libraryType;
      if (region >= 0 && classRegion[k] === region) bonus += weights.region;
      classBonus[k] = bonus;
      classEligible[k] = eligible ? 1 : 0;
      if (!eligible) anyIneligible = true;
    }
    // the dense items first: which of them the first-timer lists, and what each byte adds
    let dense = this.listDense(index.interestStart, index.interestItems, this.interestDenseBit, f, 0);
    dense = this.listDense(index.sessionStart, index.sessionItems, this.sessionDenseBit, f, dense);
    // then the profile bonus, in place of clearing
    if (dense === 0) {
      for (let c = 0; c < columnCount; c++) out[offset + c] = classBonus[columnClass[c]!]!;
    } else {
      const { denseTable, columnDense } = this;
      fillDenseTable(denseTable, this.denseWeight, dense);
      for (let c = 0; c < columnCount; c++) out[offset + c] = classBonus[columnClass[c]!]! + denseTable[columnDense[c]!]!;
    }
    addPostings(index.interestStart, index.interestItems, this.interestPostingStart, this.interestPostingColumns, this.interestDenseBit, dense, f, weights.interests, out, offset);
    addPostings(index.sessionStart, index.sessionItems, this.sessionPostingStart, this.sessionPostingColumns, this.sessionDenseBit, dense, f, weights.sessions, out, offset);
    for (let i = index.requestedStart[f]!; i < index.requestedStart[f + 1]!; i++) {
      const c = volunteerColumn[index.requestedVolunteers[i]!]!;
      if (c >= 0) out[offset + c]! += weights.requested;
    }
    if (anyIneligible) {
      const { classColumnStart, classColumns } = this;
      for (let k = 0; k < classEligible.length; k++) {
        if (classEligible[k] === 1) continue;
        for (let i = classColumnStart[k]!; i < classColumnStart[k + 1]!; i++) out[offset + classColumns[i]!] = ineligible;
      }
    }
    for (let i = index.forbiddenStart[f]!; i < index.forbiddenStart[f + 1]!; i++) {
      const c = volunteerColumn[index.forbiddenVolunteers[i]!]!;
      if (c >= 0) out[offset + c] = ineligible;
    }
  }
}

const DENSE_BITS = 8;

/** `table[x]`: the weights of the bits of `x` that `listed` has too. */
function fillDenseTable(table: Float64Array, weights: Float64Array, listed: number): void {
  table[0] = 0;
  for (let x = 1; x < table.length; x++) {
    const low = x & -x;
    table[x] = table[x ^ low]! + ((listed & low) !== 0 ? weights[31 - Math.clz32(low)]! : 0);
  }
}

/**
 * Walks the posting lists of the first-timer's items, except the dense items already counted
 * by their bits in `dense` (each once: a repeated entry is walked as before).
 */
function addPostings(
  start: Int32Array,
  items: Int32Array,
  postingStart: Int32Array,
  postingColumns: Int32Array,
  denseBit: Int8Array,
  dense: number,
  f: number,
  weight: number,
  out: ScoreRow,
  offset: number,
): void {
  if (weight === 0) return;
  let skipped = 0;
  for (let i = start[f]!; i < start[f + 1]!; i++) {
    const item = items[i]!;
    const bit = denseBit[item]!;
    if (bit >= 0 && (dense & (1 << bit)) !== 0 && (skipped & (1 << bit)) === 0) {
      skipped |= 1 << bit;
      continue;
    }
    const end = postingStart[item + 1]!;
    for (let p = postingStart[item]!; p < end; p++) out[offset + postingColumns[p]!]! += weight;
  }
}
