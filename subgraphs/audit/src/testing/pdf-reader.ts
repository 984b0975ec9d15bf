import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';

/** The objects of a PDF written by PdfDocument, checked against its cross-reference table, and its page texts as UCS-2 hex. */
export function inspectPdf(pdf: Buffer): { pages: number; text: string } {
  const raw = pdf.toString('latin1');
  expect(raw.startsWith('%PDF-1.4')).toBe(true);
  expect(raw.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)![1]);
  const xref = raw.slice(startxref);
  const offsets = [...xref.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  offsets.forEach((offset, i) => expect(raw.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  let text = '';
  for (const match of raw.matchAll(/\/Length (\d+) \/Filter \/FlateDecode >>\nstream\n/g)) {
    const start = match.index! + match[0].length;
    text += inflateSync(pdf.subarray(start, start + Number(match[1]))).toString('latin1');
  }
  return { pages: (raw.match(/\/Type \/Page /g) ?? []).length, text };
}

export const hexOf = (s: string) => [...s].map((ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0')).join('').toUpperCase();

