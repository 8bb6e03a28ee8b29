// What the gateway's handlers are built from: the same services and stores the legacy wire uses.
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database } from "../../db/schema.js";
import type { ActorService } from "../../domains/actors/service.js";
import type { CaseService } from "../../domains/cases/service.js";
import type { AlertService } from "../../domains/alerts/service.js";
import type { SessionService } from "../../domains/sessions/service.js";
import type { AlertRuleService } from "../../domains/alertrules/service.js";
import type { FileContentService } from "../../domains/fileevents/content-service.js";
import type { AuditLogService } from "../../domains/auditlog/service.js";
import type { FileEventService } from "../../domains/fileevents/service.js";
import type { SavedSearchService } from "../../domains/fileevents/saved-searches.js";
import type { DeviceService } from "../../domains/devices/service.js";
import type { LegalHoldService } from "../../domains/legalhold/service.js";
import type { OrgService } from "../../domains/orgs/service.js";
import type { RiskProfileService } from "../../domains/riskprofiles/service.js";
import type { TrustedActivityService } from "../../domains/trustedactivities/service.js";
import type { UserService } from "../../domains/users/service.js";
import type { WatchlistService } from "../../domains/watchlists/service.js";
import type { IdGenerator } from "../../ids.js";

export interface GatewayDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  changes: ChangeCounter;
  users: UserService;
  orgs: OrgService;
  devices: DeviceService;
  holds: LegalHoldService;
  riskProfiles: RiskProfileService;
  actors: ActorService;
  watchlists: WatchlistService;
  trustedActivities: TrustedActivityService;
  auditLog: AuditLogService;
  fileEvents: FileEventService;
  savedSearches: SavedSearchService;
  cases: CaseService;
  alerts: AlertService;
  sessions: SessionService;
  alertRules: AlertRuleService;
  files: FileContentService;
}
