// Generated from the spec: every operation that needs a token, with every kind of bad token, answers 401 in its
// family's envelope and gives away nothing (authentication comes before validation).
import { createPrivateKey } from "node:crypto";
import jwt from "jsonwebtoken";
import { loadSpec } from "../../src/http/openapi.js";
import { familyOf } from "../../src/http/family.js";
import { ADMIN, DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
type Method = (typeof METHODS)[number];

let emu: TestEmulator;
let operations: { method: Method; path: string; template: string; family: string }[];
let badHeaders: [string, string | null][];

beforeAll(async () => {
  emu = await startTestEmulator();
  const spec = await loadSpec();
  operations = [];
  for (const [template, item] of Object.entries(spec.paths))
    for (const method of METHODS) {
      const op = item[method] as { security?: Record<string, unknown>[]; "x-code42-family"?: string } | undefined;
      const path = template.replace(/\{[^}]+\}/g, "1");
      // An operation may declare its family where its path's prefix would say another (py42's problem-style /api/v1 services).
      if (op?.security?.some((s) => "bearer" in s || "v3UserToken" in s)) operations.push({ method, template, path, family: op["x-code42-family"] ?? familyOf(path) });
    }
  const good = await emu.tokenFor(ADMIN.username, ADMIN.password);
  const row = await emu.database.db.selectFrom("signing_keys").selectAll().executeTakeFirstOrThrow();
  const key = createPrivateKey(row.private_pem);
  const now = emu.clock.nowSeconds();
  const sign = (claims: object) => jwt.sign(claims, key, { algorithm: "ES256", keyid: row.kid, issuer: "code42-emulator" });
  const [h, p, s] = good.split(".");
  badHeaders = [
    ["no header", null],
    ["Basic credentials", `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}`],
    ["garbage", "Bearer garbage"],
    ["an expired token", `Bearer ${sign({ sub: "942897397520289999", tid: DEFAULT_TENANT_UID, typ: "user", iat: now - 7200, exp: now - 3600 })}`],
    ["a tampered signature", `Bearer ${h}.${p}.${s!.slice(0, -6)}AAAAAA`],
    ["alg none", `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${p}.`],
    ["an unknown tenant", `v3_user_token ${sign({ sub: "942897397520289999", tid: "00000000-0000-4000-8000-000000000000", typ: "user", iat: now, exp: now + 600 })}`],
  ];
});
afterAll(() => emu.close());

const envelopes: Record<string, (body: unknown, text: string) => boolean> = {
  v1: (b) => Array.isArray(b) && (b as { name?: string }[])[0]?.name === "UNAUTHORIZED",
  v3: (b) => (b as { data?: unknown; error?: { primaryErrorKey?: string }[] }).data === null && (b as { error: { primaryErrorKey: string }[] }).error[0]!.primaryErrorKey === "UNAUTHORIZED",
  problem: (b) => (b as { problem?: string }).problem === "UNAUTHORIZED",
  ecm: (b) => typeof (b as Record<string, { "text$"?: string }>)["pop-bulletin"]?.["text$"] === "string",
  gateway: (b) => (b as { code?: string }).code === "UNAUTHORIZED" && typeof (b as { message?: string }).message === "string",
};

describe("the auth matrix", () => {
  it("covers the protected operations of every family", () => {
    expect(operations.length).toBeGreaterThan(80);
    expect(new Set(operations.map((o) => o.family))).toEqual(new Set(["v1", "v3", "problem", "ecm", "gateway"]));
  });

  it("every protected operation refuses every bad token with a 401 in its envelope, never data", async () => {
    let cases = 0;
    for (const op of operations) {
      for (const [name, header] of badHeaders) {
        let req = emu.http[op.method](op.path);
        if (header) req = req.set("Authorization", header);
        if (op.method !== "get" && op.method !== "delete") req = req.set("Content-Type", "application/json").send("{}");
        const res = await req;
        const family = op.family;
        const ok = res.status === 401 && envelopes[family]!(res.body, res.text);
        if (!ok) throw new Error(`${op.method.toUpperCase()} ${op.template} with ${name}: ${res.status} ${res.text.slice(0, 200)}`);
        cases++;
      }
    }
    expect(cases).toBe(operations.length * badHeaders.length);
  });
});
