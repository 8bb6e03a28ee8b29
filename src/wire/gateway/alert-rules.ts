// The gateway's alert rules (/v2/alert-rules, the deprecated /v1/alert-rules and the rule metadata), keyed by
// operationId; py42's FedObserver (wire/legacy/alert-rules.ts) is the same service and answers with the v1 handlers.
import type { Request, Response } from "express";
import type { AlertRuleService, RuleUserBag } from "../../domains/alertrules/service.js";
import type { RuleMetadataQuery } from "../../domains/alertrules/metadata.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { presentRuleDetails, presentRuleMetadataPage, presentRuleUsers, presentUsersInRule, presentV1RuleDetailsResponse, type V1Query } from "./presenters/alert-rules.js";

const idOf = (req: Request) => String(req.params.id);
type V1Body = { tenantId?: string; ruleId?: string; ruleIds?: string[]; userList?: { userIdFromAuthority: string; userAliasList: string[] }[]; userIdList?: string[]; isEnabled?: boolean };
const bagsOf = (b: V1Body): RuleUserBag[] => (b.userList ?? []).map((u) => ({ userIdFromAuthority: u.userIdFromAuthority, aliases: u.userAliasList }));

/** The v1 operations (tenantId in the body, 200 with no body), for whichever operationIds a wire gives them. */
export function v1RuleOperations(rules: AlertRuleService) {
  /** Checks the body's tenant first, then does `act`. */
  const v1 = (act: (req: Request, b: V1Body) => Promise<unknown>) =>
    noContent(async (req: Request) => {
      const b = req.body as V1Body;
      rules.checkTenant(callerOf(req), b.tenantId);
      await act(req, b);
    }, 200);
  const details = (query: V1Query) => async (req: Request, res: Response) => {
    const b = req.body as V1Body;
    rules.checkTenant(callerOf(req), b.tenantId);
    res.json(presentV1RuleDetailsResponse(await rules.some(callerOf(req), b.ruleIds ?? []), query));
  };
  return {
    addUsers: v1((req, b) => rules.addUsers(callerOf(req), String(b.ruleId), bagsOf(b))),
    removeUsers: v1((req, b) => rules.removeUsers(callerOf(req), String(b.ruleId), b.userIdList ?? [])),
    removeAliases: v1((req, b) => rules.removeAliases(callerOf(req), String(b.ruleId), bagsOf(b))),
    removeAllUsers: v1((req, b) => rules.removeAllUsers(callerOf(req), String(b.ruleId))),
    updateIsEnabled: v1((req, b) => rules.setEnabled(callerOf(req), b.ruleIds ?? [], b.isEnabled === true)),
    queryUsers: async (req: Request, res: Response) => {
      const b = req.body as V1Body;
      rules.checkTenant(callerOf(req), b.tenantId);
      res.json(presentUsersInRule(await rules.get(callerOf(req), String(b.ruleId))));
    },
    endpointExfiltration: details("endpointExfiltration"),
    cloudSharePermissions: details("cloudSharePermissions"),
    fileTypeMismatch: details("fileTypeMismatch"),
    fileName: details("fileName"),
    metadata: async (req: Request, res: Response) => {
      const b = req.body as RuleMetadataQuery & { tenantId?: string };
      rules.checkTenant(callerOf(req), b.tenantId);
      res.json(presentRuleMetadataPage(await rules.metadata(callerOf(req), b)));
    },
  };
}

export function gatewayAlertRuleHandlers({ alertRules: rules }: GatewayDeps): HandlerTable {
  const v1 = v1RuleOperations(rules);
  return {
    Rules_GetRules: async (req, res) => {
      const q = req.query;
      const page = await rules.page(callerOf(req), { pageNumber: Number(q.PageNumber ?? 0), pageSize: Number(q.PageSize ?? 10), watchlistId: queryString(q.WatchlistId) || null });
      res.json(page.map(presentRuleDetails));
    },
    Rules_GetRule: async (req, res) => {
      res.json(presentRuleDetails(await rules.get(callerOf(req), idOf(req))));
    },
    Rules_Enable: noContent((req) => rules.setEnabled(callerOf(req), [idOf(req)], true)),
    Rules_Disable: noContent((req) => rules.setEnabled(callerOf(req), [idOf(req)], false)),
    Rules_Enable2: noContent((req) => rules.setEnabled(callerOf(req), req.body as string[], true)),
    Rules_Disable2: noContent((req) => rules.setEnabled(callerOf(req), req.body as string[], false)),
    Rules_GetUsers: async (req, res) => {
      res.json(presentRuleUsers(await rules.users(callerOf(req), idOf(req))));
    },
    Rules_RemoveAllUsers: noContent((req) => rules.removeAllUsers(callerOf(req), idOf(req))),
    Rules_UpdateIsEnabled: v1.updateIsEnabled,
    Rules_AddUsersToRule: v1.addUsers,
    Rules_RemoveUsersFromRule: v1.removeUsers,
    Rules_RemoveUserAliasesFromRule: v1.removeAliases,
    Rules_RemoveAllUsersFromRule: v1.removeAllUsers,
    Rules_QueryUsersOnRule: v1.queryUsers,
    Rules_QueryCloudSharePermissionsRule: v1.cloudSharePermissions,
    Rules_QueryEndpointExfiltrationRule: v1.endpointExfiltration,
    Rules_QueryFileTypeMismatchRule: v1.fileTypeMismatch,
    Rules_QueryFileNameRule: v1.fileName,
    Rules_QueryRuleMetadata: v1.metadata,
  };
}
