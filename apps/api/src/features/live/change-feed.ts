import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { emulationStream, isPeriodCode, parseStreamId, type PeriodCode } from '@thidua/domain';
import type { EventStore, StoredEvent, Subscription } from '@thidua/event-store';
import type { ProjectionDefinition, ProjectionReadView } from '@thidua/projections';
import type { Logger } from 'pino';
import {
  EVENT_STORE,
  LOGGER,
  PROJECTION_DEFINITIONS,
  PROJECTION_RUNNER,
} from '../../infrastructure/tokens.js';
import type { ClusterYearChange } from './live.types.js';

/** Longest wait for the projections to apply an event before it is announced anyway. */
const APPLY_WAIT_MS = 5000;
const PAGE = 1000;

export type ChangeListener = (change: ClusterYearChange) => void;

/**
 * Tells listeners that a cluster-year's projections moved. One subscription to the event store per
 * process (opened with the first listener): each event of an `emulation-{c}-{y}` stream is announced to
 * that cluster-year's listeners once the projections that handle it have applied it, so a dashboard that
 * re-reads with `?minPosition=` gets it at once (after 5 s it is announced anyway). Missed changes are read back from the stream itself
 * (`replay`), so resuming needs no buffer here.
 */
@Injectable()
export class ChangeFeed implements OnModuleDestroy {
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private subscription: Subscription | undefined;
  private readonly handledBy = new Map<string, string[]>();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionReadView,
    @Inject(PROJECTION_DEFINITIONS) private readonly definitions: ProjectionDefinition[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Calls `listener` for every change of the cluster-year announced from now on; returns the unlisten. */
  async listen(clusterId: string, year: number, listener: ChangeListener): Promise<() => void> {
    const streamId = emulationStream(clusterId, year);
    let set = this.listeners.get(streamId);
    if (!set) this.listeners.set(streamId, (set = new Set()));
    set.add(listener);
    if (!this.subscription) await this.start();
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(streamId) === set) this.listeners.delete(streamId);
    };
  }

  /**
   * The changes of the cluster-year after `after`, up to the log's head now, oldest first, once applied.
   * Read from the log after `after` (a resume after a short drop reads only what came since).
   */
  async replay(clusterId: string, year: number, after: number): Promise<ClusterYearChange[]> {
    const streamId = emulationStream(clusterId, year);
    const head = await this.events.headPosition();
    const changes: ClusterYearChange[] = [];
    for (let from = after; from < head;) {
      const page = await this.events.readAll({ after: from, to: head, batchSize: PAGE });
      if (page.length === 0) break;
      for (const event of page)
        if (event.streamId === streamId) changes.push(this.change(event, clusterId, year));
      from = page[page.length - 1]!.position;
    }
    const last = changes[changes.length - 1];
    if (last) await this.applied(last.position, this.handlers(last.type));
    return changes;
  }

  headPosition(): Promise<number> {
    return this.events.headPosition();
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    await this.subscription?.close();
    this.subscription = undefined;
  }

  private async start(): Promise<void> {
    const head = await this.events.headPosition();
    if (this.subscription) return; // another listener started it meanwhile
    this.subscription = this.events.subscribe(head, {
      onEvents: (events) => this.announce(events),
      onError: (error) => {
        this.logger.error({ err: error }, 'live-update feed stopped; it restarts with the next listener');
        this.subscription = undefined;
      },
    });
  }

  private async announce(events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      const listeners = this.listeners.get(event.streamId);
      if (!listeners || listeners.size === 0) continue;
      const stream = parseStreamId(event.streamId);
      if (stream?.category !== 'emulation') continue;
      const change = this.change(event, stream.clusterId, stream.year);
      await this.applied(event.position, change.projections);
      for (const listener of [...listeners]) listener(change);
    }
  }

  /**
   * Waits until the projections named have applied `position`, at most APPLY_WAIT_MS: behind or stalled,
   * the change is announced anyway (a re-read with `?minPosition=` then waits or says PROJECTION_BEHIND).
   */
  private async applied(position: number, projections: string[]): Promise<void> {
    if (projections.length === 0) return;
    if (await this.projections.waitFor(position, APPLY_WAIT_MS, projections)) return;
    this.logger.warn({ position, projections }, 'live update announced before the projections applied it');
  }

  private change(event: StoredEvent, clusterId: string, year: number): ClusterYearChange {
    const period = event.data['period'];
    return {
      clusterId,
      year,
      position: event.position,
      eventId: event.eventId,
      type: event.type,
      period: typeof period === 'string' && isPeriodCode(period) ? (period as PeriodCode) : null,
      projections: this.handlers(event.type),
    };
  }

  /** The projections that handle an event type, from their definitions. */
  private handlers(type: string): string[] {
    let names = this.handledBy.get(type);
    if (!names) {
      names = this.definitions.filter((d) => d.handles.includes(type)).map((d) => d.name);
      this.handledBy.set(type, names);
    }
    return names;
  }
}
