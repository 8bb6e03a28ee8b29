// The tenant's enabled alert rules as the alert engine judges events by them: the rule's own judgement of one event
// (alertrules/match.ts) and what the engine applies itself, its window and volume thresholds.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { ruleMatches } from "../alertrules/match.js";
import { SOURCE_NAMES, type AlertRuleRecord } from "../alertrules/records.js";
import { enabledRules } from "../alertrules/store.js";

export interface FiringActor {
  userUid: string;
  username: string;
  watchlistIds: ReadonlySet<string>;
}

export interface VolumeThresholds {
  /** Strictly more events than this (null: no count threshold). */
  count: number | null;
  /** Strictly more bytes than this (null: no size threshold). */
  size: number | null;
  /** Both thresholds (AND) or either (OR), when both are set. */
  operator: "AND" | "OR";
}

export interface FiringRule {
  id: string;
  name: string;
  description: string;
  type: string;
  severity: string;
  source: string;
  /** The watchlists the rule is scoped to: an alert's watchlists among them are significant. */
  watchlistIds: readonly string[];
  windowMs: number;
  thresholds: VolumeThresholds | null;
  matches(event: Record<string, unknown>, actor: FiringActor): boolean;
}

/**
 * The window an alert of a rule without volume thresholds gathers events over, from its first (minutes). A rule with
 * thresholds adds them up over its own timeWindow (the rule's v1 knob).
 */
export const DEFAULT_WINDOW_MINUTES = 60;

export function firingRule(rule: AlertRuleRecord): FiringRule {
  const volume = rule.fileVolume;
  const thresholds: VolumeThresholds | null = volume && (volume.countGreaterThan > 0 || volume.sizeGreaterThanInBytes > 0)
    ? { count: volume.countGreaterThan > 0 ? volume.countGreaterThan : null, size: volume.sizeGreaterThanInBytes > 0 ? volume.sizeGreaterThanInBytes : null, operator: volume.operator }
    : null;
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    type: rule.type,
    severity: rule.severity,
    source: SOURCE_NAMES[rule.source],
    watchlistIds: rule.watchlistIds,
    windowMs: (thresholds ? rule.criteria.v1.timeWindow : DEFAULT_WINDOW_MINUTES) * 60_000,
    thresholds,
    matches: (event, actor) => ruleMatches(rule, event, actor),
  };
}

/** The tenant's enabled rules, read once per batch of events (an empty list costs that one query). */
export async function enabledFiringRules(db: Kysely<Database>, tenantUid: string): Promise<FiringRule[]> {
  return (await enabledRules(db, tenantUid)).map(firingRule);
}
