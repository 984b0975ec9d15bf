import { describe, expect, it } from 'vitest';
import { eagerLibraries, initialScripts } from './check-bundle-size.mjs';

describe('initialScripts', () => {
  it('finds the entry module and its modulepreload links, not stylesheets or lazy chunks', () => {
    const html = `<!doctype html><html><head>
      <script type="module" crossorigin src="/assets/index-abc.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-def.js">
      <link rel="stylesheet" crossorigin href="/assets/index-123.css">
      <link rel="modulepreload" href="/assets/index-abc.js">
    </head><body><div id="root"></div></body></html>`;
    expect(initialScripts(html)).toEqual(['assets/index-abc.js', 'assets/vendor-def.js']);
  });

  it('ignores classic and external scripts', () => {
    const html = `<script src="/legacy.js"></script><script type="module" src="https://cdn.example/x.js"></script>`;
    expect(initialScripts(html)).toEqual([]);
  });
});

describe('eagerLibraries', () => {
  it('spots recharts in initial JS by a string its build always contains', () => {
    expect(eagerLibraries('var a="recharts-surface";')).toEqual(['recharts']);
    expect(eagerLibraries('import("./bar-chart-abc.js")')).toEqual([]);
  });
});
