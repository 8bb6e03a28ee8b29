// A document whose long arrays are read a batch at a time: written as JSON while they are read, so that a large
// tenant's users and events are never all held as objects (or as one string), or gathered whole for a caller that
// wants the objects.
import type { Writable } from "node:stream";
import { writeChunk } from "../http/write-stream.js";

/** An array read a batch at a time, each time it is iterated. */
export class Batches<T> {
  constructor(readonly batches: () => AsyncIterable<T[]>) {}
}

/** The arrays of a document with batches, as they read. */
export type Gathered<T> = T extends Batches<infer I> ? Gathered<I>[] : T extends object ? { [K in keyof T]: Gathered<T[K]> } : T;

/** An object written key by key: one that holds batches at its top level. */
function holdsBatches(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).some((v) => v instanceof Batches);
}

/** The document with every batch read into an array. */
export async function gather<T>(value: T): Promise<Gathered<T>> {
  if (value instanceof Batches) {
    const items: unknown[] = [];
    for await (const batch of value.batches()) for (const item of batch) items.push(await gather(item));
    return items as Gathered<T>;
  }
  if (!holdsBatches(value)) return value as Gathered<T>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = await gather(v);
  return out as Gathered<T>;
}

/** Text is handed on in chunks of about this size: a write a user would cost more than the user's JSON. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the document as JSON.stringify would (keys in order, undefined values left out), a chunk at a time; false if
 * the client went away.
 */
export async function writeJson(value: unknown, out: Writable): Promise<boolean> {
  let pending = "";
  const put = async (text: string): Promise<boolean> => {
    pending += text;
    if (pending.length < CHUNK_CHARS) return true;
    const chunk = pending;
    pending = "";
    return writeChunk(out, chunk);
  };
  const write = async (v: unknown): Promise<boolean> => {
    if (v instanceof Batches) {
      let first = true;
      if (!(await put("["))) return false;
      for await (const batch of v.batches()) {
        for (const item of batch) {
          if (!first && !(await put(","))) return false;
          first = false;
          if (!(await write(item))) return false;
        }
      }
      return put("]");
    }
    if (!holdsBatches(v)) return put(JSON.stringify(v) ?? "null");
    let first = true;
    for (const [key, inner] of Object.entries(v)) {
      if (inner === undefined) continue;
      if (!(await put(`${first ? "{" : ","}${JSON.stringify(key)}:`))) return false;
      first = false;
      if (!(await write(inner))) return false;
    }
    return put(first ? "{}" : "}");
  };
  return (await write(value)) && (pending.length === 0 || writeChunk(out, pending));
}
