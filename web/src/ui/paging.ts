/** Client-side pages of a list the gateway returned in full. Pages are numbered from 1. */
export interface PageWindow {
  page: number;
  pageCount: number;
  /** 1-based position of the first and last row shown; 0 and 0 for an empty list. */
  from: number;
  to: number;
  total: number;
}

export function pageWindow(total: number, pageSize: number, requestedPage: number): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  if (total === 0) return { page: 1, pageCount: 1, from: 0, to: 0, total };
  const from = (page - 1) * pageSize + 1;
  return { page, pageCount, from, to: Math.min(total, page * pageSize), total };
}

export function pageSlice<Row>(rows: readonly Row[], window: PageWindow): Row[] {
  return window.total === 0 ? [] : rows.slice(window.from - 1, window.to);
}
