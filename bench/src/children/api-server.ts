/**
 * Child process: the real API (createApp + loadConfig, configured by the environment as `npm start`
 * is), listening on an ephemeral port. Prints `READY {"port":…,"reconcilerMs":…}` once the claim
 * reconciler's startup pass is over (how long READY waited for it). Commands on stdin, one per line:
 *   profile-start            start the V8 CPU profiler (node:inspector)
 *   profile-stop <file>      stop it, write the .cpuprofile, print PROFILED
 *   stop                     close the app and exit
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import type { AddressInfo } from 'node:net';

import { createApp } from '../../../apps/api/src/bootstrap.js';
import { loadConfig } from '../../../apps/api/src/config/app-config.js';
import { ClaimReconciler } from '../../../apps/api/src/features/awards/claim-reconciler.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as AddressInfo;
  // The claim reconciler's startup pass reads the whole log in the background: a figure measured
  // meanwhile would time that pass too. READY waits for it and says how long it took.
  const t0 = performance.now();
  await app.get(ClaimReconciler, { strict: false }).started();
  const reconcilerMs = Math.round(performance.now() - t0);
  process.stdout.write(`READY ${JSON.stringify({ port: address.port, reconcilerMs })}\n`);
  const session = new inspector.Session();
  session.connect();
  let buffer = '';
  let stopping = false;
  process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const [command, arg] = buffer.slice(0, nl).trim().split(' ');
      buffer = buffer.slice(nl + 1);
      if (command === 'profile-start') {
        session.post('Profiler.enable', () => session.post('Profiler.start'));
      } else if (command === 'profile-stop' && arg) {
        session.post('Profiler.stop', (error, result) => {
          if (!error) fs.writeFileSync(arg, JSON.stringify(result.profile));
          process.stdout.write(`PROFILED ${error ? 'failed' : 'ok'}\n`);
        });
      } else if (command === 'stop' && !stopping) {
        stopping = true;
        void app.close().then(() => process.exit(0));
      }
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `api-server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
