// The emulator's own endpoints: health, the public keys of its tokens, and its spec.
import { Router } from "express";
import type { Kysely } from "kysely";
import { stringify } from "yaml";
import type { Database } from "../db/schema.js";
import type { TokenService } from "../auth/tokens.js";
import type { OpenApiDocument } from "../http/openapi.js";
import { packageVersion } from "../paths.js";

export function emulatorRoutes(db: Kysely<Database>, tokens: TokenService, spec: OpenApiDocument, startedAt: number): Router {
  const router = Router();
  let specYaml: string | undefined;

  router.get("/_emulator/health", async (_req, res) => {
    const count = async (table: "tenants" | "orgs" | "users" | "api_clients") =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const [tenants, orgs, users, apiClients] = await Promise.all([count("tenants"), count("orgs"), count("users"), count("api_clients")]);
    res.json({
      status: "ready",
      version: packageVersion,
      uptimeSeconds: (performance.now() - startedAt) / 1000,
      counts: { tenants, orgs, users, apiClients },
    });
  });

  router.get("/_emulator/jwks.json", (_req, res) => {
    res.json(tokens.jwks);
  });

  router.get("/openapi.json", (_req, res) => {
    res.json(spec);
  });

  router.get("/openapi.yaml", (_req, res) => {
    // The dereferenced spec shares objects; written out in full, readers need not expand aliases.
    specYaml ??= stringify(spec, { aliasDuplicateObjects: false });
    res.type("application/yaml").send(specYaml);
  });

  return router;
}
