/**
 * The Web API contract: openapi.yml (OpenAPI 3.0.3) loaded with swagger-parser and checked with Ajv.
 * Maps a concrete request (`GET /v1/playlists/abc/items`) to its operation, validates a response's
 * status and JSON body against the spec, and tells whether a request is one the spec describes.
 */
import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The vendored contract (sonallux/spotify-web-api, MIT: see dev/spotify/LICENSE). */
export const DEFAULT_SPEC_URL = new URL('../spotify/openapi.yml', import.meta.url);
/** Paths in openapi.yml are relative to the server URL `https://api.spotify.com/v1`. */
export const API_BASE_PATH = '/v1';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface ParameterInfo {
  name: string;
  in: string;
  required: boolean;
}

export interface OperationInfo {
  method: string;
  /** As written in openapi.yml, e.g. `/playlists/{playlist_id}/items`. */
  template: string;
  operationId: string | undefined;
  deprecated: boolean;
  parameters: ParameterInfo[];
  /** OAuth scopes listed under `security`. */
  scopes: string[];
}

export interface ResponseToCheck {
  method: string;
  path: string;
  status: number;
  contentType?: string | undefined;
  body: string;
  /**
   * The request filtered the body with `fields`: required properties may be missing, everything present
   * must still conform.
   */
  partial?: boolean;
}

export interface ContractViolation {
  method: string;
  path: string;
  status: number;
  problems: string[];
}

// The slice of a dereferenced OpenAPI 3.0 document this module reads.
type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface ResponseObject {
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  operationId?: string;
  deprecated?: boolean;
  parameters?: Parameter[];
  responses?: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}
type PathItem = Partial<Record<(typeof METHODS)[number], Operation>> & { parameters?: Parameter[] };
interface Document {
  info?: { version?: string };
  paths?: Record<string, PathItem>;
  components?: {
    schemas?: Record<string, Schema>;
    securitySchemes?: Record<string, { flows?: Record<string, { scopes?: Record<string, string> }> }>;
  };
}

interface IndexedOperation {
  info: OperationInfo;
  operation: Operation;
  segments: string[];
  paramCount: number;
}

export class OpenApiContract {
  readonly version: string;
  /** Every OAuth scope the spec's security schemes name. */
  readonly scopes: readonly string[];
  readonly #operations: IndexedOperation[] = [];
  readonly #ajv: Ajv;
  readonly #validators = new WeakMap<object, ValidateFunction>();
  readonly #schemas: Record<string, Schema>;

  /** `document` must be dereferenced (no `$ref` left). Use `loadOpenApiContract` rather than this. */
  constructor(document: Document) {
    rewriteDiscriminators(document);
    this.version = document.info?.version ?? 'unknown';
    this.#schemas = document.components?.schemas ?? {};
    const scopes = new Set<string>();
    for (const scheme of Object.values(document.components?.securitySchemes ?? {})) {
      for (const flow of Object.values(scheme.flows ?? {}))
        for (const scope of Object.keys(flow.scopes ?? {})) scopes.add(scope);
    }
    this.scopes = [...scopes].sort();
    for (const [template, item] of Object.entries(document.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) this.#operations.push(index(template, method, item, operation));
      }
    }
    // Literal segments win over parameters: /me/tracks/contains before /me/tracks/{id}-like templates.
    this.#operations.sort((a, b) => a.paramCount - b.paramCount);
    // OpenAPI 3.0 schemas: `nullable` is built into Ajv; `example`, `x-*` and friends are not JSON Schema.
    this.#ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(this.#ajv);
    this.#ajv.addFormat('base64', /^[A-Za-z0-9+/]*={0,2}$/);
  }

  operations(): OperationInfo[] {
    return this.#operations.map((entry) => entry.info);
  }

  /** The operation for a concrete path, with or without the `/v1` prefix; `undefined` if not described. */
  findOperation(method: string, path: string): OperationInfo | undefined {
    return this.#find(method, path)?.info;
  }

  /** Problems with a request's method, path and query parameter names; empty when the spec describes it. */
  checkRequest(method: string, path: string, queryNames: Iterable<string> = []): string[] {
    const found = this.#find(method, path);
    if (!found) return [`${method.toUpperCase()} ${path} is not described by openapi.yml`];
    const names = new Set(queryNames);
    const query = found.info.parameters.filter((p) => p.in === 'query');
    const problems: string[] = [];
    for (const name of names) {
      if (!query.some((p) => p.name === name)) problems.push(`query parameter "${name}" is not described`);
    }
    for (const p of query)
      if (p.required && !names.has(p.name)) problems.push(`query parameter "${p.name}" is required`);
    return problems;
  }

  /** Whether openapi.yml describes this status (or its `NXX` range, or a default) for the operation. */
  describesStatus(method: string, path: string, status: number): boolean {
    return this.#described(method, path, status) !== undefined;
  }

  /** Problems with a response's status, content type and JSON body; empty when it conforms. */
  validateResponse(response: ResponseToCheck): string[] {
    const found = this.#find(response.method, response.path);
    if (!found) return [`${response.method.toUpperCase()} ${response.path} is not described by openapi.yml`];
    const described = this.#described(response.method, response.path, response.status);
    if (!described) {
      return [`status ${response.status} is not described for ${found.info.method} ${found.info.template}`];
    }
    if (response.status === 204 && response.body !== '') return ['a 204 response must have no body'];
    const content = described.content;
    if (!content) return [];
    const schema = content['application/json']?.schema;
    const type = (response.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!schema)
      return type in content
        ? []
        : [`content type "${type}" is not one of ${Object.keys(content).join(', ')}`];
    if (type !== 'application/json') return [`content type is "${type}", the spec says application/json`];
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return ['body is not valid JSON'];
    }
    const validate = this.#validator(schema);
    if (validate(body)) return [];
    // A partial body: missing required properties are what `fields` asked for. An `if`/`then` error
    // (the discriminator rewrite) only wraps the errors of its branch, which are reported on their own.
    const errors = (validate.errors ?? []).filter(
      (e) => response.partial !== true || (e.keyword !== 'required' && e.keyword !== 'if'),
    );
    return errors.map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}`.trim());
  }

  /** Problems with `value` against a named schema of `components.schemas` (e.g. `ErrorObject`). */
  validateSchema(name: string, value: unknown): string[] {
    const schema = this.#schemas[name];
    if (!schema) return [`openapi.yml has no schema ${name}`];
    const validate = this.#validator(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) =>
      `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}`.trim(),
    );
  }

  #described(method: string, path: string, status: number): ResponseObject | undefined {
    const responses = this.#find(method, path)?.operation.responses ?? {};
    const code = String(status);
    return responses[code] ?? responses[`${code[0]}XX`] ?? responses['default'];
  }

  #validator(schema: Schema): ValidateFunction {
    let validate = this.#validators.get(schema);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#validators.set(schema, validate);
    }
    return validate;
  }

  #find(method: string, path: string): IndexedOperation | undefined {
    const relative =
      path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`)
        ? path.slice(API_BASE_PATH.length)
        : path;
    const parts = relative.split('/').slice(1);
    const upper = method.toUpperCase();
    return this.#operations.find(
      (entry) => entry.info.method === upper && segmentsMatch(entry.segments, parts),
    );
  }
}

const loaded = new Map<string, Promise<OpenApiContract>>();

/** Loads and dereferences openapi.yml once per location. */
export function loadOpenApiContract(source: URL | string = DEFAULT_SPEC_URL): Promise<OpenApiContract> {
  const href = String(source);
  let contract = loaded.get(href);
  if (!contract) {
    contract = (async () => {
      const text = await readFile(source, 'utf8');
      const parsed = parse(text) as Parameters<typeof SwaggerParser.dereference>[0];
      const document = (await SwaggerParser.dereference(parsed)) as Document;
      return new OpenApiContract(document);
    })();
    contract.catch(() => loaded.delete(href));
    loaded.set(href, contract);
  }
  return contract;
}

function index(template: string, method: string, item: PathItem, operation: Operation): IndexedOperation {
  const parameters = new Map<string, ParameterInfo>();
  for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    parameters.set(`${p.in} ${p.name}`, { name: p.name, in: p.in, required: p.required === true });
  }
  const segments = template.split('/').slice(1);
  return {
    info: {
      method: method.toUpperCase(),
      template,
      operationId: operation.operationId,
      deprecated: operation.deprecated === true,
      parameters: [...parameters.values()],
      scopes: [...new Set((operation.security ?? []).flatMap((entry) => Object.values(entry).flat()))],
    },
    operation,
    segments,
    paramCount: segments.filter(isParam).length,
  };
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function segmentsMatch(segments: string[], parts: string[]): boolean {
  return (
    segments.length === parts.length &&
    segments.every((s, i) => (isParam(s) ? parts[i] !== '' : s === parts[i]))
  );
}

/**
 * Ajv cannot use the spec's discriminators (no mapping, and TrackObject has no `type` enum), and a bare
 * `oneOf` rejects episodes, which also satisfy the requirement-free TrackObject. So each
 * `oneOf` + `discriminator` becomes: the property is required and one of the branch values, and the
 * branch it names must validate. A branch's value is its property's single enum/const value, else its
 * `x-spotify-docs-type` without "Object", lower-cased (TrackObject → "track").
 */
function rewriteDiscriminators(node: unknown, seen = new Set<object>()): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  for (const value of Object.values(node)) rewriteDiscriminators(value, seen);
  const schema = node as Schema;
  const property = (schema['discriminator'] as { propertyName?: string } | undefined)?.propertyName;
  const oneOf = schema['oneOf'];
  if (property === undefined || !Array.isArray(oneOf)) return;
  const branches = (oneOf as Schema[]).map((branch) => ({
    branch,
    value: discriminatorValue(branch, property),
  }));
  if (branches.some((b) => b.value === undefined)) return;
  delete schema['oneOf'];
  delete schema['discriminator'];
  schema['allOf'] = [
    ...((schema['allOf'] as Schema[] | undefined) ?? []),
    {
      type: 'object',
      required: [property],
      properties: { [property]: { enum: branches.map((b) => b.value) } },
    },
    ...branches.map((b) => ({ if: { properties: { [property]: { const: b.value } } }, then: b.branch })),
  ];
}

function discriminatorValue(branch: Schema, property: string): string | undefined {
  const candidates = [branch, ...((branch['allOf'] as Schema[] | undefined) ?? [])];
  for (const candidate of candidates) {
    const definition = (candidate['properties'] as Record<string, Schema> | undefined)?.[property];
    const values = definition?.['const'] !== undefined ? [definition['const']] : definition?.['enum'];
    if (Array.isArray(values) && values.length === 1 && typeof values[0] === 'string') return values[0];
  }
  const docsType = branch['x-spotify-docs-type'];
  return typeof docsType === 'string' && /^\w+Object$/.test(docsType)
    ? docsType.slice(0, -'Object'.length).toLowerCase()
    : undefined;
}
