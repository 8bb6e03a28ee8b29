// Registering a SCIM provider for a tenant (fixtures and the control plane): its credentials, stored hashed,
// and the org its users are provisioned into.
import type { Kysely } from "kysely";
import type { Database, ScimProvidersTable } from "../../db/schema.js";
import type { FixtureScimProvider } from "../../fixtures/format.js";

export type Provider = ScimProvidersTable;

/** `secretHash` is the hash of the bearer token or of the Basic password, made by the caller. */
export async function registerProvider(db: Kysely<Database>, tenantUid: string, orgId: number, p: FixtureScimProvider, secretHash: string, at: string): Promise<void> {
  await db
    .insertInto("scim_providers")
    .values({
      provider_id: p.providerId,
      tenant_uid: tenantUid,
      name: p.name ?? p.providerId,
      auth_type: p.authType === "bearer" ? "BEARER" : "BASIC",
      secret_hash: secretHash,
      basic_username: p.authType === "basic" ? (p.username ?? null) : null,
      org_id: orgId,
      created_at: at,
    })
    .execute();
}

export const providerSecret = (p: FixtureScimProvider) => (p.authType === "bearer" ? p.token : p.password) ?? "";

export interface ProviderSummary {
  providerId: string;
  name: string;
  authType: "bearer" | "basic";
  orgUid: string;
  orgName: string;
  users: number;
}

/** The tenant's providers with the org they provision into and how many users each owns; with `userUid`, the one owning that user. */
export async function providerSummaries(db: Kysely<Database>, tenantUid: string, userUid?: string): Promise<ProviderSummary[]> {
  let q = db
    .selectFrom("scim_providers as p")
    .innerJoin("orgs as o", "o.org_id", "p.org_id")
    .select(["p.provider_id", "p.name", "p.auth_type", "o.org_uid", "o.org_name"])
    .select((eb) => eb.selectFrom("users as u").select(eb.fn.countAll<number>().as("n")).whereRef("u.tenant_uid", "=", "p.tenant_uid").whereRef("u.scim_provider_id", "=", "p.provider_id").as("users"))
    .where("p.tenant_uid", "=", tenantUid);
  if (userUid !== undefined) q = q.where((eb) => eb.exists(eb.selectFrom("users as owned").select("owned.user_id").where("owned.tenant_uid", "=", tenantUid).where("owned.user_uid", "=", userUid).whereRef("owned.scim_provider_id", "=", "p.provider_id")));
  const rows = await q.orderBy("p.provider_id").execute();
  return rows.map((r) => ({ providerId: r.provider_id, name: r.name, authType: r.auth_type === "BEARER" ? "bearer" : "basic", orgUid: r.org_uid, orgName: r.org_name, users: Number(r.users) }));
}
