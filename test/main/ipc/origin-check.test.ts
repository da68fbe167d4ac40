import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, createOriginCheck, rendererOrigins } from '../../../src/main/ipc/origin-check.ts';

describe('createOriginCheck', () => {
  const check = createOriginCheck(rendererOrigins({ devServerUrl: 'http://localhost:5173' }));

  it.each([
    'app://traytune/index.html',
    'app://traytune/',
    'app://traytune/index.html?view=mini#/settings',
    'http://localhost:5173/',
    'http://localhost:5173/index.html#x',
    'http://LOCALHOST:5173/',
  ])('trusts %s', (url) => {
    expect(check(url)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'traytune',
    'app://traytune.evil.example/',
    'app://evil.traytune/',
    'app://traytune:444/',
    'app://evil@traytune/',
    'app://traytune@evil/',
    'app:traytune',
    'app:///traytune/index.html',
    'apps://traytune/',
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://127.0.0.1:5173/',
    'http://user:pw@localhost:5173/',
    'https://evil.example/',
    'file://evil',
    'file:///tmp/evil.html',
    'file://localhost/index.html',
    'blob:app://traytune/0e8b3c1a',
    'data:text/html,<script>1</script>',
    'about:blank',
    'javascript:alert(1)',
    'devtools://devtools/bundled/index.html',
    'chrome-extension://abc/',
  ])('refuses %s', (url) => {
    expect(check(url)).toBe(false);
  });

  it('trusts a file: entry for that file only', () => {
    const fileCheck = createOriginCheck(['file:///opt/Traytune/resources/renderer/index.html']);
    expect(fileCheck('file:///opt/Traytune/resources/renderer/index.html')).toBe(true);
    expect(fileCheck('file:///opt/Traytune/resources/renderer/index.html#/settings')).toBe(true);
    expect(fileCheck('file:///opt/Traytune/resources/renderer/other.html')).toBe(false);
    expect(fileCheck('file:///tmp/index.html')).toBe(false);
    expect(fileCheck('file://evil/opt/Traytune/resources/renderer/index.html')).toBe(false);
    expect(fileCheck('app://traytune/index.html')).toBe(false);
  });

  it.each([
    'not a url',
    'app://traytune/index.html',
    'http://localhost:5173/app',
    'http://localhost:5173/?x=1',
    'http://u:p@localhost:5173',
    'app:traytune',
    'data:text/html,x',
    'file://host/index.html',
  ])('rejects the misconfigured allowed origin %s', (entry) => {
    expect(() => createOriginCheck([entry])).toThrow(TypeError);
  });

  it('trusts nothing with an empty list', () => {
    expect(createOriginCheck([])(`${APP_ORIGIN}/index.html`)).toBe(false);
  });
});

describe('rendererOrigins', () => {
  it('is the app origin alone without a dev server', () => {
    expect(rendererOrigins()).toEqual([APP_ORIGIN]);
    expect(rendererOrigins({ devServerUrl: undefined })).toEqual([APP_ORIGIN]);
    expect(rendererOrigins({ devServerUrl: '' })).toEqual([APP_ORIGIN]);
  });

  it.each([
    ['http://localhost:5173', 'http://localhost:5173'],
    ['http://localhost:5173/', 'http://localhost:5173'],
    ['http://127.0.0.1:5174/', 'http://127.0.0.1:5174'],
    ['https://[::1]:5173', 'https://[::1]:5173'],
  ])('adds the loopback dev server %s', (devServerUrl, origin) => {
    expect(rendererOrigins({ devServerUrl })).toEqual([APP_ORIGIN, origin]);
  });

  it.each([
    'http://evil.example:5173',
    'http://192.168.1.2:5173',
    'file:///tmp/index.html',
    'ws://localhost:5173',
    'x',
  ])('refuses the dev server %s', (devServerUrl) => {
    expect(() => rendererOrigins({ devServerUrl })).toThrow(/ELECTRON_RENDERER_URL/);
  });
});
