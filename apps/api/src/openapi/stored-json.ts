/** A body the read store holds as JSON text and the route sends unchanged (GET …/rankings/{p}). */
export type StoredJson<T> = string & { readonly storedJsonOf?: T };
