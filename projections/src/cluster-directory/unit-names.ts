import type { ClusterYearDoc, UnitDoc } from './directory.documents.js';

const collator = new Intl.Collator('vi');

/** Members by name with the Vietnamese collator (unknown names last), then by unit id. */
export function sortMembers(doc: ClusterYearDoc): void {
  doc.members.sort((a, b) => {
    if (a.name === null || b.name === null) {
      if (a.name !== b.name) return a.name === null ? 1 : -1;
    } else {
      const byName = collator.compare(a.name, b.name);
      if (byName !== 0) return byName;
    }
    return a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0;
  });
}

/** Writes a unit's current name everywhere a cluster-year names it. Returns true when something changed. */
export function applyUnitName(doc: ClusterYearDoc, unitId: string, name: string | null): boolean {
  let changed = false;
  for (const member of doc.members) {
    if (member.unitId === unitId && member.name !== name) {
      member.name = name;
      changed = true;
    }
  }
  for (const seat of [
    doc.chair,
    doc.viceChair,
    doc.electedForNextYear.chair,
    doc.electedForNextYear['vice-chair'],
  ]) {
    if (seat && seat.unitId === unitId && seat.name !== name) {
      seat.name = name;
      changed = true;
    }
  }
  if (changed) sortMembers(doc);
  return changed;
}

export function newUnitDoc(unitId: string): UnitDoc {
  return {
    unitId,
    name: null,
    kind: null,
    parentUnitId: null,
    status: 'unknown',
    clusterYears: [],
    position: 0,
  };
}
