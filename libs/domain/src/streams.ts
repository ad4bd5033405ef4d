/**
 * Stream names, from one function family (Eventuous habit): `category-{id}`. Ids are strict so that a
 * stream name always parses back unambiguously: lowercase letters, digits and '-', 1..64 characters.
 */
const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}

function checkId(id: string, what: string): string {
  if (!isValidId(id)) throw new TypeError(`invalid ${what} id '${id}'`);
  return id;
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new TypeError(`invalid year ${year}`);
  return year;
}

export const unitStream = (unitId: string): string => `unit-${checkId(unitId, 'unit')}`;
export const clusterStream = (clusterId: string): string => `cluster-${checkId(clusterId, 'cluster')}`;
export const emulationStream = (clusterId: string, year: number): string =>
  `emulation-${checkId(clusterId, 'cluster')}-${checkYear(year)}`;
export const awardDecisionStream = (decisionId: string): string =>
  `award-decision-${checkId(decisionId, 'decision')}`;
/**
 * The registry that makes "a unit is in at most one cluster of the same organizer per year" race-free:
 * the admission handler first appends a reservation here (expected revision), then admits in the
 * cluster-year stream, and appends a release if the admission fails.
 */
export const membershipStream = (organizerUnitId: string, year: number): string =>
  `membership-${checkId(organizerUnitId, 'organizer unit')}-${checkYear(year)}`;

/** The organizer's recorded emulation window for a year (window.events.ts). */
export const windowStream = (organizerUnitId: string, year: number): string =>
  `window-${checkId(organizerUnitId, 'organizer unit')}-${checkYear(year)}`;

/** Discipline facts of a unit or a person (discipline.events.ts). */
export const disciplineStream = (
  subject: { kind: 'unit'; unitId: string } | { kind: 'person'; personId: string },
): string =>
  subject.kind === 'unit'
    ? `discipline-unit-${checkId(subject.unitId, 'unit')}`
    : `discipline-person-${checkId(subject.personId, 'person')}`;

/** The organizer's recorded cluster-flag quotas for a year (flag-quota.events.ts). */
export const flagQuotaStream = (organizerUnitId: string, year: number): string =>
  `flag-quota-${checkId(organizerUnitId, 'organizer unit')}-${checkYear(year)}`;

/**
 * The places of a cluster-year's flag quotas held by cluster flags (flag-claim.events.ts): claimed before the
 * decision (expected revision), so two decisions cannot both fill the last place.
 */
export const flagClaimsStream = (clusterId: string, year: number): string =>
  `flag-claims-${checkId(clusterId, 'cluster')}-${checkYear(year)}`;

/**
 * The individual titles of a unit-year that a quota rule counts (title-quota.events.ts): claimed before the
 * decision (expected revision), so two decisions cannot both pass the 15 % of Chiến sĩ thi đua cơ sở.
 */
export const titleQuotaStream = (unitId: string, year: number): string =>
  `title-quota-${checkId(unitId, 'unit')}-${checkYear(year)}`;

/** A proposal dossier (tờ trình) on its way to an authority (proposal.events.ts). */
export const proposalStream = (proposalId: string): string => `proposal-${checkId(proposalId, 'proposal')}`;

/** A khối (bloc) of clusters of one organizer (bloc.events.ts). */
export const blocStream = (blocId: string): string => `bloc-${checkId(blocId, 'bloc')}`;

/** A person (cá nhân) of the registry, with the titles they registered and hold (person.events.ts). */
export const personStream = (personId: string): string => `person-${checkId(personId, 'person')}`;

/** The organizer's deadline for registering individual titles in a year (person.events.ts). */
export const registrationStream = (organizerUnitId: string, year: number): string =>
  `registration-${checkId(organizerUnitId, 'organizer unit')}-${checkYear(year)}`;

/** Figures a cluster or an organizer reported for a year (reported-figures.events.ts). */
export const reportedFiguresStream = (
  scope: 'cluster' | 'organizer',
  scopeId: string,
  year: number,
): string => `reported-${scope}-${checkId(scopeId, scope)}-${checkYear(year)}`;

export type ParsedStream =
  | { category: 'unit'; unitId: string }
  | { category: 'cluster'; clusterId: string }
  | { category: 'emulation'; clusterId: string; year: number }
  | { category: 'award-decision'; decisionId: string }
  | { category: 'membership'; organizerUnitId: string; year: number }
  | { category: 'window'; organizerUnitId: string; year: number }
  | { category: 'bloc'; blocId: string }
  | { category: 'person'; personId: string }
  | { category: 'reported'; scope: 'cluster' | 'organizer'; scopeId: string; year: number }
  | { category: 'registration'; organizerUnitId: string; year: number }
  | { category: 'proposal'; proposalId: string }
  | { category: 'flag-quota'; organizerUnitId: string; year: number }
  | { category: 'flag-claims'; clusterId: string; year: number }
  | { category: 'title-quota'; unitId: string; year: number }
  | {
      category: 'discipline';
      subject: { kind: 'unit'; unitId: string } | { kind: 'person'; personId: string };
    };

/** The inverse of the functions above; `undefined` for a name none of them produces. */
export function parseStreamId(streamId: string): ParsedStream | undefined {
  const yearly = (rest: string): { id: string; year: number } | undefined => {
    const m = /^(.+)-(\d{4})$/.exec(rest);
    return m && isValidId(m[1]!) ? { id: m[1]!, year: Number(m[2]) } : undefined;
  };
  // Longest prefix first: 'award-decision-' before anything shorter.
  if (streamId.startsWith('award-decision-')) {
    const id = streamId.slice('award-decision-'.length);
    return isValidId(id) ? { category: 'award-decision', decisionId: id } : undefined;
  }
  if (streamId.startsWith('emulation-')) {
    const p = yearly(streamId.slice('emulation-'.length));
    return p ? { category: 'emulation', clusterId: p.id, year: p.year } : undefined;
  }
  if (streamId.startsWith('membership-')) {
    const p = yearly(streamId.slice('membership-'.length));
    return p ? { category: 'membership', organizerUnitId: p.id, year: p.year } : undefined;
  }
  for (const kind of ['unit', 'person'] as const) {
    const prefix = `discipline-${kind}-`;
    if (!streamId.startsWith(prefix)) continue;
    const id = streamId.slice(prefix.length);
    if (!isValidId(id)) return undefined;
    return {
      category: 'discipline',
      subject: kind === 'unit' ? { kind, unitId: id } : { kind, personId: id },
    };
  }
  for (const scope of ['cluster', 'organizer'] as const) {
    const prefix = `reported-${scope}-`;
    if (!streamId.startsWith(prefix)) continue;
    const p = yearly(streamId.slice(prefix.length));
    return p ? { category: 'reported', scope, scopeId: p.id, year: p.year } : undefined;
  }
  if (streamId.startsWith('person-')) {
    const id = streamId.slice('person-'.length);
    return isValidId(id) ? { category: 'person', personId: id } : undefined;
  }
  if (streamId.startsWith('registration-')) {
    const p = yearly(streamId.slice('registration-'.length));
    return p ? { category: 'registration', organizerUnitId: p.id, year: p.year } : undefined;
  }
  if (streamId.startsWith('flag-quota-')) {
    const p = yearly(streamId.slice('flag-quota-'.length));
    return p ? { category: 'flag-quota', organizerUnitId: p.id, year: p.year } : undefined;
  }
  if (streamId.startsWith('flag-claims-')) {
    const p = yearly(streamId.slice('flag-claims-'.length));
    return p ? { category: 'flag-claims', clusterId: p.id, year: p.year } : undefined;
  }
  if (streamId.startsWith('title-quota-')) {
    const p = yearly(streamId.slice('title-quota-'.length));
    return p ? { category: 'title-quota', unitId: p.id, year: p.year } : undefined;
  }
  if (streamId.startsWith('proposal-')) {
    const id = streamId.slice('proposal-'.length);
    return isValidId(id) ? { category: 'proposal', proposalId: id } : undefined;
  }
  if (streamId.startsWith('bloc-')) {
    const id = streamId.slice('bloc-'.length);
    return isValidId(id) ? { category: 'bloc', blocId: id } : undefined;
  }
  if (streamId.startsWith('window-')) {
    const p = yearly(streamId.slice('window-'.length));
    return p ? { category: 'window', organizerUnitId: p.id, year: p.year } : undefined;
  }
  if (streamId.startsWith('cluster-')) {
    const id = streamId.slice('cluster-'.length);
    return isValidId(id) ? { category: 'cluster', clusterId: id } : undefined;
  }
  if (streamId.startsWith('unit-')) {
    const id = streamId.slice('unit-'.length);
    return isValidId(id) ? { category: 'unit', unitId: id } : undefined;
  }
  return undefined;
}
