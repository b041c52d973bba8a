import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/helpers/app.ts';
import { webDist } from './web-app.ts';

// npm test builds the web app before the suite runs.
describe('web app serving', () => {
  it('serves the built app at / and for client-side routes, JSON 404s for API paths', async () => {
    expect(webDist, 'web/dist is built by npm test (npm run build:web)').toBeTruthy();
    const app = await testApp();
    for (const url of ['/', '/leads', '/deals/12', '/settings/pipelines']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
    }
    const asset = (await app.inject({ url: '/' })).body.match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeTruthy();
    const js = await app.inject({ url: asset as string });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    for (const url of ['/api/v2/nope', '/v1/nope', '/api/nope', '/%61pi/v2/nope', '//api//nope']) {
      const res = await app.inject({ url, headers: { 'x-api-token': 'x' } });
      expect(res.headers['content-type'], url).toMatch(/application\/json/);
    }
  });
});
