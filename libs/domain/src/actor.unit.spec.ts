import { actsForUnit, isAdmin, isOrganizerOf, ROLES, type Actor } from './actor.js';

// Who may act for whom (actor.ts): deny by default, a missing unit never matching a missing unit.
const officer = (unitId?: string): Actor => ({ id: 'o', role: 'unit-officer', ...(unitId && { unitId }) });
const organizer = (unitId?: string): Actor => ({ id: 'g', role: 'organizer', ...(unitId && { unitId }) });

describe('roles', () => {
  it('are the five of the token', () => {
    expect(ROLES).toStrictEqual(['admin', 'organizer', 'unit-officer', 'inspector', 'viewer']);
    expect(isAdmin({ id: 'a', role: 'admin' })).toBe(true);
    expect(isAdmin(organizer('bo-cong-an'))).toBe(false);
  });
});

describe('acting for a unit', () => {
  it("is an officer of that unit, or the organizer's token for its own unit", () => {
    expect(actsForUnit(officer('cuc-ktnv'), 'cuc-ktnv')).toBe(true);
    expect(actsForUnit(organizer('ca-ha-tinh'), 'ca-ha-tinh')).toBe(true);
    expect(actsForUnit(officer('cuc-ktnv'), 'cuc-qlxnc')).toBe(false);
  });

  it('is nobody else, even with that unit in the token; and no token without a unit acts for no unit', () => {
    for (const role of ['inspector', 'viewer', 'admin'] as const)
      expect(actsForUnit({ id: 'x', role, unitId: 'cuc-ktnv' }, 'cuc-ktnv')).toBe(false);
    expect(actsForUnit(officer(), undefined)).toBe(false);
  });
});

describe('organizing a cluster', () => {
  it('is the organizer of that unit only; an organizer token without a unit organizes nothing', () => {
    expect(isOrganizerOf(organizer('bo-cong-an'), 'bo-cong-an')).toBe(true);
    expect(isOrganizerOf(organizer('ca-ha-tinh'), 'bo-cong-an')).toBe(false);
    expect(isOrganizerOf(officer('bo-cong-an'), 'bo-cong-an')).toBe(false);
    expect(isOrganizerOf(organizer(), undefined)).toBe(false);
  });
});
