import { cityInfo, listServices, toTaiwanDate } from '@custos/rules';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { versionById } from '../audits/review-rules';
import { renderAuditRecord, type AuditRecordContent } from './audit-record.pdf';
import { zipStored } from './zip';
import type { AuditService } from '../audits/audit.service';
import type { AuditReviewService } from '../audits/audit-review.service';
import { SAMPLE_CRITERIA } from '../audits/review-rules';
import type { FindingFilter } from '../anomalies/anomaly.service';
import { toCsv, type CsvFile } from './csv';

const RESULT_ZH: Record<string, string> = { conforms: '符合', nonconforming: '不符', 'not-applicable': '不適用' };
const zh = (result: string | null | undefined) => (result ? RESULT_ZH[result] ?? result : '');
const short = (id: string | null) => (id ? id.slice(0, 8) : null);
const taiwanDay = (instant: Date | null) => (instant ? toTaiwanDate(instant) : null);

export interface BinaryFile {
  filename: string;
  contentType: string;
  base64: string;
  size: number;
  sha256: string;
}

function binary(filename: string, contentType: string, data: Buffer): BinaryFile & { data: Buffer } {
  return { filename, contentType, base64: data.toString('base64'), size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data };
}

/** Reports for filing: the findings as CSV, an audit as CSV files with a manifest of their SHA-256. */
export class ReportService {
  constructor(
    private readonly audits: AuditService,
    private readonly reviews: AuditReviewService,
  ) {}

  async findingsCsv(manager: EntityManager, cityId: string, filter: FindingFilter, today: string): Promise<CsvFile> {
    const params: unknown[] = [cityId];
    const where = ['f.city_id = $1'];
    if (filter.status) where.push(`f.status = $${params.push(filter.status)}`);
    if (filter.ruleId) where.push(`f.rule_id = $${params.push(filter.ruleId)}`);
    if (filter.from) where.push(`f.window_end >= $${params.push(new Date(`${filter.from}T00:00:00+08:00`))}`);
    if (filter.to) where.push(`f.window_start < $${params.push(new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000))}`);
    const rows: Array<Record<string, any>> = await manager.query(
      `SELECT f.id, f.rule_id, f.severity, f.status, f.window_start, f.window_end, f.account_id, f.agency_id, f.subject_key, f.record_count, f.summary,
              f.citation, f.rule_version_id, f.detected_at, i.id AS investigation_id, i.outcome, i.actions, i.closed_at
         FROM audit.finding f LEFT JOIN audit.investigation i ON i.city_id = f.city_id AND i.finding_id = f.id
        WHERE ${where.join(' AND ')}
        ORDER BY f.window_start, f.rule_id, f.id
        LIMIT 100000`,
      params,
    );
    return toCsv(
      `findings-${cityId}-${today}.csv`,
      ['finding_id', 'rule', 'severity', 'status', 'window_start', 'window_end', 'account_id', 'agency_id', 'subject_key', 'records', 'summary', 'citation', 'rule_version', 'detected_at', 'investigation_id', 'outcome', 'actions', 'closed_at'],
      rows.map((r) => [
        r.id,
        r.rule_id,
        r.severity,
        r.status,
        r.window_start,
        r.window_end,
        r.account_id,
        r.agency_id,
        r.subject_key,
        r.record_count,
        r.summary,
        r.citation,
        r.rule_version_id,
        r.detected_at,
        r.investigation_id,
        r.outcome,
        r.actions ?? [],
        r.closed_at,
      ]),
    );
  }

  async auditExport(manager: EntityManager, cityId: string, auditId: string, now: Date): Promise<{ files: CsvFile[]; manifest: string }> {
    const audit = await this.audits.require(manager, cityId, auditId);
    const stem = `audit-${cityId}-${audit.periodStart}-${audit.periodEnd}`;
    const records = await this.audits.allSampled(manager, cityId, audit.id);
    const judgments = await this.reviews.judgmentsFor(manager, audit, records);
    const sample = toCsv(
      `${stem}-sample.csv`,
      ['position', 'query_record_id', 'sequence', 'queried_at', 'account_id', 'agency_id', 'unit_id', 'item_key', 'stratum', 'draw_key', ...SAMPLE_CRITERIA.flatMap((c) => [c, `${c}_note`])],
      records.map((r) => {
        const byCriterion = new Map((judgments.get(r.position) ?? []).map((j) => [j.criterion as string, j]));
        return [
          r.position,
          r.queryRecordId,
          String(r.sequence),
          r.queriedAt,
          r.accountId,
          r.agencyId,
          r.unitId,
          r.itemKey,
          r.stratum,
          r.drawKey,
          ...SAMPLE_CRITERIA.flatMap((c) => [zh(byCriterion.get(c)?.result), byCriterion.get(c)?.note ?? '']),
        ];
      }),
    );
    const checklist = await this.reviews.checklist(manager, audit);
    const files = [sample];
    if (checklist.length) {
      files.push(
        toCsv(
          `${stem}-checklist.csv`,
          ['item', '稽核項目', 'citation', '稽核結果', '辦理情形說明', '上次稽核結果'],
          checklist.map((c) => [c.itemId, c.textZh, c.citation, zh(c.result), c.note, zh(c.previousResult)]),
        ),
      );
    }
    const signoffs = await this.reviews.signoffs(manager, audit);
    files.push(
      toCsv(
        `${stem}-signoffs.csv`,
        ['step', 'title', 'roles', 'signed_by', 'signed_as', 'signed_at', 'note'],
        signoffs.map((s) => [s.step, s.titleZh, s.roles, s.signedBy, s.signedAs, s.signedAt, s.note]),
      ),
    );
    const manifest = {
      audit: audit.id,
      city: cityId,
      service: audit.service,
      ruleVersion: audit.ruleVersionId,
      method: audit.method,
      samplingCitation: audit.samplingCitation,
      period: [audit.periodStart, audit.periodEnd],
      drawMethod: audit.drawMethod,
      seed: audit.seed,
      populationCount: audit.populationCount,
      populationHash: audit.populationHash,
      sampleSize: audit.sampleSize,
      previousResultNote: audit.previousResultNote ?? null,
      recommendations: audit.recommendations ?? null,
      state: await this.reviews.state(manager, audit),
      generatedAt: now.toISOString(),
      files: files.map((f) => ({ filename: f.filename, rows: f.rows, sha256: f.sha256 })),
    };
    return { files, manifest: JSON.stringify(manifest, null, 2) };
  }

  /** The audit record as a PDF laid out like the city's form (Tainan 附件四), with the sampled records after it. */
  async auditRecordPdf(manager: EntityManager, cityId: string, auditId: string, now: Date): Promise<BinaryFile & { data: Buffer }> {
    const audit = await this.audits.require(manager, cityId, auditId);
    const version = versionById(cityId, audit.service, audit.ruleVersionId);
    const city = cityInfo(cityId);
    const service = listServices().find((s) => s.id === audit.service)!;
    const form = version.forms.find((f) => f.kind === 'audit-record') ?? version.forms.find((f) => f.kind === 'audit-checklist');
    const formTitle = form?.titleZh ?? `${service.nameZh} 查核紀錄`;
    const records = await this.audits.allSampled(manager, cityId, audit.id);
    const judgments = await this.reviews.judgmentsFor(manager, audit, records);
    const checklist = await this.reviews.checklist(manager, audit);
    const signoffs = await this.reviews.signoffs(manager, audit);
    const progress = await this.reviews.progress(manager, audit);
    const lastSignature = signoffs.map((s) => s.signedAt).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    const rule = audit.samplingRule;
    const content: AuditRecordContent = {
      title: formTitle.startsWith(city.nameZh) ? formTitle : `${city.nameZh} ${formTitle}`,
      formNote: `${form ? `${form.number}（${form.citation}）` : audit.samplingCitation}　規定版本 ${audit.ruleVersionId}　稽核編號 ${audit.id}`,
      auditedUnit: audit.agencyId ? `機關 ${audit.agencyId}${audit.unitId ? `／單位 ${audit.unitId}` : ''}` : `${city.nameZh}（全市）`,
      auditDate: taiwanDay(lastSignature) ?? taiwanDay(audit.drawnAt)!,
      period: `${audit.periodStart} 至 ${audit.periodEnd}`,
      method: rule
        ? `依 ${rule.citation} 抽查 ${audit.sampleSize} 筆（${rule.percent}%，至少 ${rule.minimum} 筆${rule.maximum ? `，至多 ${rule.maximum} 筆` : ''}；少於 ${rule.allIfFewerThan} 筆全數查核）`
        : `全數查核 ${audit.sampleSize} 筆（${audit.samplingCitation}）`,
      population: `${audit.populationCount} 筆；SHA-256 ${audit.populationHash}；抽樣方法 ${audit.drawMethod}；亂數種子 ${audit.seed}`,
      checklist: checklist.map((c) => ({ textZh: c.textZh, result: zh(c.result) || null, note: c.note, previousResult: zh(c.previousResult) || null })),
      checklistNote: checklist.length ? null : `本規定未訂查核項目表（${version.audits.checklist.citation}）。`,
      previousResultNote: audit.previousResultNote ?? null,
      findingsSummary: `抽查 ${progress.sampleSize} 筆，已判定 ${progress.judgedRecords} 筆，其中 ${progress.nonconformingRecords} 筆有不符。`,
      recommendations: audit.recommendations ?? null,
      signoffs: signoffs.map((s) => ({ titleZh: s.titleZh ?? s.roles.join('/'), roles: s.roles.join(' / '), signedBy: short(s.signedBy), signedAt: taiwanDay(s.signedAt) })),
      sample: records.map((r) => {
        const byCriterion = new Map((judgments.get(r.position) ?? []).map((j) => [j.criterion as string, j.result as string | null]));
        return {
          position: r.position,
          queriedAt: new Date(r.queriedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
          itemKey: r.itemKey,
          results: SAMPLE_CRITERIA.map((c) => zh(byCriterion.get(c)) || '未判定'),
        };
      }),
      generatedAt: now,
    };
    return binary(`audit-${cityId}-${audit.periodStart}-${audit.periodEnd}.pdf`, 'application/pdf', renderAuditRecord(content));
  }

  /**
   * The archive bundle for filing with the official documents (Taipei 8(一)5): the record PDF, the CSVs and a
   * manifest of their SHA-256, in one zip.
   */
  async auditArchive(manager: EntityManager, cityId: string, auditId: string, now: Date): Promise<BinaryFile> {
    const pdf = await this.auditRecordPdf(manager, cityId, auditId, now);
    const exported = await this.auditExport(manager, cityId, auditId, now);
    const manifest = JSON.parse(exported.manifest) as { files: Array<{ filename: string; rows?: number; sha256: string }> };
    manifest.files.unshift({ filename: pdf.filename, sha256: pdf.sha256 });
    const entries = [
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') },
      { name: pdf.filename, data: pdf.data },
      ...exported.files.map((f) => ({ name: f.filename, data: Buffer.from(f.content, 'utf8') })),
    ];
    const zip = binary(pdf.filename.replace(/\.pdf$/, '.zip'), 'application/zip', zipStored(entries, now));
    const { data: _data, ...file } = zip;
    return file;
  }
}
