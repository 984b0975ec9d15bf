import { describe, expect, it } from 'vitest';
import { CsvRecordReader, CsvSyntaxError } from './csv-records';

function readAll(chunks: string[]) {
  const reader = new CsvRecordReader();
  return [...chunks.flatMap((chunk) => reader.feed(chunk)), ...reader.end()];
}

describe('the CSV reader', () => {
  it('reads plain lines, CRLF, a BOM, a missing final newline, and skips blank lines', () => {
    expect(readAll(['\uFEFFa,b\r\nc,d\n\ne,f'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 4, fields: ['e', 'f'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, across chunk boundaries', () => {
    const text = 'id,text\n1,"a, ""quoted""\nvalue"\n2,plain\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(readAll([text.slice(0, cut), text.slice(cut)])).toEqual([
        { line: 1, fields: ['id', 'text'] },
        { line: 2, fields: ['1', 'a, "quoted"\nvalue'] },
        { line: 4, fields: ['2', 'plain'] },
      ]);
    }
  });

  it('names the line of a broken quote', () => {
    expect(() => readAll(['a,b\n1,"open\n2,x\n'])).toThrow(CsvSyntaxError);
    expect(() => readAll(['a,b\n1,x"y\n'])).toThrow(/Line 2/);
    expect(() => readAll(['a,b\n1,"x"y\n'])).toThrow(/Line 2/);
  });
});
