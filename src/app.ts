// createApp: one straight line per request — journal, control guard, deadlines, operation match, caller, body
// parsers, faults, request validation, the operation's handler, error renderer.
import express, { type Express } from "express";
import type { Kysely } from "kysely";
import { authenticate } from "./auth/middleware.js";
import { AuthService } from "./auth/service.js";
import { AuthStore } from "./auth/store.js";
import type { TokenService } from "./auth/tokens.js";
import type { Clock } from "./clock.js";
import type { EmulatorConfig } from "./config.js";
import type { EmulatorControl } from "./control/control.js";
import { injectFaults, observe } from "./control/observe.js";
import { docsAssets } from "./control/pages.js";
import { consoleAssets } from "./control/console-assets.js";
import { controlGuard } from "./control/guard.js";
import { emulatorRoutes } from "./control/routes.js";
import { deviceRegistrationRoutes } from "./control/device-registration.js";
import type { ChangeCounter } from "./db/open.js";
import type { Database } from "./db/schema.js";
import { DeviceService } from "./domains/devices/service.js";
import { LegalHoldService } from "./domains/legalhold/service.js";
import { OrgSettingsService } from "./domains/orgs/settings-service.js";
import { OrgService } from "./domains/orgs/service.js";
import { RiskProfileService } from "./domains/riskprofiles/service.js";
import { WatchlistService } from "./domains/watchlists/service.js";
import { ActorService } from "./domains/actors/service.js";
import { TenantStore } from "./domains/tenant/store.js";
import { AccountService } from "./domains/users/accounts.js";
import { UserService } from "./domains/users/service.js";
import { gatewayAuthHandlers } from "./wire/gateway/auth.js";
import { gatewayDetectionListHandlers } from "./wire/gateway/detection-lists.js";
import { gatewayDeviceHandlers } from "./wire/gateway/devices.js";
import { gatewayDirectoryHandlers } from "./wire/gateway/directory.js";
import { gatewayLegalHoldHandlers } from "./wire/gateway/legal-hold.js";
import { gatewayOrgHandlers } from "./wire/gateway/orgs.js";
import { gatewayRiskProfileHandlers } from "./wire/gateway/risk-profiles.js";
import { gatewayUsersHandlers } from "./wire/gateway/users.js";
import { gatewayWatchlistHandlers } from "./wire/gateway/watchlists.js";
import { gatewayActorHandlers } from "./wire/gateway/actors.js";
import { gatewayTrustedActivityHandlers } from "./wire/gateway/trusted-activities.js";
import { gatewayAuditLogHandlers } from "./wire/gateway/audit-log.js";
import { gatewayFileEventHandlers } from "./wire/gateway/file-events.js";
import { gatewayFileHandlers } from "./wire/gateway/files.js";
import { FileEventService } from "./domains/fileevents/service.js";
import { SavedSearchService } from "./domains/fileevents/saved-searches.js";
import { AuditLogService } from "./domains/auditlog/service.js";
import { trustedActivityHandlers } from "./wire/legacy/trusted-activities.js";
import { auditLogHandlers } from "./wire/legacy/audit-log.js";
import { TrustedActivityService } from "./domains/trustedactivities/service.js";
import { CaseService } from "./domains/cases/service.js";
import { AlertService } from "./domains/alerts/service.js";
import { SessionService } from "./domains/sessions/service.js";
import { gatewayAlertHandlers } from "./wire/gateway/alerts.js";
import { gatewaySessionHandlers } from "./wire/gateway/sessions.js";
import { legacyAlertHandlers } from "./wire/legacy/alerts.js";
import { AlertRuleService } from "./domains/alertrules/service.js";
import { FileContentService } from "./domains/fileevents/content-service.js";
import { gatewayCaseHandlers } from "./wire/gateway/cases.js";
import { legacyCaseHandlers } from "./wire/legacy/cases.js";
import { gatewayAlertRuleHandlers } from "./wire/gateway/alert-rules.js";
import { legacyAlertRuleHandlers } from "./wire/legacy/alert-rules.js";
import type { GatewayDeps } from "./wire/gateway/deps.js";
import { scimAuthentication } from "./wire/scim/authentication.js";
import { scimHandlers } from "./wire/scim/handlers.js";
import { accountHandlers } from "./wire/legacy/accounts.js";
import { authHandlers } from "./wire/legacy/auth.js";
import { deviceHandlers } from "./wire/legacy/devices.js";
import { archiveHandlers } from "./wire/legacy/archives.js";
import { ArchiveService } from "./domains/archives/service.js";
import { legalHoldHandlers } from "./wire/legacy/legal-holds.js";
import { userHandlers } from "./wire/legacy/users.js";
import { detectionListHandlers } from "./wire/legacy/detection-lists.js";
import { orgHandlers } from "./wire/legacy/orgs.js";
import { orgSettingHandlers } from "./wire/legacy/org-settings.js";
import { tenantHandlers } from "./wire/legacy/tenant.js";
import { ScimService } from "./domains/scim/service.js";
import { ScimGroups } from "./domains/scim/groups.js";
import { DeprovisioningDeadlines } from "./domains/scim/deprovisioning.js";
import { BackupAlertWatch } from "./domains/devices/backup-alerts.js";
import { BackupActivityService } from "./domains/devices/backup-activity.js";
import { ApiError } from "./http/errors.js";
import { validator, type OpenApiDocument } from "./http/openapi.js";
import { validatesResponses } from "./http/json-text.js";
import type { IdGenerator } from "./ids.js";
import { bodyParsers, UploadTurns } from "./http/bodies.js";
import { errorRenderer } from "./http/render.js";
import type { ClusterState } from "./cluster/cluster-state.js";
import { byOperationId } from "./http/handlers.js";
import { requestLogger, type Logger } from "./logger.js";

const CSV_LIMIT_BYTES = 32 * 1024 * 1024;

export interface AppDeps {
  db: Kysely<Database>;
  changes: ChangeCounter;
  clock: Clock;
  tokens: TokenService;
  spec: OpenApiDocument;
  logger: Logger;
  ids: IdGenerator;
  config: Pick<EmulatorConfig, "strict" | "maxBodyBytes" | "passwordCost" | "controlToken" | "host" | "controlHosts">;
  control: EmulatorControl;
  /** PostgreSQL: what the nodes share beyond the rows (clock, fault rules), read before each request. */
  cluster?: ClusterState;
  startedAt: number;
}

export function createApp(deps: AppDeps): Express {
  const { db, clock, tokens, spec, logger, config } = deps;
  const auth = new AuthService(new AuthStore(db), tokens, clock, deps.changes, deps.control.signInLocks);

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // Not attached at all above debug: the default level adds no work per request.
  if (logger.isLevelEnabled("debug")) app.use(requestLogger(logger));
  app.use(docsAssets());
  app.use(consoleAssets());
  const { cluster } = deps;
  // Health answers without the database's help (it says whether the database is there).
  const health = (path: string) => path === "/_emulator/health";
  if (cluster) app.use((req, _res, next) => (health(req.path) ? next() : cluster.refresh().then(() => next(), next)));
  app.use(observe(deps.control, clock));
  app.use(controlGuard(config));
  // Deadlines on the emulator's clock fall due before the request that would see them is served.
  const deadlines = new DeprovisioningDeadlines(db, clock, deps.changes);
  const backupAlerts = new BackupAlertWatch(db, clock, deps.changes);
  app.use((req, _res, next) => {
    if (health(req.path)) return next();
    deadlines
      .runDue()
      .then(() => backupAlerts.runDue())
      .then(() => next(), next);
  });
  const users = new UserService(db, clock, deps.ids, config.passwordCost, deps.changes);
  const scim = new ScimService(db, clock, users, deps.changes);
  // The body is read only once the caller is known: an unauthenticated upload is never buffered, whatever its size.
  validatesResponses(app, config.strict);
  const uploads = new UploadTurns(CSV_LIMIT_BYTES);
  app.use(validator(spec, config.strict, [authenticate(auth), scimAuthentication(scim), ...bodyParsers(config.maxBodyBytes, CSV_LIMIT_BYTES, uploads), injectFaults(deps.control)]));

  const tenants = new TenantStore(db);
  const orgs = new OrgService(db, clock, deps.ids, deps.changes);
  const orgSettings = new OrgSettingsService(db, clock, orgs);
  const devices = new DeviceService(db, clock, deps.changes);
  const holds = new LegalHoldService(db, clock, deps.ids, deps.changes);
  // One set of services behind both doors: the legacy wire and the public gateway.
  const riskProfiles = new RiskProfileService(db, clock, deps.changes);
  const gateway: GatewayDeps = { db, clock, ids: deps.ids, changes: deps.changes, users, orgs, devices, holds, riskProfiles, actors: new ActorService(db, riskProfiles), watchlists: new WatchlistService(db, clock, deps.ids, deps.changes), trustedActivities: new TrustedActivityService(db, clock), auditLog: new AuditLogService(db), fileEvents: new FileEventService(db, clock, deps.ids, deps.changes), savedSearches: new SavedSearchService(db, clock, deps.ids), cases: new CaseService(db, clock), alerts: new AlertService(db, clock, deps.ids, deps.changes), sessions: new SessionService(db, clock, deps.ids, deps.changes), files: new FileContentService(db), alertRules: new AlertRuleService(db, clock, deps.ids) };
  app.use(
    byOperationId(
      authHandlers(auth),
      tenantHandlers(tenants, clock),
      userHandlers(users, clock),
      accountHandlers(users, new AccountService(db, clock, users, config.passwordCost), clock),
      orgHandlers(orgs, orgSettings, clock),
      orgSettingHandlers(orgSettings, clock),
      detectionListHandlers(db, clock, deps.changes),
      deviceHandlers(devices, clock),
      archiveHandlers(new ArchiveService(db, clock, deps.ids), clock),
      legalHoldHandlers(holds, clock),
      trustedActivityHandlers(gateway.trustedActivities),
      auditLogHandlers(gateway.auditLog),
      legacyCaseHandlers(gateway.cases, gateway.files),
      legacyAlertHandlers(gateway.alerts),
      legacyAlertRuleHandlers(gateway.alertRules),
      scimHandlers(scim, new ScimGroups(db, clock, deps.ids)),
      gatewayAuthHandlers(auth, tenants),
      gatewayUsersHandlers(gateway),
      gatewayOrgHandlers(gateway),
      gatewayDeviceHandlers(gateway),
      gatewayLegalHoldHandlers(gateway),
      gatewayDirectoryHandlers(gateway),
      gatewayDetectionListHandlers(gateway),
      gatewayRiskProfileHandlers(gateway),
      gatewayWatchlistHandlers(gateway),
      gatewayActorHandlers(gateway),
      gatewayTrustedActivityHandlers(gateway),
      gatewayAuditLogHandlers(gateway),
      gatewayFileEventHandlers(gateway),
      gatewayFileHandlers(gateway),
      gatewayCaseHandlers(gateway),
      gatewayAlertHandlers(gateway),
      gatewaySessionHandlers(gateway),
      gatewayAlertRuleHandlers(gateway),
    ),
  );
  // The control plane is still a router (its pages and /openapi.* are not operations of the spec).
  const control = emulatorRoutes({ db, tokens, spec, startedAt: deps.startedAt, uploads, control: deps.control, controlToken: config.controlToken, fileEvents: gateway.fileEvents, savedSearches: gateway.savedSearches, alertRules: gateway.alertRules, backupActivity: new BackupActivityService(db, clock, deps.ids) });
  app.use(control);
  app.use(deviceRegistrationRoutes({ db, clock, ids: deps.ids, auth }));

  // Documented in the spec but not routed: a gap in the emulator, said plainly rather than as a bare 404.
  app.use((req, _res, next) => next(new ApiError(501, "NOT_IMPLEMENTED", `${req.method} ${req.path} is not emulated yet`)));
  app.use(errorRenderer(logger));
  return app;
}
