import { DEMO_ADMIN } from './demo-actors.js';
import { DemoRequestError, type DemoActor, type DemoClient, type DemoRequest } from './demo-client.js';

/** Bumped whenever a demo body changes: keys of an older demo then name other requests, not a reuse. */
export const DEMO_KEY_PREFIX = 'demo-v3';

/** What every command answers (DESIGN.md §6), plus the ids some commands add (entryId, electionId, …). */
export interface CommandAnswer {
  streamId: string;
  revision: number;
  position: number;
  eventIds: string[];
  [extra: string]: unknown;
}

export interface DemoSectionReport {
  title: string;
  commands: number;
  /** Commands that appended events in this run. */
  recorded: number;
  /** Commands answered from an earlier run (same Idempotency-Key and body): nothing written. */
  replayed: number;
}

/**
 * One run of the demo load: sends commands with an Idempotency-Key derived from the step name, expects
 * 201, and tells a command recorded now from one answered from an earlier run by its position (at or
 * below the log's head when the run began).
 */
export class DemoSession {
  readonly sections: DemoSectionReport[] = [];

  private constructor(
    private readonly client: DemoClient,
    readonly headBefore: number,
    private readonly onSection: (section: DemoSectionReport) => void,
  ) {}

  static async start(
    client: DemoClient,
    onSection: (section: DemoSectionReport) => void = () => undefined,
  ): Promise<DemoSession> {
    return new DemoSession(client, await headPosition(client), onSection);
  }

  /** Runs one part of the demo and reports it when done. */
  async section(title: string, work: () => Promise<void>): Promise<void> {
    const report: DemoSectionReport = { title, commands: 0, recorded: 0, replayed: 0 };
    this.sections.push(report);
    await work();
    this.onSection(report);
  }

  async command(
    step: string,
    as: DemoActor,
    method: 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<CommandAnswer> {
    const request: DemoRequest = {
      method,
      path,
      as,
      idempotencyKey: `${DEMO_KEY_PREFIX}:${step}`,
      ...(body !== undefined && { body }),
    };
    const response = await this.client.send(request);
    if (response.status !== 201) throw new DemoRequestError(request, response, step);
    const answer = response.body as CommandAnswer;
    const report = this.sections[this.sections.length - 1];
    if (report) {
      report.commands++;
      if (answer.eventIds.length > 0 && answer.position > this.headBefore) report.recorded++;
      else report.replayed++;
    }
    return answer;
  }

  get totals(): Omit<DemoSectionReport, 'title'> {
    return this.sections.reduce(
      (t, s) => ({
        commands: t.commands + s.commands,
        recorded: t.recorded + s.recorded,
        replayed: t.replayed + s.replayed,
      }),
      { commands: 0, recorded: 0, replayed: 0 },
    );
  }
}

/** The head of the event log (GET /audit/digest, an inspector's or administrator's read). */
export async function headPosition(client: DemoClient, as: DemoActor = DEMO_ADMIN): Promise<number> {
  const request: DemoRequest = { method: 'GET', path: '/audit/digest?heads=false', as };
  const response = await client.send(request);
  if (response.status !== 200) throw new DemoRequestError(request, response, 'head position');
  return (response.body as { position: number }).position;
}
