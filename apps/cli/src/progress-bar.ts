/** What the bar writes to: stderr in the CLI, a buffer in tests. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressState {
  done: number;
  total: number;
  elapsedMs: number;
  unit?: string;
  width?: number;
}

/** `[#####.....]  52% 520000/1000000 events 110k/s` — pure, so it is tested on its own. */
export function renderProgress({
  done,
  total,
  elapsedMs,
  unit = 'events',
  width = 30,
}: ProgressState): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(ratio * width);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent} ${done}/${total} ${unit} ${formatRate(rate)}/s`;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e3) return `${Math.round(perSecond / 1e3)}k`;
  return `${Math.round(perSecond)}`;
}

/**
 * A one-line bar redrawn in place on a terminal (at most every `intervalMs`); on a pipe or file it
 * writes a plain line every 10% so logs stay readable. No dependency.
 */
export class ProgressBar {
  private readonly started: number;
  private lastDraw = -Infinity;
  private lastDecile = -1;
  private state = { done: 0, total: 0 };

  constructor(
    private readonly out: ProgressOutput,
    private readonly options: { unit?: string; intervalMs?: number; now?: () => number } = {},
  ) {
    this.started = this.now();
  }

  update(done: number, total: number): void {
    this.state = { done, total };
    const now = this.now();
    if (this.out.isTTY) {
      if (now - this.lastDraw < (this.options.intervalMs ?? 100) && done < total) return;
      this.lastDraw = now;
      this.out.write(`\r${this.line(now)}`);
      return;
    }
    const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.out.write(`${this.line(now)}\n`);
    }
  }

  /** Draws the final state and ends the line. */
  finish(): void {
    const now = this.now();
    if (this.out.isTTY) this.out.write(`\r${this.line(now)}\n`);
    else if (this.lastDecile < 10) this.out.write(`${this.line(now)}\n`);
  }

  private line(now: number): string {
    return renderProgress({
      ...this.state,
      elapsedMs: now - this.started,
      unit: this.options.unit ?? 'events',
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
