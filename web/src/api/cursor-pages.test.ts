import { describe, expect, it } from 'vitest';
import { mergeCursorPages, type CursorPage } from './cursor-pages';

const page = (ids: string[], endCursor: string | null, hasNextPage: boolean, totalCount = 5): CursorPage<{ __ref: string }> => ({
  nodes: ids.map((id) => ({ __ref: `Account:${id}` })),
  pageInfo: { endCursor, hasNextPage },
  totalCount,
});

describe('mergeCursorPages', () => {
  it('starts from the incoming page when there is no cursor', () => {
    const first = page(['a', 'b'], 'c1', true);
    expect(mergeCursorPages(page(['x'], 'old', true), first, null)).toBe(first);
    expect(mergeCursorPages(undefined, first, 'c1')).toBe(first);
  });

  it('appends the next page and moves the cursor on', () => {
    const merged = mergeCursorPages(page(['a', 'b'], 'c1', true), page(['c', 'd'], 'c2', true), 'c1');
    expect(merged.nodes.map((node) => node.__ref)).toEqual(['Account:a', 'Account:b', 'Account:c', 'Account:d']);
    expect(merged.pageInfo).toEqual({ endCursor: 'c2', hasNextPage: true });
    const last = mergeCursorPages(merged, page(['e'], 'c3', false), 'c2');
    expect(last.nodes).toHaveLength(5);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('ignores a repeated page (a double click) without moving the cursor back', () => {
    const twoPages = mergeCursorPages(page(['a', 'b'], 'c1', true), page(['c', 'd'], 'c2', true), 'c1');
    const repeated = mergeCursorPages(twoPages, page(['c', 'd'], 'c2', true), 'c1');
    expect(repeated.nodes).toHaveLength(4);
    expect(repeated.pageInfo.endCursor).toBe('c2');
  });
});
