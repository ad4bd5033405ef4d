/** Test tooling shared by every package (never imported by production code). */
export { transpileForNode } from './transpile-for-node.js';
