// The real schedules under ../shared/data/schedules, read as an upload would arrive: bytes.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'data', 'schedules');

export const sample = (name: 'frab-camp2019.json' | 'pretalx-democon.json' | 'frab-31c3.xml') =>
  new Uint8Array(readFileSync(join(dir, name)));

export const sampleText = (name: Parameters<typeof sample>[0]) => readFileSync(join(dir, name), 'utf8');
