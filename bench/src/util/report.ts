/** The figures of one run: printed as a table and written as JSON under bench/results/. */
import fs from 'node:fs';
import path from 'node:path';

import type { ProfileSummary } from './profile.js';

export interface Target {
  /** e.g. "≥ 0.8× raw", "p99 ≤ 20 ms". */
  text: string;
  met: boolean;
}

export interface Figure {
  id: string;
  title: string;
  /** Our figure, formatted. */
  ours: string;
  /** The baseline measured in the same run, formatted, with its name. */
  baseline: string;
  /** ours / baseline (throughput), or null where the target is absolute. */
  ratio: number | null;
  targets: Target[];
  /** The raw numbers behind the figure. */
  values: Record<string, unknown>;
  notes: string[];
}

export const fmt = {
  rate: (n: number, unit: string): string => `${Math.round(n).toLocaleString('en-US')} ${unit}`,
  ms: (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`,
  mib: (n: number): string => `${Math.round(n)} MiB`,
  ratio: (n: number): string => `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}×`,
};

export class Report {
  readonly figures: Figure[] = [];
  readonly info: Record<string, unknown> = {};
  readonly profiles: Record<string, ProfileSummary> = {};

  add(figure: Figure): Figure {
    this.figures.push(figure);
    process.stdout.write(
      `  ${figure.title}: ${figure.ours} vs ${figure.baseline}${
        figure.ratio === null ? '' : ` → ${fmt.ratio(figure.ratio)}`
      } [${figure.targets.map((t) => `${t.text} ${t.met ? 'met' : 'MISSED'}`).join('; ')}]\n`,
    );
    return figure;
  }

  table(): string {
    const rows = [
      ['Figure', 'Ours', 'Baseline (same run)', 'Ratio', 'Target', ''],
      ...this.figures.map((f) => [
        f.title,
        f.ours,
        f.baseline,
        f.ratio === null ? '–' : fmt.ratio(f.ratio),
        f.targets.map((t) => t.text).join(', '),
        // A diagnostic figure has no target: nothing to meet.
        f.targets.length === 0 ? '–' : f.targets.every((t) => t.met) ? 'met' : 'MISSED',
      ]),
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
    const line = (r: string[]): string =>
      `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
    return [
      line(rows[0]!),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...rows.slice(1).map(line),
    ].join('\n');
  }

  /** Writes `<stamp>.json` and `latest.json`; returns the timestamped path. */
  write(dir: string, header: Record<string, unknown>): string {
    fs.mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const body = JSON.stringify(
      { ...header, figures: this.figures, info: this.info, profiles: this.profiles, table: this.table() },
      null,
      2,
    );
    const file = path.join(dir, `${stamp}.json`);
    fs.writeFileSync(file, `${body}\n`);
    fs.writeFileSync(path.join(dir, 'latest.json'), `${body}\n`);
    return file;
  }
}
