import { useI18n } from '../i18n/i18n-context';
import { Badge } from '../ui/status';
import type { RuleStatus } from './rules.operations';

/**
 * A city's rules on a date: in force (title, version, since when) or not in force, with the reason and the rule
 * that says so (e.g. Taipei's repeal on 2021-01-14). The reason comes from the rule data in English.
 */
export function RuleStatusView({ status }: { status: RuleStatus }) {
  const { t, codeLabel } = useI18n();
  return (
    <div className={status.inForce ? 'rule-status' : 'rule-status rule-status-off'}>
      <p className="rule-status-state">
        <Badge tone={status.inForce ? 'ok' : 'warning'}>{status.inForce ? t('rules.inForce') : t('rules.notInForce')}</Badge>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('rules.documentTitle')}</dt>
          <dd lang="zh-TW">{status.title}</dd>
        </div>
        <div>
          <dt>{t('rules.service')}</dt>
          <dd>{codeLabel('service', status.service)}</dd>
        </div>
        {status.inForce ? (
          <>
            <div>
              <dt>{t('rules.version')}</dt>
              <dd>
                <code>{status.versionId}</code>
              </dd>
            </div>
            <div>
              <dt>{t('rules.effectiveFrom')}</dt>
              <dd>{status.effectiveFrom}</dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>{t('rules.reason')}</dt>
              <dd lang="en">{status.message}</dd>
            </div>
            {status.citation ? (
              <div>
                <dt>{t('column.citation')}</dt>
                <dd className="citation">{status.citation}</dd>
              </div>
            ) : null}
          </>
        )}
      </dl>
    </div>
  );
}
