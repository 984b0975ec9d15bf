/**
 * PostgreSQL's `uuid_hash_extended(id, seed)` in TypeScript: `hash_bytes_extended` over the uuid's 16
 * bytes (src/common/hashfn.c; Bob Jenkins' lookup3, read as little-endian 32-bit words). With it a test —
 * or anyone holding an audit's seed and population — recomputes the draw keys of the
 * `hash64-register-order` method without PostgreSQL.
 */
const rot = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

function mix(s: Uint32Array): void {
  s[0] = s[0]! - s[2]!; s[0] ^= rot(s[2]!, 4); s[2] = s[2]! + s[1]!;
  s[1] = s[1]! - s[0]!; s[1] ^= rot(s[0]!, 6); s[0] = s[0]! + s[2]!;
  s[2] = s[2]! - s[1]!; s[2] ^= rot(s[1]!, 8); s[1] = s[1]! + s[0]!;
  s[0] = s[0]! - s[2]!; s[0] ^= rot(s[2]!, 16); s[2] = s[2]! + s[1]!;
  s[1] = s[1]! - s[0]!; s[1] ^= rot(s[0]!, 19); s[0] = s[0]! + s[2]!;
  s[2] = s[2]! - s[1]!; s[2] ^= rot(s[1]!, 4); s[1] = s[1]! + s[0]!;
}

function final(s: Uint32Array): void {
  s[2] ^= s[1]!; s[2] = s[2]! - rot(s[1]!, 14);
  s[0] ^= s[2]!; s[0] = s[0]! - rot(s[2]!, 11);
  s[1] ^= s[0]!; s[1] = s[1]! - rot(s[0]!, 25);
  s[2] ^= s[1]!; s[2] = s[2]! - rot(s[1]!, 16);
  s[0] ^= s[2]!; s[0] = s[0]! - rot(s[2]!, 4);
  s[1] ^= s[0]!; s[1] = s[1]! - rot(s[0]!, 14);
  s[2] ^= s[1]!; s[2] = s[2]! - rot(s[1]!, 24);
}

/** The unsigned 64-bit value of uuid_hash_extended(id, seed), seed given as 16 hex digits. */
export function uuidHashExtended(id: string, seedHex: string): bigint {
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const word = (i: number) => bytes.readUInt32LE(i * 4);
  const seed = BigInt(`0x${seedHex}`);
  // Uint32Array wraps every assignment to 32 bits, as C's uint32 arithmetic does.
  const s = new Uint32Array(3).fill(0x9e3779b9 + 16 + 3923095);
  if (seed !== 0n) {
    s[0] = s[0]! + Number(seed >> 32n);
    s[1] = s[1]! + Number(seed & 0xffffffffn);
    mix(s);
  }
  s[0] = s[0]! + word(0);
  s[1] = s[1]! + word(1);
  s[2] = s[2]! + word(2);
  mix(s);
  s[0] = s[0]! + word(3); // the last 4 of 16 bytes
  final(s);
  return (BigInt(s[1]!) << 32n) | BigInt(s[2]!);
}

/** The draw key as the audit stores and shows it: 16 hex digits. */
export function hash64DrawKey(id: string, seedHex: string): string {
  return uuidHashExtended(id, seedHex).toString(16).padStart(16, '0');
}
