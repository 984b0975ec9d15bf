/**
 * Generated data sets of realistic shape for the benchmarks (bench/src/import-bench.ts and
 * reconcile-bench.ts) and large-file tests: valid national IDs, bureau records CSV, register rows.
 * Deterministic (seeded), so two runs measure the same work.
 */
const LETTERS: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1];

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct valid citizen national IDs. */
export function validNationalIds(count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  const letters = Object.keys(LETTERS);
  const ids = new Set<string>();
  while (ids.size < count) {
    const letter = letters[Math.floor(random() * letters.length)]!;
    const digits = [random() < 0.5 ? 1 : 2, ...Array.from({ length: 7 }, () => Math.floor(random() * 10))];
    const value = LETTERS[letter]!;
    const all = [Math.floor(value / 10), value % 10, ...digits];
    const sum = all.reduce((total, digit, index) => total + digit * WEIGHTS[index]!, 0);
    ids.add(`${letter}${digits.join('')}${(10 - (sum % 10)) % 10}`);
  }
  return [...ids];
}

export interface BenchQuery {
  recordId: string;
  /** Epoch ms. */
  queriedAt: number;
  username: string;
  itemCode: string;
  subject: string;
}

/** `count` bureau-side queries in one month by `users` officials over `subjects` citizens. */
export function generateQueries(count: number, options: { users: string[]; subjects: string[]; month: string; seed?: number; itemCodes?: string[] }): BenchQuery[] {
  const random = seededRandom(options.seed ?? 7);
  const start = Date.parse(`${options.month}-01T00:00:00+08:00`);
  const codes = options.itemCodes ?? ['C0101', 'C0201', 'B0101', 'B0201', 'F0201'];
  const queries: BenchQuery[] = new Array(count);
  for (let index = 0; index < count; index++) {
    queries[index] = {
      recordId: `WEBIR-${options.month.replace('-', '')}-${String(index).padStart(8, '0')}`,
      queriedAt: start + Math.floor(random() * 27 * 86_400) * 1000 + 9 * 3_600_000,
      username: options.users[Math.floor(random() * options.users.length)]!,
      itemCode: codes[Math.floor(random() * codes.length)]!,
      subject: options.subjects[Math.floor(random() * options.subjects.length)]!,
    };
  }
  return queries;
}

/** Taiwan local time as the bureau's pages print it: `YYYY-MM-DD HH:MM:SS`. */
export function taiwanDateTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The bureau records CSV of these queries (docs/bureau-records-csv.md), as chunks of about 64 KiB. */
export function bureauCsvChunks(queries: BenchQuery[], service = 'labor-insurance'): Buffer[] {
  const chunks: Buffer[] = [];
  let text = 'record_id,queried_at,user_account,service,item_code,subject_id\n';
  for (const query of queries) {
    text += `${query.recordId},${taiwanDateTime(query.queriedAt)},${query.username},${service},${query.itemCode},${query.subject}\n`;
    if (text.length >= 65_536) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  if (text) chunks.push(Buffer.from(text, 'utf8'));
  return chunks;
}

/** `COPY … FROM STDIN` of ready-made COPY text chunks: the baseline the import is measured against. */
export async function copyTextInto(client: import('pg').ClientBase, copySql: string, chunks: Iterable<string>): Promise<void> {
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  await pipeline(Readable.from(chunks), client.query(from(copySql)));
}
