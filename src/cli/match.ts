/**
 * `npx buddydesk-match instance.json` (the package's bin, dist/match.js once built; also
 * `npm run --silent match -- instance.json`), or `-`, or no argument, for standard input:
 * prints the exact matching as JSON on standard output. Bad input gets one message on standard
 * error and exit status 2, with nothing on standard output.
 */
import { readFileSync } from 'node:fs';
import { solveInstance } from '../matcher/index.ts';

const USAGE = 'usage: buddydesk-match [instance.json | -]   (no file or "-" reads standard input)';

class BadInput extends Error {}

function readInstanceText(argument: string | undefined): string {
  const fromStdin = argument === undefined || argument === '-';
  try {
    return readFileSync(fromStdin ? 0 : argument, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new BadInput(fromStdin ? `cannot read the instance from standard input (${why})` : `cannot read "${argument}": ${why}`);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadInput(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}

function run(args: string[]): number {
  if (args.length > 1) throw new BadInput(`expected one instance file, got ${args.length} arguments\n${USAGE}`);
  const [argument] = args;
  if (argument === '--help' || argument === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const source = argument === undefined || argument === '-' ? 'standard input' : `"${argument}"`;
  const solved = solveInstance(parseJson(readInstanceText(argument), source));
  if (!solved.ok) {
    const [first, ...more] = solved.problems;
    throw new BadInput(
      more.length === 0
        ? `bad instance: ${first}`
        : `bad instance, ${solved.problems.length} problems:\n${solved.problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  process.stdout.write(`${JSON.stringify(solved.result, null, 2)}\n`);
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (error instanceof BadInput) {
    process.stderr.write(`match: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`match: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
