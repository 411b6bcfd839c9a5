/**
 * The method and path of every endpoint, taken from the contract's `api` object. The web app ships this small
 * table (generated at build time by the `virtual:cpaudit/routes` module of vite.config.ts) instead of the contract
 * itself, whose zod schemas and core imports would weigh on the first download.
 */
import type { Api, EndpointName, HttpMethod } from '@cpaudit/contract';

export interface Route {
  readonly method: HttpMethod;
  /** Fastify-style path with `:params`. */
  readonly path: string;
}

export type RouteTable = { readonly [N in EndpointName]: Route };

/** Keeps only method and path of each endpoint. */
export function routeTable(endpoints: Api): RouteTable {
  const table: Partial<Record<EndpointName, Route>> = {};
  for (const name of Object.keys(endpoints)) {
    if (isEndpointName(name, endpoints))
      table[name] = { method: endpoints[name].method, path: endpoints[name].path };
  }
  if (!isComplete(table, endpoints)) throw new Error('routeTable: an endpoint is missing');
  return table;
}

function isEndpointName(name: string, endpoints: Api): name is EndpointName {
  return Object.hasOwn(endpoints, name);
}

function isComplete(table: Partial<Record<EndpointName, Route>>, endpoints: Api): table is RouteTable {
  return Object.keys(endpoints).every((name) => Object.hasOwn(table, name));
}
