import '../access/access.css';
import { useId, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { errorCodes } from '../api/api-error';
import { ApproveRejectForm } from '../access/approve-reject-form';
import { useI18n } from '../i18n/i18n-context';
import { useItemNames } from '../queries/item-names';
import { appendPage } from '../queries/query-errors';
import { navigateTo, useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { formatDateTime } from '../ui/format';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { describeBureauError } from './bureau-errors';
import { bureauViewParams } from './bureau-filters';
import { BureauPage, CitySelect, ReachNotice, shortId, type BureauScope, useBureauView } from './bureau-scope';
import { BUREAU_APPLICATIONS_QUERY, RECORD_BUREAU_DECISION_MUTATION, type BureauApplication, type BureauLegalBasis } from './bureau.operations';
import './bureau.css';

const PAGE_SIZE = 50;
const PATH = '/bureau/applications';

/**
 * The applications awaiting the bureau's own step (Taoyuan 附表三: 勞保局 approves an agency's items, 6(二)), oldest
 * first. The officer approves or rejects that step with a comment (recordBureauDecision); the city's last step then
 * applies the change, so the application leaves this list but is not finished.
 */
export function BureauApplicationsPage(_props: PageProps) {
  return (
    <BureauPage title="bureau.applications.title" intro="bureau.applications.intro">
      {(scope) => <BureauApplications scope={scope} />}
    </BureauPage>
  );
}

function BureauApplications({ scope }: { scope: BureauScope }) {
  const { t } = useI18n();
  const params = useHashParams();
  const address = params.toString();
  const view = useBureauView(scope, address);
  const filter = useMemo(() => (view.cityId ? { cityIds: [view.cityId] } : {}), [view.cityId]);
  const variables = { first: PAGE_SIZE, filter };
  const { data, loading, error, refetch, fetchMore } = useQuery(BUREAU_APPLICATIONS_QUERY, { variables, fetchPolicy: 'cache-and-network' });
  const page = data?.bureauApplications;
  const cityId = useId();
  // Said after a decided application has left the list.
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <ReachNotice scope={scope} />
      <div className="filters">
        <div className="field field-inline">
          <label htmlFor={cityId}>{t('bureau.city')}</label>
          <CitySelect id={cityId} scope={scope} value={view.cityId ?? ''} onChange={(city) => navigateTo(PATH, bureauViewParams({ cityId: city || null }))} />
        </div>
      </div>
      <p className="notice notice-info" role="status" hidden={!notice}>
        {notice}
      </p>
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        <EmptyState hint={t('bureau.applications.emptyHint')}>{t('bureau.applications.empty')}</EmptyState>
      ) : page ? (
        <>
          <p className="list-count">{t('bureau.applications.count', { count: page.totalCount })}</p>
          <ol className="plain-list bureau-applications">
            {page.nodes.map((application) => (
              <li key={application.id}>
                <ApplicationCard
                  application={application}
                  scope={scope}
                  onDecided={(message) => {
                    setNotice(message);
                    void refetch();
                  }}
                />
              </li>
            ))}
          </ol>
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() =>
              fetchMore({
                variables: { ...variables, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({ bureauApplications: appendPage(previous.bureauApplications, fetchMoreResult.bureauApplications) }),
              })
            }
          />
        </>
      ) : null}
    </>
  );
}

/** The laws (or, for a major policy, its purpose), what the basis allows, its citation, and whether it is registered or proposed. */
function LegalBasisText({ basis }: { basis: BureauLegalBasis }) {
  const { t } = useI18n();
  return (
    <>
      {basis.laws ? `${basis.laws}：${basis.purpose}` : basis.purpose}
      {basis.citation ? <span className="citation">（{basis.citation}）</span> : null}
      <span className="citation">（{t(basis.registered ? 'bureau.applications.registered' : 'bureau.applications.proposed')}）</span>
    </>
  );
}

function ApplicationCard({ application, scope, onDecided }: { application: BureauApplication; scope: BureauScope; onDecided(message: string): void }) {
  const { t, codeLabel, messages, language } = useI18n();
  const { itemName } = useItemNames();
  const ids = { heading: useId(), comment: useId() };
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [decide, { loading }] = useMutation(RECORD_BUREAU_DECISION_MUTATION);
  const city = scope.cityName(application.cityId);
  const agencyName = (language === 'en' ? application.agencyNameEn : null) ?? application.agencyName;
  const legalBasis = application.businessItem?.legalBasis ?? application.legalBasis;
  const title = t('bureau.applications.heading', {
    city,
    form: application.formNumber ?? '',
    kind: codeLabel('access.kind', application.kind),
    operation: codeLabel('access.operation', application.operation),
  });

  async function send(decision: 'APPROVE' | 'REJECT') {
    if (loading) return;
    setFormError(null);
    // A rejection says why (the API refuses it otherwise: COMMENT_REQUIRED).
    if (decision === 'REJECT' && comment.trim() === '') {
      setFieldError(t('bureau.applications.commentRequired'));
      document.getElementById(ids.comment)?.focus();
      return;
    }
    setFieldError(null);
    try {
      await decide({
        variables: { input: { cityId: application.cityId, applicationId: application.id, decision, comment: comment.trim() || null, step: application.currentStep } },
      });
      onDecided(t(decision === 'APPROVE' ? 'bureau.applications.approved' : 'bureau.applications.rejected', { title, city }));
    } catch (caught) {
      // The comment stays typed; a comment problem goes by the field, anything else above the buttons.
      if (errorCodes(caught).includes('COMMENT_REQUIRED')) {
        setFieldError(t('bureau.applications.commentRequired'));
        document.getElementById(ids.comment)?.focus();
      } else setFormError(describeBureauError(caught, messages));
    }
  }

  return (
    <section className="section card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{title}</h2>
      <dl className="facts">
        <div>
          <dt>{t('bureau.city')}</dt>
          <dd>{city}</dd>
        </div>
        <div>
          <dt>{t('bureau.applications.agency')}</dt>
          <dd>{agencyName ?? <code>{shortId(application.agencyId)}</code>}</dd>
        </div>
        <div>
          <dt>{t('bureau.applications.submittedAt')}</dt>
          <dd>{formatDateTime(application.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t('bureau.applications.step')}</dt>
          <dd>
            {t('bureau.applications.stepText', { number: application.currentStep + 1, title: application.stepTitleZh ?? '' })}
            {application.stepCitation ? <span className="citation">（{application.stepCitation}）</span> : null}
          </dd>
        </div>
        {application.businessItem ? (
          <>
            <div>
              <dt>{t('bureau.applications.businessItem')}</dt>
              <dd>
                {application.businessItem.name}
                <span className="citation">（{t(application.businessItem.registered ? 'bureau.applications.registered' : 'bureau.applications.proposed')}）</span>
              </dd>
            </div>
            <div>
              <dt>{t('bureau.applications.purpose')}</dt>
              <dd>{application.businessItem.purpose}</dd>
            </div>
          </>
        ) : null}
        {legalBasis ? (
          <div>
            <dt>{t('bureau.applications.legalBasis')}</dt>
            <dd>
              <LegalBasisText basis={legalBasis} />
            </dd>
          </div>
        ) : null}
        {application.itemsToAdd.length > 0 ? (
          <div>
            <dt>{t('bureau.applications.itemsToAdd')}</dt>
            <dd>
              <ul className="plain-list">
                {application.itemsToAdd.map((key) => (
                  <li key={key}>{itemName(key)}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {application.itemsToRemove.length > 0 ? (
          <div>
            <dt>{t('bureau.applications.itemsToRemove')}</dt>
            <dd>
              <ul className="plain-list">
                {application.itemsToRemove.map((key) => (
                  <li key={key}>{itemName(key)}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('bureau.applications.reason')}</dt>
          <dd>{application.reason}</dd>
        </div>
      </dl>
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
        words={{ comment: t('bureau.applications.comment'), hint: t('bureau.applications.commentHint'), approve: t('bureau.applications.approve'), reject: t('bureau.applications.reject'), deciding: t('bureau.applications.deciding') }}
      />
    </section>
  );
}
