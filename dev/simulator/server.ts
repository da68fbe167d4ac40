import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimClock } from './clock.ts';
import { deviationProblems } from './contract-deviations.ts';
import { webApiError } from './errors.ts';
import { faultResponse, type FaultQueue } from './faults.ts';
import { readBody, text, type SimRequest, type SimResponse } from './http.ts';
import type { ContractViolation, OpenApiContract } from './openapi-contract.ts';
import type { RequestLog } from './request-log.ts';
import type { Router } from './router.ts';
import type { Routed, Traffic } from './traffic.ts';

export interface Pipeline {
  clock: SimClock;
  routes: Router;
  control: Router;
  faults: FaultQueue;
  log: RequestLog;
  contract: OpenApiContract | undefined;
  violations: ContractViolation[];
  /** The profile's traffic rules: rate limit, quota, stale reads, reordering, command answers. */
  traffic: Traffic;
  /** Real-time waits of `delayMs` faults; all cleared on close. */
  timers: Set<NodeJS.Timeout>;
}

/**
 * One request's way through the simulator: control surface, or fault → traffic rules (429s, stale reads,
 * reordering, answer styles; traffic.ts) → route → contract check → log → write. An injected fault that
 * answers skips the traffic rules and counts against no limit; a delay-only fault goes through them.
 * Handlers return a `SimResponse`; only this module writes to the socket.
 */
export function createRequestListener(
  pipeline: Pipeline,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(pipeline, req, res).catch((error: unknown) => {
      console.error('[simulator] request failed:', error);
      res.destroy();
    });
  };
}

async function handle(p: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = p.clock.now();
  // Concatenated, not resolved: a request target like `//x/y` must stay a path, not become a host.
  const url = new URL(`http://simulator${req.url ?? '/'}`);
  const request: SimRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: await readBody(req),
    params: {},
  };
  if (request.path === '/__sim' || request.path.startsWith('/__sim/')) {
    write(res, (await route(p.control, request)).response);
    return;
  }
  const fault = p.faults.take(request.method, request.path);
  if (fault?.delayMs) await delay(p.timers, fault.delayMs);
  if (fault?.reset) {
    p.log.record(request.method, request.path, request.query, 0, at);
    req.socket.destroy();
    return;
  }
  const injected = fault ? faultResponse(fault, request.path) : undefined;
  const { response, matched } = injected
    ? { response: injected, matched: true }
    : await throttledRoute(p, request);
  // A route the simulator lacks (404 "Service not found") is not its answer for a described route.
  if (matched) checkContract(p, request, response, injected !== undefined);
  p.log.record(request.method, request.path, request.query, response.status, at);
  write(res, response);
}

async function throttledRoute(p: Pipeline, request: SimRequest): Promise<Routed> {
  const refusal = p.traffic.admit(request);
  if (refusal)
    return { response: refusal, matched: p.routes.match(request.method, request.path).kind === 'found' };
  return p.traffic.handle(request, (r) => route(p.routes, r));
}

async function route(router: Router, request: SimRequest): Promise<Routed> {
  const match = router.match(request.method, request.path);
  const api = request.path.startsWith('/v1/');
  if (match.kind === 'none') {
    return { matched: false, response: api ? webApiError(404, 'Service not found') : text(404, 'Not found') };
  }
  if (match.kind === 'wrong-method') {
    const response = api ? webApiError(405, 'Method not allowed') : text(405, 'Method not allowed');
    return {
      matched: false,
      response: { ...response, headers: { ...response.headers, allow: match.allowed.join(', ') } },
    };
  }
  try {
    return { matched: true, response: await match.route.handler({ ...request, params: match.params }) };
  } catch (error) {
    console.error(`[simulator] ${request.method} ${request.path} failed:`, error);
    const response = api
      ? webApiError(500, 'Internal simulator error')
      : text(500, 'Internal simulator error');
    return { matched: true, response };
  }
}

/**
 * Every answer on a described Web API route must conform; an injected one only if its status is
 * described. A status the spec leaves out but docs/SPOTIFY.md documents is held to its rules instead.
 */
function checkContract(p: Pipeline, request: SimRequest, response: SimResponse, injected: boolean): void {
  const contract = p.contract;
  if (!contract || !request.path.startsWith('/v1/') || !contract.findOperation(request.method, request.path))
    return;
  const described = contract.describesStatus(request.method, request.path, response.status);
  if (injected && !described) return;
  const deviation = described
    ? undefined
    : deviationProblems(contract, request.method, request.path, response);
  const problems =
    deviation ??
    contract.validateResponse({
      method: request.method,
      path: request.path,
      status: response.status,
      contentType: response.headers['content-type'],
      body: response.body,
      partial: filtersFields(contract, request),
    });
  if (problems.length > 0) {
    p.violations.push({ method: request.method, path: request.path, status: response.status, problems });
  }
}

/** A request with `fields` on an operation that takes it gets a body with only those fields. */
function filtersFields(contract: OpenApiContract, request: SimRequest): boolean {
  if (!request.query.has('fields')) return false;
  const operation = contract.findOperation(request.method, request.path);
  return operation?.parameters.some((p) => p.in === 'query' && p.name === 'fields') === true;
}

function write(res: ServerResponse, response: SimResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

function delay(timers: Set<NodeJS.Timeout>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}
