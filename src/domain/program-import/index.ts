// The program import, for the organizer pages: parse an upload (with a CSV mapping step), plan
// the changes for a preview, apply them.
export { applyProgramImport, type ApplyResult } from './apply.ts';
export { checkCsvMapping, csvFieldLabels, csvFields, guessCsvMapping, type CsvField, type CsvMapping } from './csv-mapping.ts';
export { previewCsvProgram, parseCsvProgram, type CsvPreview } from './csv.ts';
export type { CsvRow } from '../csv-table.ts';
export { decodeInput } from './input-text.ts';
export { parseFrabJson } from './frab-json.ts';
export { parseFrabXml } from './frab-xml.ts';
export { parseIcal } from './ical.ts';
export { detectProgramFormat, parseProgram, type ParseProgramOptions } from './parse-program.ts';
export {
  importedSessionsSchema,
  isEmptyPlan,
  planProgramImport,
  type FieldChange,
  type PlannedAddition,
  type PlannedChange,
  type PlannedRemoval,
  type PlanResult,
  type ProgramImportPlan,
} from './plan.ts';
export { programFormats, type ImportedSession, type ImportRefusal, type ParseResult, type ProgramFormat, type ProgramInput } from './types.ts';
