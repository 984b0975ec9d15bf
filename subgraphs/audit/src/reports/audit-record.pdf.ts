import { PAGE, PdfDocument, wrap } from './pdf';

/** What the audit record shows, gathered by the report service. */
export interface AuditRecordContent {
  /** e.g. 臺南市 應用衛生福利部中央健康保險署資訊稽核紀錄表 (Tainan 附件四). */
  title: string;
  formNote: string;
  auditedUnit: string;
  auditDate: string;
  period: string;
  method: string;
  population: string;
  checklist: Array<{ textZh: string; result: string | null; note: string | null; previousResult: string | null }>;
  checklistNote: string | null;
  previousResultNote: string | null;
  findingsSummary: string;
  recommendations: string | null;
  signoffs: Array<{ titleZh: string; roles: string; signedBy: string | null; signedAt: string | null }>;
  sample: Array<{ position: number; queriedAt: string; itemKey: string; results: string[] }>;
  generatedAt: Date;
}

const LEFT = PAGE.margin;
const RIGHT = PAGE.width - PAGE.margin;
const WIDTH = RIGHT - LEFT;
const BODY = 10;
const LEADING = 14;
const PAD = 4;

/** A table that runs down the page, starting a new page when a row no longer fits. */
class Flow {
  y = PAGE.height - PAGE.margin;

  constructor(private readonly pdf: PdfDocument) {}

  need(height: number): void {
    if (this.y - height < PAGE.margin) {
      this.pdf.addPage();
      this.y = PAGE.height - PAGE.margin;
    }
  }

  heading(text: string, size = 12): void {
    this.need(size + 10);
    this.y -= size + 4;
    this.pdf.text(LEFT, this.y, size, text);
    this.y -= 6;
  }

  paragraph(text: string, size = BODY): void {
    for (const line of wrap(text, WIDTH, size)) {
      this.need(LEADING);
      this.y -= LEADING;
      this.pdf.text(LEFT, this.y + 3, size, line);
    }
  }

  /** One row of boxed cells; `widths` sum to the text width. */
  row(cells: string[], widths: number[], size = BODY): void {
    const wrapped = cells.map((cell, i) => wrap(cell, widths[i]! - 2 * PAD, size));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * LEADING + 2 * PAD;
    this.need(height);
    let x = LEFT;
    wrapped.forEach((lines, i) => {
      this.pdf.box(x, this.y - height, widths[i]!, height);
      lines.forEach((line, j) => this.pdf.text(x + PAD, this.y - PAD - (j + 1) * LEADING + 3, size, line));
      x += widths[i]!;
    });
    this.y -= height;
  }

  gap(points: number): void {
    this.y -= points;
  }
}

const mark = (result: string | null, option: string) => (result === option ? '■' : '□');

/**
 * The audit record laid out like the form it replaces (Tainan 附件四: items with 符合/不符, 辦理情形說明,
 * 上次稽核結果, 稽核結果及建議 and the signature blocks), followed by the sampled records and their judgments.
 */
export function renderAuditRecord(content: AuditRecordContent): Buffer {
  const pdf = new PdfDocument();
  const flow = new Flow(pdf);
  flow.y -= 18;
  pdf.centred(flow.y, 15, content.title);
  flow.y -= 8;
  flow.paragraph(content.formNote, 8);
  flow.gap(4);
  flow.row([`稽核單位：${content.auditedUnit}`, `稽核日期：${content.auditDate}`], [WIDTH * 0.6, WIDTH * 0.4]);
  flow.row([`稽核期間：${content.period}`, `抽查方式：${content.method}`], [WIDTH * 0.4, WIDTH * 0.6]);
  flow.row([`母體：${content.population}`], [WIDTH]);
  flow.gap(10);

  const itemWidths = [WIDTH * 0.44, WIDTH * 0.2, WIDTH * 0.36];
  flow.row(['稽核項目', '稽核結果', '辦理情形說明'], itemWidths);
  if (content.checklist.length === 0) {
    flow.row([content.checklistNote ?? '本規定未訂查核項目。'], [WIDTH]);
  }
  for (const item of content.checklist) {
    flow.row([item.textZh, `${mark(item.result, '符合')}符合  ${mark(item.result, '不符')}不符`, item.note ?? ''], itemWidths);
  }
  const previousItems = content.checklist.filter((item) => item.previousResult);
  const previous =
    content.previousResultNote ??
    (previousItems.length ? (previousItems.some((item) => item.previousResult === '不符') ? '上次稽核有不符合項目' : '無不符合項目') : '無上次稽核紀錄');
  flow.row(['上次稽核結果', previous], [itemWidths[0]!, itemWidths[1]! + itemWidths[2]!]);
  flow.row(['稽核結果及建議', [content.findingsSummary, content.recommendations].filter(Boolean).join('\n')], [itemWidths[0]!, itemWidths[1]! + itemWidths[2]!]);
  flow.gap(10);

  flow.heading('簽核', 11);
  const signWidths = [WIDTH * 0.3, WIDTH * 0.25, WIDTH * 0.25, WIDTH * 0.2];
  flow.row(['職稱', '角色', '簽核人', '日期'], signWidths);
  for (const step of content.signoffs) flow.row([step.titleZh, step.roles, step.signedBy ?? '', step.signedAt ?? ''], signWidths);

  if (content.sample.length) {
    flow.gap(12);
    flow.heading(`抽查紀錄（${content.sample.length} 筆）`, 11);
    const widths = [WIDTH * 0.06, WIDTH * 0.19, WIDTH * 0.3, ...Array(5).fill(WIDTH * 0.09)] as number[];
    flow.row(['序', '查詢時間', '查詢項目', '目的正當', '業務範圍', '登記完整', '事前核可', '列印處理'], widths, 8);
    for (const record of content.sample) flow.row([String(record.position), record.queriedAt, record.itemKey, ...record.results], widths, 8);
  }

  const generated = new Date(content.generatedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  pdf.footer((page, total) => `第 ${page} 頁，共 ${total} 頁　產生時間 ${generated}`);
  return pdf.render({ title: content.title, created: content.generatedAt });
}
