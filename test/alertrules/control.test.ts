// Alert rules made by the control plane and fixtures (no Code42 API makes one), as the v2 gateway shows them.
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2024-06-01T12:00:00.000Z" });
});
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];
const RULES = `/_emulator/tenants/${DEFAULT_TENANT_UID}/alert-rules`;

/** The rule the contract (/tmp/s10/RULES-CONTRACT.md) gives as its example. */
export const DEPARTING_CLOUD_UPLOADS = {
  name: "Departing employees: cloud uploads",
  id: "rule-departing-cloud",
  severity: "HIGH",
  watchlists: ["DEPARTING_EMPLOYEE"],
  vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } },
};

describe("POST/DELETE /_emulator/tenants/{uid}/alert-rules", () => {
  it("makes a rule, completed, and answers it as v2 shows it", async () => {
    const made = await emu.http.post(RULES).send(DEPARTING_CLOUD_UPLOADS);
    expect(made.status).toBe(201);
    const watchlistId = made.body.filters.watchlist.watchlists[0].id;
    expect(made.body).toEqual({
      name: "Departing employees: cloud uploads",
      description: "",
      severity: "High",
      isEnabled: true,
      source: "Alerting",
      notifications: { isEnabled: false, contacts: [] },
      education: null,
      vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } },
      filters: { watchlist: { watchlists: [{ id: watchlistId }], criteriaOrder: 0 } },
      alertOnBlockedBrowserActivity: false,
      id: "rule-departing-cloud",
      createdAt: "2024-06-01T12:00:00.0000000Z",
      createdBy: "system",
      modifiedAt: "2024-06-01T12:00:00.0000000Z",
      modifiedBy: "system",
      isSystemRule: false,
      systemRemovedRiskIndicators: [],
    });
    expect(answer(await emu.http.post(RULES).send({ ...DEPARTING_CLOUD_UPLOADS, id: "other" }))).toEqual([
      409,
      { error: { code: "ALERT_RULE_EXISTS", message: "rule Departing employees: cloud uploads: the tenant has a rule of that name already" } },
    ]);
    expect((await emu.http.delete(`${RULES}/rule-departing-cloud`)).status).toBe(204);
    expect(answer(await emu.http.delete(`${RULES}/rule-departing-cloud`))).toEqual([404, { error: { code: "ALERT_RULE_NOT_FOUND", message: "Alert rule not found" } }]);
  });

  it("refuses a rule that is not one, and a tenant it lacks", async () => {
    expect(answer(await emu.http.post(RULES).send({ name: "x", watchlists: ["NOPE"] }))).toEqual([
      400,
      { error: { code: "INVALID_ALERT_RULE", message: 'rule x: no watchlist "NOPE" in the tenant (an id, a built-in type or a CUSTOM watchlist\'s title)' } },
    ]);
    expect(answer(await emu.http.post(RULES).send({ name: "x", vectors: { fax: {} } }))).toEqual([
      400,
      { error: { code: "INVALID_ALERT_RULE", message: "rule x: vectors.fax is not a vector (cloudSharing, download, email, fileUpload, removableMedia)" } },
    ]);
    expect((await emu.http.post("/_emulator/tenants/nope/alert-rules").send({ name: "x" })).status).toBe(404);
  });
});
