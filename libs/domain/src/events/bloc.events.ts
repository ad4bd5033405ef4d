import type { Dated, TypedEvent } from './event.js';

/**
 * Stream `bloc-{blocId}`: a khối (bloc) groups clusters of one organizer (Khối các đơn vị trực thuộc Bộ
 * trưởng, Khối Công an địa phương…); cluster numbers repeat across blocs.
 */
export interface BlocFormedData extends Dated {
  blocId: string;
  organizerUnitId: string;
  name: string;
}

export type BlocEvent = TypedEvent<'BlocFormed', BlocFormedData>;

export const BLOC_EVENT_TYPES = ['BlocFormed'] as const;
