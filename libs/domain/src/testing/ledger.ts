/**
 * A cluster-year played through the real decider, producing the events the evaluator reads (as the
 * command handler and the store would: ids, revisions, gapped global positions, actor and time).
 * Test support only.
 */
import type { Actor } from '../actor.js';
import type { EmulationWindow } from '../business-date.js';
import type { Assessment } from '../events/emulation-year.events.js';
import type { PeriodCode } from '../periods.js';
import type { ScoringSchemeContent } from '../scheme/scheme.js';
import {
  chair,
  CLUSTER,
  context as defaultContext,
  ey,
  officerOf,
  organizer,
  scheme as defaultScheme,
  UNIT_IDS,
  UNITS,
  YEAR,
} from './fixtures.js';
import type {
  EmulationYearCommand,
  EmulationYearContext,
} from '../emulation-year/emulation-year.commands.js';
import { emulationYearDecider } from '../emulation-year/emulation-year.decider.js';
import {
  initialEmulationYearState,
  type EmulationYearState,
} from '../emulation-year/emulation-year.state.js';
import type { EvaluatorEvent } from '../evaluator/evaluator.types.js';
import { schemaVersionOf } from '../events/schema-versions.js';
import { emulationStream } from '../streams.js';

export class TestLedger {
  readonly events: EvaluatorEvent[] = [];
  state: EmulationYearState = initialEmulationYearState;
  /** The organizer's emulation window, given to every command (none: no window limit). */
  window: EmulationWindow | undefined;
  private position = 100;

  constructor(
    readonly clusterId = CLUSTER,
    readonly year = YEAR,
  ) {}

  get streamId(): string {
    return emulationStream(this.clusterId, this.year);
  }

  /** Decides, "appends" (positions advance by 3: other streams write in between) and evolves. */
  run(command: EmulationYearCommand, context: EmulationYearContext = defaultContext): EvaluatorEvent[] {
    const decided = emulationYearDecider.decide(command, this.state, {
      ...(this.window && { window: this.window }),
      ...context,
    });
    const stored = decided.map((e): EvaluatorEvent => {
      this.position += 3;
      return {
        eventId: `ev-${this.events.length + 1}`,
        type: e.type,
        streamId: this.streamId,
        data: e.data,
        position: this.position,
        revision: this.events.length,
        metadata: { actor: command.actor, occurredAt: command.at, schemaVersion: schemaVersionOf(e.type) },
      };
    });
    for (let i = 0; i < decided.length; i++) {
      this.events.push(stored[i]!);
      this.state = emulationYearDecider.evolve(this.state, decided[i]!);
    }
    return stored;
  }

  get lastPosition(): number {
    return this.events.at(-1)?.position ?? 0;
  }
}

/** Cụm 2 / 2021 through commands: five units admitted, Cục An ninh mạng… as chair, the scheme, Q1 open. */
export function startedLedger(scheme: ScoringSchemeContent = defaultScheme): TestLedger {
  const ledger = new TestLedger();
  const at = '2021-01-04T08:00:00.000Z';
  for (const unitId of UNIT_IDS)
    ledger.run(ey('AdmitUnit', organizer, { unitId }, at), {
      cluster: { organizerUnitId: organizer.unitId!, status: 'active' },
      unitStatus: 'active',
      reservedClusterId: ledger.clusterId,
    });
  ledger.run(ey('AssignChair', organizer, { unitId: UNITS.anm.id, role: 'chair', source: 'organizer' }, at));
  ledger.run(ey('PublishScoringScheme', organizer, scheme, at));
  ledger.run(ey('OpenPeriod', organizer, { period: 'Q1' }, at));
  return ledger;
}

/**
 * Records a score (self by the unit's officer; cluster by the chair, or by the organizer for the chair's
 * own unit, which the chair may not assess; appraisal by the organizer); returns its entry id.
 */
export function score(
  ledger: TestLedger,
  unitId: string,
  criterion: string,
  points: number,
  assessment: Assessment = 'cluster',
  period: PeriodCode = 'Q1',
  at?: string,
): string {
  const entryId = `${unitId}-${criterion}-${assessment}-${period.toLowerCase()}`;
  const actor: Actor =
    assessment === 'self'
      ? officerOf(unitId)
      : assessment === 'appraisal' || unitId === chair.unitId
        ? organizer
        : chair;
  ledger.run(ey('RecordScore', actor, { entryId, unitId, period, criterion, points, assessment }, at));
  return entryId;
}
