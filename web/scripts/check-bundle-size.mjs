#!/usr/bin/env node
// Budget for what every visitor downloads before the first screen: the JS that dist/index.html loads up front
// (the entry script plus its modulepreload links), gzipped. Lazy page chunks are not counted; that is the point
// of splitting them. Run after `vite build`; exits 1 above the budget.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 300 * 1000; // 300 kB

/**
 * Libraries that must only ever arrive in lazy chunks, each recognised by a string its build always contains.
 * recharts is about as large as everything else together; it is loaded only when a page has a chart to draw.
 */
export const LAZY_ONLY = [{ library: 'recharts', marker: 'recharts-surface' }];

/** The lazy-only libraries found in a piece of initial JS. */
export function eagerLibraries(source) {
  return LAZY_ONLY.filter(({ marker }) => source.includes(marker)).map(({ library }) => library);
}

/** The JS files index.html loads initially, as paths relative to dist/ (in document order, without duplicates). */
export function initialScripts(indexHtml) {
  const found = [];
  const tags = indexHtml.match(/<(script|link)\b[^>]*>/gi) ?? [];
  for (const tag of tags) {
    const attributes = Object.fromEntries(
      [...tag.matchAll(/([\w-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((match) => [
        match[1].toLowerCase(),
        match[3] ?? match[4] ?? match[5],
      ]),
    );
    const isEntry = tag.toLowerCase().startsWith('<script') && attributes.type === 'module' && attributes.src;
    const isPreload = tag.toLowerCase().startsWith('<link') && attributes.rel === 'modulepreload' && attributes.href;
    const url = isEntry ? attributes.src : isPreload ? attributes.href : undefined;
    if (!url || /^(https?:)?\/\//i.test(url)) continue; // external scripts are not ours to count
    const path = url.replace(/^\.?\//, '').split(/[?#]/)[0];
    if (!found.includes(path)) found.push(path);
  }
  return found;
}

export function gzippedSize(bytes) {
  return gzipSync(bytes, { level: 9 }).length;
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

function main() {
  const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const indexPath = join(distDir, 'index.html');
  let indexHtml;
  try {
    indexHtml = readFileSync(indexPath, 'utf8');
  } catch {
    console.error(`check-bundle-size: ${relative(process.cwd(), indexPath)} not found; run \`vite build\` first.`);
    process.exit(1);
  }

  const scripts = initialScripts(indexHtml);
  if (scripts.length === 0) {
    console.error('check-bundle-size: dist/index.html loads no module script; is this a Vite build?');
    process.exit(1);
  }

  let total = 0;
  const eager = new Set();
  for (const script of scripts) {
    const bytes = readFileSync(join(distDir, script));
    const size = gzippedSize(bytes);
    total += size;
    for (const library of eagerLibraries(bytes.toString('utf8'))) eager.add(`${library} (in ${script})`);
    console.log(`  ${script.padEnd(48)} ${kB(size).padStart(10)} gzip`);
  }
  if (eager.size > 0) {
    console.error(`Initial JS includes what must be lazy-loaded: ${[...eager].join(', ')}.`);
    process.exit(1);
  }
  console.log(`Initial JS: ${kB(total)} gzipped (budget ${kB(BUDGET_BYTES)}).`);
  if (total > BUDGET_BYTES) {
    console.error(`Initial JS is over budget by ${kB(total - BUDGET_BYTES)}: lazy-load more of it.`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
