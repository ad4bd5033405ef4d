/** What the API thread and the projection worker say to each other. */
export interface WorkerSettings {
  dataDir: string;
  eventstoreConnectionString?: string;
  mongodbUri?: string;
  /** Names among allProjections. */
  projections: string[];
  retireAfterMs: number;
}

export type ToWorker =
  { type: 'appended' } | { type: 'rebuild'; id: number; name: string } | { type: 'stop' };

export type FromWorker =
  | { type: 'started' }
  | { type: 'stopped' }
  | { type: 'rebuilt'; id: number; error?: string }
  | { type: 'log'; level: 'info' | 'error'; obj: object; msg?: string };
