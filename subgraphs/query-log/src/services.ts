import type { DataSource } from 'typeorm';
import { CheckpointKeys } from './chain/checkpoint-keys';
import { HashChain, startCheckpointTimer } from './chain/hash-chain';
import type { QueryLogConfig } from './env';
import { SubjectHasher } from './identifiers/subject';
import type { PlatformGateway } from './platform/platform-gateway';
import { RecordQueryCommand } from './records/record-query.command';
import { QueryRecordService } from './records/query-record.service';
import { QueryRequestService } from './requests/query-request.service';
import { RegisterService } from './register/register.service';
import { BureauImportRunner } from './bureau/bureau-import.runner';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { CrossCityService } from './cross-city/cross-city.service';
import { QueryCountService } from './reporting/query-counts.service';
import { SubjectReportService } from './subject-report/subject-report.service';

/** The query log's services, built once at boot and shared by every request. */
export interface QueryLogServices {
  hasher: SubjectHasher;
  platform: PlatformGateway;
  checkpointKeys: CheckpointKeys;
  chain: HashChain;
  requests: QueryRequestService;
  records: QueryRecordService;
  recordQuery: RecordQueryCommand;
  register: RegisterService;
  imports: BureauImportRunner;
  reconciliation: ReconciliationService;
  /** Issue 9: central agencies' reads, reporting aggregates, data-subject reports. */
  crossCity: CrossCityService;
  queryCounts: QueryCountService;
  subjectReports: SubjectReportService;
  /** Stops background work (the checkpoint timer). */
  stop(): Promise<void>;
}

export function createQueryLogServices(dataSource: DataSource, config: QueryLogConfig, platform: PlatformGateway): QueryLogServices {
  const hasher = new SubjectHasher(config.SUBJECT_HASH_KEYS);
  const checkpointKeys = new CheckpointKeys(hasher, config.CHECKPOINT_SIGNING_KEY);
  const chain = new HashChain(checkpointKeys, config.CHECKPOINT_EVERY_RECORDS);
  const requests = new QueryRequestService(hasher);
  const imports = new BureauImportRunner(dataSource, hasher);
  const timer = startCheckpointTimer(dataSource, chain, Object.keys(config.SUBJECT_HASH_KEYS), config.CHECKPOINT_INTERVAL_SECONDS);
  return {
    hasher,
    platform,
    checkpointKeys,
    chain,
    requests,
    records: new QueryRecordService(),
    recordQuery: new RecordQueryCommand(requests, platform, chain),
    register: new RegisterService(hasher),
    imports,
    reconciliation: new ReconciliationService(),
    crossCity: new CrossCityService(),
    queryCounts: new QueryCountService(),
    subjectReports: new SubjectReportService(hasher),
    async stop() {
      await timer.stop();
      await imports.stop();
    },
  };
}
