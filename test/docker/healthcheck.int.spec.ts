import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

// docker/healthcheck.mjs, the image's HEALTHCHECK, run as Docker runs it (exit status), against ports
// that answer like the API, the projector, or nothing.
const script = join(process.cwd(), 'docker', 'healthcheck.mjs');

async function listen(status: number): Promise<{ server: Server; port: string }> {
  const server = createServer((req, res) => {
    res.statusCode = req.url === '/health/live' ? status : 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: String((server.address() as AddressInfo).port) };
}

/** A port nothing listens on: one just released. */
async function closedPort(): Promise<string> {
  const { server, port } = await listen(200);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function probe(env: Record<string, string>): Promise<number | null> {
  // Asynchronous: the servers answering the probe run in this process.
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore',
    });
    child.on('exit', (code) => resolve(code));
  });
}

describe('docker/healthcheck.mjs (the image HEALTHCHECK)', () => {
  it('is healthy in a projector container: PROJECTOR_PORT answers, no PORT is set', async () => {
    const { server, port } = await listen(204);
    try {
      expect(await probe({ PROJECTOR_PORT: port })).toBe(0);
    } finally {
      server.close();
    }
  });

  it('is healthy in an API container: PORT answers', async () => {
    const { server, port } = await listen(200);
    try {
      expect(await probe({ PORT: port, PROJECTOR_PORT: await closedPort() })).toBe(0);
    } finally {
      server.close();
    }
  });

  it('is unhealthy when nothing answers, or the process answers with an error', async () => {
    expect(await probe({ PORT: await closedPort(), PROJECTOR_PORT: await closedPort() })).toBe(1);
    const { server, port } = await listen(503);
    try {
      expect(await probe({ PORT: port, PROJECTOR_PORT: await closedPort() })).toBe(1);
    } finally {
      server.close();
    }
    expect(spawnSync(process.execPath, ['--check', script]).status).toBe(0);
  });
});
