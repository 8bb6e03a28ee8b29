// Adoption, by the rules every way in shares (the gateway's POST /v1/actors/adoption, a fixture's actorParent): a
// family is one parent and the actors it adopted, one level deep, so an adopted actor adopts no one and an actor
// that adopted others is adopted by no one. Adopting a child again moves it to its new parent.
import { DomainError } from "../errors.js";
import type { ActorStore } from "./store.js";

export const actorNotFound = (actorId: string) => new DomainError("ACTOR_NOT_FOUND", `No actor with the id ${actorId}`, { actor: actorId });

const invalid = (message: string) => new DomainError("ADOPTION_INVALID", message);

export async function adopt(store: ActorStore, tenantUid: string, childId: string, parentId: string): Promise<void> {
  const child = await store.links(tenantUid, childId);
  if (!child) throw actorNotFound(childId);
  const parent = await store.links(tenantUid, parentId);
  if (!parent) throw actorNotFound(parentId);
  if (childId === parentId) throw invalid(`Actor ${childId} cannot adopt itself`);
  if (parent.parent_actor_uid !== null) throw invalid(`Actor ${parentId} was adopted by ${parent.parent_actor_uid}, so it cannot adopt`);
  if (Number(child.children) > 0) throw invalid(`Actor ${childId} has adopted actors of its own, so it cannot be adopted`);
  if (child.parent_actor_uid !== parentId) await store.setParent(tenantUid, childId, parentId);
}
