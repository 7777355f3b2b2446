import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from '../../web/src/api/client.js';

/**
 * In the China stacks CloudFront's distribution-wide error rule turns an API 403 into the site's
 * index.html with 200 (docs/deploy.md §11); the client must still see a 403, never "success".
 */
afterEach(() => vi.unstubAllGlobals());

const answer = (status: number, contentType: string, body: string) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, headers: { 'content-type': contentType } })),
  );

describe('the API client', () => {
  it('reads an HTML 200 under /v1 (the China app shell standing in for an API 403) as a 403', async () => {
    answer(200, 'text/html; charset=utf-8', '<!doctype html><title>学时通</title>');
    const err = await request('GET', '/v1/people').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it("returns JSON answers as they are and keeps the API's own errors", async () => {
    answer(200, 'application/json', '{"items":[]}');
    expect(await request('GET', '/v1/people')).toEqual({ items: [] });
    answer(404, 'application/json', '{"error":{"code":"not_found","message":"资源不存在","details":[]}}');
    await expect(request('GET', '/v1/people/x')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});
