// Generated from the spec: hostile bodies and query strings for every operation never get a 5xx or an HTML page,
// always the family's error envelope when refused, and a refused request changes nothing, however often it is sent.
import fc from "fast-check";
import { loadSpec } from "../../src/http/openapi.js";
import { familyOf } from "../../src/http/family.js";
import { ADMIN, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { TEST_PG } from "../helpers/postgres.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
type Method = (typeof METHODS)[number];
// On PostgreSQL each input's before-and-after dump is some 80 queries over a socket: fewer inputs there (the SQLite
// pass runs them all; the PostgreSQL one checks that its own SQL refuses as SQLite's does).
const RUNS_PER_OPERATION = TEST_PG ? 4 : 12;

let emu: TestEmulator;
let auth: string;
beforeAll(async () => {
  emu = await startTestEmulator({ strict: false, maxBodyBytes: 64 * 1024 });
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
afterAll(() => emu.close());

/** Values meant to break things: wrong types, huge and odd strings, prototype keys, SQL and deep nesting. */
const hostileValue = fc.oneof(
  fc.constantFrom(null, true, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, "", " ", "\u0000", "'; drop table users; --", "\" or 1=1 --", "%", "_", "\\", "😀".repeat(50), "x".repeat(20_000), "__proto__", "constructor"),
  fc.string(),
  fc.integer(),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.letrec((tie) => ({ deep: fc.oneof({ depthSize: "small" }, fc.constant(1), fc.dictionary(fc.string({ maxLength: 3 }), tie("deep"), { maxKeys: 2 })) })).deep,
);
const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom("tenantId", "userId", "username", "userName", "orgUid", "pgSize", "pgNum", "filterType", "srtKey", "notes", "roleIds", "name", "__proto__", "constructor", "password", "cloudUsernames", "riskFactors", "departureDate", "Operations"), hostileValue, { maxKeys: 6 }),
  fc.constant("not json at all"),
  fc.constant('{"unterminated": '),
  fc.constant("[1,2,3]"),
  fc.constant('{"__proto__": {"polluted": true}}'),
);

describe("hostile input", () => {
  it("no operation answers a 5xx (beyond the documented ones) or HTML, and refused requests change nothing", async () => {
    const spec = await loadSpec();
    const ops: { method: Method; path: string; family: string; documented: Set<string> }[] = [];
    for (const [template, item] of Object.entries(spec.paths))
      for (const method of METHODS) {
        const op = item[method] as { responses?: Record<string, unknown>; "x-code42-family"?: string } | undefined;
        // The control plane and the index page are the emulator's own (the page is HTML on purpose).
        if (!op || template.startsWith("/_emulator/") || template === "/") continue;
        const path = template.replace(/\{[^}]+\}/g, "942897397520280006");
        ops.push({ method, path, family: op["x-code42-family"] ?? familyOf(path), documented: new Set(Object.keys(op.responses ?? {})) });
      }
    let inputs = 0;
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(hostileBody, fc.string({ maxLength: 30 }), async (body, q) => {
          inputs++;
          const before = await emu.control.state.dump();
          let req = emu.http[op.method](`${op.path}?pgSize=${encodeURIComponent(q)}&userId=${encodeURIComponent(q)}`).set("Authorization", auth);
          if (op.method !== "get" && op.method !== "delete")
            req = req.set("Content-Type", "application/json").send(typeof body === "string" ? body : JSON.stringify(body));
          const res = await req;
          const { family } = op;
          if (res.text.match(/<html|<!doctype/i) && !op.path.startsWith("/docs")) throw new Error(`${op.method} ${op.path}: HTML`);
          if (res.status >= 500 && !op.documented.has(String(res.status))) throw new Error(`${op.method} ${op.path}: ${res.status} ${res.text.slice(0, 200)}`);
          if (res.status >= 400) {
            if (family !== "keyValue" && !/json/.test(res.headers["content-type"] ?? "")) throw new Error(`${op.method} ${op.path}: ${res.status} not JSON`);
            // py42 resends every failed request once: the second answer must be the first.
            let again = emu.http[op.method](`${op.path}?pgSize=${encodeURIComponent(q)}&userId=${encodeURIComponent(q)}`).set("Authorization", auth);
            if (op.method !== "get" && op.method !== "delete")
              again = again.set("Content-Type", "application/json").send(typeof body === "string" ? body : JSON.stringify(body));
            const second = await again;
            if (second.status !== res.status || second.text !== res.text) throw new Error(`${op.method} ${op.path}: a repeat answered ${second.status} after ${res.status}`);
            const after = await emu.control.state.dump();
            // The last-sign-in stamp is the only thing a refused call may have touched (the token was already issued).
            if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`${op.method} ${op.path}: a refused request (${res.status}) changed the state`);
          }
          // Successful hostile writes are valid writes: start the next input from the fixtures again.
          if (res.status < 400) await emu.control.reset();
          auth = res.status < 400 ? `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}` : auth;
        }),
        { numRuns: RUNS_PER_OPERATION, seed: 4242 },
      );
    }
    expect(inputs).toBe(ops.length * RUNS_PER_OPERATION);
    expect(Object.prototype).not.toHaveProperty("polluted");
  }, TEST_PG ? 600_000 : 240_000);

  // The calls above carry a token, never a username, so no sign-in is refused for a user there. A refused sign-in for
  // a user is the one refusal that writes, by design: its audit event (audit_log::login_failed/1), and the username's
  // failure count (kept in the database since migration 0030, so that a guess through any node counts), nothing else.
  it("a refused sign-in changes nothing but the audit log, which gains one login_failed event, and the username's failure count", async () => {
    const signIns = ["/api/v3/auth/jwt?useBody=True", "/c42api/v3/auth/jwt?useBody=true", "/v1/auth"];
    // Passwords that fit a header (a 20,000-character one is refused before sign-in, with 431).
    const password = fc.oneof(fc.constantFrom("", " ", "'; drop table users; --", "\" or 1=1 --", "%", "😀".repeat(50), "__proto__"), fc.string({ maxLength: 200 }));
    const user = ADMIN.username.toLowerCase();
    // The id counters: SQLite's per table; PostgreSQL's sequences, named after their table (its upsert of a failure
    // takes a number from the lock table's rowid sequence even when the row is there already).
    const counters = (d: { table: string; rows: unknown[][] }) =>
      d.table === "sqlite_sequence"
        ? { ...d, rows: d.rows.filter((r) => r[0] !== "audit_events") }
        : d.table === "sequences"
          ? { ...d, rows: d.rows.filter((r) => !/^(audit_events|sign_in_locks)_/.test(String(r[0]))) }
          : d;
    const split = (dump: Awaited<ReturnType<typeof emu.control.state.dump>>) => {
      const locks = dump.find((d) => d.table === "sign_in_locks")!.rows;
      const mine = locks.find((r) => r[0] === user);
      return {
        audit: dump.find((d) => d.table === "audit_events")!.rows,
        // The username's failures, and whether it is locked (a locked username's sign-ins are refused uncounted).
        failures: Number(mine?.[1] ?? 0),
        locked: mine?.[2] != null,
        rest: [{ table: "sign_in_locks", rows: locks.filter((r) => r !== mine) }, ...dump.filter((d) => d.table !== "audit_events" && d.table !== "sign_in_locks").map(counters)],
      };
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...signIns), password, async (path, secret) => {
        fc.pre(secret !== ADMIN.password);
        const before = split(await emu.control.state.dump());
        const res = await emu.http.get(path).auth(ADMIN.username, secret);
        expect(res.status).toBe(401);
        const after = split(await emu.control.state.dump());
        expect(after.rest).toEqual(before.rest);
        expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
        expect(after.audit.slice(before.audit.length).map((row) => row.includes("audit_log::login_failed/1"))).toEqual([true]);
        expect(after.failures).toBe(before.locked ? before.failures : before.failures + 1);
      }),
      { numRuns: RUNS_PER_OPERATION, seed: 4242 },
    );
    emu.control.signInLocks.clear();
  }, 60_000);
});
