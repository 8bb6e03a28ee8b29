// Generated from the spec: tenant B's admin, calling every read operation with tenant A's ids, never sees tenant A.
import { loadSpec } from "../../src/http/openapi.js";
import { ADMIN, DEFAULT_FIXTURES, DEFAULT_TENANT_UID, SECOND_TENANT_UID, fixturePath, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
});
afterAll(() => emu.close());

/** Ids of tenant A that a path or body could name: users, orgs, devices, a matter. */
const A_IDS = ["4206", "942897397520280005", "1002", "a9578c3d-736b-4d96-80e5-71edd8a11ea3", "251691", "935873453596901068", "984140047896012577", "912100293346985227"];
/** Strings that only tenant A's data contains. */
const A_MARKERS = [DEFAULT_TENANT_UID, "bob.brown", "alice.adams", "Engineering", "Code42 Emulator", "Litigation 2026-001", "935873453596901068", "942897397520280005"];

describe("tenant isolation over every read", () => {
  it("no response to tenant B carries tenant A's data", async () => {
    const spec = await loadSpec();
    const auth = `Bearer ${await emu.tokenFor(ADMIN.username, "other-password")}`;
    let calls = 0;
    for (const [template, item] of Object.entries(spec.paths)) {
      if (template.startsWith("/_emulator/") || template.startsWith("/scim/") || template === "/" || template.startsWith("/openapi")) continue;
      const get = item.get as { security?: object[] } | undefined;
      const ecmRead = template.startsWith("/svc/api/v2/") && /\/(get|getbyid|getbyusername|search)$/.test(template);
      if (!get && !ecmRead) continue;
      for (const id of A_IDS) {
        const path = template.replace(/\{[^}]+\}/g, id);
        const query = `userUid=${id}&orgUid=${id}&legalHoldUid=${id}&backupSourceGuid=${id}&deviceGuid=${id}&userId=${id}&legalHoldPolicyUid=${id}&orgId=${id}&propertyName=fullDiskAccess`;
        const res = ecmRead
          ? await emu.http.post(path).set("Authorization", auth).send({ tenantId: SECOND_TENANT_UID, userId: id, username: "bob.brown@example.com" })
          : await emu.http.get(`${path}?${query}`).set("Authorization", auth);
        calls++;
        // What the caller sent may be echoed back (v1 metadata.params, "Could not find user: …"); anything else is A's.
        const text = res.text.split(id).join("").split("bob.brown@example.com").join("");
        for (const marker of A_MARKERS) if (text.includes(marker)) throw new Error(`${template} with ${id}: tenant A's "${marker}" in ${res.status} ${res.text.slice(0, 300)}`);
      }
    }
    expect(calls).toBeGreaterThan(300);
    // One call per read of the spec, which grows with every area: minutes on a loaded machine, seconds on a quiet one.
  }, 120_000);
});
