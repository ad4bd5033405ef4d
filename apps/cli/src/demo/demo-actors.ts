import type { DemoActor } from './demo-client.js';

/**
 * The people of the demo. Their `sub` never changes: the API scopes an Idempotency-Key to the actor, so a
 * re-run with the same subs and bodies is answered from the first run's events.
 */
export const DEMO_ADMIN: DemoActor = { sub: 'demo-admin', role: 'admin' };
export const DEMO_INSPECTOR: DemoActor = { sub: 'demo-inspector', role: 'inspector' };
export const DEMO_VIEWER: DemoActor = { sub: 'demo-viewer', role: 'viewer' };

/** The organizer of a cluster: the emulation office of its organizer unit (Bộ Công an, Công an tỉnh Hà Tĩnh). */
export const organizerOf = (unitId: string): DemoActor => ({
  sub: `demo-organizer-${unitId}`,
  role: 'organizer',
  unitId,
});

/** An officer of a member unit: signs its pledge, scores itself, votes; the chair unit's officer also scores for the cluster. */
export const officerOf = (unitId: string): DemoActor => ({
  sub: `demo-officer-${unitId}`,
  role: 'unit-officer',
  unitId,
});
