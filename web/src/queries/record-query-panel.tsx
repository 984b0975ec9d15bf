import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { FormError } from '../ui/form-error';
import { RefusalReasons } from './refusal-reasons';
import { refusalReasons } from './query-errors';
import { RECORD_QUERY_MUTATION, type QueryRequest } from './queries.operations';

/** `datetime-local` gives Taiwan wall-clock time without a zone; the console works in Taiwan time. */
function taiwanInstant(local: string): string | null {
  if (!local) return null;
  const instant = new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/**
 * Recording one query made under a request (登記). The service checks the request and the permissions decision at that
 * moment and either commits the record or refuses with every reason, each shown with its rule.
 */
export function RecordQueryPanel({
  request,
  itemName,
  onClose,
  onRecorded,
}: {
  request: QueryRequest;
  itemName(key: string): string;
  onClose(): void;
  onRecorded(): void;
}) {
  const { t } = useI18n();
  const [record, { loading: busy }] = useMutation(RECORD_QUERY_MUTATION);
  const [itemKey, setItemKey] = useState(request.itemKeys[0] ?? '');
  const [queriedAt, setQueriedAt] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = { heading: useId(), item: useId(), time: useId(), error: useId() };

  useEffect(() => {
    headingRef.current?.focus();
  }, [request.id]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setDone(null);
    try {
      const { data } = await record({ variables: { input: { requestId: request.id, itemKey, queriedAt: taiwanInstant(queriedAt) } } });
      if (!data) return;
      const recorded = data.recordQuery;
      setDone(t('queries.record.done', { sequence: recorded.sequence, item: itemName(recorded.itemKey), subject: recorded.subjectMasked }));
      onRecorded();
    } catch (caught) {
      setError(caught);
    }
  }

  const reasons = refusalReasons(error);
  return (
    <section className="record-panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} ref={headingRef} tabIndex={-1}>
        {t('queries.record.title', { caseNumber: request.caseNumber })}
      </h2>
      <form onSubmit={submit} aria-busy={busy}>
        <div className="field">
          <label htmlFor={ids.item}>{t('queries.record.item')}</label>
          <select id={ids.item} value={itemKey} onChange={(event) => setItemKey(event.target.value)}>
            {request.itemKeys.map((key) => (
              <option key={key} value={key}>
                {itemName(key)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.time}>{t('queries.record.queriedAt')}</label>
          <input id={ids.time} type="datetime-local" value={queriedAt} onChange={(event) => setQueriedAt(event.target.value)} />
        </div>
        {reasons.length ? <RefusalReasons reasons={reasons} /> : <FormError id={ids.error} error={error} />}
        <p className="field-ok" role="status">
          {done}
        </p>
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? t('queries.record.submitting') : t('queries.record.submit')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('queries.record.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
