// The gateway's watchlists, keyed by operationId: v1 (users) and v2 (actors) over one service, an actor being a user.
// Paged as the incydr SDK asks (page from 1, page_size; the list of watchlists also as pageSize), changed by field mask.
import type { Request, Response } from "express";
import type { PageQuery } from "../../domains/watchlists/service.js";
import type { components } from "../../generated/openapi.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import {
  presentPage,
  presentWatchlist,
  presentWatchlistActor,
  presentWatchlistDepartment,
  presentWatchlistGroup,
  presentWatchlistUser,
  presentWatchlistV2,
} from "./presenters/watchlists.js";

/** What the SDK asks for unless told (its settings' page_size); the document gives no default. */
const DEFAULT_PAGE_SIZE = 100;

const watchlistOf = (req: Pick<Request, "params">) => String(req.params.watchlist_id);

// The validator has checked and coerced page and page_size (and pageSize), and filled in page's default.
const pageOf = ({ query }: Pick<Request, "query">): PageQuery => ({
  page: Number(query.page ?? 1),
  pageSize: Number(query.page_size ?? query.pageSize ?? DEFAULT_PAGE_SIZE),
});

type Schemas = components["schemas"];
type WatchlistChanges = Parameters<GatewayDeps["watchlists"]["update"]>[2];

/**
 * The fields the mask names; without one (the SDK sends none when it was given nothing truthy), those the body gives a
 * value, since the SDK sends null for what it was not given. An empty description clears it, as the SDK documents.
 */
function changesOf(req: Pick<Request, "query"> & { body: Schemas["GatewayWatchlistUpdate"] }): WatchlistChanges {
  const { title, description } = req.body;
  const mask = ([] as unknown[]).concat(req.query.paths ?? []).map(String);
  const named = (field: "title" | "description") => (mask.length ? mask.includes(field) : req.body[field] != null);
  return {
    ...(named("title") ? { title: title ?? null } : {}),
    ...(named("description") ? { description: description || null } : {}),
  };
}

export function gatewayWatchlistHandlers({ watchlists }: GatewayDeps): HandlerTable {
  const tenantOf = (req: Request) => callerOf(req).tenantUid;
  const rules = departmentAndGroupHandlers(watchlists);
  return {
    // --- v1: users ---------------------------------------------------------------------------------------------
    listGatewayWatchlists: async (req, res) => {
      const page = await watchlists.list(callerOf(req), { ...pageOf(req), userUid: queryString(req.query.user_id) ?? queryString(req.query.userId) });
      res.json(presentPage("watchlists", page, presentWatchlist(tenantOf(req))));
    },
    createGatewayWatchlist: async (req, res) => {
      const { watchlistType, title, description } = req.body;
      res.json(presentWatchlist(tenantOf(req))(await watchlists.create(callerOf(req), { listType: watchlistType, title, description })));
    },
    getGatewayWatchlist: async (req, res) => {
      res.json(presentWatchlist(tenantOf(req))(await watchlists.get(callerOf(req), watchlistOf(req))));
    },
    updateGatewayWatchlist: async (req, res) => {
      res.json(presentWatchlist(tenantOf(req))(await watchlists.update(callerOf(req), watchlistOf(req), changesOf(req))));
    },
    deleteGatewayWatchlist: noContent((req) => watchlists.delete(callerOf(req), watchlistOf(req)), 200),

    listGatewayWatchlistIncludedUsers: async (req, res) => {
      res.json(presentPage("includedUsers", await watchlists.includedUsers(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistUser));
    },
    addGatewayWatchlistIncludedUsers: noContent((req) => watchlists.addIncludedUsers(callerOf(req), watchlistOf(req), req.body.userIds), 200),
    removeGatewayWatchlistIncludedUsers: noContent((req) => watchlists.removeIncludedUsers(callerOf(req), watchlistOf(req), req.body.userIds), 200),
    getGatewayWatchlistIncludedUser: async (req, res) => {
      res.json(presentWatchlistUser(await watchlists.includedUser(callerOf(req), watchlistOf(req), String(req.params.user_id))));
    },

    listGatewayWatchlistExcludedUsers: async (req, res) => {
      res.json(presentPage("excludedUsers", await watchlists.excludedUsers(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistUser));
    },
    addGatewayWatchlistExcludedUsers: noContent((req) => watchlists.addExcludedUsers(callerOf(req), watchlistOf(req), req.body.userIds), 200),
    removeGatewayWatchlistExcludedUsers: noContent((req) => watchlists.removeExcludedUsers(callerOf(req), watchlistOf(req), req.body.userIds), 200),
    getGatewayWatchlistExcludedUser: async (req, res) => {
      res.json(presentWatchlistUser(await watchlists.excludedUser(callerOf(req), watchlistOf(req), String(req.params.user_id))));
    },

    listGatewayWatchlistMembers: async (req, res) => {
      res.json(presentPage("watchlistMembers", await watchlists.members(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistUser));
    },
    getGatewayWatchlistMember: async (req, res) => {
      res.json(presentWatchlistUser(await watchlists.member(callerOf(req), watchlistOf(req), String(req.params.user_id))));
    },

    // --- v2: actors --------------------------------------------------------------------------------------------
    listGatewayWatchlistsV2: async (req, res) => {
      const page = await watchlists.list(callerOf(req), { ...pageOf(req), userUid: queryString(req.query.actor_id) ?? queryString(req.query.actorId) });
      res.json(presentPage("watchlists", page, presentWatchlistV2(tenantOf(req))));
    },
    createGatewayWatchlistV2: async (req, res) => {
      const { watchlistType, title, description } = req.body;
      res.json(presentWatchlistV2(tenantOf(req))(await watchlists.create(callerOf(req), { listType: watchlistType, title, description })));
    },
    getGatewayWatchlistV2: async (req, res) => {
      res.json(presentWatchlistV2(tenantOf(req))(await watchlists.get(callerOf(req), watchlistOf(req))));
    },
    updateGatewayWatchlistV2: async (req, res) => {
      res.json(presentWatchlistV2(tenantOf(req))(await watchlists.update(callerOf(req), watchlistOf(req), changesOf(req))));
    },
    deleteGatewayWatchlistV2: noContent((req) => watchlists.delete(callerOf(req), watchlistOf(req)), 200),

    listGatewayWatchlistIncludedActorsV2: async (req, res) => {
      res.json(presentPage("includedActors", await watchlists.includedUsers(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistActor));
    },
    addGatewayWatchlistIncludedActorsV2: noContent((req) => watchlists.addIncludedUsers(callerOf(req), watchlistOf(req), req.body.actorIds), 200),
    removeGatewayWatchlistIncludedActorsV2: noContent((req) => watchlists.removeIncludedUsers(callerOf(req), watchlistOf(req), req.body.actorIds), 200),
    getGatewayWatchlistIncludedActorV2: async (req, res) => {
      res.json(presentWatchlistActor(await watchlists.includedUser(callerOf(req), watchlistOf(req), String(req.params.actor_id))));
    },

    listGatewayWatchlistExcludedActorsV2: async (req, res) => {
      res.json(presentPage("excludedActors", await watchlists.excludedUsers(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistActor));
    },
    addGatewayWatchlistExcludedActorsV2: noContent((req) => watchlists.addExcludedUsers(callerOf(req), watchlistOf(req), req.body.actorIds), 200),
    removeGatewayWatchlistExcludedActorsV2: noContent((req) => watchlists.removeExcludedUsers(callerOf(req), watchlistOf(req), req.body.actorIds), 200),
    getGatewayWatchlistExcludedActorV2: async (req, res) => {
      res.json(presentWatchlistActor(await watchlists.excludedUser(callerOf(req), watchlistOf(req), String(req.params.actor_id))));
    },

    listGatewayWatchlistMembersV2: async (req, res) => {
      res.json(presentPage("watchlistMembers", await watchlists.members(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistActor));
    },
    getGatewayWatchlistMemberV2: async (req, res) => {
      res.json(presentWatchlistActor(await watchlists.member(callerOf(req), watchlistOf(req), String(req.params.actor_id))));
    },

    listGatewayWatchlistDepartments: rules.listDepartments,
    addGatewayWatchlistDepartments: rules.addDepartments,
    removeGatewayWatchlistDepartments: rules.removeDepartments,
    getGatewayWatchlistDepartment: rules.getDepartment,
    listGatewayWatchlistDirectoryGroups: rules.listGroups,
    addGatewayWatchlistDirectoryGroups: rules.addGroups,
    removeGatewayWatchlistDirectoryGroups: rules.removeGroups,
    getGatewayWatchlistDirectoryGroup: rules.getGroup,
    listGatewayWatchlistDepartmentsV2: rules.listDepartments,
    addGatewayWatchlistDepartmentsV2: rules.addDepartments,
    removeGatewayWatchlistDepartmentsV2: rules.removeDepartments,
    getGatewayWatchlistDepartmentV2: rules.getDepartment,
    listGatewayWatchlistDirectoryGroupsV2: rules.listGroups,
    addGatewayWatchlistDirectoryGroupsV2: rules.addGroups,
    removeGatewayWatchlistDirectoryGroupsV2: rules.removeGroups,
    getGatewayWatchlistDirectoryGroupV2: rules.getGroup,
  };
}

type WithBody<B> = Omit<Request, "body"> & { body: B };

/** The departments and directory groups a watchlist includes: alike in both versions. */
function departmentAndGroupHandlers(watchlists: GatewayDeps["watchlists"]) {
  return {
    listDepartments: async (req: WithBody<undefined>, res: Response) => {
      res.json(presentPage("includedDepartments", await watchlists.departments(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistDepartment));
    },
    addDepartments: noContent((req: WithBody<Schemas["GatewayWatchlistDepartments"]>) => watchlists.addDepartments(callerOf(req), watchlistOf(req), req.body.departments), 200),
    removeDepartments: noContent((req: WithBody<Schemas["GatewayWatchlistDepartments"]>) => watchlists.removeDepartments(callerOf(req), watchlistOf(req), req.body.departments), 200),
    getDepartment: async (req: WithBody<undefined>, res: Response) => {
      res.json(presentWatchlistDepartment(await watchlists.department(callerOf(req), watchlistOf(req), String(req.params.department))));
    },
    listGroups: async (req: WithBody<undefined>, res: Response) => {
      res.json(presentPage("includedDirectoryGroups", await watchlists.groups(callerOf(req), watchlistOf(req), pageOf(req)), presentWatchlistGroup));
    },
    addGroups: noContent((req: WithBody<Schemas["GatewayWatchlistGroupIds"]>) => watchlists.addGroups(callerOf(req), watchlistOf(req), req.body.groupIds), 200),
    removeGroups: noContent((req: WithBody<Schemas["GatewayWatchlistGroupIds"]>) => watchlists.removeGroups(callerOf(req), watchlistOf(req), req.body.groupIds), 200),
    getGroup: async (req: WithBody<undefined>, res: Response) => {
      res.json(presentWatchlistGroup(await watchlists.group(callerOf(req), watchlistOf(req), String(req.params.group_id))));
    },
  };
}
