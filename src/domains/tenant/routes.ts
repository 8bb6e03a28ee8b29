// Wire <-> tenant: customer/my, ServerEnv and the key-value store.
import { Router, type Request, type Response } from "express";
import type { Clock } from "../../clock.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import { callerOf } from "../../http/caller.js";
import { keyValue, requestOrigin, stsBaseUrl } from "./discovery.js";
import type { TenantStore } from "./store.js";

export function tenantRoutes(tenants: TenantStore, clock: Clock): Router {
  const router = Router();

  const customerMy = async (req: Request, res: Response) => {
    const tenant = await tenants.get(callerOf(req).tenantUid);
    if (!tenant) throw notFound("TENANT_NOT_FOUND", "Tenant not found");
    res.json(
      v3Envelope({
        name: tenant.name,
        registrationKey: tenant.registration_key,
        deploymentModel: tenant.deployment_model,
        maintenanceMode: tenant.maintenance_mode === 1,
        tenantUid: tenant.tenant_uid,
        masterServicesAgreement: { accepted: true, acceptanceRequired: false },
      }),
    );
  };
  router.get("/api/v3/customer/my", customerMy);
  router.get("/c42api/v3/customer/my", customerMy);

  router.get("/api/v1/ServerEnv", (req, res) => {
    const origin = requestOrigin(req.protocol, req.get("host"), `${req.socket.localAddress}:${req.socket.localPort}`);
    res.json(
      v1Envelope(req, clock.isoNow(), {
        stsBaseUrl: stsBaseUrl(origin),
        deploymentModel: "PUBLIC",
        serverId: 1,
        serverGuid: "code42-emulator",
        clusterServerGuid: "code42-emulator",
        httpPort: req.socket.localPort ?? 0,
        timeZoneId: "UTC",
      }),
    );
  });

  router.get("/v1/:key", (req, res) => {
    const origin = requestOrigin(req.protocol, req.get("host"), `${req.socket.localAddress}:${req.socket.localPort}`);
    const value = keyValue(req.params.key!, origin);
    res.type("text/plain");
    if (value === undefined) res.status(404).send("");
    else res.send(value);
  });

  return router;
}
