import { deflateSync } from 'node:zlib';

/*
 * A small PDF writer for the audit record form: A4 pages, lines, boxes and text in one CJK font.
 * The font is Adobe's standard Traditional Chinese font MSung-Light with the UniCNS-UCS2-H encoding,
 * referenced and not embedded (as PDF readers expect of the Adobe CJK fonts): the file stays small and
 * carries no font licence. Text is written as UCS-2; Latin characters are half width.
 */

export const PAGE = { width: 595, height: 842, margin: 40 } as const;

/** Width of text in points: CJK characters are a full em, Latin ones half. */
export function textWidth(text: string, size: number): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0)! < 0x2e80 ? 0.5 : 1) * size;
  return width;
}

/** Breaks text into lines that fit `width`, at any character (Chinese has no spaces to break at). */
export function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const ch of paragraph) {
      if (textWidth(line + ch, size) > width && line) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
    lines.push(line);
  }
  return lines;
}

function ucs2Hex(text: string): string {
  let hex = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    hex += (code > 0xffff ? 0x3013 /* 〓 */ : code).toString(16).padStart(4, '0');
  }
  return hex.toUpperCase();
}

const n = (value: number) => (Math.round(value * 100) / 100).toString();

export class PdfDocument {
  private readonly pages: string[][] = [];
  private ops: string[] = [];

  constructor() {
    this.addPage();
  }

  addPage(): void {
    this.ops = [];
    this.pages.push(this.ops);
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Text with its baseline at (x, y) from the page's bottom left. */
  text(x: number, y: number, size: number, text: string): void {
    if (!text) return;
    this.ops.push(`BT /F1 ${n(size)} Tf ${n(x)} ${n(y)} Td <${ucs2Hex(text)}> Tj ET`);
  }

  centred(y: number, size: number, text: string): void {
    this.text((PAGE.width - textWidth(text, size)) / 2, y, size, text);
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.ops.push(`${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S`);
  }

  box(x: number, y: number, width: number, height: number): void {
    this.ops.push(`${n(x)} ${n(y)} ${n(width)} ${n(height)} re S`);
  }

  /** Writes a line at the foot of every page, e.g. its number. */
  footer(text: (page: number, total: number) => string, size = 8): void {
    const current = this.ops;
    this.pages.forEach((ops, i) => {
      this.ops = ops;
      const line = text(i + 1, this.pages.length);
      this.text((PAGE.width - textWidth(line, size)) / 2, PAGE.margin / 2, size, line);
    });
    this.ops = current;
  }

  /** The finished file. */
  render(info: { title: string; created: Date }): Buffer {
    const objects: Array<string | Buffer> = [];
    const add = (body: string | Buffer) => objects.push(body) && objects.length;
    const catalog = add('');
    const pages = add('');
    const descriptor = add('<< /Type /FontDescriptor /FontName /MSung-Light /Flags 6 /FontBBox [-160 -249 1015 1071] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
    const cidFont = add(
      `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MSung-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500] >>`,
    );
    const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /MSung-Light /Encoding /UniCNS-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
    const pageRefs: number[] = [];
    for (const ops of this.pages) {
      const data = deflateSync(Buffer.from(['0.5 w', ...ops].join('\n'), 'latin1'));
      const stream = add(Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
      pageRefs.push(add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
    }
    objects[catalog - 1] = `<< /Type /Catalog /Pages ${pages} 0 R >>`;
    objects[pages - 1] = `<< /Type /Pages /Kids [${pageRefs.map((ref) => `${ref} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`;
    const date = info.created.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const infoRef = add(`<< /Title <FEFF${ucs2Hex(info.title)}> /Producer (Custos) /CreationDate (D:${date}Z) >>`);

    const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = chunks[0]!.length;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(offset);
      const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
      chunks.push(chunk);
      offset += chunk.length;
    });
    const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoRef} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks);
  }
}
