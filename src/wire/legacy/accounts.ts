// The legacy wire's account operations, keyed by operationId: account emails (invite, complete-link, resets), CSV
// export and import, and the py42 1.23-1.25 user paths.
import type { Request } from "express";
import type { Clock } from "../../clock.js";
import { findRole } from "../../domains/roles/catalogue.js";
import type { AccountService } from "../../domains/users/accounts.js";
import { IMPORT_SAMPLE, parseImport } from "../../domains/users/import.js";
import { userCriteriaOf } from "../../domains/users/list-query.js";
import type { UserService } from "../../domains/users/service.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import { ApiError, notFound } from "../../http/errors.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { queryBoolean, queryString } from "../../http/query.js";
import { wireError } from "../../http/render.js";
import { presentUser, presentUserRole } from "./presenters/users.js";

const numericId = (req: Request) => {
  const id = String(req.params.userId);
  if (!/^\d+$/.test(id)) throw notFound("SYSTEM", "User not found");
  return { userId: Number(id) };
};

export function accountHandlers(users: UserService, accounts: AccountService, clock: Clock): HandlerTable {
  const changeRole = async (req: Request, userId: number, roleName: string, add: boolean) => {
    const caller = callerOf(req);
    const role = findRole(roleName);
    if (!role) throw new ApiError(400, "ROLE_NOT_FOUND", `Unknown role: ${roleName}`);
    const current = (await users.roles(caller, { userId })).map((r) => r.role.roleId);
    await users.setRoles(caller, { userId }, add ? [...current, role.roleId] : current.filter((id) => id !== role.roleId));
  };

  return {
    inviteUsers: async (req, res) => {
      const b = req.body;
      res.json(v3Envelope((await accounts.invite(callerOf(req), b.orgUid, b.emails, b.subject, b.message)).map(presentUser)));
    },
    completeAccountLink: noContent((req) => accounts.completeLink(String(req.body.token), String(req.body.password))),
    resetUserPassword: noContent((req) => accounts.resetPassword(callerOf(req), String(req.params.userUid))),
    resetUserTwoFactor: noContent((req) => accounts.resetTwoFactor(callerOf(req), String(req.params.userUid))),

    exportUsers: async (req, res) => {
      const q = req.query;
      const selected = q.userUid === undefined ? undefined : ([] as unknown[]).concat(q.userUid).map(String);
      res.type("text/csv").attachment("users.csv");
      await users.exportCsv(callerOf(req), userCriteriaOf(q), selected, res);
    },

    getUserImportSample: (_req, res) => {
      res.type("text/csv").attachment("users-sample.csv").send(IMPORT_SAMPLE);
    },
    importUsers: async (req, res) => {
      const caller = callerOf(req);
      if (typeof req.body !== "string") throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the CSV as text/csv");
      const defaultOrg = queryString(req.query.orgUid) ?? (await users.defaultOrgUid(caller));
      const { rows: lines, ignoredColumns } = await parseImport(req.body, defaultOrg);
      const results = await users.importRows(caller, lines);
      const created = results.filter((r) => r.status === "CREATED").length;
      const rows = results.map((r) => {
        if (r.status !== "REJECTED") return r;
        const { refusal, ...row } = r;
        const { code, message } = wireError("v1", refusal);
        return { ...row, reasons: [`${code}: ${message}`] };
      });
      res.json(v1Envelope(req, clock.isoNow(), { created, rejected: results.length - created, ignoredColumns, rows }));
    },

    // py42 1.23-1.25 (code42cli 1.14 accepts them).
    blockUserV1: noContent((req) => users.setBlocked(callerOf(req), numericId(req), true)),
    unblockUserV1: noContent((req) => users.setBlocked(callerOf(req), numericId(req), false)),
    deactivateUserV1: noContent((req) => users.setActive(callerOf(req), numericId(req), false, req.body?.blockUser ?? null)),
    reactivateUserV1: noContent((req) => users.setActive(callerOf(req), numericId(req), true, queryBoolean(req.query.unblockUser) ?? null)),
    moveUserV1: noContent((req) => users.move(callerOf(req), { userId: req.body.userId }, { orgId: req.body.parentOrgId })),
    getUserRolesV1: async (req, res) => {
      res.json(v1Envelope(req, clock.isoNow(), (await users.roles(callerOf(req), numericId(req))).map(presentUserRole)));
    },
    addUserRoleV1: noContent((req) => changeRole(req, req.body.userId, req.body.roleName, true)),
    removeUserRoleV1: noContent((req) => changeRole(req, Number(req.query.userId), String(req.query.roleName), false)),
  };
}
