import { createSubgraphDataSource } from '@custos/tenancy';
import { CheckpointKeys } from '../chain/checkpoint-keys';
import { HashChain } from '../chain/hash-chain';
import { queryLogConfigSchema } from '../env';
import { SubjectHasher } from '../identifiers/subject';
import { QueryRecordEntity } from '../records/query-record.entity';
import { QueryRequestDecisionEntity, QueryRequestEntity } from '../requests/query-request.entity';

export interface CheckpointJobResult {
  cityId: string;
  /** The sequence the city's latest signed checkpoint covers (null: no records yet). */
  sequence: string | null;
  error?: string;
}

export interface QueryLogJobs {
  /** A signed checkpoint of every city's chain head (one short transaction per city; none when nothing is new). */
  writeCheckpoints(now: Date): Promise<CheckpointJobResult[]>;
  stop(): Promise<void>;
}

/**
 * The query log's scheduled work, for the platform's job worker: the same configuration as the
 * subgraph (the checkpoint key never leaves the processes that are given it), its own role.
 */
export async function startQueryLogJobs(env: Record<string, string | undefined>): Promise<QueryLogJobs> {
  const parsed = queryLogConfigSchema.safeParse(env);
  if (!parsed.success) throw new Error(`query-log jobs: invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const config = parsed.data;
  const dataSource = await createSubgraphDataSource({
    url: config.SUBGRAPH_DATABASE_URL,
    schema: 'query_log',
    entities: [QueryRecordEntity, QueryRequestEntity, QueryRequestDecisionEntity],
    poolSize: 1,
  });
  const chain = new HashChain(new CheckpointKeys(new SubjectHasher(config.SUBJECT_HASH_KEYS), config.CHECKPOINT_SIGNING_KEY), config.CHECKPOINT_EVERY_RECORDS);
  return {
    async writeCheckpoints(now) {
      const results: CheckpointJobResult[] = [];
      for (const cityId of Object.keys(config.SUBJECT_HASH_KEYS).sort()) {
        try {
          const checkpoint = await dataSource.transaction(async (manager) => {
            await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
            // A city whose chain stays locked (a long append) is reported, not waited for: the next cities' chains
            // are anchored on time all the same.
            await manager.query(`SET LOCAL lock_timeout = '5s'`);
            return chain.writeCheckpoint(manager, cityId, now);
          });
          results.push({ cityId, sequence: checkpoint?.sequence ?? null });
        } catch (error) {
          // One city's failure must not keep the others' chains unanchored; the job reports it.
          results.push({ cityId, sequence: null, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return results;
    },
    stop: () => dataSource.destroy(),
  };
}
