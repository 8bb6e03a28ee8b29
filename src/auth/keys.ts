// The token-signing key pair: ES256, kept in the database so tokens outlive a restart on a file database.
// ES256 rather than RS256: an RSA-2048 key takes ~200 ms to generate, most of the start-up budget.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

export const TOKEN_ALGORITHM = "ES256";

export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Record<string, unknown>;
}

export async function loadOrCreateSigningKeys(db: Kysely<Database>, isoNow: string): Promise<SigningKeys> {
  const row = await db.selectFrom("signing_keys").selectAll().orderBy("created_at", "desc").limit(1).executeTakeFirst();
  if (row) {
    const privateKey = createPrivateKey(row.private_pem);
    return { kid: row.kid, privateKey, publicKey: createPublicKey(privateKey), jwk: JSON.parse(row.public_jwk) };
  }
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: TOKEN_ALGORITHM, use: "sig" };
  await db
    .insertInto("signing_keys")
    .values({
      kid,
      private_pem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      public_jwk: JSON.stringify(jwk),
      created_at: isoNow,
    })
    .execute();
  return { kid, privateKey, publicKey, jwk };
}
