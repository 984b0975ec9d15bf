import { useId, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import type { PageProps } from '../shell/signed-in-routes';
import { isIsoDate, todayInTaiwan } from '../ui/format';
import { Page } from '../ui/page';
import { Badge, Loading, QueryError } from '../ui/status';
import { RuleStatusView } from './rule-status-view';
import { CITY_RULES_QUERY, RULE_COMPARISON_QUERY, type CityWithRules, type RuleComparisonRow } from './rules.operations';
import { roleOfTopic, TOPIC_NAMES_ZH } from './topic-names';

export function RulesPage({ account }: PageProps) {
  const { t, language } = useI18n();
  const ids = { date: useId(), dateHint: useId(), dateError: useId(), city: useId(), compare: useId() };
  const today = todayInTaiwan();
  const [dateInput, setDateInput] = useState(today);
  const [on, setOn] = useState(today);
  const dateValid = isIsoDate(dateInput);

  function chooseDate(value: string) {
    setDateInput(value);
    if (isIsoDate(value)) setOn(value);
  }

  const cityName = localizedName(account.city, language);
  return (
    <Page title={t('rules.title')} lead={t('rules.intro')} className="page-wide">
      <div className="filters">
        <div className="field field-inline">
          <label htmlFor={ids.date}>{t('rules.date')}</label>
          <input
            id={ids.date}
            type="date"
            min="2000-01-01"
            max="2099-12-31"
            value={dateInput}
            required
            aria-invalid={dateValid ? undefined : true}
            aria-describedby={dateValid ? ids.dateHint : `${ids.dateError} ${ids.dateHint}`}
            onChange={(event) => chooseDate(event.target.value)}
          />
          <p id={ids.dateHint} className="field-hint">
            {t('rules.dateHint')}
          </p>
          <p id={ids.dateError} className="field-error" role="alert">
            {dateValid ? null : t('rules.dateInvalid')}
          </p>
        </div>
        {on !== today || !dateValid ? (
          <button type="button" className="button" onClick={() => chooseDate(today)}>
            {t('rules.today')}
          </button>
        ) : null}
      </div>

      <section aria-labelledby={ids.city} className="card">
        <h2 id={ids.city}>{t('rules.cityTitle', { city: cityName })}</h2>
        <p className="section-meta">{t('rules.statusOf', { city: cityName, date: on })}</p>
        <CityStatus on={on} />
      </section>

      <section aria-labelledby={ids.compare} className="section">
        <h2 id={ids.compare}>{t('rules.compareTitle')}</h2>
        <Comparison on={on} />
      </section>
    </Page>
  );
}

function CityStatus({ on }: { on: string }) {
  const { data, loading, error, refetch } = useQuery(CITY_RULES_QUERY, { variables: { on } });
  const status = data?.me?.city.rulesInForce;
  if (error) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !status) return <Loading />;
  return status ? <RuleStatusView status={status} /> : null;
}

function Comparison({ on }: { on: string }) {
  const { t, language, roleName } = useI18n();
  const filterId = useId();
  const filterHintId = useId();
  const [filter, setFilter] = useState('');
  const { data, loading, error, refetch } = useQuery(RULE_COMPARISON_QUERY, { variables: { on } });

  const topicName = (row: RuleComparisonRow): string => {
    const role = roleOfTopic(row.id);
    if (role) return t('rules.roleTopic', { role: roleName(role) });
    return language === 'zh-TW' ? (TOPIC_NAMES_ZH[row.id] ?? row.topic) : row.topic;
  };

  const rows = data?.ruleComparison ?? [];
  const needle = filter.trim().toLowerCase();
  const shown =
    needle === '' ? rows : rows.filter((row) => `${topicName(row)} ${row.topic}`.toLowerCase().includes(needle));

  if (error) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  // Columns in the comparison's own city order. A tenant the comparison does not mention (the central agencies'
  // tenant has no rule profile of its own) is not a city under these rules and gets no column.
  const order = (data.ruleComparison[0]?.cells ?? []).map((cell) => cell.cityId);
  const cities = order.length === 0 ? data.cities : data.cities.filter((city) => order.includes(city.id)).sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));

  return (
    <>
      <CityStatuses cities={cities} on={on} />
      <div className="field field-inline">
        <label htmlFor={filterId}>{t('rules.filter')}</label>
        <input
          id={filterId}
          type="search"
          value={filter}
          aria-describedby={filterHintId}
          onChange={(event) => setFilter(event.target.value)}
        />
        <p id={filterHintId} className="field-hint">
          {t('rules.filterHint')}
        </p>
      </div>
      <p className="list-count" role="status">
        {t('rules.rowsShown', { shown: shown.length, total: rows.length })}
      </p>
      <p className="field-hint">{t('rules.englishText')}</p>
      <ComparisonTable rows={shown} cities={cities} on={on} topicName={topicName} />
    </>
  );
}

function CityStatuses({ cities, on }: { cities: CityWithRules[]; on: string }) {
  const { t, language } = useI18n();
  return (
    <div className="city-statuses">
      <p className="section-meta">{t('rules.citiesOn', { date: on })}</p>
      <ul>
        {cities.map((city) => {
          const status = city.rulesInForce;
          return (
            <li key={city.id}>
              <span className="city-status-name">{localizedName(city, language)}</span>{' '}
              {status?.inForce ? (
                <>
                  <Badge tone="ok">{t('rules.inForce')}</Badge> <code>{status.versionId}</code>
                </>
              ) : (
                <>
                  <Badge tone="warning">{t('rules.notInForce')}</Badge>
                  {status?.message ? (
                    <span className="city-status-message" lang="en">
                      {status.message}
                    </span>
                  ) : null}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

interface ComparisonTableProps {
  rows: RuleComparisonRow[];
  cities: CityWithRules[];
  on: string;
  topicName(row: RuleComparisonRow): string;
}

function ComparisonTable({ rows, cities, on, topicName }: ComparisonTableProps) {
  const { t, language } = useI18n();
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="comparison-table">
        <caption id={captionId}>{t('rules.compareCaption', { date: on })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rules.topic')}</th>
            {cities.map((city) => (
              <th key={city.id} scope="col">
                <span className="city-column-name">{localizedName(city, language)}</span>
                <Badge tone={city.rulesInForce?.inForce ? 'ok' : 'warning'}>
                  {city.rulesInForce?.inForce ? t('rules.inForce') : t('rules.notInForce')}
                </Badge>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{topicName(row)}</th>
              {cities.map((city) => {
                const cell = row.cells.find((candidate) => candidate.cityId === city.id);
                if (!cell) return <td key={city.id}>{t('common.none')}</td>;
                return (
                  <td key={city.id} className={cell.inForce ? undefined : 'cell-off'}>
                    {cell.inForce ? (
                      <p lang="en">{cell.text}</p>
                    ) : (
                      <p>
                        <Badge tone="warning">{t('rules.notInForce')}</Badge>
                      </p>
                    )}
                    <p className="citation">{t('common.citation', { citation: cell.citation })}</p>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
