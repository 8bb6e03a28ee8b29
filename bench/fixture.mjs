// Writes a large fixture (fixtures/fixture.schema.json format, as JSON) for the scale scenarios:
// one tenant, one org, one admin to sign in as, and `users` generated users who are all on the
// Departing Employees list; every 10th is also on the High Risk Employees list. Users are spread over four
// departments, and a CUSTOM watchlist includes one of them (a quarter of the tenant), less a few excluded users.
// The first 100k users each have a laptop, are custodians of one legal-hold matter and were pushed by an identity
// provider: the device, legal-hold and SCIM user lists at 100k rows, whatever the tenant's size.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";

/** Fixed so that runs are comparable and the tenant id can be typed into a request by hand. */
export const BENCH_TENANT_UID = "b3e7c0de-5eed-4b1e-9a11-000000000042";
export const BENCH_ADMIN = { username: "bench.admin@example.com", password: "password" };

/**
 * userUids are built as strings: 18 digits do not fit a JS number exactly.
 * "2" + 17 zero-padded digits is unique per index, 18 digits long and starts with 1-9 as the schema wants.
 */
export const userUidOf = (i) => "2" + String(i).padStart(17, "0");

/** The legal-hold matter the first 100k users are custodians of, and the SCIM provider pushing to the tenant. */
export const BENCH_MATTER_UID = "900000000000000042";
export const BENCH_SCIM = { providerId: "bench", token: "bench-scim-token" };
/** How many users have a device and a legal hold. */
export const WITH_DEVICES = 100_000;

/** The watchlist whose members are everyone in the Engineering department. */
export const BENCH_WATCHLIST_ID = "b3e7c0de-0000-4000-8000-000000000001";
const DEPARTMENTS = ["Engineering", "Sales", "Finance", "Support"];

/** A generated user on the high-risk list (every 10th index is), from the middle of the tenant. */
export const highRiskUidOf = (users) => userUidOf(Math.floor(users / 20) * 10);

// Deterministic pseudo-random names so the DISPLAY_NAME order is not the insertion order.
const FIRST = ["Ada", "Ben", "Cleo", "Dmitri", "Esme", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Liam", "Mona", "Nils", "Olga", "Pablo"];
const LAST = ["Anders", "Brandt", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Huang", "Ivanova", "Jensen", "Kowalski", "Lopez", "Moreau", "Novak", "Okafor", "Petrov"];

function userJson(i) {
  // Knuth's multiplicative hash spreads consecutive indexes over the name tables.
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const user = {
    username: `user${i}@bench.example`,
    userUid: userUidOf(i),
    firstName: FIRST[h & 15],
    lastName: `${LAST[(h >>> 4) & 15]}-${(h >>> 8) % 100000}`,
    org: "Bench Org",
    roles: ["Desktop User"],
    scim: { department: DEPARTMENTS[i % DEPARTMENTS.length] },
    // No password: nobody signs in as these users, and the loader then hashes nothing per user.
    departingEmployee: { departureDate: "2027-01-01" },
  };
  if (i % 10 === 0) user.highRiskEmployee = {};
  if (i < WITH_DEVICES) {
    user.devices = [{ name: `bench-laptop-${i}` }];
    user.legalHolds = ["Bench Matter"];
    user.provisionedBy = { provider: BENCH_SCIM.providerId };
  }
  return JSON.stringify(user);
}

/** Streams the document to <dir>/bench-<users>.json (a 1M-user document is ~250 MB) and returns its path. */
export async function writeBenchFixture(dir, users) {
  const path = join(dir, `bench-${users}.json`);
  const out = createWriteStream(path);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  const admin = {
    ...BENCH_ADMIN,
    userUid: "1000000000000000001",
    org: "Bench Org",
    firstName: "Bench",
    lastName: "Admin",
    roles: ["Customer Cloud Admin", "Desktop User"],
  };
  await write(
    `{"tenants":[{"tenantUid":"${BENCH_TENANT_UID}","name":"Bench Tenant","orgs":[{"orgName":"Bench Org"}],` +
      `"legalHolds":[{"name":"Bench Matter","legalHoldUid":"${BENCH_MATTER_UID}"}],` +
      `"scimProviders":[{"providerId":"${BENCH_SCIM.providerId}","authType":"bearer","token":"${BENCH_SCIM.token}","org":"Bench Org"}],"users":[\n` +
      JSON.stringify(admin),
  );
  for (let i = 0; i < users; i++) await write(",\n" + userJson(i));
  const watchlist = {
    listType: "CUSTOM",
    watchlistId: BENCH_WATCHLIST_ID,
    title: "Engineering",
    departments: [{ name: "Engineering" }],
    excludedUsers: [0, 4, 8].filter((i) => i < users).map((i) => ({ username: `user${i}@bench.example` })),
  };
  await write(`\n],"watchlists":[${JSON.stringify(watchlist)}]}]}\n`);
  out.end();
  await once(out, "finish");
  return path;
}
