import { AUTHORITY_LEVELS, type AuthorityLevel } from './authorities.js';
import { AWARD_CATALOG, type CatalogEntry, type RecipientKind } from './awards.js';

/** An indexed catalog. Built from data so an administrator's corrected list can replace the default. */
export interface Catalog {
  readonly entries: ReadonlyArray<CatalogEntry>;
  readonly authorities: ReadonlyArray<AuthorityLevel>;
  find(code: string): CatalogEntry | undefined;
  findAuthority(code: string): AuthorityLevel | undefined;
  /** May `authority` confer `code`? */
  canConfer(code: string, authority: string): boolean;
  /** May `code` go to this kind of recipient? */
  allowsRecipient(code: string, kind: RecipientKind): boolean;
}

/** Checks the data (unique codes, known authorities, NFC names) and indexes it. Throws TypeError on bad data. */
export function createCatalog(
  entries: ReadonlyArray<CatalogEntry> = AWARD_CATALOG,
  authorities: ReadonlyArray<AuthorityLevel> = AUTHORITY_LEVELS,
): Catalog {
  const byCode = new Map<string, CatalogEntry>();
  const byAuthority = new Map<string, AuthorityLevel>();
  for (const a of authorities) {
    if (byAuthority.has(a.code)) throw new TypeError(`duplicate authority ${a.code}`);
    byAuthority.set(a.code, a);
  }
  for (const e of entries) {
    if (byCode.has(e.code)) throw new TypeError(`duplicate catalog code ${e.code}`);
    if (e.name.normalize('NFC') !== e.name) throw new TypeError(`catalog name of ${e.code} is not NFC`);
    if (e.recipientKinds.length === 0) throw new TypeError(`catalog entry ${e.code} has no recipient kind`);
    for (const a of e.authorities)
      if (!byAuthority.has(a)) throw new TypeError(`catalog entry ${e.code} names unknown authority ${a}`);
    byCode.set(e.code, e);
  }
  const sorted = [...entries].sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : 1));
  return {
    entries: sorted,
    authorities: [...authorities].sort((a, b) => a.rank - b.rank),
    find: (code) => byCode.get(code),
    findAuthority: (code) => byAuthority.get(code),
    canConfer: (code, authority) => byCode.get(code)?.authorities.includes(authority) ?? false,
    allowsRecipient: (code, kind) => byCode.get(code)?.recipientKinds.includes(kind) ?? false,
  };
}

export const defaultCatalog: Catalog = createCatalog();

export const findAward = (code: string): CatalogEntry | undefined => defaultCatalog.find(code);
export const findAuthority = (code: string): AuthorityLevel | undefined => defaultCatalog.findAuthority(code);
export const canConfer = (code: string, authority: string): boolean =>
  defaultCatalog.canConfer(code, authority);

/** Titles a unit may register in its pledge (đăng ký danh hiệu): collective titles. */
export function isRegistrableTitle(code: string, catalog: Catalog = defaultCatalog): boolean {
  const e = catalog.find(code);
  return e !== undefined && e.kind === 'title' && e.recipientKinds.includes('collective');
}
