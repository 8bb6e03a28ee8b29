// Trusted activities mark the file events they match: at ingest, and again for every event of the tenant when an
// activity is created, updated or deleted, so `risk.trusted` searches (v2 and v1) answer as the list stands. The
// reasons are the SDK's and py42's TrustReason values (and the emulator's "Trusted Git repository"); an untrusted
// event lists what was not trusted.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { post } = callsAs(emu, () => gateway);
const del = (path: string) => emu.http.delete(path).set("Authorization", gateway);

const ingest = async (...events: object[]) => expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events })).status).toBe(201);
const trust = async (body: object) => {
  const res = await post("/v2/trusted-activities", { description: null, isHighValueSource: null, activityActionGroups: [], ...body });
  expect(res.status).toBe(200);
  return res.body.activityId as string;
};
const filter = (term: string, operator: string, value: string | null) => ({ groups: [{ filterClause: "AND", filters: [{ term, operator, value }] }], srtKey: "event.id", srtDir: "asc", pgSize: 100 });
/** The ids of the events `risk.trusted IS true` finds on /v2/file-events. */
const trustedIds = async () => ((await post("/v2/file-events", filter("risk.trusted", "IS", "true"))).body.fileEvents as { event: { id: string } }[]).map((e) => e.event.id);
/** One event's risk.trusted, trustReason and untrustedValues. */
async function riskOf(id: string) {
  const res = await post("/v2/file-events", filter("event.id", "IS", id));
  expect(res.body.totalCount).toBe(1);
  const { trusted, trustReason, untrustedValues } = res.body.fileEvents[0].risk;
  return { trusted, trustReason, untrustedValues };
}
type Untrusted = Record<"accountNames" | "domains" | "gitRepositoryUris" | "slackWorkspaces" | "urlPaths", string[]>;
const UNTRUSTED: Untrusted = { accountNames: [], domains: [], gitRepositoryUris: [], slackWorkspaces: [], urlPaths: [] };
const TRUSTED = (trustReason: string) => ({ trusted: true, trustReason, untrustedValues: UNTRUSTED });
const NOT_TRUSTED = (values: Partial<Untrusted>) => ({ trusted: false, trustReason: null, untrustedValues: { ...UNTRUSTED, ...values } });

const upload = (id: string, url: string, domain: string) => ({
  event: { id, action: "application-read", observer: "Endpoint" },
  user: { email: "alice.adams@example.com" },
  destination: { category: "Cloud Storage", name: "Dropbox", tabs: [{ title: "Home - Dropbox", url }], domains: [domain] },
});

describe("a trusted domain", () => {
  it("trusts an upload to it ingested afterwards, found by risk.trusted IS true; deleting it untrusts the event", async () => {
    const id = await trust({ type: "DOMAIN", value: "dropbox.com" });
    await ingest(upload("up-1", "https://www.dropbox.com/home", "dropbox.com"), upload("up-2", "https://wetransfer.com/", "wetransfer.com"));
    expect(await trustedIds()).toEqual(["up-1"]);
    expect(await riskOf("up-1")).toEqual(TRUSTED("Trusted browser URL"));
    expect(await riskOf("up-2")).toEqual(NOT_TRUSTED({ domains: ["wetransfer.com"], urlPaths: ["wetransfer.com"] }));
    expect((await del(`/v2/trusted-activities/${id}`)).status).toBe(200);
    expect(await trustedIds()).toEqual([]);
    expect(await riskOf("up-1")).toEqual(NOT_TRUSTED({ domains: ["dropbox.com"], urlPaths: ["dropbox.com/home"] }));
  });

  it("marks the events already held when created, and again when its value changes", async () => {
    await ingest(upload("up-1", "https://www.dropbox.com/home", "dropbox.com"));
    expect(await trustedIds()).toEqual([]);
    const id = await trust({ type: "DOMAIN", value: "dropbox.com" });
    expect(await trustedIds()).toEqual(["up-1"]);
    const changed = await emu.http.patch(`/v2/trusted-activities/${id}`).set("Authorization", gateway).send({ type: "DOMAIN", value: "box.com", activityActionGroups: [] });
    expect(changed.status).toBe(200);
    expect(await trustedIds()).toEqual([]);
    // v1 searches read the same mark.
    const v1 = await post("/v1/file-events", { ...filter("trusted", "IS", "false"), srtKey: "eventId" });
    expect(v1.body.fileEvents.map((e: { eventId: string; trusted: boolean }) => [e.eventId, e.trusted])).toEqual([["up-1", false]]);
  });

  it("a wildcard trusts subdomains; every domain of an event must be trusted", async () => {
    await trust({ type: "DOMAIN", value: "*.example.com" });
    await ingest(upload("sub", "https://files.example.com/x", "files.example.com"), {
      event: { id: "two", action: "application-read" },
      destination: { tabs: [{ url: "https://example.com/a" }, { url: "https://other.net/b" }], domains: ["example.com", "other.net"] },
    });
    expect(await trustedIds()).toEqual(["sub"]);
    expect(await riskOf("two")).toEqual(NOT_TRUSTED({ domains: ["other.net"], urlPaths: ["other.net/b"] }));
  });

  it("trusts a tab whose title names it (the SDK's add_domain: \"if the tab URL or tab title includes this domain\")", async () => {
    await trust({ type: "DOMAIN", value: "acme.com" });
    const tabs = (id: string, ...t: { url: string; title: string }[]) => ({ event: { id, action: "application-read" }, destination: { category: "Email", tabs: t } });
    await ingest(
      tabs("title", { url: "https://mail.google.com/mail/u/0", title: "Inbox - alice@acme.com - Gmail" }),
      tabs("both", { url: "https://www.acme.com/upload", title: "Upload" }, { url: "https://mail.google.com/", title: "acme.com mail" }),
      tabs("neither", { url: "https://mail.google.com/", title: "Inbox - alice@notacme.com" }),
    );
    expect(await riskOf("title")).toEqual(TRUSTED("Trusted browser tab title"));
    expect(await riskOf("both")).toEqual(TRUSTED("Trusted browser URL and/or tab title"));
    expect(await riskOf("neither")).toEqual(NOT_TRUSTED({ domains: ["mail.google.com"], urlPaths: ["mail.google.com"] }));
  });

  it("trusts email to its users, shares with them and pushes to its Git host, each for the actions it lists", async () => {
    await trust({ type: "DOMAIN", value: "partner.com" });
    await ingest(
      { event: { id: "mail-1", action: "file-emailed", observer: "Office365" }, destination: { category: "Email", email: { recipients: ["a@partner.com", "b@partner.com"] } } },
      { event: { id: "mail-2", action: "file-emailed", observer: "Office365" }, destination: { category: "Email", email: { recipients: ["a@partner.com", "c@gmail.com"] } } },
      { event: { id: "share-1", action: "file-shared", observer: "GoogleDrive", shareType: ["Shared with specific people"] }, destination: { user: { email: ["x@partner.com"] } } },
      { event: { id: "share-2", action: "file-shared", observer: "GoogleDrive", shareType: ["Anyone with the link"] } },
      { event: { id: "git-1", action: "application-read", vector: "GIT_PUSH" }, git: { repositoryUri: "git@partner.com:team/repo.git" } },
    );
    expect(await trustedIds()).toEqual(["git-1", "mail-1", "share-1"]);
    expect(await riskOf("mail-1")).toEqual(TRUSTED("Trusted email recipient"));
    expect(await riskOf("mail-2")).toEqual(NOT_TRUSTED({ domains: ["gmail.com"] }));
    expect(await riskOf("share-1")).toEqual(TRUSTED("Shared with trusted users"));
    expect(await riskOf("share-2")).toEqual(NOT_TRUSTED({}));
    expect(await riskOf("git-1")).toEqual(TRUSTED("Trusted Git repository"));
    // A domain trusted only for uploads trusts no email.
    const groups = [{ name: "DEFAULT", activityActions: [{ type: "FILE_UPLOAD", providers: [] }] }];
    const list = await emu.http.get("/v2/trusted-activities").set("Authorization", gateway);
    await emu.http.patch(`/v2/trusted-activities/${list.body.trustedActivities[0].activityId}`).set("Authorization", gateway).send({ activityActionGroups: groups });
    expect(await trustedIds()).toEqual([]);
  });
});

describe("the other activity types", () => {
  it("a URL path, a Slack workspace, a sync account name and a Git repository", async () => {
    await trust({ type: "URL_PATH", value: "github.com/company" });
    await trust({ type: "SLACK", value: "Example Workspace" });
    await trust({ type: "ACCOUNT_NAME", value: "corp@example.com", activityActionGroups: [{ name: "DEFAULT", activityActions: [{ type: "CLOUD_SYNC", providers: [{ name: "DROPBOX" }] }] }] });
    await trust({ type: "GIT_REPOSITORY_URI", value: "github.com/company/app", activityActionGroups: [{ name: "DEFAULT", activityActions: [{ type: "GIT_PUSH", providers: [] }] }] });
    await ingest(
      { event: { id: "path-1" }, destination: { tabs: [{ url: "https://github.com/company/app/upload" }], domains: ["github.com"] } },
      { event: { id: "path-2" }, destination: { tabs: [{ url: "https://github.com/someone/else" }], domains: ["github.com"] } },
      { event: { id: "slack-1" }, destination: { name: "Slack", accountName: "Example Workspace" } },
      { event: { id: "slack-2" }, destination: { name: "Slack", accountName: "Elsewhere" } },
      { event: { id: "sync-1", action: "sync-app-created" }, destination: { name: "Dropbox", accountName: "CORP@example.com" } },
      { event: { id: "sync-2", action: "sync-app-created" }, destination: { name: "OneDrive", accountName: "corp@example.com" } },
      { event: { id: "git-1" }, git: { repositoryUri: "https://github.com/company/app.git" } },
      { event: { id: "git-2" }, git: { repositoryUri: "https://github.com/company/application" } },
    );
    expect(await trustedIds()).toEqual(["git-1", "path-1", "slack-1", "sync-1"]);
    expect(await riskOf("path-1")).toEqual(TRUSTED("Trusted specific URL path"));
    expect(await riskOf("path-2")).toEqual(NOT_TRUSTED({ domains: ["github.com"], urlPaths: ["github.com/someone/else"] }));
    expect(await riskOf("slack-1")).toEqual(TRUSTED("Trusted Slack workspace"));
    expect(await riskOf("slack-2")).toEqual(NOT_TRUSTED({ slackWorkspaces: ["Elsewhere"] }));
    expect(await riskOf("sync-1")).toEqual(TRUSTED("Trusted sync username"));
    // The account is trusted for Dropbox only.
    expect(await riskOf("sync-2")).toEqual(NOT_TRUSTED({ accountNames: ["corp@example.com"] }));
    expect(await riskOf("git-2")).toEqual(NOT_TRUSTED({ gitRepositoryUris: ["https://github.com/company/application"] }));
  });
});

describe("what the list does not decide", () => {
  it("keeps a fixture's trust the list cannot give, and an event with no destination the list can trust as given", async () => {
    await ingest(
      { event: { id: "paired" }, destination: { domains: ["drive.google.com"] }, risk: { trusted: true, trustReason: "Event matched with cloud activity" } },
      { event: { id: "usb", action: "removable-media-created" }, destination: { category: "Removable Media" }, risk: { trusted: true } },
      { event: { id: "local", action: "file-created" } },
      { event: { id: "claimed" }, destination: { domains: ["dropbox.com"] }, risk: { trusted: true, trustReason: "Trusted browser URL" } },
    );
    expect(await trustedIds()).toEqual(["paired", "usb"]);
    expect(await riskOf("local")).toEqual({ trusted: null, trustReason: null, untrustedValues: UNTRUSTED });
    // A list reason the list does not back is the list's to decide.
    expect(await riskOf("claimed")).toEqual(NOT_TRUSTED({ domains: ["dropbox.com"] }));
    const id = await trust({ type: "DOMAIN", value: "dropbox.com" });
    await del(`/v2/trusted-activities/${id}`);
    expect(await trustedIds()).toEqual(["paired", "usb"]);
    expect(await riskOf("paired")).toEqual(TRUSTED("Event matched with cloud activity"));
  });

  it("a change made on the legacy wire (py42) marks the events too", async () => {
    await ingest(upload("up-1", "https://www.dropbox.com/home", "dropbox.com"));
    const auth = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    expect((await emu.http.post("/api/v1/trusted-activities").set("Authorization", auth).send({ type: "DOMAIN", value: "dropbox.com", description: null })).status).toBe(200);
    expect(await trustedIds()).toEqual(["up-1"]);
  });
});
