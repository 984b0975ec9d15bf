import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import type { PageProps } from '../shell/signed-in-routes';
import { FormError } from '../ui/form-error';
import { formatDateTime, isIsoDate, todayInTaiwan } from '../ui/format';
import { Page } from '../ui/page';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import { MoreButton } from './more-button';
import {
  ACCOUNT_CHOICES_QUERY,
  ADMIN_HANDOVERS_QUERY,
  RECORD_BUREAU_NOTIFIED_MUTATION,
  RECORD_HANDOVER_MUTATION,
  type AdminHandover,
} from './organisation.operations';
import { ORGANISATION_ADMIN_ROLES } from './organisation-roles';
import '../audit/audit.css';

const PAGE_SIZE = 20;
const ADMIN_ROLES = ['TOP_ADMIN', 'AGENCY_ADMIN'];

/** Admin handovers (Changhua 4(三)(四)(八)): record one, see what was handed over and the notice to the bureau. */
export function AdminHandoversPage({ account }: PageProps) {
  const { t } = useI18n();
  const mayAct = account.roles.some((role) => ORGANISATION_ADMIN_ROLES.includes(role));
  const { data, loading, error, refetch, fetchMore } = useQuery(ADMIN_HANDOVERS_QUERY, { variables: { first: PAGE_SIZE } });
  const handovers = data?.adminHandovers.nodes ?? [];
  return (
    <Page title={t('org.handover.title')} lead={t('org.handover.intro')} className="page-wide">
      {mayAct ? <HandoverForm /> : null}
      <section className="section" aria-labelledby="handovers-heading">
        <h2 id="handovers-heading">{t('org.handover.listTitle')}</h2>
        {error && !data ? (
          <QueryError error={error} onRetry={() => refetch()} />
        ) : loading && !data ? (
          <Loading />
        ) : handovers.length === 0 ? (
          <EmptyState>{t('org.handover.empty')}</EmptyState>
        ) : (
          <>
            <ol className="plain-list handover-list">
              {handovers.map((handover) => (
                <HandoverCard key={handover.id} handover={handover} mayAct={mayAct} />
              ))}
            </ol>
            {data?.adminHandovers.pageInfo.hasNextPage ? (
              <MoreButton loadMore={() => fetchMore({ variables: { first: PAGE_SIZE, after: data.adminHandovers.pageInfo.endCursor } })} />
            ) : null}
          </>
        )}
      </section>
    </Page>
  );
}

function HandoverCard({ handover, mayAct }: { handover: AdminHandover; mayAct: boolean }) {
  const { t, roleName, codeLabel } = useI18n();
  const headingId = useId();
  const who = (side: AdminHandover['outgoing']) => (side ? `${side.person.displayName}（${side.username}）` : t('common.none'));
  const notice = handover.bureauNotice;
  return (
    <li className="card audit-judge">
      <h3 id={headingId}>{t('org.handover.heading', { outgoing: who(handover.outgoing), incoming: who(handover.incoming) })}</h3>
      <p>
        {handover.roles.map((role) => (
          <Badge key={role} tone="info">
            {roleName(role)}
          </Badge>
        ))}{' '}
        {handover.late ? <Badge tone="danger">{t('org.handover.late')}</Badge> : null}{' '}
        <span className="citation">{t('common.citation', { citation: handover.citation })}</span>
      </p>
      <dl className="facts audit-facts">
        <div>
          <dt>{t('org.handover.moveOn')}</dt>
          <dd>{handover.moveOn}</dd>
        </div>
        <div>
          <dt>{t('org.handover.incomingActiveAt')}</dt>
          <dd>{formatDateTime(handover.incomingActiveAt)}</dd>
        </div>
        <div>
          <dt>{t('org.handover.outgoingStoppedAt')}</dt>
          <dd>{handover.outgoingStoppedAt ? formatDateTime(handover.outgoingStoppedAt) : t('org.handover.scheduled', { date: handover.moveOn })}</dd>
        </div>
        <div>
          <dt>{t('org.review.reason')}</dt>
          <dd>{handover.reason}</dd>
        </div>
      </dl>
      <h4>{t('org.handover.handedOver')}</h4>
      <ul>
        {handover.handedOver.map((item) => (
          <li key={item.kind}>
            {item.description}
            {item.count > 0 ? t('org.handover.count', { count: item.count }) : ''}
            {item.reference ? <span className="muted">（{item.reference}）</span> : null}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('org.handover.roster', { count: handover.roster.length })}</summary>
        <ul>
          {handover.roster.map((entry) => (
            <li key={entry.accountId}>
              {entry.displayName} <code>{entry.username}</code> · {entry.roles.map(roleName).join('、')} · {codeLabel('accountStatus', entry.status)}
            </li>
          ))}
        </ul>
      </details>
      {notice ? (
        <div className="section">
          <h4>{t('org.handover.notice')}</h4>
          <p>
            <Badge tone={notice.state === 'OVERDUE' ? 'danger' : notice.state === 'DONE' ? 'ok' : 'info'}>{codeLabel('taskState', notice.state)}</Badge>{' '}
            {notice.state === 'DONE'
              ? t('org.handover.notified', { date: notice.notifiedOn ?? '', reference: notice.reference ?? '' })
              : t('org.handover.noticeDue', { date: notice.dueOn })}{' '}
            <span className="citation">{t('common.citation', { citation: notice.citation })}</span>
          </p>
          {notice.state !== 'DONE' && mayAct ? <BureauNoticeForm handoverId={handover.id} /> : null}
        </div>
      ) : null}
    </li>
  );
}

function BureauNoticeForm({ handoverId }: { handoverId: string }) {
  const { t } = useI18n();
  const ids = { date: useId(), reference: useId(), dateProblem: useId(), referenceProblem: useId(), error: useId() };
  const [notifiedOn, setNotifiedOn] = useState(todayInTaiwan());
  const [reference, setReference] = useState('');
  const [problems, setProblems] = useState<{ date?: MessageKey; reference?: MessageKey }>({});
  const [record, { loading, error, reset }] = useMutation(RECORD_BUREAU_NOTIFIED_MUTATION);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    const found: { date?: MessageKey; reference?: MessageKey } = {};
    if (!isIsoDate(notifiedOn)) found.date = 'audit.form.invalidDate';
    else if (notifiedOn > todayInTaiwan()) found.date = 'org.handover.notInFuture';
    if (reference.trim() === '') found.reference = 'org.required';
    setProblems(found);
    if (found.date || found.reference) return;
    reset();
    try {
      await record({ variables: { input: { handoverId, notifiedOn, reference: reference.trim() } } });
    } catch {
      // Shown below.
    }
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.date}>{t('org.handover.notifiedOn')}</label>
          <input id={ids.date} type="date" value={notifiedOn} aria-invalid={problems.date ? true : undefined} aria-describedby={problems.date ? ids.dateProblem : undefined} onChange={(event) => setNotifiedOn(event.target.value)} />
          {problems.date ? (
            <p id={ids.dateProblem} className="field-error">
              {t(problems.date)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={ids.reference}>{t('org.handover.reference')}</label>
          <input id={ids.reference} type="text" value={reference} aria-invalid={problems.reference ? true : undefined} aria-describedby={problems.reference ? ids.referenceProblem : undefined} onChange={(event) => setReference(event.target.value)} />
          {problems.reference ? (
            <p id={ids.referenceProblem} className="field-error">
              {t(problems.reference)}
            </p>
          ) : null}
        </div>
      </div>
      <button type="submit" className="button" aria-disabled={loading}>
        {loading ? t('org.saving') : t('org.handover.recordNotice')}
      </button>
      <FormError id={ids.error} error={error} />
    </form>
  );
}

type HandoverField = 'outgoing' | 'incoming' | 'moveOn' | 'reason';

function HandoverForm() {
  const { t, roleName } = useI18n();
  const ids = { heading: useId(), outgoing: useId(), incoming: useId(), moveOn: useId(), reason: useId(), error: useId(), done: useId() };
  const choices = useQuery(ACCOUNT_CHOICES_QUERY, { variables: { first: 100 } });
  const accounts = useMemo(() => (choices.data?.accounts.nodes ?? []).filter((candidate) => candidate.status === 'ACTIVE'), [choices.data]);
  const [outgoing, setOutgoing] = useState('');
  const [incoming, setIncoming] = useState('');
  const [moveOn, setMoveOn] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Partial<Record<HandoverField, MessageKey>>>({});
  const [done, setDone] = useState(false);
  const [record, { loading, error, reset }] = useMutation(RECORD_HANDOVER_MUTATION, { refetchQueries: [ADMIN_HANDOVERS_QUERY, 'AccountChoices'] });
  const admins = accounts.filter((candidate) => candidate.roles.some((role) => ADMIN_ROLES.includes(role)));
  const outgoingAccount = accounts.find((candidate) => candidate.id === outgoing);
  const successors = accounts.filter((candidate) => candidate.id !== outgoing && (!outgoingAccount || candidate.agencyId === outgoingAccount.agencyId));
  const label = (candidate: (typeof accounts)[number]) => `${candidate.person.displayName}（${candidate.username}）· ${candidate.roles.map(roleName).join('、')}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    const found: Partial<Record<HandoverField, MessageKey>> = {};
    if (!outgoing) found.outgoing = 'org.required';
    if (!incoming) found.incoming = 'org.required';
    else if (incoming === outgoing) found.incoming = 'org.handover.sameAccount';
    if (!moveOn) found.moveOn = 'org.required';
    else if (!isIsoDate(moveOn)) found.moveOn = 'audit.form.invalidDate';
    if (reason.trim() === '') found.reason = 'org.required';
    setProblems(found);
    setDone(false);
    if (Object.keys(found).length > 0) return;
    reset();
    try {
      await record({ variables: { input: { outgoingAccountId: outgoing, incomingAccountId: incoming, moveOn, reason: reason.trim() } } });
      setDone(true);
      setOutgoing('');
      setIncoming('');
      setMoveOn('');
      setReason('');
    } catch {
      // Shown below; the input stays.
    }
  }

  const problem = (field: HandoverField, id: string) =>
    problems[field] ? (
      <p id={id} className="field-error">
        {t(problems[field]!)}
      </p>
    ) : null;

  return (
    <section className="card audit-draw" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('org.handover.formTitle')}</h2>
      <p className="section-meta">{t('org.handover.formIntro')}</p>
      {choices.error ? <QueryError error={choices.error} onRetry={() => choices.refetch()} /> : null}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.outgoing}>{t('org.handover.outgoing')}</label>
            <select id={ids.outgoing} value={outgoing} aria-invalid={problems.outgoing ? true : undefined} aria-describedby={problems.outgoing ? `${ids.outgoing}-p` : undefined} onChange={(event) => setOutgoing(event.target.value)}>
              <option value="">{t('org.handover.choose')}</option>
              {admins.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {label(candidate)}
                </option>
              ))}
            </select>
            {problem('outgoing', `${ids.outgoing}-p`)}
          </div>
          <div className="field">
            <label htmlFor={ids.incoming}>{t('org.handover.incoming')}</label>
            <select id={ids.incoming} value={incoming} aria-invalid={problems.incoming ? true : undefined} aria-describedby={problems.incoming ? `${ids.incoming}-p` : undefined} onChange={(event) => setIncoming(event.target.value)}>
              <option value="">{t('org.handover.choose')}</option>
              {successors.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {label(candidate)}
                </option>
              ))}
            </select>
            {problem('incoming', `${ids.incoming}-p`)}
          </div>
          <div className="field">
            <label htmlFor={ids.moveOn}>{t('org.handover.moveOn')}</label>
            <input id={ids.moveOn} type="date" value={moveOn} aria-invalid={problems.moveOn ? true : undefined} aria-describedby={problems.moveOn ? `${ids.moveOn}-p` : undefined} onChange={(event) => setMoveOn(event.target.value)} />
            {problem('moveOn', `${ids.moveOn}-p`)}
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>{t('org.review.reason')}</label>
          <input id={ids.reason} type="text" value={reason} aria-invalid={problems.reason ? true : undefined} aria-describedby={problems.reason ? `${ids.reason}-p` : undefined} onChange={(event) => setReason(event.target.value)} />
          {problem('reason', `${ids.reason}-p`)}
        </div>
        <button type="submit" className="button button-strong" aria-disabled={loading}>
          {loading ? t('org.saving') : t('org.handover.submit')}
        </button>
        <p role="status" id={ids.done} className="field-ok">
          {done ? t('org.handover.recorded') : null}
        </p>
        <FormError id={ids.error} error={error} />
      </form>
    </section>
  );
}
