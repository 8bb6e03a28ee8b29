// A text file read whole. Node's own reading of a file as UTF-8 text decodes it at a fraction of the speed of a copy,
// even when it is ASCII, and a string with one character beyond Latin-1 holds two bytes a character: the build
// writes the bundle and the spec as ASCII (scripts/bundle.mjs, scripts/bundle-spec.mjs) for this.
import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";

/** The file's text: ASCII as a copy of its bytes (Latin-1, of which ASCII is a part), anything else decoded as UTF-8. */
export function readText(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}
