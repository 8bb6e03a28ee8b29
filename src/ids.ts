// The one id generator: Code42-looking uids, guids and tenant uuids; reproducible when given a seed.
import { randomFillSync } from "node:crypto";

export interface IdGenerator {
  /** An 18-digit uid such as Code42 gives users and orgs ("840103986007089121"). */
  uid(): string;
  /** A lower-case RFC 4122 v4 uuid: tenant uids, org guids. */
  uuid(): string;
  /** A 16-character registration key in Code42's XXXX-XXXX-XXXX-XXXX form. */
  registrationKey(): string;
}

type ByteSource = (n: number) => Buffer;

/** sfc32: a small, fast PRNG of 32-bit numbers from a 128-bit state. */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** sfc32 seeded from the string: the same seed gives the same 32-bit numbers on every run. */
export function seededUint32(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const mix = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  return sfc32(mix(), mix(), mix(), mix());
}

function seededBytes(seed: string): ByteSource {
  const next = seededUint32(seed);
  return (n) => {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = next() & 0xff;
    return out;
  };
}

/**
 * The system's random bytes, drawn 4 KiB at a time: one `randomBytes` call per id was a tenth of loading a large
 * fixture (each call asks the kernel).
 */
function pooledRandomBytes(): ByteSource {
  const pool = Buffer.alloc(4096);
  let used = pool.length;
  return (n) => {
    if (used + n > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    const out = Buffer.from(pool.subarray(used, used + n));
    used += n;
    return out;
  };
}

export function createIdGenerator(seed?: string): IdGenerator {
  const bytes: ByteSource = seed === undefined ? pooledRandomBytes() : seededBytes(seed);
  const digits = (n: number) => {
    const raw = bytes(n);
    let s = String(1 + (raw[0]! % 9));
    for (let i = 1; i < n; i++) s += String(raw[i]! % 10);
    return s;
  };
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return {
    uid: () => digits(18),
    uuid: () => {
      const b = bytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = b.toString("hex");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    registrationKey: () => {
      const b = bytes(16);
      const chars = [...b].map((x) => alphabet[x % alphabet.length]).join("");
      return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
    },
  };
}
