// A document of text lines as a PDF 1.4 file: US Letter pages in Courier and Courier-Bold, two of the standard fonts
// every reader has (nothing embedded), so one character is 0.6 of the font size wide and lines wrap by counting. The
// page contents are left uncompressed: the text is in the file as written, for a reader and for a test to find.
// Written by hand rather than with a PDF library: pdfkit (the maintained one) would add 0.9 MB to the bundle that
// every start-up loads, for one page of text; this is the whole of what the case summary needs.

export interface PdfLine {
  text: string;
  bold?: boolean;
  /** Points; 10 unless given. */
  size?: number;
  /** Characters every line of the text (its wrapped ones too) starts in by. */
  indent?: number;
  /** Points of space above the line. */
  spaceBefore?: number;
}

export interface PdfDocument {
  title: string;
  /** The PDF's CreationDate, an ISO time. */
  createdAt: string;
  /** The line under every page. */
  footer: (page: number, pages: number) => string;
  lines: PdfLine[];
}

const PAGE = { width: 612, height: 792, margin: 54 };
const BODY_SIZE = 10;
const FOOTER_SIZE = 8;
const LEADING = 1.3;
/** Courier's advance width, in units of the font size. */
const CHAR_WIDTH = 0.6;

/** WinAnsiEncoding's codes for characters outside Latin-1 that case texts are likely to hold. */
const WIN_ANSI: Record<string, number> = { "€": 0x80, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97, "™": 0x99 };

/** A PDF literal string in WinAnsiEncoding: what it cannot say becomes "?". */
function literal(text: string): string {
  let out = "(";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\" || ch === "(" || ch === ")") out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code >= 0xa0 && code <= 0xff) out += `\\${code.toString(8)}`;
    else if (WIN_ANSI[ch] !== undefined) out += `\\${WIN_ANSI[ch].toString(8)}`;
    else out += code === 0x09 ? " " : "?";
  }
  return `${out})`;
}

/** `text` in lines of at most `width` characters, broken at spaces where it can be; its own line breaks kept. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let rest = [...paragraph.replace(/\t/g, "  ").trimEnd()];
    if (!rest.length) out.push("");
    while (rest.length) {
      if (rest.length <= width) {
        out.push(rest.join(""));
        break;
      }
      const space = rest.lastIndexOf(" ", width);
      const cut = space > 0 ? space : width;
      out.push(rest.slice(0, cut).join("").trimEnd());
      rest = rest.slice(space > 0 ? cut + 1 : cut);
    }
  }
  return out;
}

/** D:YYYYMMDDHHmmSSZ, the PDF date of an ISO time. */
const pdfDate = (iso: string) => `D:${iso.replace(/\.\d+/, "").replace(/[-:T]/g, "").replace(/Z$/, "")}Z`;

interface Placed {
  text: string;
  font: "F1" | "F2";
  size: number;
  x: number;
  y: number;
}

/** The lines wrapped and placed, page by page. */
function layout(lines: PdfLine[]): Placed[][] {
  const pages: Placed[][] = [[]];
  const top = PAGE.height - PAGE.margin;
  const bottom = PAGE.margin + FOOTER_SIZE * 3;
  let y = top;
  for (const line of lines) {
    const size = line.size ?? BODY_SIZE;
    const indent = line.indent ?? 0;
    const perLine = Math.floor((PAGE.width - 2 * PAGE.margin) / (size * CHAR_WIDTH)) - indent;
    y -= line.spaceBefore ?? 0;
    for (const text of wrap(line.text, perLine)) {
      y -= size * LEADING;
      if (y < bottom) {
        pages.push([]);
        y = top - size * LEADING;
      }
      pages.at(-1)!.push({ text, font: line.bold ? "F2" : "F1", size, x: PAGE.margin + indent * size * CHAR_WIDTH, y });
    }
  }
  return pages;
}

export function textPdf(doc: PdfDocument): Buffer {
  const pages = layout(doc.lines);
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  // 1 catalog, 2 page tree, 3 and 4 the fonts, 5 the document information; then each page and its contents.
  const pageIds = pages.map((_, i) => 6 + 2 * i);
  add("<< /Type /Catalog /Pages 2 0 R >>");
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>");
  add(`<< /Title ${literal(doc.title)} /Producer (code42-emulator) /CreationDate (${pdfDate(doc.createdAt)}) >>`);
  pages.forEach((placed, i) => {
    const show = (p: Placed) => `BT /${p.font} ${p.size} Tf ${p.x.toFixed(2)} ${p.y.toFixed(2)} Td ${literal(p.text)} Tj ET`;
    const footer: Placed = { text: doc.footer(i + 1, pages.length), font: "F1", size: FOOTER_SIZE, x: PAGE.margin, y: PAGE.margin };
    const stream = [...placed, footer].map(show).join("\n");
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
  });

  // Every byte is below 0x80 (literal() escapes the rest), so string lengths are byte offsets.
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
