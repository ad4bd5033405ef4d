import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { CORE_SCHEMA, load as loadYaml, mergeTag } from 'js-yaml';

// The compose files and the image cannot be run here (no Docker engine): these tests read them and check
// what can be checked without one. README, "Production", says they were never run.
const docker = join(process.cwd(), 'docker');
const read = (file: string): string => readFileSync(join(docker, file), 'utf8');
// Compose files use merge keys (`<<: *app`), which YAML 1.2's core schema leaves out.
const load = (text: string): unknown => loadYaml(text, { schema: CORE_SCHEMA.withTags(mergeTag) });

interface Service {
  image?: string;
  ports?: string[];
  environment?: Record<string, string | number>;
  deploy?: { replicas?: number };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
const compose = load(read('compose.yml')) as { services: Record<string, Service> };
const cluster = load(read('compose.esdb-cluster.yml')) as { services: Record<string, Service> };
const { services } = compose;

describe('docker/Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('checks the health of the process the container runs, the API or the projector', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*CMD \["node", "docker\/healthcheck\.mjs"\]$/m);
    expect(dockerfile).toMatch(/^COPY docker\/healthcheck\.mjs docker\/healthcheck\.mjs$/m);
    // The projector's container sets PROJECTOR_PORT and no PORT: the probe must look there too.
    expect(services['projector']?.environment?.['PORT']).toBeUndefined();
    expect(read('healthcheck.mjs')).toContain('process.env.PROJECTOR_PORT');
  });
});

describe('docker/compose.yml', () => {
  it('publishes no fixed port on a service that runs several replicas, and puts a proxy in front of the API', () => {
    for (const [name, service] of Object.entries(services)) {
      if ((service.deploy?.replicas ?? 1) > 1) expect([name, service.ports ?? []]).toEqual([name, []]);
    }
    expect(services['api']?.deploy?.replicas).toBe(3);
    expect(services['api']?.environment?.['TRUST_PROXY']).toBe('1');
    const proxy = services['proxy'] as Service;
    expect(proxy.ports).toEqual(['3000:3000']);
    expect(proxy.volumes).toEqual(['./nginx.conf:/etc/nginx/conf.d/default.conf:ro']);
    expect(proxy.depends_on).toEqual({ api: { condition: 'service_healthy' } });
  });

  it('gives the API replicas and the projector one person-key file, on the volume they share', () => {
    for (const name of ['api', 'projector']) {
      const service = services[name] as Service;
      expect([name, service.environment?.['PERSON_KEYS_FILE']]).toEqual([name, '/data/person-keys.sqlite']);
      expect([name, service.volumes]).toEqual([name, ['keys:/data']]);
    }
  });

  it('has nginx spread requests over every API replica, re-resolved while running, with the client address it saw', () => {
    const conf = read('nginx.conf').replace(/#.*$/gm, '');
    expect(conf).toMatch(/resolver 127\.0\.0\.11\b/);
    expect(conf).toMatch(/upstream api \{\s*zone api \S+;\s*server api:3000 resolve;\s*\}/);
    expect(conf).toMatch(/listen 3000;/);
    expect(conf).toMatch(/proxy_pass http:\/\/api;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    // `resolve` in open-source nginx needs 1.27.3 or later.
    const [major, minor] = (services['proxy']?.image ?? '')
      .replace(/^nginx:/, '')
      .split(/[.-]/)
      .map(Number);
    expect((major as number) * 100 + (minor as number)).toBeGreaterThanOrEqual(127);
  });

  describe('the MongoDB healthcheck', () => {
    const script = (services['mongo']?.healthcheck?.test ?? []).at(-1) as string;

    /** Runs the healthcheck's mongosh script against a replica-set state; the exit code mongosh would give. */
    function exitCode(state: 'uninitialised' | 'secondary' | 'primary' | 'unreachable') {
      const initiated: unknown[] = [];
      let code: number | undefined;
      class Quit extends Error {}
      const sandbox = {
        rs: {
          status: () => {
            if (state === 'uninitialised')
              throw Object.assign(new Error('no replset config'), { codeName: 'NotYetInitialized' });
            if (state === 'unreachable')
              throw Object.assign(new Error('connect ECONNREFUSED'), { codeName: undefined });
            return { ok: 1 };
          },
          initiate: (config: unknown) => {
            initiated.push(config);
            return { ok: 1 };
          },
        },
        db: { hello: () => ({ isWritablePrimary: state === 'primary' }) },
        quit: (c = 0) => {
          code = c;
          throw new Quit();
        },
      };
      try {
        runInNewContext(script, sandbox);
        code ??= 0; // mongosh exits 0 when the script ends without quit()
      } catch (error) {
        if (!(error instanceof Quit)) code ??= 1; // an uncaught error: mongosh exits 1
      }
      return { code, initiated };
    }

    it('initiates the replica set on the first run and is healthy only once this member is primary', () => {
      expect(exitCode('uninitialised')).toEqual({
        code: 1,
        initiated: [{ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] }],
      });
      expect(exitCode('secondary')).toEqual({ code: 1, initiated: [] });
      expect(exitCode('unreachable').code).toBe(1);
      expect(exitCode('primary')).toEqual({ code: 0, initiated: [] });
    });

    it('names the replica set the application connects to', () => {
      const uri = String(services['api']?.environment?.['MONGODB_URI'] ?? '');
      expect(uri).toContain('replicaSet=rs0');
      expect(services['mongo']).toMatchObject({ command: ['--replSet', 'rs0', '--bind_ip_all'] });
    });
  });

  it('pins every image to a release line, never latest', () => {
    const images = [...Object.values(services), ...Object.values(cluster.services)]
      .map((s) => s.image)
      .filter((image): image is string => image !== undefined && image !== 'thi-dua-ledger:local');
    expect(new Set(images)).toEqual(
      new Set(['eventstore/eventstore:24.10', 'mongo:8.0', 'nginx:1.30-alpine']),
    );
    const from = [...read('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(new Set(from)).toEqual(new Set(['node:20-bookworm-slim']));
  });
});
