import { stopOnSignals } from '@custos/tenancy';
import { loadQueryLogConfig } from './env';
import { startQueryLog } from './server';

const queryLog = await startQueryLog(loadQueryLogConfig());
console.log(`[query-log] listening on ${queryLog.url}`);
stopOnSignals('query-log', queryLog);
