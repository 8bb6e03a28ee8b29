// The user-list filters as the wire gives them, read once for both the v1 list and the CSV export.
import type { Request } from "express";
import { queryBoolean, queryString } from "../../http/query.js";

export function userCriteriaOf(q: Request["query"]) {
  return {
    username: queryString(q.username),
    email: queryString(q.email),
    active: queryBoolean(q.active),
    blocked: queryBoolean(q.blocked),
    invited: queryBoolean(q.invited),
    orgUid: queryString(q.orgUid),
    roleId: queryString(q.roleId),
    q: queryString(q.q),
  };
}
