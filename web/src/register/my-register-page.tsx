import '../queries/queries.css';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { useItemNames } from '../queries/item-names';
import { appendPage } from '../queries/query-errors';
import {
  QUERY_REGISTER_CSV_QUERY,
  QUERY_REGISTER_QUERY,
  REGISTER_ACCOUNTS_QUERY,
  type AccountRef,
  type RegisterFilter,
  type RegisterRecord,
  type RegisterScope,
} from '../queries/queries.operations';
import { subjectProblemMessage } from '../queries/subject-problem';
import { useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { FormError } from '../ui/form-error';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { EMPTY_FILTER_FORM, registerFilter, type RegisterFilterForm } from './register-filters';

export const REGISTER_PAGE_SIZE = 25;

/** Who sees which register (Taipei 6(一), Taoyuan 4(五)3): everyone their own, unit admins their unit's, agency admins their agency's. */
export function registerScopes(roles: readonly string[]): RegisterScope[] {
  const scopes: RegisterScope[] = ['OWN'];
  if (roles.includes('UNIT_ADMIN')) scopes.push('UNIT');
  if (roles.includes('AGENCY_ADMIN')) scopes.push('AGENCY');
  return scopes;
}

/** Accounts listed by the identity service: only top and agency admins may list them. */
const ACCOUNT_LISTERS = ['TOP_ADMIN', 'AGENCY_ADMIN'];

/** The query register (查詢登記簿): mine, my unit's or my agency's, filtered, paged, sorted and exported as CSV. */
export function MyRegisterPage({ account }: PageProps) {
  const { t } = useI18n();
  const scopes = registerScopes(account.roles);
  // A link may open a wider register (`#/register?scope=AGENCY`, from the home page) where the role allows it.
  const asked = useHashParams().get('scope') as RegisterScope | null;
  const [scope, setScope] = useState<RegisterScope>(asked && scopes.includes(asked) ? asked : 'OWN');
  const [form, setForm] = useState<RegisterFilterForm>(EMPTY_FILTER_FORM);
  const [filter, setFilter] = useState<RegisterFilter>({});
  const [problems, setProblems] = useState<Partial<Record<'from' | 'subject', string>>>({});
  const { itemName, items } = useItemNames();
  const variables = { scope, filter, first: REGISTER_PAGE_SIZE };
  const { data, loading, error, refetch, fetchMore } = useQuery(QUERY_REGISTER_QUERY, { variables });
  const page = data?.queryRegister;
  const filtered = Object.keys(filter).length > 0;
  const ids = { scope: useId(), filters: useId() };

  const listsAccounts = scope !== 'OWN' && account.roles.some((role) => ACCOUNT_LISTERS.includes(role));
  const accounts = useQuery(REGISTER_ACCOUNTS_QUERY, { variables: { first: 100 }, skip: !listsAccounts });
  const people = useMemo(() => {
    const byId = new Map<string, AccountRef>();
    for (const person of accounts.data?.accounts.nodes ?? []) byId.set(person.id, person);
    // A unit admin cannot list accounts: the people already in the register are offered instead.
    for (const record of page?.nodes ?? []) if (record.account) byId.set(record.account.id, record.account);
    return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  }, [accounts.data, page]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = registerFilter(scope === 'OWN' ? { ...form, accountId: '' } : form);
    if ('problems' in result) {
      const found: Partial<Record<'from' | 'subject', string>> = {};
      for (const problem of result.problems) {
        if (problem.problem === 'PERIOD') found.from = t('queries.register.periodInvalid');
        else found.subject = subjectProblemMessage(t, form.subjectKind, problem.reason, problem.length) ?? undefined;
      }
      setProblems(found);
      return;
    }
    setProblems({});
    setFilter(result.filter);
  }

  function clear() {
    setForm(EMPTY_FILTER_FORM);
    setProblems({});
    setFilter({});
  }

  const caption = scope === 'OWN' ? t('register.caption') : t(`queries.register.caption.${scope}`);
  return (
    <Page title={t('register.title')} lead={t('register.intro')} className="register-page">
      {scopes.length > 1 ? (
        <fieldset className="scope-switch">
          <legend id={ids.scope}>{t('queries.register.scope')}</legend>
          {scopes.map((candidate) => (
            <label key={candidate} className="checkbox-field">
              <input
                type="radio"
                name="register-scope"
                checked={scope === candidate}
                onChange={() => {
                  setScope(candidate);
                  if (candidate === 'OWN') setForm((current) => ({ ...current, accountId: '' }));
                }}
              />
              {t(`queries.register.scope.${candidate}`)}
            </label>
          ))}
        </fieldset>
      ) : null}

      <form className="register-filters" aria-labelledby={ids.filters} onSubmit={apply} noValidate>
        <h2 id={ids.filters} className="visually-hidden">
          {t('queries.register.filters')}
        </h2>
        <div className="filters">
          <FilterField label={t('queries.register.from')} error={problems.from}>
            {(props) => <input {...props} type="date" value={form.from} onChange={(event) => setForm({ ...form, from: event.target.value })} />}
          </FilterField>
          <FilterField label={t('queries.register.to')}>
            {(props) => <input {...props} type="date" value={form.to} onChange={(event) => setForm({ ...form, to: event.target.value })} />}
          </FilterField>
          {scope !== 'OWN' ? (
            <FilterField label={t('queries.register.user')}>
              {(props) => (
                <select {...props} value={form.accountId} onChange={(event) => setForm({ ...form, accountId: event.target.value })}>
                  <option value="">{t('queries.register.anyUser')}</option>
                  {people.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.person.displayName} ({person.username})
                    </option>
                  ))}
                </select>
              )}
            </FilterField>
          ) : null}
          <FilterField label={t('queries.register.item')}>
            {(props) => (
              <select {...props} value={form.itemKey} onChange={(event) => setForm({ ...form, itemKey: event.target.value })}>
                <option value="">{t('queries.register.anyItem')}</option>
                {[...items.keys()].map((key) => (
                  <option key={key} value={key}>
                    {itemName(key)} · {t(`service.${key.split(':')[0]}` as 'service.labor-insurance')}
                  </option>
                ))}
              </select>
            )}
          </FilterField>
          <FilterField label={t('queries.register.caseNumber')}>
            {(props) => <input {...props} type="search" value={form.caseNumber} onChange={(event) => setForm({ ...form, caseNumber: event.target.value })} />}
          </FilterField>
          <FilterField label={t('queries.register.subjectKind')}>
            {(props) => (
              <select {...props} value={form.subjectKind} onChange={(event) => setForm({ ...form, subjectKind: event.target.value as RegisterFilterForm['subjectKind'] })}>
                <option value="NATIONAL_ID">{t('queries.form.subjectKind.NATIONAL_ID')}</option>
                <option value="BUSINESS_NUMBER">{t('queries.form.subjectKind.BUSINESS_NUMBER')}</option>
              </select>
            )}
          </FilterField>
          <FilterField label={t('queries.register.subject')} error={problems.subject}>
            {(props) => (
              <input {...props} type="search" autoComplete="off" spellCheck={false} value={form.subject} onChange={(event) => setForm({ ...form, subject: event.target.value })} />
            )}
          </FilterField>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('queries.register.apply')}
          </button>
          <button type="button" className="button" onClick={clear}>
            {t('queries.register.clear')}
          </button>
          <CsvExport scope={scope} filter={filter} />
        </div>
      </form>

      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        filtered ? (
          <EmptyState>{t('queries.register.empty.filtered')}</EmptyState>
        ) : (
          <EmptyState hint={t('register.emptyHint')}>{t('register.empty')}</EmptyState>
        )
      ) : page ? (
        <>
          <RecordsTable caption={caption} records={page.nodes} complete={!page.pageInfo.hasNextPage} showUser={scope !== 'OWN'} itemName={itemName} />
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() =>
              fetchMore({
                variables: { ...variables, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  queryRegister: appendPage(previous.queryRegister, fetchMoreResult.queryRegister),
                }),
              })
            }
          />
        </>
      ) : null}
    </Page>
  );
}

interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

function FilterField({ label, error, children }: { label: string; error?: string; children(props: FieldControlProps): React.ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined })}
      <p id={errorId} className="field-error" aria-live="polite">
        {error ?? null}
      </p>
    </div>
  );
}

/** Downloads the register as filtered (the service's CSV: UTF-8 with BOM, oldest first, subjects masked). */
function CsvExport({ scope, filter }: { scope: RegisterScope; filter: RegisterFilter }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const errorId = useId();

  async function download() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { data } = await client.query({ query: QUERY_REGISTER_CSV_QUERY, variables: { scope, filter }, fetchPolicy: 'no-cache' });
      if (!data) return;
      const { fileName, csv, rowCount } = data.queryRegisterCsv;
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(t('queries.register.exported', { fileName, count: rowCount }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button" aria-disabled={busy} onClick={() => void download()}>
        {busy ? t('queries.register.exporting') : t('queries.register.export')}
      </button>
      <span className="field-ok" role="status">
        {done}
      </span>
      <FormError id={errorId} error={error} />
    </>
  );
}

function RecordsTable({
  caption,
  records,
  complete,
  showUser,
  itemName,
}: {
  caption: string;
  records: RegisterRecord[];
  complete: boolean;
  showUser: boolean;
  itemName(key: string): string;
}) {
  const { t, language } = useI18n();
  const columns = useMemo<Column<RegisterRecord>[]>(
    () => [
      {
        id: 'queriedAt',
        className: 'nowrap',
        header: t('column.queriedAt'),
        sortValue: (record) => record.queriedAt,
        firstDirection: 'descending',
        cell: (record) => formatDateTime(record.queriedAt),
      },
      { id: 'sequence', header: t('column.sequence'), sortValue: (record) => Number(record.sequence), firstDirection: 'descending', cell: (record) => record.sequence },
      { id: 'caseNumber', header: t('column.caseNumber'), rowHeader: true, sortValue: (record) => record.caseNumber, cell: (record) => record.caseNumber },
      ...(showUser
        ? [
            {
              id: 'user',
              header: t('queries.column.user'),
              sortValue: (record: RegisterRecord) => record.account?.username ?? '',
              cell: (record: RegisterRecord) => (record.account ? `${record.account.person.displayName} (${record.account.username})` : t('common.none')),
            },
          ]
        : []),
      { id: 'item', header: t('column.item'), sortValue: (record) => itemName(record.itemKey), cell: (record) => itemName(record.itemKey) },
      { id: 'purpose', header: t('column.purpose'), cell: (record) => record.purpose },
      { id: 'subject', header: t('column.subject'), cell: (record) => <code>{record.subjectMasked}</code> },
      {
        id: 'recordedAt',
        className: 'nowrap',
        header: t('column.recordedAt'),
        sortValue: (record) => record.recordedAt,
        firstDirection: 'descending',
        cell: (record) => formatDateTime(record.recordedAt),
      },
    ],
    [t, language, itemName, showUser],
  );
  const sorted = useSortedRows(records, columns, { columnId: 'queriedAt', direction: 'descending' });
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={sorted.rows}
      rowKey={(record) => record.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: records.length })}
    />
  );
}
