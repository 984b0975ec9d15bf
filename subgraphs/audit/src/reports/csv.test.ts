import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV for filing', () => {
  it('quotes what needs quoting, neutralises formulas, writes Taiwan time, and hashes the exact bytes', () => {
    const file = toCsv('x.csv', ['a', 'b', 'c'], [
      ['含,逗號', 'say "hi"', 'line\nbreak'],
      ['=HYPERLINK("x")', new Date('2024-05-06T02:00:00Z'), ['one', 'two']],
      [null, 3, true],
    ]);
    expect(file.content).toBe('\uFEFFa,b,c\r\n"含,逗號","say ""hi""","line\nbreak"\r\n"\'=HYPERLINK(""x"")",2024-05-06 10:00:00,one two\r\n,3,true\r\n');
    expect(file.rows).toBe(3);
    expect(file.sha256).toBe(createHash('sha256').update(file.content, 'utf8').digest('hex'));
  });
});
