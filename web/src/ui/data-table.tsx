import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { collatorFor, nextSort, sortRows, type SortDirection, type SortState, type SortValue } from './sorting';

export interface Column<Row> {
  id: string;
  header: string;
  cell(row: Row): ReactNode;
  /** Present for sortable columns. */
  sortValue?(row: Row): SortValue;
  /** The direction a first click sorts in (dates and counts usually start newest/largest first). */
  firstDirection?: SortDirection;
  /** The cell that names the row (a `<th scope="row">`), read out by screen readers with every other cell. */
  rowHeader?: boolean;
  className?: string;
}

export interface SortedRows<Row> {
  rows: Row[];
  sort: SortState;
  sortBy(columnId: string): void;
}

/** Sorts rows by the chosen column in the current language's collation. */
export function useSortedRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], initial: SortState): SortedRows<Row> {
  const { language } = useI18n();
  const [sort, setSort] = useState(initial);
  const sorted = useMemo(() => {
    const column = columns.find((candidate) => candidate.id === sort.columnId);
    if (!column?.sortValue) return [...rows];
    return sortRows(rows, (row) => column.sortValue!(row), sort.direction, collatorFor(language));
  }, [rows, columns, sort, language]);
  const sortBy = useCallback(
    (columnId: string) => {
      const column = columns.find((candidate) => candidate.id === columnId);
      setSort((current) => nextSort(current, columnId, column?.firstDirection));
    },
    [columns],
  );
  return { rows: sorted, sort, sortBy };
}

interface DataTableProps<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  /** The rows to show, already sorted and paged. */
  rows: readonly Row[];
  rowKey(row: Row): string;
  sort?: SortState;
  onSort?(columnId: string): void;
  rowClassName?(row: Row): string | undefined;
  /** Extra words under the caption (e.g. that sorting covers only the loaded rows). */
  note?: ReactNode;
}

/**
 * A table with a caption, header cells tied to their column (`scope`), a row header, and sortable columns as buttons
 * whose state is in `aria-sort`. It scrolls sideways on its own on narrow screens, reachable by keyboard.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, sort, onSort, rowClassName, note }: DataTableProps<Row>) {
  const { t } = useI18n();
  const captionId = useId();
  const sortedColumn = sort ? columns.find((column) => column.id === sort.columnId) : undefined;
  return (
    <div className="data-table">
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table>
          <caption id={captionId}>
            {caption}
            {note ? <span className="caption-note">{note}</span> : null}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort?.columnId === column.id;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    className={column.className}
                    aria-sort={column.sortValue ? (active ? sort!.direction : 'none') : undefined}
                  >
                    {column.sortValue && onSort ? (
                      <button type="button" className="sort-button" onClick={() => onSort(column.id)}>
                        <span>{column.header}</span>
                        <span className="sort-indicator" aria-hidden="true">
                          {active ? (sort!.direction === 'ascending' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.id} scope="row" className={column.className}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={column.className}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sortedColumn && sort ? (
        <p className="visually-hidden" role="status">
          {t('list.sortedBy', { column: sortedColumn.header, direction: t(`list.${sort.direction}`) })}
        </p>
      ) : null}
    </div>
  );
}
