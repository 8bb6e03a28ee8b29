// Reading what the exports answer: a binary body, the text of the emulator's uncompressed PDFs, a ZIP's entries.
import { crc32, inflateRawSync } from "node:zlib";
import type { Response } from "superagent";
import type { TestEmulator } from "./emulator.js";

/** The body as bytes, whatever its type. */
export const bytes = (res: Response) => res.body as Buffer;
export const binary = (emu: TestEmulator, path: string, as: string) =>
  emu.http
    .get(path)
    .set("Authorization", as)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });

/** The text a PDF shows: its literal strings, unescaped (the summary's pages are not compressed). */
export function pdfText(pdf: Buffer): string[] {
  const out: string[] = [];
  for (const [, s] of pdf.toString("latin1").matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)) out.push(s!.replace(/\\([0-7]{3}|.)/g, (_m, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : e)));
  return out;
}

/** The entries of a ZIP, read from its central directory, each checked against its CRC-32. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a ZIP: no end of central directory");
  const entries = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`ZIP entry ${i}: no central directory header`);
    const [method, crc, size, nameLength] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28)];
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(stored) : stored;
    if (crc32(data) !== crc) throw new Error(`ZIP entry ${name}: CRC-32 does not match`);
    entries.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}
