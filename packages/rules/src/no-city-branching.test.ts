import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CITY_IDS } from './ids';

/*
 * Everything that differs between cities is data. City ids may appear as literals only where the
 * data lives (the id list, the city registry and the profiles) — never in logic.
 */
const SRC = fileURLToPath(new URL('.', import.meta.url));
const ALLOWED = new Set(['ids.ts', 'cities.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'profiles' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('no branching on a city', () => {
  it('names no city id outside the data modules', () => {
    const pattern = new RegExp(`['"\`](${CITY_IDS.join('|')})['"\`]`);
    const offenders = sourceFiles(SRC)
      .filter((file) => !ALLOWED.has(relative(SRC, file)))
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });
});
