// The control plane under /_emulator/ (no Code42 path uses it), plus the served spec.
import { clusterJournal } from "../cluster/journal.js";
import { dialectOf, isDatabaseUnavailable } from "../db/dialect.js";
import { Router, type Request } from "express";
import type { Kysely } from "kysely";
import type { TokenService } from "../auth/tokens.js";
import { ClockRangeError } from "../clock.js";
import type { Database } from "../db/schema.js";
import { parseDuration } from "../duration.js";
import { FileEventIntakeError, type FileEventService } from "../domains/fileevents/service.js";
import { GenerateRefusal, type GenerateRequest } from "../domains/fileevents/generate.js";
import type { SavedSearchInput, SavedSearchService } from "../domains/fileevents/saved-searches.js";
import type { AlertRuleService } from "../domains/alertrules/service.js";
import { BackupActivityRefusal, type BackupActivity, type BackupActivityService } from "../domains/devices/backup-activity.js";
import { backupUsage } from "../wire/legacy/presenters/devices.js";
import type { RuleInput } from "../domains/alertrules/rules.js";
import { DomainError } from "../domains/errors.js";
import { TenantStore } from "../domains/tenant/store.js";
import { presentRuleDetails } from "../wire/gateway/presenters/alert-rules.js";
import type { FixtureScimProvider } from "../fixtures/format.js";
import { providerSummaries } from "../domains/scim/providers.js";
import type { UploadTurns } from "../http/bodies.js";
import { ApiError } from "../http/errors.js";
import type { OpenApiDocument } from "../http/openapi.js";
import { isTrue } from "../http/query.js";
import { packageVersion } from "../paths.js";
import { USER_TOKEN_TTL_SECONDS } from "../config.js";
import type { EmulatorControl } from "./control.js";
import { coverageHtml } from "./coverage.js";
import { indexPage } from "./pages.js";
import { CopySuffixTakenError } from "./tenant-copy.js";
import { writeState } from "./state.js";
import type { NewFaultRule } from "./faults.js";

const notFound = (what: string) => new ApiError(404, `${what.toUpperCase().replace(/ /g, "_")}_NOT_FOUND`, `${what} not found`);

export interface EmulatorRouteDeps {
  db: Kysely<Database>;
  tokens: TokenService;
  spec: OpenApiDocument;
  startedAt: number;
  /** The uploads being read and waiting their turn, for the health check. */
  uploads: UploadTurns;
  control: EmulatorControl;
  /** The control token, which a node presents to the others (they share it) for the journal across them. */
  controlToken?: string;
  fileEvents: FileEventService;
  savedSearches: SavedSearchService;
  alertRules: AlertRuleService;
  backupActivity: BackupActivityService;
}

export function emulatorRoutes({ db, tokens, spec, startedAt, uploads, control, controlToken, fileEvents, savedSearches, alertRules, backupActivity }: EmulatorRouteDeps): Router {
  const router = Router();
  const clock = control.clock;
  const clockView = () => ({ now: clock.isoNow(), frozen: clock.frozen });
  let specYaml: string | undefined;
  const str = (req: Request, key: string) => (typeof req.query[key] === "string" ? (req.query[key] as string) : undefined);

  router.get("/_emulator/health", async (_req, res) => {
    const began = performance.now();
    const engine = dialectOf(db);
    const uptimeSeconds = () => (performance.now() - startedAt) / 1000;
    const count = async (table: "tenants" | "orgs" | "users" | "api_clients") =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    try {
      const [tenants, orgs, users, apiClients] = await Promise.all([count("tenants"), count("orgs"), count("users"), count("api_clients")]);
      const database = { engine, status: "up", latencyMs: Math.round((performance.now() - began) * 1000) / 1000 };
      res.json({ status: "ready", version: packageVersion, uptimeSeconds: uptimeSeconds(), database, counts: { tenants, orgs, users, apiClients }, uploads: uploads.state });
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      res.status(503).json({ status: "unavailable", version: packageVersion, uptimeSeconds: uptimeSeconds(), database: { engine, status: "down", error: (e as Error).message } });
    }
  });
  router.get("/_emulator/jwks.json", (_req, res) => {
    res.json(tokens.jwks);
  });

  router.post("/_emulator/reset", async (_req, res) => {
    await control.reset();
    res.status(204).end();
  });

  router.post("/_emulator/fixtures", async (req, res) => {
    let tenants;
    try {
      tenants = await control.load(req.body as object | string, isTrue(req.query.baseline));
    } catch (e) {
      throw new ApiError(400, "INVALID_FIXTURE", (e as Error).message);
    }
    res.status(201).json({ tenants });
  });

  // Written as it is read: a large tenant's document is never held whole.
  router.get("/_emulator/state", async (req, res) => {
    res.type("application/json");
    if (await writeState(db, isTrue(req.query.includeCredentials), res)) res.end();
  });

  router.get("/_emulator/snapshots", async (_req, res) => {
    res.json(await control.listSnapshots());
  });
  router.post("/_emulator/snapshots", async (req, res) => {
    try {
      res.status(201).json(await control.saveSnapshot(String(req.body.name)));
    } catch (e) {
      throw new ApiError(400, "TOO_MANY_SNAPSHOTS", (e as Error).message);
    }
  });
  router.post("/_emulator/snapshots/:name/restore", async (req, res) => {
    if (!(await control.restoreSnapshot(String(req.params.name)))) throw notFound("Snapshot");
    res.status(204).end();
  });
  router.delete("/_emulator/snapshots/:name", async (req, res) => {
    if (!(await control.deleteSnapshot(String(req.params.name)))) throw notFound("Snapshot");
    res.status(204).end();
  });

  router.get("/_emulator/tenants", async (_req, res) => {
    res.json(await new TenantStore(db).summaries());
  });
  // The console's way in: a user token for the tenant's admin (or the user named), on the emulated clock like any
  // other, so that what the console does goes through the API as that user. It gives a control caller nothing new:
  // the control plane can already read and rewrite every tenant.
  router.post("/_emulator/tenants/:tenantUid/console-session", async (req, res) => {
    const tenantUid = String(req.params.tenantUid);
    const store = new TenantStore(db);
    if (!(await store.exists(tenantUid))) throw notFound("Tenant");
    const username = (req.body as { username?: string } | undefined)?.username;
    const user = await store.actingUser(tenantUid, username);
    if (!user) throw new ApiError(409, "NO_USER_TO_ACT_AS", username ? `No active, unblocked user ${username} in this tenant` : "The tenant has no active, unblocked Customer Cloud Admin: name a user");
    res.status(201).json({ tenantUid, username: user.username, userUid: user.user_uid, token: tokens.issue(user.user_uid, tenantUid, "user", USER_TOKEN_TTL_SECONDS), expiresInSeconds: USER_TOKEN_TTL_SECONDS });
  });

  router.post("/_emulator/tenants/:tenantUid/copy", async (req, res) => {
    let copy;
    try {
      copy = await control.copyTenant(String(req.params.tenantUid), (req.body as { suffix?: string } | undefined)?.suffix);
    } catch (e) {
      if (e instanceof CopySuffixTakenError) throw new ApiError(409, "SUFFIX_TAKEN", e.message);
      throw e;
    }
    if (!copy) throw notFound("Tenant");
    res.status(201).json(copy);
  });
  router.delete("/_emulator/tenants/:tenantUid", async (req, res) => {
    if (!(await control.deleteTenant(String(req.params.tenantUid)))) throw notFound("Tenant");
    res.status(204).end();
  });

  router.get("/_emulator/tenants/:tenantUid/scim-providers", async (req, res) => {
    const tenantUid = String(req.params.tenantUid);
    if (!(await new TenantStore(db).exists(tenantUid))) throw notFound("Tenant");
    const base = `${req.protocol}://${req.get("host")}/scim`;
    res.json((await providerSummaries(db, tenantUid, str(req, "userUid"))).map((p) => ({ ...p, baseUrl: `${base}/${p.providerId}/v2` })));
  });
  router.post("/_emulator/tenants/:tenantUid/scim-providers", async (req, res) => {
    const p = req.body as FixtureScimProvider;
    const tenantUid = String(req.params.tenantUid);
    if ((p.authType === "bearer" && !p.token) || (p.authType === "basic" && !(p.username && p.password)))
      throw new ApiError(400, "INVALID_PROVIDER", "A bearer provider needs a token; a basic one a username and password");
    try {
      if (!(await control.addScimProvider(tenantUid, p))) throw notFound("Tenant or org");
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError(409, "PROVIDER_EXISTS", `A SCIM provider ${p.providerId} exists already`);
    }
    const base = `${req.protocol}://${req.get("host")}/scim/${p.providerId}/v2`;
    res.status(201).json({ providerId: p.providerId, tenantUid, baseUrl: base });
  });

  /** A refusal of the file-event services' intake, in the control plane's words. */
  const intakeError = (e: unknown, conflictCode: string, invalidCode: string) => {
    if (!(e instanceof FileEventIntakeError)) return e;
    if (e.kind === "notFound") return notFound("Tenant");
    return new ApiError(e.kind === "conflict" ? 409 : 400, e.kind === "conflict" ? conflictCode : invalidCode, e.message);
  };
  router.post("/_emulator/tenants/:tenantUid/file-events", async (req, res) => {
    const tenantUid = String(req.params.tenantUid);
    let eventIds;
    try {
      eventIds = await fileEvents.ingest(tenantUid, (req.body as { events: unknown[] }).events);
    } catch (e) {
      throw intakeError(e, "EVENT_EXISTS", "INVALID_EVENT");
    }
    res.status(201).json({ tenantUid, count: eventIds.length, eventIds });
  });
  router.post("/_emulator/tenants/:tenantUid/file-events/generate", async (req, res) => {
    const tenantUid = String(req.params.tenantUid);
    let generated;
    try {
      generated = await fileEvents.generate(tenantUid, req.body as GenerateRequest);
    } catch (e) {
      if (e instanceof GenerateRefusal) throw e.kind === "userNotFound" ? new ApiError(404, "USER_NOT_FOUND", e.message) : new ApiError(400, "INVALID_GENERATE_REQUEST", e.message);
      throw intakeError(e, "EVENT_EXISTS", "INVALID_EVENT");
    }
    res.status(201).json({ tenantUid, ...generated });
  });
  router.post("/_emulator/tenants/:tenantUid/saved-searches", async (req, res) => {
    const tenantUid = String(req.params.tenantUid);
    const body = req.body as SavedSearchInput | { searches: SavedSearchInput[] };
    let searchIds;
    try {
      searchIds = await savedSearches.add(tenantUid, "searches" in body ? body.searches : [body]);
    } catch (e) {
      throw intakeError(e, "SAVED_SEARCH_EXISTS", "INVALID_SAVED_SEARCH");
    }
    res.status(201).json({ tenantUid, count: searchIds.length, searchIds });
  });
  router.delete("/_emulator/tenants/:tenantUid/saved-searches/:id", async (req, res) => {
    let removed;
    try {
      removed = await savedSearches.remove(String(req.params.tenantUid), String(req.params.id));
    } catch (e) {
      throw intakeError(e, "SAVED_SEARCH_EXISTS", "INVALID_SAVED_SEARCH");
    }
    if (!removed) throw notFound("Saved search");
    res.status(204).end();
  });
  router.post("/_emulator/tenants/:tenantUid/alert-rules", async (req, res) => {
    const tenantUid = String(req.params.tenantUid);
    if (!(await new TenantStore(db).exists(tenantUid))) throw notFound("Tenant");
    let made;
    try {
      made = await alertRules.load(tenantUid, [req.body as RuleInput]);
    } catch (e) {
      if (e instanceof DomainError) throw new ApiError(e.kind === "conflict" ? 409 : 400, e.kind === "conflict" ? "ALERT_RULE_EXISTS" : "INVALID_ALERT_RULE", e.message);
      throw e;
    }
    res.status(201).json(presentRuleDetails(made[0]!));
  });
  router.delete("/_emulator/tenants/:tenantUid/alert-rules/:id", async (req, res) => {
    if (!(await alertRules.remove(String(req.params.tenantUid), String(req.params.id)))) throw notFound("Alert rule");
    res.status(204).end();
  });

  router.post("/_emulator/tenants/:tenantUid/devices/:deviceGuid/backups", async (req, res) => {
    let made;
    try {
      made = await backupActivity.record(String(req.params.tenantUid), String(req.params.deviceGuid), req.body as BackupActivity);
    } catch (e) {
      if (e instanceof BackupActivityRefusal) throw e.missing ? notFound(e.missing) : new ApiError(400, "INVALID_BACKUP", e.message);
      throw e;
    }
    res.json(backupUsage(made.device, made.backup, made.level));
  });

  router.get("/_emulator/clock", (_req, res) => {
    res.json(clockView());
  });
  /** A move the clock refuses (beyond the dates it can hold) is a 400 that changes nothing. */
  const moveClock = async (move: () => void) => {
    try {
      await control.moveClock(move);
    } catch (e) {
      if (e instanceof ClockRangeError) throw new ApiError(400, "CLOCK_OUT_OF_RANGE", e.message);
      throw e;
    }
    return clockView();
  };
  router.post("/_emulator/clock/set", async (req, res) => {
    res.json(await moveClock(() => clock.set(Date.parse(String(req.body.at)))));
  });
  router.post("/_emulator/clock/advance", async (req, res) => {
    res.json(await moveClock(() => clock.advance(parseDuration(String(req.body.by)))));
  });
  router.post("/_emulator/clock/freeze", async (_req, res) => {
    res.json(await moveClock(() => clock.freeze()));
  });
  router.post("/_emulator/clock/unfreeze", async (_req, res) => {
    res.json(await moveClock(() => clock.unfreeze()));
  });

  router.get("/_emulator/faults", async (_req, res) => {
    res.json(await control.faults.list());
  });
  router.post("/_emulator/faults", async (req, res) => {
    res.status(201).json(await control.faults.add(req.body as NewFaultRule));
  });
  router.delete("/_emulator/faults", async (_req, res) => {
    await control.faults.clear();
    res.status(204).end();
  });
  router.delete("/_emulator/faults/:id", async (req, res) => {
    if (!(await control.faults.remove(Number(req.params.id)))) throw notFound("Fault rule");
    res.status(204).end();
  });

  router.get("/_emulator/journal", async (req, res) => {
    // The validator has already made status a number.
    const status = req.query.status;
    const afterId = req.query.afterId;
    const own = control.journal.list({
      method: str(req, "method"),
      path: str(req, "path"),
      operationId: str(req, "operationId"),
      status: status === undefined ? undefined : Number(status),
      since: str(req, "since"),
      afterId: afterId === undefined ? undefined : Number(afterId),
      tenantUid: str(req, "tenantUid"),
    });
    const cluster = control.cluster;
    if (!isTrue(req.query.cluster) || !cluster) return void res.json(own);
    const filters = new URLSearchParams(req.url.slice(req.url.indexOf("?") + 1));
    filters.delete("cluster");
    const merged = await clusterJournal(own, cluster, filters, controlToken);
    res.set("X-Emulator-Nodes", `${merged.answered}/${merged.asked}`).json(merged.entries);
  });
  router.get("/_emulator/journal/:id", (req, res) => {
    const entry = control.journal.get(Number(req.params.id));
    if (!entry) throw notFound("Journal entry");
    res.json(entry);
  });
  router.delete("/_emulator/journal", (_req, res) => {
    control.journal.clear();
    res.status(204).end();
  });

  router.get("/_emulator/coverage", (_req, res) => {
    res.json(control.coverage.report(spec));
  });
  router.get("/_emulator/coverage.html", (_req, res) => {
    res.type("text/html").send(coverageHtml(control.coverage.report(spec)));
  });
  router.delete("/_emulator/coverage", (_req, res) => {
    control.coverage.clear();
    res.status(204).end();
  });

  router.get("/_emulator/sign-in-locks", async (_req, res) => {
    res.json(await control.signInLocks.list());
  });
  router.delete("/_emulator/sign-in-locks", async (_req, res) => {
    await control.signInLocks.clear();
    res.status(204).end();
  });

  router.get("/_emulator/outbox", async (req, res) => {
    const rows = await control.outbox(str(req, "tenantUid"));
    res.json(rows.map((m) => ({ tenantUid: m.tenant_uid, kind: m.kind, to: m.to_address, subject: m.subject, body: m.body, link: m.link, sentAt: m.sent_at })));
  });
  router.delete("/_emulator/outbox", async (req, res) => {
    await control.clearOutbox(str(req, "tenantUid"));
    res.status(204).end();
  });

  router.get("/", (_req, res) => {
    res.type("text/html").send(indexPage());
  });

  router.get("/openapi.json", (_req, res) => {
    res.json(spec);
  });
  router.get("/openapi.yaml", async (_req, res) => {
    // The dereferenced spec shares objects; written out in full, readers need not expand aliases.
    specYaml ??= (await import("yaml")).stringify(spec, { aliasDuplicateObjects: false });
    res.type("application/yaml").send(specYaml);
  });

  return router;
}
