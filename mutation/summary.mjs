// Markdown summary of a StrykerJS JSON report (default mutation/reports/mutation.json): one row per
// file (score as StrykerJS counts it: killed + timeout over all valid mutants; ignored ones left out),
// then every survivor and uncovered mutant, for mutation/REPORT.md.
//   node mutation/summary.mjs [report.json] [--survivors]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'mutation/reports/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const rows = [];
const survivors = [];
for (const [name, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const n = (s) => mutants.filter((m) => m.status === s).length;
  const detected = n('Killed') + n('Timeout');
  const undetected = n('Survived') + n('NoCoverage');
  const valid = detected + undetected;
  rows.push({
    name,
    score: valid ? (100 * detected) / valid : 100,
    detected,
    undetected,
    ignored: n('Ignored'),
    valid,
  });
  for (const m of mutants)
    if (m.status === 'Survived' || m.status === 'NoCoverage')
      survivors.push(
        `${name}:${m.location.start.line} ${m.mutatorName} → \`${m.replacement}\`${m.status === 'NoCoverage' ? ' (no test reaches it)' : ''}`,
      );
}
console.log('| file | score | killed | survived | ignored (words) |\n|---|---:|---:|---:|---:|');
for (const r of rows)
  console.log(`| ${r.name} | ${r.score.toFixed(1)} % | ${r.detected} | ${r.undetected} | ${r.ignored} |`);
const all = rows.reduce((a, r) => ({ d: a.d + r.detected, u: a.u + r.undetected }), { d: 0, u: 0 });
console.log(`| all | ${((100 * all.d) / (all.d + all.u)).toFixed(1)} % | ${all.d} | ${all.u} | |`);
if (args.includes('--survivors')) for (const s of survivors) console.log(`- ${s.replace(/\s+/g, ' ')}`);
