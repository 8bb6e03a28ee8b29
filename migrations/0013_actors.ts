// Actors are the tenant's users (actorId is the userUid). Adoption makes one actor (the child) an alternate identity
// of another (its parent): the child keeps its parent's uid. Families are one level deep, so a family is read as the
// parent and the users whose parent it is; the partial index serves that read and stays empty until anyone adopts.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("parent_actor_uid", "text").execute();
  await db.schema
    .createIndex("users_actor_parent")
    .on("users")
    .columns(["tenant_uid", "parent_actor_uid"])
    .where(sql.ref("parent_actor_uid"), "is not", null)
    .execute();
}
