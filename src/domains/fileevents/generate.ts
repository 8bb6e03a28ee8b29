// Generated events stored: a request as the control plane and fixtures give it ({user, kind, count, within, seed,
// overrides}), resolved to a user of the tenant and the clock's now, made by generator.ts and ingested one at a time,
// so every rule of ingest applies and memory holds one event, whatever the count.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { parseDuration } from "../../duration.js";
import { GENERATED_KINDS, generateFileEvents, type GeneratedKind } from "./generator.js";
import { GeneratorStore } from "./generator-store.js";

export interface GenerateRequest {
  /** Username, user uid or e-mail of a user of the tenant. */
  user: string;
  kind: GeneratedKind;
  count: number;
  /** Spread over this much time up to the clock's now: "1d", "36h", "30m" (default 1d). */
  within?: string;
  /** The same seed (and clock, user, kind, window, overrides) gives the same events; default 0. */
  seed?: number | string;
  overrides?: Record<string, unknown>;
}

export interface Generated {
  count: number;
  /** The events' ids in order, up to ANSWERED_IDS events; beyond that null (search for them). */
  eventIds: string[] | null;
}

export const GENERATE_MAX_COUNT = 1_000_000;
export const ANSWERED_IDS = 10_000;

export class GenerateRefusal extends Error {
  constructor(
    readonly kind: "userNotFound" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

interface Intake {
  take(tenantUid: string, events: Iterable<unknown>, keep: (eventId: string) => void): Promise<void>;
}

/** Call inside a transaction (FileEventService.generate does), so a refused event takes the earlier ones with it. */
export async function ingestGenerated(target: Intake, db: Kysely<Database>, tenantUid: string, request: GenerateRequest, now: number): Promise<Generated> {
  const { count } = request;
  if (!(GENERATED_KINDS as readonly string[]).includes(request.kind)) throw new GenerateRefusal("invalid", `Unknown kind ${request.kind} (one of ${GENERATED_KINDS.join(", ")})`);
  if (!Number.isInteger(count) || count < 1 || count > GENERATE_MAX_COUNT) throw new GenerateRefusal("invalid", `count must be 1 to ${GENERATE_MAX_COUNT}`);
  let within: number;
  try {
    within = parseDuration(request.within ?? "1d");
  } catch (e) {
    throw new GenerateRefusal("invalid", `within: ${(e as Error).message}`);
  }
  if (within < 1 || within > now) throw new GenerateRefusal("invalid", `within must be at least 1ms and reach no further back than 1970`);
  const user = await new GeneratorStore(db).user(tenantUid, request.user);
  if (!user) throw new GenerateRefusal("userNotFound", `No user ${request.user} in tenant ${tenantUid} (by username, user uid or e-mail)`);
  const input = { user, kind: request.kind, within, now, seed: request.seed ?? 0, overrides: request.overrides };
  const eventIds: string[] = [];
  await target.take(tenantUid, generateFileEvents(input, 0, count), count <= ANSWERED_IDS ? (id) => eventIds.push(id) : () => {});
  return { count, eventIds: count <= ANSWERED_IDS ? eventIds : null };
}
