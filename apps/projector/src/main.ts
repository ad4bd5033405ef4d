import { ConfigError, loadConfig } from '../../api/src/config/app-config.js';
import { createProjector } from './projector.js';

/** `npm run start:projector`: projections only; /health and /metrics on PROJECTOR_PORT (default 3001). */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createProjector(config);
  await app.listen(config.projectorPort, config.host);
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
