import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, taiwanToday } from '../shared/dates';
import { hash64DrawKey } from '../testing/pg-hash';
import { ensureQueryLogContract, seedQueryRecords, type SeedRecord } from '../testing/query-log-contract';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture } from '../testing/audit-fixture';

const DRAW = `mutation ($input: DrawAuditSampleInput!) {
  drawAuditSample(input: $input) {
    id method ruleVersionId samplingCitation samplingRule { period percent minimum maximum allIfFewerThan citation }
    periodStart periodEnd agencyId stratifyBy drawMethod seed populationCount populationHash sampleSize
    sample(first: 500) { position queryRecordId stratum drawKey itemKey unitId }
  }
}`;
const VERIFY = `query ($auditId: ID!) { verifyAuditSample(auditId: $auditId) { populationCount populationHash samePopulation sameSample redrawnRecordIds } }`;
const AUDIT = `query ($id: ID!) { audit(id: $id) { id sampleSize } }`;

let fx: AuditFixture;
const auditor = (cityId: string) => buildPrincipal(cityId, ['AUDITOR', 'ETHICS_OFFICER']);

/** `count` records of one agency (and unit) spread over a period, at office-hour instants. */
function spread(cityId: string, agencyId: string, count: number, from: string, days: number, extra: Partial<SeedRecord> = {}): SeedRecord[] {
  const start = Date.parse(`${from}T01:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    cityId,
    agencyId,
    accountId: extra.accountId ?? randomUUID(),
    queriedAt: new Date(start + Math.floor((i * days * 86_400_000) / count)),
    ...extra,
  }));
}

/** The sample anyone can recompute from the population's ids and the seed: order by the method's key, take k. */
function expectedSample(ids: string[], seed: string, k: number, key = (id: string) => hash64DrawKey(id, seed)): string[] {
  return [...ids].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : 1)).slice(0, k);
}
const md5Key = (seed: string) => (id: string) => createHash('md5').update(seed + id).digest('hex');

/** hash64-register-order: SHA-256 of the ids' 16 bytes in register order (seeded in time order here). */
function populationHash(idsInRegisterOrder: string[]): string {
  return createHash('sha256').update(Buffer.concat(idsInRegisterOrder.map((id) => Buffer.from(id.replace(/-/g, ''), 'hex')))).digest('hex');
}

/** md5-sorted-ids: SHA-256 of the ids as text, one per line, in ascending order. */
function sortedIdsHash(ids: string[]): string {
  return createHash('sha256').update([...ids].sort().map((id) => `${id}\n`).join('')).digest('hex');
}

const agencies = { small: randomUUID(), mid: randomUUID(), large: randomUUID(), tiny: randomUUID(), legacy: randomUUID() };
const units = { a: randomUUID(), b: randomUUID() };
let changhuaMid: string[];
let unitA: string[];
let unitB: string[];
let legacy: string[];

beforeAll(async () => {
  fx = await startAuditFixture({ beforeStart: ensureQueryLogContract });
  changhuaMid = await seedQueryRecords(fx.db, spread('changhua', agencies.mid, 500, '2024-01-01', 181));
  unitA = await seedQueryRecords(fx.db, spread('tainan', agencies.large, 800, '2024-04-01', 29, { unitId: units.a }));
  unitB = await seedQueryRecords(fx.db, spread('tainan', agencies.large, 200, '2024-04-01', 29, { unitId: units.b, itemKey: 'health-insurance:C0201:national-id+premium-month' }));
  legacy = await seedQueryRecords(fx.db, spread('changhua', agencies.legacy, 60, '2023-07-01', 184));
  await seedQueryRecords(fx.db, [
    ...spread('changhua', agencies.small, 25, '2024-01-01', 181),
    ...spread('changhua', agencies.large, 2000, '2024-01-01', 181),
    // Outside the half-year, and another city's records of the same agency id: never in the population.
    ...spread('changhua', agencies.mid, 40, '2024-07-01', 30),
    ...spread('tainan', agencies.mid, 40, '2024-03-01', 30),
    ...spread('tainan', agencies.large, 1000, '2024-03-01', 30),
    ...spread('tainan', agencies.mid, 250, '2024-03-01', 30),
    ...spread('tainan', agencies.tiny, 7, '2024-03-01', 30),
    ...spread('taoyuan', agencies.mid, 12, '2024-03-01', 30),
    ...spread('taipei', agencies.mid, 9, '2020-07-01', 180),
  ]);
});
afterAll(async () => {
  await fx?.stop();
});

describe('drawing an audit sample by the city’s rule', () => {
  it('Changhua 8(一): 10% of the half-year, reproducible by anyone from the seed and the population', async () => {
    const audit = dataOf(await fx.execute(DRAW, { input: { periodStart: '2024-01-01', periodEnd: '2024-06-30', agencyId: agencies.mid } }, auditor('changhua'))).drawAuditSample;
    expect(audit).toMatchObject({
      method: 'SAMPLE',
      ruleVersionId: 'changhua-labor-insurance-revision',
      samplingCitation: 'Changhua 8(一)',
      samplingRule: { period: 'half-year', percent: 10, minimum: 30, maximum: 100, allIfFewerThan: 30, citation: 'Changhua 8(一)' },
      populationCount: 500,
      sampleSize: 50,
      stratifyBy: [],
      drawMethod: 'HASH64_REGISTER_ORDER',
    });
    expect(audit.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(audit.populationHash).toBe(populationHash(changhuaMid));
    const ids = audit.sample.map((r: { queryRecordId: string }) => r.queryRecordId);
    expect(ids).toEqual(expectedSample(changhuaMid, audit.seed, 50));
    expect(audit.sample.map((r: { position: number }) => r.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(audit.sample.map((r: { drawKey: string }) => r.drawKey)).toEqual(ids.map((id: string) => hash64DrawKey(id, audit.seed)));
  });

  it.each([
    ['changhua', 'small', '2024-01-01', '2024-06-30', 25, 25],
    ['changhua', 'large', '2024-01-01', '2024-06-30', 2000, 100],
    ['tainan', 'large', '2024-03-01', '2024-03-31', 1000, 30],
    ['tainan', 'mid', '2024-03-01', '2024-03-31', 290, 10],
    ['tainan', 'tiny', '2024-03-01', '2024-03-31', 7, 7],
  ] as const)('%s, agency %s: %s..%s population %i → sample %i', async (cityId, agency, periodStart, periodEnd, population, size) => {
    const audit = dataOf(await fx.execute(DRAW, { input: { periodStart, periodEnd, agencyId: agencies[agency] } }, auditor(cityId))).drawAuditSample;
    expect([audit.populationCount, audit.sampleSize, audit.sample.length]).toEqual([population, size, size]);
  });

  it('Taoyuan and Taipei do not sample: the period’s records are all reviewed, by a role their rules make check them', async () => {
    const taoyuan = dataOf(
      await fx.execute(DRAW, { input: { periodStart: '2024-03-01', periodEnd: '2024-03-31' } }, buildPrincipal('taoyuan', ['AGENCY_ADMIN'])),
    ).drawAuditSample;
    expect(taoyuan).toMatchObject({ method: 'FULL_REVIEW', samplingRule: null, samplingCitation: 'Taoyuan (no provision; cf. 8(一)1)', populationCount: 12, sampleSize: 12 });
    const taipei = dataOf(await fx.execute(DRAW, { input: { periodStart: '2020-07-01', periodEnd: '2020-12-31' } }, auditor('taipei'))).drawAuditSample;
    expect(taipei).toMatchObject({ method: 'FULL_REVIEW', ruleVersionId: expect.stringContaining('taipei'), populationCount: 9, sampleSize: 9 });
  });

  it('stratifies by unit and item in proportion (Tainan: 30 of 1,000 → 24 and 6)', async () => {
    const audit = dataOf(
      await fx.execute(DRAW, { input: { periodStart: '2024-04-01', periodEnd: '2024-04-30', stratifyBy: ['UNIT', 'ITEM'] } }, buildPrincipal('tainan', ['UNIT_ADMIN'])),
    ).drawAuditSample;
    expect(audit).toMatchObject({ populationCount: 1000, sampleSize: 30, stratifyBy: ['ITEM', 'UNIT'] });
    const byUnit = new Map<string, number>();
    for (const r of audit.sample) byUnit.set(r.unitId, (byUnit.get(r.unitId) ?? 0) + 1);
    expect(Object.fromEntries(byUnit)).toEqual({ [units.a]: 24, [units.b]: 6 });
    // The same records anyone gets by ranking each stratum by its key, strata in byte order of their keys.
    const strata = [
      [`unit:${units.a}|item:labor-insurance:F0201:unspecified`, expectedSample(unitA, audit.seed, 24)],
      [`unit:${units.b}|item:health-insurance:C0201:national-id+premium-month`, expectedSample(unitB, audit.seed, 6)],
    ] as const;
    const expected = [...strata].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([, ids]) => ids);
    expect(audit.sample.map((r: { queryRecordId: string }) => r.queryRecordId)).toEqual(expected);
    expect(audit.sample[0].stratum).toMatch(/^unit:[0-9a-f-]+\|item:[a-z-]+:/);
  });

  it('draws the same sample again with the stored seed; a changed population shows in its hash', async () => {
    const principal = auditor('tainan');
    const audits = (await fx.db.query(`select id from audit.audit where city_id = 'tainan' and period_start = '2024-04-01'`)).rows;
    const auditId = audits[0].id;
    const first = dataOf(await fx.execute(VERIFY, { auditId }, principal)).verifyAuditSample;
    expect(first).toMatchObject({ populationCount: 1000, samePopulation: true, sameSample: true });
    await seedQueryRecords(fx.db, spread('tainan', agencies.large, 1, '2024-04-15', 1, { unitId: units.a }));
    const after = dataOf(await fx.execute(VERIFY, { auditId }, principal)).verifyAuditSample;
    expect(after.populationCount).toBe(1001);
    expect(after.samePopulation).toBe(false);
    expect(after.populationHash).not.toBe(first.populationHash);
  });
});

describe('audits drawn by the earlier method', () => {
  /**
   * An audit as the md5-sorted-ids method drew it before the current one replaced it (written here as
   * the database owner, since nothing draws by that method any more): 30 of the 60 records, by md5.
   */
  async function legacyAudit(): Promise<{ id: string; sample: string[] }> {
    const id = randomUUID();
    const seed = '0123456789abcdef0123456789abcdef';
    const sample = expectedSample(legacy, seed, 30, md5Key(seed));
    await fx.db.query(
      `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_rule, sampling_citation, period_start, period_end, agency_id, stratify_by,
                                draw_method, seed, population_count, population_hash, sample_size, drawn_by, drawn_at)
       SELECT $1, 'changhua', service, rule_version_id, method, sampling_rule, sampling_citation, '2023-07-01', '2023-12-31', $2, '{}',
              'md5-sorted-ids', $3, 60, $4, 30, drawn_by, now()
         FROM audit.audit WHERE city_id = 'changhua' AND method = 'sample' LIMIT 1`,
      [id, agencies.legacy, seed, sortedIdsHash(legacy)],
    );
    await fx.db.query(
      `INSERT INTO audit.audit_sample (audit_id, city_id, position, query_record_id, sequence, queried_at, account_id, agency_id, unit_id, item_key, draw_key)
       SELECT $1, r.city_id, drawn.position, r.id, r.sequence, r.queried_at, r.account_id, r.agency_id, r.unit_id, r.item_key, md5($3 || r.id::text)
         FROM unnest($2::uuid[]) WITH ORDINALITY AS drawn(id, position) JOIN query_log.query_record r ON r.id = drawn.id`,
      [id, sample, seed],
    );
    return { id, sample };
  }

  it('are verified by the method they were drawn with, never the current one', async () => {
    const { id, sample } = await legacyAudit();
    const principal = auditor('changhua');
    expect(dataOf(await fx.execute(`query ($id: ID!) { audit(id: $id) { drawMethod seed } }`, { id }, principal)).audit).toEqual({
      drawMethod: 'MD5_SORTED_IDS',
      seed: '0123456789abcdef0123456789abcdef',
    });
    const verified = dataOf(await fx.execute(VERIFY, { auditId: id }, principal)).verifyAuditSample;
    expect(verified).toMatchObject({ populationCount: 60, populationHash: sortedIdsHash(legacy), samePopulation: true, sameSample: true, redrawnRecordIds: sample });
    // The current method would rank the same population otherwise: verifying by it could not have matched.
    expect(expectedSample(legacy, '0123456789abcdef', 30)).not.toEqual(sample);
  });

  it('a seed that does not fit the method is refused by the database', async () => {
    await expect(
      fx.db.query(
        `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_citation, period_start, period_end, draw_method, seed, population_count, population_hash, sample_size, drawn_by)
         VALUES ($1, 'changhua', 'labor-insurance', 'v', 'sample', 'c', '2022-01-01', '2022-06-30', 'hash64-register-order', $2, 0, $3, 0, $1)`,
        [randomUUID(), 'a'.repeat(32), 'b'.repeat(64)],
      ),
    ).rejects.toThrow(/audit_seed_check/);
  });
});

/** This month in Taiwan, which is never over yet (Tainan audits by the month). */
function currentTaiwanMonth(): { periodStart: string; periodEnd: string } {
  const periodStart = `${taiwanToday(new Date()).slice(0, 7)}-01`;
  return { periodStart, periodEnd: addDays(addMonths(periodStart, 1), -1) };
}

describe('refusals', () => {
  it('refuses a period the rule does not sample by, one not yet over, and a malformed id, writing nothing', async () => {
    const count = async () => (await fx.db.query(`select (select count(*) from audit.audit)::int + (select count(*) from audit.audit_sample)::int as n`)).rows[0].n;
    const before = await count();
    const misaligned = await fx.execute(DRAW, { input: { periodStart: '2024-02-01', periodEnd: '2024-07-31' } }, auditor('changhua'));
    expect(misaligned.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_AUDIT_PERIOD', field: 'periodStart' });
    expect(errorCode(await fx.execute(DRAW, { input: currentTaiwanMonth() }, auditor('tainan')))).toBe('PERIOD_NOT_ENDED');
    expect(errorCode(await fx.execute(DRAW, { input: { periodStart: '2024-01-01', periodEnd: '2024-06-30', agencyId: 'agency-1' } }, auditor('changhua')))).toBe('INVALID_ID');
    expect(errorCode(await fx.execute(DRAW, { input: { periodStart: '2024-13-01', periodEnd: '2024-06-30' } }, auditor('changhua')))).toBe('INVALID_DATE');
    expect(errorCode(await fx.execute(DRAW, { input: { periodStart: '2024-01-01', periodEnd: '2024-06-30', service: 'health-insurance' } }, auditor('changhua')))).toBe('UNKNOWN_SERVICE');
    expect(await count()).toBe(before);
  });

  it('refuses a caseworker, and a role the city’s rules do not make audit', async () => {
    expect(errorCode(await fx.execute(DRAW, { input: { periodStart: '2024-07-01', periodEnd: '2024-12-31' } }, buildPrincipal('changhua', ['CASEWORKER'])))).toBe('FORBIDDEN');
    // Changhua's revision makes the designated auditor sample (8(一)); its agency admin is not among them.
    expect(errorCode(await fx.execute(DRAW, { input: { periodStart: '2024-07-01', periodEnd: '2024-12-31' } }, buildPrincipal('changhua', ['AGENCY_ADMIN'])))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(`query { audits { id } }`, {}, buildPrincipal('changhua', ['CASEWORKER'])))).toBe('FORBIDDEN');
  });

  it('draws a period and scope once: a second draw would let the auditor pick the sample', async () => {
    const again = await fx.execute(DRAW, { input: { periodStart: '2024-01-01', periodEnd: '2024-06-30', agencyId: agencies.mid } }, auditor('changhua'));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'AUDIT_EXISTS', auditId: expect.any(String) });
  });

  it('another city sees neither the audit nor its sample', async () => {
    const [{ id }] = (await fx.db.query(`select id from audit.audit where city_id = 'changhua' limit 1`)).rows;
    expect(dataOf(await fx.execute(AUDIT, { id }, auditor('changhua'))).audit.id).toBe(id);
    expect(dataOf(await fx.execute(AUDIT, { id }, auditor('tainan'))).audit).toBeNull();
    expect(errorCode(await fx.execute(VERIFY, { auditId: id }, auditor('tainan')))).toBe('NOT_FOUND');
  });
});
