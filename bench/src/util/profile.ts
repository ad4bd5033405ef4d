/** Summarizes a V8 .cpuprofile (node --cpu-prof): the functions with the most self time. */
import fs from 'node:fs';
import path from 'node:path';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  top: Array<{ function: string; location: string; selfMs: number; selfPct: number }>;
}

/** The location relative to the repository (dist/... or node_modules/...), or the internal name. */
function location(url: string, line: number, root: string): string {
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const rel = file.startsWith(root) ? path.relative(root, file) : file;
  return `${rel}:${line + 1}`;
}

export function summarizeProfile(file: string, root: string, topN = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const timeById = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    timeById.set(id, (timeById.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const self = new Map<string, { fn: string; loc: string; us: number }>();
  for (const node of profile.nodes) {
    const us = timeById.get(node.id) ?? 0;
    if (us === 0) continue;
    const fn = node.callFrame.functionName || '(anonymous)';
    const loc = location(node.callFrame.url, node.callFrame.lineNumber, root);
    const key = `${fn}@${loc}`;
    const entry = self.get(key) ?? { fn, loc, us: 0 };
    entry.us += us;
    self.set(key, entry);
  }
  const total = [...self.values()].reduce((sum, e) => sum + e.us, 0);
  const top = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, topN)
    .map((e) => ({
      function: e.fn,
      location: e.loc,
      selfMs: Math.round(e.us / 1000),
      selfPct: Math.round((e.us / total) * 1000) / 10,
    }));
  return { file, totalMs: Math.round(total / 1000), top };
}

/** The newest .cpuprofile in a directory, summarized; undefined when none was written. */
export function summarizeNewestProfile(dir: string, root: string, topN = 15): ProfileSummary | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return files[0] ? summarizeProfile(files[0], root, topN) : undefined;
}

export function formatProfile(summary: ProfileSummary): string {
  return summary.top
    .map(
      (t) =>
        `    ${String(t.selfPct).padStart(5)}%  ${String(t.selfMs).padStart(7)} ms  ${t.function}  ${t.location}`,
    )
    .join('\n');
}
