import type { SimRequest, SimResponse } from './http.ts';

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** One entry of the route table. `pattern` uses OpenAPI syntax: `/v1/playlists/{playlist_id}/items`. */
export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: Route;
  segments: string[];
  paramCount: number;
}

/** A small route table: method + path pattern → handler. Literal segments win over parameters. */
export class Router {
  readonly #routes: CompiledRoute[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) {
      const segments = route.pattern.split('/').slice(1);
      const paramCount = segments.filter(isParam).length;
      this.#routes.push({ route: { ...route, method: route.method.toUpperCase() }, segments, paramCount });
    }
    this.#routes.sort((a, b) => a.paramCount - b.paramCount);
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').slice(1);
    const allowed: string[] = [];
    for (const { route, segments } of this.#routes) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const part = parts[i] as string;
    if (isParam(segment)) {
      if (part === '') return undefined;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}
