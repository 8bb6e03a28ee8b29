// The gateway's departments and directory groups, keyed by operationId: names identity providers have provisioned,
// paged as the incydr SDK asks (page from 1, page_size, name).
import type { Request } from "express";
import { DirectoryService, type DirectoryQuery } from "../../domains/directory/service.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable } from "../../http/handlers.js";
import { queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { presentGatewayDepartments, presentGatewayDirectoryGroups } from "./presenters/directory.js";

// The validator has checked and coerced page and page_size, and filled in their defaults.
const directoryQuery = ({ query }: Pick<Request, "query">): DirectoryQuery => ({ name: queryString(query.name), page: Number(query.page ?? 1), pageSize: Number(query.page_size ?? 100) });

export function gatewayDirectoryHandlers({ db, changes }: GatewayDeps): HandlerTable {
  const directory = new DirectoryService(db, changes);
  return {
    listGatewayDepartments: async (req, res) => {
      res.json(presentGatewayDepartments(await directory.departments(callerOf(req), directoryQuery(req))));
    },
    listGatewayDirectoryGroups: async (req, res) => {
      res.json(presentGatewayDirectoryGroups(await directory.groups(callerOf(req), directoryQuery(req))));
    },
  };
}
