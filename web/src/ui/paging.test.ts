import { describe, expect, it } from 'vitest';
import { pageSlice, pageWindow } from './paging';

describe('pageWindow', () => {
  it('describes the rows of a page', () => {
    expect(pageWindow(45, 20, 1)).toEqual({ page: 1, pageCount: 3, from: 1, to: 20, total: 45 });
    expect(pageWindow(45, 20, 3)).toEqual({ page: 3, pageCount: 3, from: 41, to: 45, total: 45 });
  });

  it('clamps a page that no longer exists (the list shrank after a filter)', () => {
    expect(pageWindow(5, 20, 4).page).toBe(1);
    expect(pageWindow(45, 20, 0).page).toBe(1);
  });

  it('handles an empty list', () => {
    expect(pageWindow(0, 20, 1)).toEqual({ page: 1, pageCount: 1, from: 0, to: 0, total: 0 });
    expect(pageSlice([], pageWindow(0, 20, 1))).toEqual([]);
  });

  it('slices the rows of the page', () => {
    const rows = Array.from({ length: 7 }, (_, index) => index + 1);
    expect(pageSlice(rows, pageWindow(7, 3, 3))).toEqual([7]);
    expect(pageSlice(rows, pageWindow(7, 3, 2))).toEqual([4, 5, 6]);
  });
});
