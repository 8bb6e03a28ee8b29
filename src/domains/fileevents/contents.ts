// The content of the files events name, as /v1/files serves it. A fixture or the control plane may give an event's
// bytes beside it (`content: {text}` or `{base64}`, a key the v2 shape does not have): the event's file.hash.sha256,
// file.hash.md5 and file.sizeInBytes are made from them where left out, and must agree with them where given, so a
// client that checks a download against the event finds it whole. A hash no one gave bytes for is answered with
// deterministic bytes (see madeContent), as long as the tenant has an event naming it; an unknown one is not found.
import { createHash } from "node:crypto";
import { objectIn } from "./shape.js";

type Event = Record<string, unknown>;

/** What a made-up content is sized after when its event gives no size, and the most it is given. */
export const MADE_CONTENT_DEFAULT_BYTES = 1024;
export const MADE_CONTENT_MAX_BYTES = 1024 * 1024;

export interface SuppliedContent {
  sha256: string;
  bytes: Buffer;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const digest = (algorithm: "sha256" | "md5", bytes: Buffer) => createHash(algorithm).update(bytes).digest("hex");

/**
 * The bytes given beside an event, its hashes and size stamped on `stored` (the event as it will be stored) from them:
 * undefined when none were given, a sentence when they cannot be taken.
 */
export function suppliedContent(given: Event, stored: Event): SuppliedContent | string | undefined {
  const content = given.content;
  if (content === undefined || content === null) return undefined;
  const c = content as { text?: unknown; base64?: unknown };
  const keys = typeof content === "object" && !Array.isArray(content) ? Object.keys(content) : [];
  if (keys.length !== 1 || !(typeof c.text === "string" || typeof c.base64 === "string")) return "content must be {text: string} or {base64: string}";
  if (typeof c.base64 === "string" && !BASE64.test(c.base64)) return "content.base64 is not base64";
  const bytes = typeof c.text === "string" ? Buffer.from(c.text, "utf8") : Buffer.from(c.base64 as string, "base64");
  const file = objectIn(stored, "file");
  const hash = file && objectIn(file, "hash");
  if (!file || !hash) return "file and file.hash must be objects";
  const made = { sha256: digest("sha256", bytes), md5: digest("md5", bytes) };
  for (const key of ["sha256", "md5"] as const) {
    const stated = hash[key];
    if (stated === undefined) hash[key] = made[key];
    else if (typeof stated !== "string" || stated.toLowerCase() !== made[key]) return `file.hash.${key} is not the ${key} of content (${made[key]})`;
  }
  if (file.sizeInBytes === undefined) file.sizeInBytes = bytes.length;
  else if (file.sizeInBytes !== bytes.length) return `file.sizeInBytes is not the length of content (${bytes.length})`;
  return { sha256: made.sha256, bytes };
}

/** The exfiltrated-file-collection content id an event carries, if any. */
export function xfcContentIdOf(event: Event): string | undefined {
  const id = (event.event as Event | undefined)?.xfcEventId;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * Bytes for a file no one supplied: SHA-256 of "<seed>:0", then of "<seed>:1", … concatenated and cut to `size`.
 * The seed is the file's lower-case SHA-256 (its xfc content id when the event has no hash); the size is the event's
 * file.sizeInBytes, 1 KiB when it gives none, at most 1 MiB.
 */
export function madeContent(seed: string, sizeInBytes: unknown): Buffer {
  const size = typeof sizeInBytes === "number" && Number.isInteger(sizeInBytes) && sizeInBytes >= 0 ? Math.min(sizeInBytes, MADE_CONTENT_MAX_BYTES) : MADE_CONTENT_DEFAULT_BYTES;
  const out = Buffer.alloc(size);
  for (let i = 0, at = 0; at < size; i++, at += 32) createHash("sha256").update(`${seed}:${i}`).digest().copy(out, at, 0, Math.min(32, size - at));
  return out;
}

/**
 * The events of an export with the supplied contents written back beside the first event naming each hash: a function
 * of the export's events, given a batch at a time in their order.
 */
export function withSuppliedContents(contents: Map<string, Buffer>): (events: Event[]) => Event[] {
  const left = new Map(contents);
  return (events) =>
    !left.size
      ? events
      : events.map((e) => {
          const sha256 = ((e.file as Event | null)?.hash as Event | null)?.sha256;
          const bytes = typeof sha256 === "string" ? left.get(sha256.toLowerCase()) : undefined;
          if (!bytes) return e;
          left.delete((sha256 as string).toLowerCase());
          const text = bytes.toString("utf8");
          return { ...e, content: Buffer.from(text, "utf8").equals(bytes) ? { text } : { base64: bytes.toString("base64") } };
        });
}
