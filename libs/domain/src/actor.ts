/**
 * Who issues a command, and who caused an event (the event-store port re-exports these): taken from the
 * verified token by the HTTP layer, never from a request body.
 */
export type Role = 'admin' | 'organizer' | 'unit-officer' | 'inspector' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'organizer', 'unit-officer', 'inspector', 'viewer'];

export interface Actor {
  id: string;
  role: Role;
  unitId?: string;
}

/** Every command: a type, the actor, the time it happened (ISO-8601, from the handler's clock) and its data. */
export interface Command<T extends string, D> {
  type: T;
  actor: Actor;
  at: string;
  data: D;
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** The organizer of a cluster is the actor with role `organizer` whose unit runs the cluster. */
export function isOrganizerOf(actor: Actor, organizerUnitId: string | undefined): boolean {
  return actor.role === 'organizer' && organizerUnitId !== undefined && actor.unitId === organizerUnitId;
}

/**
 * Acting for a unit: an officer of that unit. An organizer's token also speaks for its own unit, since
 * a unit can organize its own clusters and be a member of another organizer's cluster (DESIGN.md §1).
 */
export function actsForUnit(actor: Actor, unitId: string | undefined): boolean {
  return (
    (actor.role === 'unit-officer' || actor.role === 'organizer') &&
    unitId !== undefined &&
    actor.unitId === unitId
  );
}
