import { useId, useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { countByMonthAndCategory } from '../charts/chart-data';
import { LazyBarChart, TASK_STATE_COLORS } from '../charts/lazy-bar-chart';
import { useI18n } from '../i18n/i18n-context';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { Page } from '../ui/page';
import { usePagedRows, Pager } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError, type BadgeTone } from '../ui/status';
import { COMPLIANCE_TASKS_QUERY, TASK_STATES, type ComplianceTask, type TaskState } from './calendar.operations';

const PAGE_SIZE = 25;

export const TASK_STATE_TONES: Record<TaskState, BadgeTone> = { OVERDUE: 'danger', OPEN: 'info', DONE: 'ok' };

function isTaskState(value: string): value is TaskState {
  return (TASK_STATES as readonly string[]).includes(value);
}

export function ComplianceCalendarPage({ account }: PageProps) {
  const { t, codeLabel } = useI18n();
  const ids = { state: useId(), mine: useId() };
  const [state, setState] = useState<TaskState | null>(null);
  const [mineOnly, setMineOnly] = useState(false);
  const { data, loading, error, refetch } = useQuery(COMPLIANCE_TASKS_QUERY, { variables: { state } });
  const tasks = useMemo(() => {
    const all = data?.complianceTasks ?? [];
    return mineOnly ? all.filter((task) => account.roles.includes(task.ownerRole)) : all;
  }, [data, mineOnly, account.roles]);
  const filtered = state !== null || mineOnly;

  return (
    <Page title={t('calendar.title')} lead={t('calendar.intro')}>
      <div className="filters">
        <div className="field field-inline">
          <label htmlFor={ids.state}>{t('calendar.state')}</label>
          <select
            id={ids.state}
            value={state ?? ''}
            onChange={(event) => setState(isTaskState(event.target.value) ? event.target.value : null)}
          >
            <option value="">{t('calendar.state.all')}</option>
            {TASK_STATES.map((option) => (
              <option key={option} value={option}>
                {codeLabel('taskState', option)}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox-field">
          <input id={ids.mine} type="checkbox" checked={mineOnly} onChange={(event) => setMineOnly(event.target.checked)} />
          <label htmlFor={ids.mine}>{t('calendar.mine')}</label>
        </div>
      </div>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : tasks.length === 0 ? (
        <EmptyState>{filtered ? t('calendar.empty') : t('calendar.emptyCity')}</EmptyState>
      ) : (
        <Tasks tasks={tasks} />
      )}
    </Page>
  );
}

function Tasks({ tasks }: { tasks: ComplianceTask[] }) {
  const { t, roleName, codeLabel } = useI18n();
  const overdue = tasks.filter((task) => task.state === 'OVERDUE').length;
  const columns = useMemo<Column<ComplianceTask>[]>(
    () => [
      { id: 'dueOn', className: 'nowrap', header: t('column.dueOn'), sortValue: (task) => task.dueOn, cell: (task) => task.dueOn },
      { id: 'title', header: t('column.task'), rowHeader: true, sortValue: (task) => task.title, cell: (task) => task.title },
      { id: 'citation', header: t('column.citation'), className: 'citation', sortValue: (task) => task.citation, cell: (task) => task.citation },
      { id: 'owner', header: t('column.owner'), sortValue: (task) => roleName(task.ownerRole), cell: (task) => roleName(task.ownerRole) },
      {
        id: 'state',
        header: t('column.state'),
        sortValue: (task) => TASK_STATES.indexOf(task.state),
        cell: (task) => <Badge tone={TASK_STATE_TONES[task.state]}>{codeLabel('taskState', task.state)}</Badge>,
      },
    ],
    [t, roleName, codeLabel],
  );
  const sorted = useSortedRows(tasks, columns, { columnId: 'dueOn', direction: 'ascending' });
  const paged = usePagedRows(sorted.rows, PAGE_SIZE);
  const chartData = useMemo(
    () => countByMonthAndCategory(tasks, (task) => task.dueOn.slice(0, 7), (task) => task.state, TASK_STATES),
    [tasks],
  );

  return (
    <>
      {overdue > 0 ? (
        <p className="notice notice-danger">
          <strong>{t('calendar.overdueNotice', { count: overdue })}</strong>
        </p>
      ) : null}
      <DataTable
        caption={t('calendar.caption')}
        columns={columns}
        rows={paged.rows}
        rowKey={(task) => task.id}
        sort={sorted.sort}
        onSort={sorted.sortBy}
        rowClassName={(task) => (task.state === 'OVERDUE' ? 'row-overdue' : undefined)}
      />
      <Pager range={paged.range} listName={t('calendar.caption')} onPage={paged.setPage} />
      <LazyBarChart
        title={t('calendar.chart')}
        categoryHeader={t('chart.month')}
        data={chartData}
        stacked
        series={TASK_STATES.map((state) => ({ key: state, label: codeLabel('taskState', state), color: TASK_STATE_COLORS[state]! }))}
      />
    </>
  );
}
