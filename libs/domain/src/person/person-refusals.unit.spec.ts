import type { Actor } from '../actor.js';
import type { PersonEvent } from '../events/person.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, officerOf, organizer } from '../testing/fixtures.js';
import { personRegistered, priorTitle, SEALED, titleRegistered } from '../testing/people.js';
import type { PersonCommand, PersonContext } from './person.commands.js';
import { personDecider } from './person.decider.js';

// Every refusal of the person registry (person.decider.ts) with its exact code and field; the bounds of
// the sealed personal fields probed on both sides; prior titles; claims and their release.
const AT = '2024-03-01T02:00:00.000Z';
const UNIT = 'cuc-tccb-phong-01';
const CSTDCS = 'chien-si-thi-dua-co-so';
const people = spec<PersonCommand, ReturnType<typeof personDecider.evolve>, PersonEvent, PersonContext>(
  personDecider,
  { unitStatus: 'active' },
);
const cmd = (type: PersonCommand['type'], data: object, actor: Actor = organizer): PersonCommand =>
  ({ type, actor, at: AT, data: { personId: 'cb-001', ...data } }) as PersonCommand;
const registered = (): PersonEvent => personRegistered('cb-001', UNIT, '2019-01-02');
const register = (personal: unknown, over: object = {}) =>
  cmd('RegisterPerson', { unitId: UNIT, personal, effectiveDate: '2019-01-02', ...over });

describe('registering a person: the sealed personal fields', () => {
  it('takes each part up to its longest length (iv 32, ciphertext 4096, tag 32 base64url characters)', () => {
    const personal = {
      alg: 'A256GCM' as const,
      iv: 'A'.repeat(32),
      ciphertext: 'b'.repeat(4096),
      tag: '_-'.repeat(16),
    };
    people
      .given([])
      .when(register(personal))
      .then([
        {
          type: 'PersonRegistered',
          data: { personId: 'cb-001', unitId: UNIT, personal, effectiveDate: '2019-01-02' },
        },
      ]);
  });

  it.each([
    ['no sealed data', null],
    ['another algorithm', { ...SEALED, alg: 'A128GCM' }],
    ['an iv one character too long', { ...SEALED, iv: 'A'.repeat(33) }],
    ['a ciphertext one character too long', { ...SEALED, ciphertext: 'b'.repeat(4097) }],
    ['a tag one character too long', { ...SEALED, tag: 'A'.repeat(33) }],
    ['an empty iv', { ...SEALED, iv: '' }],
    ['an iv that is a number', { ...SEALED, iv: 12345 }],
    ['a ciphertext starting with a character outside base64url', { ...SEALED, ciphertext: '+c2VhbGVk' }],
    ['a ciphertext ending with a character outside base64url', { ...SEALED, ciphertext: 'c2VhbGVk=' }],
    ['no tag', { ...SEALED, tag: undefined }],
  ])('refuses %s', (_what, personal) => {
    people.given([]).when(register(personal)).thenThrows('INVALID_SEALED_DATA', 'unprocessable', 'personal');
  });
});

describe('registering and transferring a person: ids, units, who', () => {
  it('refuses a person or unit that is not an id', () => {
    people
      .given([])
      .when(register(SEALED, { personId: 'Nguyễn Văn A' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'personId');
    people
      .given([])
      .when(register(SEALED, { unitId: 'Phòng 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'unitId');
  });

  it('refuses a unit of no known status, and one merged or dissolved', () => {
    people.given([]).when(register(SEALED), {}).thenThrows('UNIT_NOT_FOUND', 'not-found', 'unitId');
    for (const unitStatus of ['merged', 'dissolved'] as const)
      people
        .given([])
        .when(register(SEALED), { unitStatus })
        .thenThrows('UNIT_NOT_ACTIVE', 'unprocessable', 'unitId');
  });

  it("is recorded by an officer of the person's unit, not by someone else who names that unit", () => {
    people
      .given([])
      .when(register(SEALED, {}), { unitStatus: 'active' })
      .then([expect.objectContaining({ type: 'PersonRegistered' })]);
    people
      .given([])
      .when({
        ...register(SEALED),
        actor: { id: 'u-insp', role: 'inspector', unitId: UNIT },
      } as PersonCommand)
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('transfers with a reason kept when given; refuses a target unit not an id, unknown or not active, an empty reason', () => {
    const transfer = (over: object) =>
      cmd('TransferPerson', { toUnitId: 'cuc-tccb-phong-02', effectiveDate: '2022-06-01', ...over });
    people
      .given([registered()])
      .when(transfer({ reason: 'Điều động theo Quyết định 7/QĐ' }))
      .then([
        {
          type: 'PersonTransferred',
          data: {
            personId: 'cb-001',
            fromUnitId: UNIT,
            toUnitId: 'cuc-tccb-phong-02',
            reason: 'Điều động theo Quyết định 7/QĐ',
            effectiveDate: '2022-06-01',
          },
        },
      ]);
    people
      .given([registered()])
      .when(transfer({ toUnitId: 'Phòng 2' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'toUnitId');
    people
      .given([registered()])
      .when(transfer({}), { unitStatus: 'none' })
      .thenThrows('UNIT_NOT_FOUND', 'not-found', 'toUnitId');
    people
      .given([registered()])
      .when(transfer({}), { unitStatus: 'dissolved' })
      .thenThrows('UNIT_NOT_ACTIVE', 'unprocessable', 'toUnitId');
    people
      .given([registered()])
      .when(transfer({ reason: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'reason');
  });
});

describe('erasing a person', () => {
  it('refuses a person never registered, and a request without a reference', () => {
    people
      .given([])
      .when(cmd('ErasePerson', { requestRef: 'YC-1' }, admin))
      .thenThrows('PERSON_NOT_FOUND', 'not-found', 'personId');
    people
      .given([registered()])
      .when(cmd('ErasePerson', { requestRef: '' }, admin))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'requestRef');
  });
});

describe('registering a title', () => {
  it('refuses a code or an organizer that is not an id', () => {
    const reg = (over: object) =>
      cmd('RegisterTitle', { year: 2024, code: CSTDCS, organizerUnitId: 'bo-cong-an', ...over });
    people
      .given([registered()])
      .when(reg({ code: 'CSTĐ cơ sở' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'code');
    people
      .given([registered()])
      .when(reg({ organizerUnitId: 'Bộ Công an' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'organizerUnitId');
  });
});

describe('recording a title held from before the ledger', () => {
  const prior = (over: object = {}, actor: Actor = organizer) =>
    cmd(
      'RecordPriorTitle',
      { code: CSTDCS, year: 2020, decisionRef: '12/QĐ-X09', effectiveDate: '2024-01-05', ...over },
      actor,
    );

  it('records an individual title of the catalog with its decision', () => {
    people
      .given([registered()])
      .when(prior())
      .then([
        {
          type: 'PriorTitleRecorded',
          data: {
            personId: 'cb-001',
            code: CSTDCS,
            year: 2020,
            decisionRef: '12/QĐ-X09',
            effectiveDate: '2024-01-05',
          },
        },
      ]);
    people
      .given([registered()])
      .when(prior({}, admin))
      .then([expect.objectContaining({ type: 'PriorTitleRecorded' })]);
  });

  it('is recorded by an administrator or an organizer, for a registered person', () => {
    people
      .given([registered()])
      .when(prior({}, officerOf(UNIT)))
      .thenThrows('FORBIDDEN', 'forbidden');
    people.given([]).when(prior()).thenThrows('PERSON_NOT_FOUND', 'not-found', 'personId');
  });

  it('takes only an individual title of the catalog', () => {
    for (const code of ['bang-khen-bo-truong-bca', 'don-vi-quyet-thang', 'khong-co-trong-danh-muc'])
      people
        .given([registered()])
        .when(prior({ code }))
        .thenThrows('TITLE_NOT_REGISTRABLE', 'unprocessable', 'code');
    people
      .given([registered()])
      .when(prior({ code: 'CSTĐ' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'code');
  });

  it('refuses the same title for the same year; the same title another year, or another title that year, is recorded', () => {
    const held = [registered(), priorTitle('cb-001', CSTDCS, 2020)];
    people.given(held).when(prior()).thenThrows('TITLE_ALREADY_HELD', 'unprocessable', 'code');
    people
      .given(held)
      .when(prior({ year: 2021 }))
      .then([expect.objectContaining({ type: 'PriorTitleRecorded' })]);
    people
      .given(held)
      .when(prior({ code: 'chien-si-thi-dua-toan-luc-luong-cand' }))
      .then([expect.objectContaining({ type: 'PriorTitleRecorded' })]);
  });

  it('refuses a year that is not one, and no decision reference', () => {
    people
      .given([registered()])
      .when(prior({ year: 20 }))
      .thenThrows('INVALID_YEAR', 'unprocessable', 'year');
    people
      .given([registered()])
      .when(prior({ decisionRef: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'decisionRef');
  });
});

describe('claims of an award decision and their release', () => {
  const claims = (list: object[], decisionId = 'qd-9') => cmd('ClaimTitles', { decisionId, claims: list });
  const bk = (awardId: string) => ({
    awardId,
    code: 'bang-khen-bo-truong-bca',
    year: 2023,
    field: 'awards[0]',
  });
  const release = (awardIds: unknown, actor: Actor = organizer) =>
    cmd('ReleaseTitleClaims', { awardIds, cause: 'decision-failed' }, actor);

  it('a certificate (no title) may be given twice in a year; a code the catalog does not know is no title either', () => {
    people
      .given([registered()])
      .when(
        claims([
          bk('qd-9-1'),
          bk('qd-9-2'),
          { awardId: 'qd-9-3', code: 'ma-la', year: 2023, field: 'awards[2]' },
        ]),
      )
      .then([
        expect.objectContaining({ data: expect.objectContaining({ awardId: 'qd-9-1' }) }),
        expect.objectContaining({ data: expect.objectContaining({ awardId: 'qd-9-2' }) }),
        expect.objectContaining({ data: expect.objectContaining({ awardId: 'qd-9-3', basis: [] }) }),
      ]);
  });

  it('refuses a decision that is not an id', () => {
    people
      .given([registered()])
      .when(claims([bk('qd-9-1')], 'QĐ 9'))
      .thenThrows('INVALID_ID', 'unprocessable', 'decisionId');
  });

  it('releases only what is still claimed, each award once', () => {
    const claimed = (awardId: string): PersonEvent => ({
      type: 'TitleClaimed',
      data: {
        personId: 'cb-001',
        awardId,
        decisionId: 'qd-9',
        code: 'bang-khen-bo-truong-bca',
        year: 2023,
        basis: [],
      },
    });
    people
      .given([registered(), claimed('qd-9-1'), claimed('qd-9-2')])
      .when(release(['qd-9-2', 'qd-9-7']))
      .then([
        {
          type: 'TitleClaimReleased',
          data: { personId: 'cb-001', awardId: 'qd-9-2', cause: 'decision-failed' },
        },
      ]);
    expect(
      people
        .given([registered(), claimed('qd-9-1'), claimed('qd-9-2'), titleRegistered('cb-001', 2023, CSTDCS)])
        .state.titles.map((t) => t.awardId),
    ).toEqual(['qd-9-1', 'qd-9-2']);
  });

  it('refuses a release by an officer, awards that are not a list of unique ids', () => {
    people
      .given([registered()])
      .when(release(['qd-9-1'], officerOf(UNIT)))
      .thenThrows('FORBIDDEN', 'forbidden');
    people
      .given([registered()])
      .when(release('qd-9-1'))
      .thenThrows('INVALID_LIST', 'unprocessable', 'awardIds');
    people
      .given([registered()])
      .when(release(['qd-9-1', 'QĐ 9']))
      .thenThrows('INVALID_ID', 'unprocessable', 'awardIds[1]');
    people
      .given([registered()])
      .when(release(['qd-9-1', 'qd-9-1']))
      .thenThrows('DUPLICATE_VALUE', 'unprocessable', 'awardIds');
  });
});

describe('the person-level rules of a claimed title (title-checks.ts)', () => {
  const TLL = 'chien-si-thi-dua-toan-luc-luong-cand';
  const TQ = 'chien-si-thi-dua-toan-quoc';
  const claim = (code: string, year: number) =>
    cmd('ClaimTitles', {
      decisionId: 'qd-9',
      claims: [{ awardId: 'qd-9-1', code, year, field: 'awards[0]' }],
    });

  it('a title with no prerequisite rests on nothing; holding it another year, or another title that year, does not bar it', () => {
    people
      .given([
        registered(),
        titleRegistered('cb-001', 2023, CSTDCS),
        priorTitle('cb-001', CSTDCS, 2022),
        priorTitle('cb-001', TLL, 2023),
      ])
      .when(claim(CSTDCS, 2023))
      .then([
        {
          type: 'TitleClaimed',
          data: {
            personId: 'cb-001',
            awardId: 'qd-9-1',
            decisionId: 'qd-9',
            code: CSTDCS,
            year: 2023,
            basis: [],
          },
        },
      ]);
  });

  it('every individual emulation title of the rules needs its registration for the year', () => {
    people
      .given([registered()])
      .when(claim(CSTDCS, 2023))
      .thenThrows('TITLE_NOT_REGISTERED', 'unprocessable', 'awards[0].code');
    people
      .given([registered(), priorTitle('cb-001', TLL, 2021), priorTitle('cb-001', TLL, 2022)])
      .when(claim(TQ, 2023))
      .thenThrows('TITLE_NOT_REGISTERED', 'unprocessable', 'awards[0].code');
  });

  it('a prerequisite is met only by that title in each year: another title in those years does not count', () => {
    people
      .given([
        registered(),
        titleRegistered('cb-001', 2023, TQ),
        priorTitle('cb-001', CSTDCS, 2021),
        priorTitle('cb-001', TLL, 2022),
      ])
      .when(claim(TQ, 2023))
      .thenThrows('PREREQUISITE_NOT_MET', 'unprocessable', 'awards[0].code');
  });
});
