import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs as dist/bench/src/util/paths.js). */
export const repoRoot = path.resolve(here, '../../../..');
/** Compiled bench scripts (children are started from here). */
export const benchDist = path.resolve(here, '..');
export const resultsDir = path.join(repoRoot, 'bench', 'results');
export const peerDir = path.join(repoRoot, 'bench', 'peer');
