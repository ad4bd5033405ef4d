/**
 * A cluster-year played through the real decider, producing the events the evaluator reads (as the
 * command handler and the store would: ids, revisions, gapped global positions, actor and time).
 * Test support only.
 */
import type { EmulationYearCommand, EmulationYearContext } from '../emulation-year/emulation-year.commands.js';
import { emulationYearDecider } from '../emulation-year/emulation-year.decider.js';
import { initialEmulationYearState, type EmulationYearState } from '../emulation-year/emulation-year.state.js';
import type { EvaluatorEvent } from '../evaluator/evaluator.types.js';
import { emulationStream } from '../streams.js';
import { CLUSTER, context as defaultContext, YEAR } from './fixtures.js';

export class TestLedger {
  readonly events: EvaluatorEvent[] = [];
  state: EmulationYearState = initialEmulationYearState;
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
    const decided = emulationYearDecider.decide(command, this.state, context);
    const stored = decided.map((e): EvaluatorEvent => {
      this.position += 3;
      return {
        eventId: `ev-${this.events.length + 1}`,
        type: e.type,
        streamId: this.streamId,
        data: e.data,
        position: this.position,
        revision: this.events.length,
        metadata: { actor: command.actor, occurredAt: command.at },
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
