// Writing a long answer a chunk at a time, at the pace the client reads it.
import type { Writable } from "node:stream";

/** Writes a chunk, waiting while the client's buffer is full; false if the client went away. */
export async function writeChunk(out: Writable, chunk: string): Promise<boolean> {
  if (out.destroyed) return false;
  if (!out.write(chunk)) await oneOf(out, ["drain", "close"]);
  return !out.destroyed;
}

/** The first of these events (a closed stream never drains nor finishes). */
export function oneOf(out: Writable, events: string[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const e of events) out.off(e, done);
      resolve();
    };
    for (const e of events) out.on(e, done);
  });
}
