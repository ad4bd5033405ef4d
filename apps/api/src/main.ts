import { isStorageError } from '@thidua/event-store';
import { ConfigError, loadConfig } from './config/app-config.js';
import { createApp } from './bootstrap.js';
import { createLogger } from './logging/logger.js';

/** `npm start`: the API on PORT (default 3000), embedded SQLite under DATA_DIR unless configured otherwise. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  // Logged whatever LOG_LEVEL says: with PORT=0 this line is the only way to learn the port the OS chose.
  createLogger({ level: 'info' }).info({ url: await app.getUrl() }, 'listening');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else if (isStorageError(error)) {
    // The file and the cause are the whole story (a read-only or full data directory): no stack.
    process.stderr.write(`failed to start: ${(error as Error).message}\n`);
  } else {
    process.stderr.write(
      `failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
