import { StoreError } from '@thidua/event-store';

/** A name, query or document the read store refuses before touching storage. */
export class ReadStoreInputError extends StoreError {
  constructor(
    code: 'INVALID_NAME' | 'INVALID_FIELD_NAME' | 'INVALID_QUERY' | 'INVALID_DOCUMENT',
    message: string,
  ) {
    super(code, message);
  }
}

/** The storage engine is not configured as durability requires (e.g. SQLite refused synchronous=FULL). */
export class ReadStoreConfigError extends StoreError {
  constructor(message: string) {
    super('READ_STORE_CONFIG', message);
  }
}
