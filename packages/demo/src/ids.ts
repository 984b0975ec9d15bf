import { createHash } from 'node:crypto';

/** A stable UUID derived from a name, so every subgraph's seed refers to the same demo rows. */
export function demoId(name: string): string {
  const hex = createHash('sha256').update(`custos-demo:${name}`).digest('hex');
  // Shape it as an RFC 4122 version-5-style UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
