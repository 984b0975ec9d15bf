import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readStoredZip as readZip } from '../testing/zip-reader';
import { zipStored } from './zip';

describe('the filing archive', () => {
  it('stores every file with its name, size and CRC, and is reproducible', () => {
    const files = [
      { name: 'manifest.json', data: Buffer.from('{"a":1}') },
      { name: '稽核紀錄.csv', data: Buffer.from('\uFEFF項目,結果\r\n') },
    ];
    const when = new Date('2026-11-25T02:00:00Z');
    const zip = zipStored(files, when);
    const read = readZip(zip);
    expect(read.map((e) => e.name)).toEqual(['manifest.json', '稽核紀錄.csv']);
    for (const [i, entry] of read.entries()) {
      expect(entry.data.equals(files[i]!.data)).toBe(true);
      expect(entry.crc).toBe(crc32(files[i]!.data));
    }
    expect(zipStored(files, when).equals(zip)).toBe(true);
  });
});
