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
