import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRICS = Symbol('METRICS');

export type AppendOutcome = 'ok' | 'duplicate' | 'conflict' | 'error';

/** What the metrics need to know about a projection (a ProjectionStatusReport fits). */
export interface ProjectionGaugeSource {
  name: string;
  status: string;
  position: number;
  lag: number;
  /** Set while the projection's subscription is cut off from the event store. */
  outage?: { attempts: number };
}

/**
 * One registry per process (not prom-client's global one, so tests can start several apps).
 * Projection gauges are read at scrape time from the runner, never pushed.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly appends: Counter<'outcome'>;
  readonly appendDuration: Histogram<'outcome'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly projectionLag: Gauge<'projection'>;
  private readonly projectionPosition: Gauge<'projection'>;
  private readonly projectionStalled: Gauge<'projection'>;
  private readonly projectionInterrupted: Gauge<'projection'>;
  private projectionSource: (() => Promise<ProjectionGaugeSource[]>) | undefined;

  constructor(options: { service: string; defaultMetrics?: boolean }) {
    this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.appends = new Counter({
      name: 'thidua_event_appends_total',
      help: 'Appends to the event store, by outcome (ok, duplicate, conflict, error)',
      labelNames: ['outcome'],
      registers,
    });
    this.appendDuration = new Histogram({
      name: 'thidua_event_append_duration_seconds',
      help: 'Time to append a batch of events (durable commit included)',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'thidua_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.projectionLag = new Gauge({
      name: 'thidua_projection_lag_events',
      help: 'Events in the log not yet applied by the projection (head - position)',
      labelNames: ['projection'],
      registers,
    });
    this.projectionPosition = new Gauge({
      name: 'thidua_projection_position',
      help: 'Last event position applied by the projection',
      labelNames: ['projection'],
      registers,
    });
    this.projectionStalled = new Gauge({
      name: 'thidua_projection_stalled',
      help: '1 when the projection stopped on an event it could not handle',
      labelNames: ['projection'],
      registers,
    });
    this.projectionInterrupted = new Gauge({
      name: 'thidua_projection_subscription_interrupted',
      help: 'Failed attempts of the projection to stay subscribed to the event store (0 when connected)',
      labelNames: ['projection'],
      registers,
    });
  }

  watchProjections(source: () => Promise<ProjectionGaugeSource[]>): void {
    this.projectionSource = source;
  }

  /** Prometheus text exposition. */
  async render(): Promise<string> {
    if (this.projectionSource) {
      const statuses = await this.projectionSource();
      const gauges = [
        this.projectionLag,
        this.projectionPosition,
        this.projectionStalled,
        this.projectionInterrupted,
      ];
      for (const gauge of gauges) gauge.reset();
      for (const s of statuses) {
        this.projectionLag.set({ projection: s.name }, s.lag);
        this.projectionPosition.set({ projection: s.name }, s.position);
        this.projectionStalled.set(
          { projection: s.name },
          s.status === 'stalled' || s.status === 'integrity-failure' ? 1 : 0,
        );
        this.projectionInterrupted.set({ projection: s.name }, s.outage?.attempts ?? 0);
      }
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
