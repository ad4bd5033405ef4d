import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ViolationSource } from './contract-guard.js';

/**
 * The published contract (libs/api-client/openapi.json) as a checker of answers: every answer an e2e
 * suite receives goes through `check` (startTestApp installs it on the app), so the code and the spec
 * cannot drift apart unnoticed. An answer breaks the contract when its route is not in the spec, its
 * status is not declared for the route, its media type is not the declared one, or its body does not
 * match the declared schema (the response schemas forbid fields they do not name).
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface Answer {
  method: string;
  /** The route as the router matched it, in OpenAPI form (`/clusters/{clusterId}`), or null when none did. */
  route: string | null;
  status: number;
  contentType: string | undefined;
  body: string;
}

const BASE = 'https://thi-dua-ledger.local/openapi.json';

export function loadPublishedDocument(): OpenApiDocument {
  const require = createRequire(import.meta.url);
  return JSON.parse(
    readFileSync(require.resolve('@thidua/api-client/openapi.json'), 'utf8'),
  ) as OpenApiDocument;
}

export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument = loadPublishedDocument()) {
    this.ajv.addSchema({ $id: BASE, components: document.components });
  }

  /** What is wrong with an answer ([] when it keeps the contract). */
  check(answer: Answer): string[] {
    const where = `${answer.method} ${answer.route ?? '(no route)'} → ${answer.status}`;
    // No route matched (an unknown path): the API's error shape is all that can be promised.
    if (answer.route === null) {
      return answer.status >= 400
        ? this.problems(where, 'ErrorBody', answer)
        : [`${where}: no route but not an error`];
    }
    const operation = this.document.paths[answer.route]?.[answer.method.toLowerCase()];
    if (!operation) return [`${where}: the published spec has no such operation`];
    const response = operation.responses[String(answer.status)];
    if (!response) {
      const declared = Object.keys(operation.responses).join(', ');
      return [
        `${where}: status ${answer.status} is not declared for ${operation.operationId} (declared: ${declared})`,
      ];
    }
    const mediaType = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const content = response.content;
    if (!content) return answer.body === '' ? [] : [`${where}: a body where the spec declares none`];
    const media = content[mediaType];
    if (!media)
      return [
        `${where}: media type "${mediaType}" where the spec declares ${Object.keys(content).join(', ')}`,
      ];
    if (mediaType !== 'application/json') return [];
    return this.validate(where, JSON.stringify(media.schema), answer.body);
  }

  /** A value against one named schema of the spec (e.g. each `data:` of the live-update stream). */
  checkSchema(name: string, value: unknown): string[] {
    return this.validate(
      `schema ${name}`,
      JSON.stringify({ $ref: `#/components/schemas/${name}` }),
      JSON.stringify(value),
    );
  }

  private problems(where: string, schema: string, answer: Answer): string[] {
    return this.validate(where, JSON.stringify({ $ref: `#/components/schemas/${schema}` }), answer.body);
  }

  private validate(where: string, schemaText: string, body: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where}: the body is not JSON: ${body.slice(0, 200)}`];
    }
    let validate = this.compiled.get(schemaText);
    if (!validate) {
      const schema = JSON.parse(schemaText.replaceAll('"#/components/', `"${BASE}#/components/`)) as object;
      validate = this.ajv.compile(schema);
      this.compiled.set(schemaText, validate);
    }
    if (validate(value)) return [];
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
    return [`${where}: the body does not match the spec: ${errors.join('; ')}`];
  }
}

let shared: Contract | undefined;
/** The published spec, compiled once per test file. */
export function publishedContract(): Contract {
  return (shared ??= new Contract());
}

/** Routes the answers of which are not part of the API contract: the documentation itself, the console's files. */
const OUTSIDE_CONTRACT = /^\/(docs(-json|\/|$)|console(\/|$))/;

/** Collects contract violations of one app; the suite fails when any is left (test/support/contract-guard.ts). */
export class ContractMonitor implements ViolationSource {
  private violations: string[] = [];

  constructor(
    private readonly contract: Contract,
    /** Routes of test-only controllers a suite mounts (`METHOD /path` in OpenAPI form): not in the spec. */
    private readonly exempt: ReadonlySet<string> = new Set(),
  ) {}

  observe(answer: Answer): void {
    if (answer.method === 'OPTIONS') return; // CORS preflight, answered by @fastify/cors before any route
    if (answer.route !== null && OUTSIDE_CONTRACT.test(answer.route)) return;
    if (answer.route !== null && this.exempt.has(`${answer.method} ${answer.route}`)) return;
    this.violations.push(...this.contract.check(answer));
  }

  /** The violations seen since the last call. */
  take(): string[] {
    const taken = this.violations;
    this.violations = [];
    return taken;
  }
}
