import { stopOnSignals } from '@custos/tenancy';
import { loadAuditConfig } from './env';
import { startAudit } from './server';

const audit = await startAudit(loadAuditConfig());
console.log(`[audit] listening on ${audit.url}`);
stopOnSignals('audit', audit);
