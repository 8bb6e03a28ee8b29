// Every way a bearer token can be bad gets a 401 in the family's envelope, and never data.
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { ADMIN, DEFAULT_FIXTURES, fixturePath, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
let good: string;
beforeAll(async () => {
  emu = await startTestEmulator({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
  good = await emu.tokenFor(ADMIN.username, ADMIN.password);
});
afterAll(() => emu.close());

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");

async function signingKey() {
  const row = await emu.database.db.selectFrom("signing_keys").selectAll().executeTakeFirstOrThrow();
  return { key: createPrivateKey(row.private_pem), kid: row.kid };
}

/** A token signed with the emulator's own key: valid in form, so only its claims can make it bad. */
async function signedWith(claims: { sub?: string; tid?: string; typ?: string; iatAgo?: number; expIn?: number }) {
  const { key, kid } = await signingKey();
  const now = emu.clock.nowSeconds();
  const payload = {
    sub: claims.sub ?? "942897397520289999",
    tid: claims.tid ?? "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b",
    typ: claims.typ ?? "user",
    iat: now - (claims.iatAgo ?? 0),
    exp: now + (claims.expIn ?? 600),
  };
  return `Bearer ${jwt.sign(payload, key, { algorithm: "ES256", keyid: kid, issuer: "code42-emulator" })}`;
}

const cases: [string, () => Promise<string>][] = [
  ["no header", async () => ""],
  ["Basic credentials instead of a token", async () => `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}`],
  ["an unknown scheme", async () => `Token ${good}`],
  ["a scheme with no token", async () => "Bearer"],
  ["garbage", async () => "Bearer not-a-jwt"],
  ["a tampered payload", async () => {
    const [h, , s] = good.split(".");
    return `Bearer ${h}.${b64({ sub: "942897397520280004", tid: "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b", typ: "user", iat: 1, exp: 9_999_999_999 })}.${s}`;
  }],
  ["a tampered signature", async () => `Bearer ${good.slice(0, -4)}AAAA`],
  ["alg none", async () => {
    const [, p] = good.split(".");
    return `Bearer ${b64({ alg: "none", typ: "JWT" })}.${p}.`;
  }],
  ["HS256 signed with the published public key as the secret (algorithm confusion)", async () => {
    const jwk = (await emu.http.get("/_emulator/jwks.json")).body.keys[0];
    const pem = createPublicKey({ key: jwk, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
    const now = emu.clock.nowSeconds();
    const claims = { sub: "942897397520289999", tid: "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b", typ: "user", iat: now, exp: now + 600, iss: "code42-emulator" };
    const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
    return `Bearer ${unsigned}.${createHmac("sha256", pem).update(unsigned).digest("base64url")}`;
  }],
  ["a token from another issuer's key", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const now = emu.clock.nowSeconds();
    return `Bearer ${jwt.sign({ sub: "942897397520289999", tid: "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b", typ: "user", iat: now, exp: now + 600 }, privateKey, { algorithm: "ES256", issuer: "code42-emulator" })}`;
  }],
  ["an expired token", () => signedWith({ iatAgo: 3600, expIn: -1800 })],
  ["a token for an unknown tenant", () => signedWith({ tid: "00000000-0000-4000-8000-000000000000" })],
  ["a token for a user of another tenant", () => signedWith({ sub: "777000000000000101" })],
  ["a token for a blocked user", () => signedWith({ sub: "777000000000000102", tid: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e" })],
  ["a token for an unknown API client", () => signedWith({ sub: "nobody", typ: "apiClient" })],
];

describe.each(cases)("a request with %s", (_name, header) => {
  it("gets 401 from a v3 operation, in the v3 envelope", async () => {
    const value = await header();
    const req = emu.http.get("/api/v3/customer/my");
    const res = await (value ? req.set("Authorization", value) : req);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ data: null, error: [{ primaryErrorKey: "UNAUTHORIZED", otherErrors: null, description: expect.any(String) }], warnings: null });
  });

  it("gets 401 from a v1 operation, in the v1 envelope", async () => {
    const value = await header();
    const req = emu.http.get("/api/v1/User/my");
    const res = await (value ? req.set("Authorization", value) : req);
    expect(res.status).toBe(401);
    expect(res.body).toEqual([{ name: "UNAUTHORIZED", description: expect.any(String) }]);
  });
});

it("the good token used to build these cases is itself accepted", async () => {
  const res = await emu.http.get("/api/v1/User/my").set("Authorization", `Bearer ${good}`);
  expect(res.status).toBe(200);
});
