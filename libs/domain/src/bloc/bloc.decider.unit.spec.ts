import type { BlocEvent } from '../events/bloc.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT } from '../testing/fixtures.js';
import { blocDecider, type BlocCommand } from './bloc.decider.js';

// Forming a khối (bloc.decider.ts): each refusal with its exact code and field, and what the fold keeps.
const blocs = spec(blocDecider, { organizerStatus: 'active' });
const form = (over: object = {}): BlocCommand => ({
  type: 'FormBloc',
  actor: admin,
  at: AT,
  data: {
    blocId: 'bca-khoi-cong-an-dia-phuong',
    organizerUnitId: 'bo-cong-an',
    name: 'Khối Công an địa phương',
    ...over,
  },
});

describe('forming a bloc', () => {
  it('refuses a bloc or organizer that is not an id, and an empty name', () => {
    blocs
      .given([])
      .when(form({ blocId: 'Khối 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'blocId');
    blocs
      .given([])
      .when(form({ organizerUnitId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
    blocs
      .given([])
      .when(form({ name: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'name');
  });

  it('keeps the bloc active with its organizer and name (what a cluster formed in it is checked against)', () => {
    const formed: BlocEvent = {
      type: 'BlocFormed',
      data: {
        blocId: 'bca-khoi-cong-an-dia-phuong',
        organizerUnitId: 'bo-cong-an',
        name: 'Khối Công an địa phương',
        effectiveDate: '2021-01-05',
      },
    };
    expect(blocs.given([formed]).state).toStrictEqual({
      status: 'active',
      organizerUnitId: 'bo-cong-an',
      name: 'Khối Công an địa phương',
    });
  });
});
