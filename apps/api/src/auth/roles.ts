import type { Actor, Role } from '@thidua/event-store';

export type { Actor, Role };

export const ROLES: readonly Role[] = ['admin', 'organizer', 'unit-officer', 'inspector', 'viewer'];

/** Roles whose token must name the unit they act for (DESIGN.md §6). */
export const ROLES_WITH_UNIT: readonly Role[] = ['organizer', 'unit-officer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
