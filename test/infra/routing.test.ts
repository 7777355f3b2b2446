import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/deps.js';
import { createApp, ROUTE_GROUPS, type RouteGroup } from '../../functions/http/app.js';
import { EXCEL_ROUTES } from '../../infra/constructs/api.js';

/**
 * API Gateway sends EXCEL_ROUTES to the Excel function and everything else to the core function;
 * each function's app serves one route group (functions/http/app.ts). These checks keep the two
 * lists in step: a new .xlsx route, or a core route under an Excel path, fails here rather than as
 * a 404 in production.
 */

// Building the app reads only these; no route runs here.
const deps = {
  config: { tenant: '430100', release: { version: 'dev', commit: 'unknown' } },
  tokens: { verify: () => Promise.reject(new Error('unused')) },
  log: console,
} as unknown as AppDeps;

/** The routes an app serves, once each (Hono lists a route's middleware as entries of their own), `:param` as `{param}`. */
function served(groups: readonly RouteGroup[]) {
  const keys = new Set(
    createApp(deps, { groups })
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
  );
  return [...keys].map((k) => ({ method: k.split(' ')[0]!, path: k.split(' ')[1]! }));
}

/** Whether API Gateway would send this route to the Excel function (path variables match one segment, `{proxy+}` the rest). */
function toExcel(route: { method: string; path: string }) {
  // A concrete path for the route: every variable becomes one segment.
  const path = route.path.replace(/\{\w+\}/g, 'x');
  return EXCEL_ROUTES.some((r) => {
    const pattern = new RegExp(
      `^${r.path
        .replace(/\./g, '\\.')
        .replace(/\{proxy\+\}/, '.+')
        .replace(/\{\w+\}/g, '[^/]+')}$`,
    );
    return r.methods.some((m) => m === route.method) && pattern.test(path);
  });
}

describe('route groups and API Gateway routing', () => {
  const docPaths = (groups: readonly RouteGroup[]) =>
    Object.keys(createApp(deps, { groups }).getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } }).paths ?? {});

  it('sends every route of the Excel group to the Excel function', () => {
    const excel = served(['excel']).filter((r) => r.path !== '/v1/openapi.json');
    expect(excel.length).toBeGreaterThanOrEqual(7); // six import routes and the unit summary
    expect(excel.filter((r) => !toExcel(r))).toEqual([]);
  });

  it('sends no core route to the Excel function', () => {
    const core = served(['core']);
    expect(core.length).toBeGreaterThan(20);
    expect(core.filter(toExcel)).toEqual([]);
  });

  it('serves every route in exactly one group, and the default app serves them all', () => {
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    const core = served(['core']).map(key);
    const excel = served(['excel'])
      .map(key)
      .filter((k) => k !== 'GET /v1/openapi.json');
    expect(core.filter((k) => excel.includes(k))).toEqual([]);
    expect(served(ROUTE_GROUPS).map(key).sort()).toEqual([...core, ...excel].sort());
    expect(createApp(deps).routes.length).toBe(createApp(deps, { groups: ROUTE_GROUPS }).routes.length);
  });

  it("documents every route in each function's /v1/openapi.json, whichever group it serves", () => {
    const all = docPaths(ROUTE_GROUPS);
    expect(all).toEqual(expect.arrayContaining(['/v1/imports', '/v1/units/{unitId}/summary.xlsx', '/v1/health']));
    expect(docPaths(['core']).sort()).toEqual([...all].sort());
    expect(docPaths(['excel']).sort()).toEqual([...all].sort());
  });
});
