// The body parsers. They run after authentication (app.ts): an unauthenticated request gets its 401 whatever its
// body, as on the real service, learns nothing from how its body would be refused, and is never buffered, however
// large its upload.
import express, { type RequestHandler } from "express";
import { ApiError } from "./errors.js";

/** Deeper than any body a Code42 client or identity provider sends; deeper ones overflowed the stack of code that walks them. */
export const MAX_BODY_DEPTH = 64;

/** Whether a parsed body nests deeper than `max`: walked with a stack of its own, never by recursion. */
function nestedDeeperThan(body: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[body, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/** A body nested deeper than MAX_BODY_DEPTH is refused (400, in the family's envelope). */
const refuseDeepBodies: RequestHandler = (req, _res, next) =>
  next(req.body !== null && typeof req.body === "object" && nestedDeeperThan(req.body, MAX_BODY_DEPTH) ? new ApiError(400, "INVALID_REQUEST", `The request body nests deeper than ${MAX_BODY_DEPTH} levels`) : undefined);

const TEXT_TYPES = ["text/csv", "application/yaml", "text/yaml"];

/** How many uploads are being read and how many wait for their turn (the health check shows it). */
export interface UploadTurnsState {
  reading: number;
  waiting: number;
}

/**
 * Uploads (CSV, YAML) take turns by size: one is read as soon as the bytes declared by those in flight and its own fit
 * in `budget`, or when none is in flight, so small ones pass alongside a large one and large ones go one at a time.
 * A waiting upload stays in the kernel's socket buffers, not in memory; one without a length counts as the whole budget.
 */
export class UploadTurns {
  private inFlight = 0;
  private reading = 0;
  private readonly waiting: { size: number; go: () => void }[] = [];

  constructor(private readonly budget: number) {}

  get state(): UploadTurnsState {
    return { reading: this.reading, waiting: this.waiting.length };
  }

  readonly handler: RequestHandler = (req, res, next) => {
    if (!req.is(TEXT_TYPES)) return next();
    const declared = Number(req.headers["content-length"]);
    const size = Number.isFinite(declared) ? Math.min(declared, this.budget) : this.budget;
    const turn = {
      size,
      go: () => {
        this.inFlight += size;
        this.reading++;
        res.off("close", leave);
        res.once("close", () => {
          this.inFlight -= size;
          this.reading--;
          this.admit();
        });
        next();
      },
    };
    // The caller went away while waiting: its turn is given up.
    const leave = () => this.waiting.splice(this.waiting.indexOf(turn), 1);
    res.once("close", leave);
    this.waiting.push(turn);
    this.admit();
  };

  private admit() {
    while (this.waiting.length && (this.inFlight === 0 || this.inFlight + this.waiting[0]!.size <= this.budget)) this.waiting.shift()!.go();
  }
}

/** The parsers, in the order they run; app.ts places them after authentication. */
export function bodyParsers(jsonLimit: number, textLimit: number, turns: UploadTurns): RequestHandler[] {
  return [
    turns.handler,
    express.json({ limit: jsonLimit, type: ["application/json", "application/*+json"] }),
    // RFC 6749 lets an OAuth client send its credentials as a form (the gateway's POST /v1/oauth).
    express.urlencoded({ limit: jsonLimit, extended: false }),
    // CSV uploads (the users bulk add) and YAML fixtures are larger than any JSON body: 10k users fit well under this.
    express.text({ limit: textLimit, type: TEXT_TYPES }),
    refuseDeepBodies,
  ];
}
