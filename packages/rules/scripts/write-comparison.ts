/**
 * Writes docs/rules-comparison.md from the rule profiles.
 * Run from the repository root: pnpm exec tsx packages/rules/scripts/write-comparison.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderComparisonMarkdown } from '../src/comparison';

export const COMPARISON_DOC_PATH = fileURLToPath(new URL('../../../docs/rules-comparison.md', import.meta.url));

mkdirSync(dirname(COMPARISON_DOC_PATH), { recursive: true });
writeFileSync(COMPARISON_DOC_PATH, renderComparisonMarkdown());
console.log(`wrote ${COMPARISON_DOC_PATH}`);
