// Watchlist records -> the gateway's shapes: v1 names users (the incydr SDK's Watchlist and WatchlistUser), v2 names
// actors (WatchlistV2 and WatchlistActor), an actor being a user: actorId the userUid, actorname the username.
import type { Paged, WatchlistDepartmentRecord, WatchlistGroupRecord, WatchlistRecord, WatchlistUserRecord } from "../../../domains/watchlists/service.js";
import type { components } from "../../../generated/openapi.js";

type Schemas = components["schemas"];

const INSTANT = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/;

/** An instant as the SDK's examples write one: UTC to the microsecond ("2022-07-18T16:39:51.356082Z"). */
export function gatewayInstant(iso: string): string {
  const [, seconds, fraction = ""] = INSTANT.exec(iso) ?? INSTANT.exec(new Date(iso).toISOString())!;
  return `${seconds}.${fraction.padEnd(6, "0").slice(0, 6)}Z`;
}

/** A page as the gateway answers one: the items under the operation's own key, and how many there are in all. */
export function presentPage<K extends string, R, T>(key: K, page: Paged<R>, present: (record: R) => T): { totalCount: number } & Record<K, T[]> {
  return { totalCount: page.totalCount, [key]: page.items.map(present) } as { totalCount: number } & Record<K, T[]>;
}

const common = (w: WatchlistRecord, tenantUid: string) => ({
  description: w.description,
  listType: w.listType as Schemas["GatewayWatchlistType"],
  tenantId: tenantUid,
  title: w.title,
  watchlistId: w.watchlistId,
});

export const presentWatchlist = (tenantUid: string) => (w: WatchlistRecord): Schemas["GatewayWatchlist"] => ({ ...common(w, tenantUid), stats: w.stats });

/** Departments and directory groups are only ever included, so v2's counts of excluded ones are 0. */
export const presentWatchlistV2 = (tenantUid: string) => (w: WatchlistRecord): Schemas["GatewayWatchlistV2"] => ({
  ...common(w, tenantUid),
  stats: {
    includedDepartmentsCount: w.stats.includedDepartmentsCount,
    includedDirectoryGroupsCount: w.stats.includedDirectoryGroupsCount,
    includedActorsCount: w.stats.includedUsersCount,
    excludedActorsCount: w.stats.excludedUsersCount,
    excludedDepartmentsCount: 0,
    excludedDirectoryGroupsCount: 0,
  },
});

export const presentWatchlistUser = (u: WatchlistUserRecord): Schemas["GatewayWatchlistUser"] => ({ addedTime: gatewayInstant(u.addedAt), userId: u.userUid, username: u.username });

export const presentWatchlistActor = (u: WatchlistUserRecord): Schemas["GatewayWatchlistActor"] => ({ actorId: u.userUid, actorname: u.username, addedTime: gatewayInstant(u.addedAt) });

export const presentWatchlistDepartment = (d: WatchlistDepartmentRecord): Schemas["GatewayWatchlistDepartment"] => ({ addedTime: gatewayInstant(d.addedAt), name: d.name });

export const presentWatchlistGroup = (g: WatchlistGroupRecord): Schemas["GatewayWatchlistDirectoryGroup"] => ({
  addedTime: gatewayInstant(g.addedAt),
  groupId: g.groupId,
  isDeleted: g.isDeleted,
  name: g.name,
});
