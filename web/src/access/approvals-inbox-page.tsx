import { useI18n } from '../i18n/i18n-context';
import { Page } from '../ui/page';
import { APPLICATION_INBOX_QUERY } from './access.operations';
import { ApplicationList } from './application-list';
import './access.css';

/** Applications waiting at a step the signed-in account decides, oldest first. */
export function ApprovalsInboxPage() {
  const { t } = useI18n();
  return (
    <Page title={t('access.inbox.title')} lead={t('access.inbox.lead')}>
      <ApplicationList
        query={APPLICATION_INBOX_QUERY}
        field="applicationInbox"
        caption={t('access.inbox.caption')}
        empty={t('access.inbox.empty')}
        showApplicant
      />
    </Page>
  );
}
