// POST /_emulator/device-registrations: the Code42 app signing in on a new device (openapi/device-registration.yaml).
// The app's own client protocol is not HTTP, so this door is the emulator's; what it does is the devices domain's.
import { Router } from "express";
import type { Kysely } from "kysely";
import type { AuthService } from "../auth/service.js";
import type { Clock } from "../clock.js";
import type { Database } from "../db/schema.js";
import { actorOf } from "../domains/auditlog/recorder.js";
import { deploymentOwner, signInDevice, type DeviceOwner, type Registration } from "../domains/devices/registration.js";
import { DomainError } from "../domains/errors.js";
import type { BodyOf } from "../http/handlers.js";
import { ApiError, unauthorized } from "../http/errors.js";
import type { IdGenerator } from "../ids.js";
import { gatewayError } from "../wire/gateway/errors.js";

export interface DeviceRegistrationDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  auth: AuthService;
}

/** The user's own sign-in, with every rule of GET /api/v3/auth/jwt (locks, second factor, inactive users). */
async function signedIn(auth: AuthService, username: string, password: string, totp: string | undefined): Promise<DeviceOwner> {
  const caller = await auth.principal(await auth.signInUser({ name: username, secret: password }, totp));
  if (caller?.kind !== "user") throw unauthorized();
  return { tenant_uid: caller.tenantUid, user_id: caller.userId, user_uid: caller.userUid, username: caller.username, org_id: caller.orgId };
}

function present({ device, backups, replacedGuid }: Registration, owner: DeviceOwner) {
  return {
    tenantUid: owner.tenant_uid,
    orgUid: device.org_uid,
    userUid: owner.user_uid,
    username: owner.username,
    computerId: device.computer_id,
    guid: device.guid,
    name: device.name,
    osHostname: device.os_hostname,
    osName: device.os_name,
    osVersion: device.os_version,
    productVersion: device.product_version,
    creationDate: device.creation_date,
    archives: backups.map((b) => ({ archiveGuid: b.archive_guid, destinationGuid: b.destination_guid, destinationName: b.destination_name })),
    replacedDeviceGuid: replacedGuid,
  };
}

export function deviceRegistrationRoutes({ db, clock, ids, auth }: DeviceRegistrationDeps): Router {
  const router = Router();
  router.post("/_emulator/device-registrations", async (req, res) => {
    const body = req.body as BodyOf<"registerDevice">;
    if ((body.password === undefined) === (body.registrationKey === undefined))
      throw new ApiError(400, "INVALID_REQUEST", "Give either password (the user signing in) or registrationKey (a deployment)");
    try {
      const byPassword = body.password !== undefined;
      const owner = byPassword ? await signedIn(auth, body.username, body.password!, body.totp) : await deploymentOwner(db, body.registrationKey!, body.username);
      const registration = await signInDevice(db, clock, ids, owner, body.device, {
        ...(body.replaceDeviceGuid !== undefined ? { replaceGuid: body.replaceDeviceGuid } : {}),
        // A deployment registers on the org's behalf, not as a user who signed in.
        actor: byPassword ? { id: owner.user_uid, name: owner.username, type: "USER" } : actorOf(null),
        method: byPassword ? "PASSWORD" : "REGISTRATION_KEY",
      });
      res.status(201).json(present(registration, owner));
    } catch (e) {
      // The control plane's refusals carry the domain's own code, as the gateway's do.
      throw e instanceof DomainError ? gatewayError(e) : e;
    }
  });
  return router;
}
