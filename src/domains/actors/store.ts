// Queries for actors: the tenant's users read with their risk profiles (notes, aliases, dates), and the adoption
// link (users.parent_actor_uid) that makes a family of one parent and its children.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { isPostgres, likeNoCase } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
import { cloudAliases, joined } from "../riskprofiles/store.js";

export interface ActorCriteria {
  /** Name (username) prefix, ignoring case. */
  nameStartsWith?: string;
  /** Name (username) suffix, ignoring case. */
  nameEndsWith?: string;
  active?: boolean;
}

const ACTOR_COLUMNS = [
  "u.user_uid",
  "u.username",
  "u.first_name",
  "u.last_name",
  "u.active",
  "u.parent_actor_uid",
  "u.title",
  "u.division",
  "u.department",
  "u.employment_type",
  "u.manager_uid",
  "u.city",
  "u.state",
  "u.country",
  "p.notes",
  "p.cloud_usernames",
  "p.start_date",
  "p.end_date",
] as const;

/** `text` matched literally by LIKE (escape character `\`). */
const literal = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** The criteria on the users aliased `alias`; the name matches ignoring case (SQLite's LIKE, PostgreSQL's ILIKE). */
function matching(db: Kysely<Database>, alias: "u" | "m", c: ActorCriteria) {
  const name = sql.ref(`${alias}.username`);
  // PostgreSQL's AND takes booleans only.
  const parts: RawBuilder<unknown>[] = [isPostgres(db) ? sql`true` : sql`1`];
  if (c.nameStartsWith !== undefined) parts.push(likeNoCase(db, name, `${literal(c.nameStartsWith)}%`));
  if (c.nameEndsWith !== undefined) parts.push(likeNoCase(db, name, `%${literal(c.nameEndsWith)}`));
  if (c.active !== undefined) parts.push(sql`${sql.ref(`${alias}.active`)} = ${c.active ? 1 : 0}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

export class ActorStore {
  constructor(private readonly db: Kysely<Database>) {}

  private rows(tenantUid: string) {
    return joined(this.db, tenantUid).select(ACTOR_COLUMNS).select(cloudAliases(this.db).as("cloud_aliases"));
  }

  one(tenantUid: string, actorId: string) {
    return this.rows(tenantUid).where("u.user_uid", "=", actorId).executeTakeFirst();
  }

  named(tenantUid: string, name: string) {
    return this.rows(tenantUid).where("u.username", "=", name).executeTakeFirst();
  }

  /** The actors `parentId` adopted, by name. */
  children(tenantUid: string, parentId: string) {
    return this.rows(tenantUid).where("u.parent_actor_uid", "=", parentId).orderBy("u.username").execute();
  }

  /** A page of the matching actors by name; `preferParent`: each match's parent in its place, once. */
  page(tenantUid: string, c: ActorCriteria, preferParent: boolean, page: number, pageSize: number) {
    const q = preferParent
      ? this.rows(tenantUid).where(
          "u.user_uid",
          "in",
          this.db
            .selectFrom("users as m")
            .select(sql<string>`coalesce(m.parent_actor_uid, m.user_uid)`.as("actor_uid"))
            .where("m.tenant_uid", "=", tenantUid)
            .where(matching(this.db, "m", c)),
        )
      : this.rows(tenantUid).where(matching(this.db, "u", c));
    return q
      .orderBy("u.username")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
  }

  /** What adoption decides by: the actor's parent, and how many actors it adopted. */
  links(tenantUid: string, actorId: string) {
    return this.db
      .selectFrom("users as u")
      .select(["u.parent_actor_uid", (eb) => eb.selectFrom("users as c").select(eb.fn.countAll<number>().as("n")).where("c.tenant_uid", "=", tenantUid).whereRef("c.parent_actor_uid", "=", "u.user_uid").as("children")])
      .where("u.tenant_uid", "=", tenantUid)
      .where("u.user_uid", "=", actorId)
      .executeTakeFirst();
  }

  async setParent(tenantUid: string, childId: string, parentId: string): Promise<void> {
    await this.db.updateTable("users").set({ parent_actor_uid: parentId }).where("tenant_uid", "=", tenantUid).where("user_uid", "=", childId).execute();
  }
}

export type ActorRow = NonNullable<Awaited<ReturnType<ActorStore["one"]>>>;
