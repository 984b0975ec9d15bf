import { useI18n } from '../i18n/i18n-context';
import type { MessageKey, Messages } from '../i18n/dictionaries';
import type { RefusalReason } from './query-errors';

function reasonTitle(reason: RefusalReason, messages: Messages): string | null {
  const key = `queries.reason.${reason.code}`;
  return key in messages ? messages[key as MessageKey] : null;
}

/**
 * Every reason a query was refused, each with the rule it cites. Known codes are said in the console's words; the
 * service's own sentence follows (it carries the specifics, such as the time an approval lapsed).
 */
export function RefusalReasons({ reasons }: { reasons: RefusalReason[] }) {
  const { t, messages } = useI18n();
  return (
    <div className="query-error refusal" role="alert">
      <p>
        <strong>{t('queries.record.refused')}</strong>
      </p>
      <ul className="refusal-reasons">
        {reasons.map((reason) => {
          const title = reasonTitle(reason, messages);
          return (
            <li key={`${reason.code}:${reason.citation ?? ''}`} data-reason={reason.code}>
              <span className="refusal-title">{title ?? reason.message}</span>
              {reason.citation ? <span className="refusal-citation"> {t('queries.reason.citation', { citation: reason.citation })}</span> : null}
              {title ? <span className="refusal-details">{t('queries.reason.details', { message: reason.message })}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
