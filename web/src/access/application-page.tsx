import { useId, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, type Column } from '../ui/data-table';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import { STATUS_TONES, STEP_TONES } from './application-status';
import { describeAccessError, errorField } from './access-errors';
import { ApproveRejectForm } from './approve-reject-form';
import { describeActor, type ActorWords } from './application-actor';
import {
  APPLICATION_QUERY,
  DECIDE_STEP_MUTATION,
  WITHDRAW_MUTATION,
  type ApplicationDetail,
  type ApplicationEvent,
} from './access.operations';
import './access.css';


export function ApplicationPage({ account }: PageProps) {
  const { t } = useI18n();
  const id = useHashParams().get('id') ?? '';
  const { data, loading, error, refetch } = useQuery(APPLICATION_QUERY, { variables: { id }, skip: !id, fetchPolicy: 'cache-and-network' });
  const application = data?.application;
  return (
    <Page title={t('access.application.title')} heading={application ? applicationHeading(application, t) : undefined}>
      {!id ? (
        <EmptyState>{t('access.application.missingId')}</EmptyState>
      ) : error && !data ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : application ? (
        <ApplicationView application={application} viewerId={account.id} />
      ) : (
        <EmptyState>{t('access.application.notFound')}</EmptyState>
      )}
    </Page>
  );
}

type Translate = ReturnType<typeof useI18n>['t'];

function applicationHeading(application: ApplicationDetail, t: Translate): string {
  return t('access.application.heading', {
    form: application.form ? `${application.form.number} ` : '',
    kind: t(`access.kind.${application.kind}` as never),
    operation: t(`access.operation.${application.operation}` as never),
  });
}

function ApplicationView({ application, viewerId }: { application: ApplicationDetail; viewerId: string }) {
  const { t, language, codeLabel, roleName } = useI18n();
  const itemList = (items: ApplicationDetail['itemsToAdd']) => (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item.key}>
          <code>{item.code}</code> {language === 'en' ? item.nameEn : item.name}
        </li>
      ))}
    </ul>
  );
  const person = (who: { username: string; person: { displayName: string } }) => `${who.person.displayName}（${who.username}）`;
  const facts: Array<[string, ReactNode]> = [
    [t('access.application.status'), <Badge tone={STATUS_TONES[application.status]}>{codeLabel('access.status', application.status)}</Badge>],
    [t('access.application.applicant'), person(application.applicant)],
  ];
  if (application.subject.id !== application.applicant.id) facts.push([t('access.application.subject'), person(application.subject)]);
  if (application.replaces) facts.push([t('access.application.replaces'), person(application.replaces)]);
  facts.push([t('access.application.agency'), localizedName(application.agency, language)]);
  facts.push([t('access.application.submittedAt'), formatDateTime(application.submittedAt)]);
  if (application.decidedAt) facts.push([t('access.application.decidedAt'), formatDateTime(application.decidedAt)]);
  facts.push([t('access.application.reason'), application.reason]);
  if (application.itemsToAdd.length > 0) facts.push([t('access.application.itemsToAdd'), itemList(application.itemsToAdd)]);
  if (application.itemsToRemove.length > 0) facts.push([t('access.application.itemsToRemove'), itemList(application.itemsToRemove)]);
  const businessItem = application.businessItem ?? application.proposedBusinessItem;
  if (businessItem) facts.push([t('access.application.businessItem'), businessItem.name]);
  const basis = application.businessItem?.legalBasis ?? application.legalBasis;
  if (basis) {
    facts.push([t('access.application.legalBasis'), `${codeLabel('access.category', basis.category)}｜${basis.laws ?? basis.purpose}${basis.citation ? `（${basis.citation}）` : ''}`]);
  } else if (application.proposedBusinessItem?.newLegalBasisLaws) {
    facts.push([t('access.application.legalBasis'), application.proposedBusinessItem.newLegalBasisLaws]);
  }
  if (application.personalDataAcknowledged) facts.push([t('access.application.acknowledged'), t('access.application.acknowledgedYes')]);
  if (application.retention) {
    facts.push([
      t('access.application.retention'),
      t('access.application.retentionText', {
        years: application.retention.minimumYears,
        until: application.retention.keepUntil ? t('access.application.retentionUntil', { date: application.retention.keepUntil }) : '',
        citation: application.retention.citation,
      }),
    ]);
  }
  facts.push([t('access.application.ruleVersion'), <code>{application.ruleVersion}</code>]);

  const current = application.steps.find((step) => step.state === 'CURRENT');
  const mine = application.applicant.id === viewerId;
  // Said after the decision form has gone (the decision moved the application on).
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p className="access-actions">
        <a href={mine ? '#/access' : '#/access/inbox'}>{mine ? t('access.application.backMine') : t('access.application.back')}</a>
      </p>
      <section className="section" aria-labelledby="application-details">
        <h2 id="application-details">{t('access.application.details')}</h2>
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="section" aria-labelledby="application-steps">
        <h2 id="application-steps">{t('access.application.steps')}</h2>
        <ol className="step-list">
          {application.steps.map((step) => (
            <li key={step.index} className={`step-item step-${step.state}`} aria-current={step.state === 'CURRENT' ? 'step' : undefined}>
              <h3>
                <span>{t('access.application.stepHeading', { number: step.index + 1, title: step.title })}</span>
                <span className="muted">{roleName(step.role)}</span>
                <Badge tone={STEP_TONES[step.state]}>{codeLabel('access.stepState', step.state)}</Badge>
              </h3>
              {step.decision ? <DecisionLine event={application.timeline.find((event) => event.sequence === step.decision!.sequence)} service={application.service} /> : null}
              <p className="citation">{step.citation}</p>
            </li>
          ))}
        </ol>
      </section>

      <p className="notice notice-info" role="status" hidden={!notice}>
        {notice}
      </p>
      {application.viewerMayDecide && current ? (
        <DecisionForm key={current.index} application={application} stepIndex={current.index} stepTitle={current.title} onDone={setNotice} />
      ) : null}
      {application.viewerMayWithdraw ? <WithdrawForm application={application} onDone={setNotice} /> : null}

      <section className="section" aria-labelledby="application-timeline">
        <h2 id="application-timeline">{t('access.application.timeline')}</h2>
        <Timeline events={application.timeline} service={application.service} />
      </section>

      <details className="section">
        <summary>{t('access.application.printable')}</summary>
        <pre className="printable-form">{application.printableForm}</pre>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('access.application.print')}
        </button>
      </details>
    </>
  );
}

/** The words `describeActor` needs, in the page's language. */
function useActorWords(): ActorWords {
  const { t, language, roleName } = useI18n();
  return {
    bureauName: (service) =>
      service === 'labor-insurance' || service === 'health-insurance' ? t(`access.application.bureau.${service}`) : t('access.application.bureau.unknown'),
    bureauOfficer: roleName('BUREAU_OFFICER'),
    unknownActor: t('access.application.actorUnknown'),
    agencyName: (agency) => localizedName(agency, language),
  };
}

function DecisionLine({ event, service }: { event: ApplicationEvent | undefined; service: string }) {
  const { t, codeLabel } = useI18n();
  const words = useActorWords();
  if (!event) return null;
  const who = describeActor(event, service, words);
  return (
    <>
      <p>
        {t('access.application.stepDecision', {
          actor: who.actor,
          agency: who.agency,
          at: formatDateTime(event.actedAt),
          event: codeLabel('access.event', event.event),
        })}
        {event.onBehalfOf === 'bureau' ? <span className="muted">（{t('access.application.onBehalfOfBureau')}）</span> : null}
        {!event.actor && event.role === 'BUREAU_OFFICER' ? <span className="muted">（{t('access.application.bureauDecided')}）</span> : null}
      </p>
      {event.comment ? <p>{t('access.application.comment', { comment: event.comment })}</p> : null}
    </>
  );
}

function Timeline({ events, service }: { events: ApplicationEvent[]; service: string }) {
  const { t, codeLabel, roleName } = useI18n();
  const words = useActorWords();
  const columns: Column<ApplicationEvent>[] = [
    { id: 'at', header: t('column.recordedAt'), className: 'nowrap', cell: (event) => formatDateTime(event.actedAt) },
    { id: 'event', header: t('access.column.status'), rowHeader: true, cell: (event) => codeLabel('access.event', event.event) },
    {
      id: 'actor',
      header: t('column.name'),
      // A bureau's own decision has no actor of the city: its role already names who ("中央主管機關人員").
      cell: (event) => `${describeActor(event, service, words).actor}${event.role && event.actor ? `｜${roleName(event.role)}` : ''}`,
    },
    { id: 'agency', header: t('column.agency'), cell: (event) => describeActor(event, service, words).agency },
    { id: 'comment', header: t('access.application.comment.label'), cell: (event) => event.comment ?? t('common.none') },
  ];
  return <DataTable caption={t('access.application.timelineCaption')} columns={columns} rows={events} rowKey={(event) => String(event.sequence)} />;
}

function DecisionForm({
  application,
  stepIndex,
  stepTitle,
  onDone,
}: {
  application: ApplicationDetail;
  stepIndex: number;
  stepTitle: string;
  onDone(message: string): void;
}) {
  const { t, messages } = useI18n();
  const ids = { comment: useId(), heading: useId() };
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [decide, { loading }] = useMutation(DECIDE_STEP_MUTATION);

  async function send(decision: 'APPROVE' | 'REJECT') {
    if (loading) return;
    setFormError(null);
    if (decision === 'REJECT' && comment.trim() === '') {
      setFieldError(t('access.validation.commentRequired'));
      document.getElementById(ids.comment)?.focus();
      return;
    }
    setFieldError(null);
    try {
      await decide({
        variables: { id: application.id, decision, comment: comment.trim() || null, step: stepIndex },
      });
      onDone(t('access.application.decided'));
    } catch (caught) {
      // The comment stays; a step someone else already decided shows the application as it is now.
      if (errorField(caught) === 'comment') setFieldError(describeAccessError(caught, messages));
      else setFormError(describeAccessError(caught, messages));
    }
  }

  return (
    <section className="section card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('access.application.decide')}</h2>
      <p>{t('access.application.decideLead', { number: stepIndex + 1, title: stepTitle })}</p>
      <ApproveRejectForm
        commentId={ids.comment}
        comment={comment}
        onCommentChange={(value) => {
          setComment(value);
          setFieldError(null);
        }}
        fieldError={fieldError}
        formError={formError}
        busy={loading}
        onDecide={(decision) => void send(decision)}
        words={{ comment: t('access.application.comment.label'), hint: t('access.application.comment.hint'), approve: t('access.application.approve'), reject: t('access.application.reject'), deciding: t('access.application.deciding') }}
      />
    </section>
  );
}

function WithdrawForm({ application, onDone }: { application: ApplicationDetail; onDone(message: string): void }) {
  const { t, messages } = useI18n();
  const ids = { comment: useId(), heading: useId() };
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [withdraw, { loading }] = useMutation(WITHDRAW_MUTATION);
  async function send() {
    if (loading) return;
    setError(null);
    try {
      await withdraw({ variables: { id: application.id, comment: comment.trim() || null } });
      onDone(t('access.application.withdrawn'));
    } catch (caught) {
      setError(describeAccessError(caught, messages));
    }
  }
  return (
    <section className="section card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('access.application.withdraw')}</h2>
      <p>{t('access.application.withdrawLead')}</p>
      <form className="access-form" noValidate onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.comment}>{t('access.application.withdrawComment')}</label>
          <input id={ids.comment} type="text" maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />
        </div>
        <p className="form-error" role="alert">
          {error}
        </p>
        <div>
          <button type="button" className="button button-danger" disabled={loading} onClick={() => void send()}>
            {t('access.application.withdraw')}
          </button>
        </div>
      </form>
    </section>
  );
}

