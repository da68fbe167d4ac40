import * as tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import {
  NetworkConfigError,
  parsePacResult,
  proxySettingFromEnv,
  trustedCas,
} from '../../../src/main/net/index.ts';
import { createTestPki } from './certificates.ts';

describe('parsePacResult', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }, []],
    ['PROXY proxy.corp:3128; DIRECT', { kind: 'proxy', url: 'http://proxy.corp:3128' }, []],
    ['HTTPS secure.corp:443', { kind: 'proxy', url: 'https://secure.corp:443' }, []],
    ['SOCKS5 10.0.0.1:1080; DIRECT', { kind: 'proxy', url: 'socks5://10.0.0.1:1080' }, []],
    ['SOCKS 10.0.0.1:1080; DIRECT', { kind: 'direct' }, ['SOCKS']],
    ['QUIC q.corp:443; PROXY p.corp:8080', { kind: 'proxy', url: 'http://p.corp:8080' }, ['QUIC']],
    ['PROXY [::1]:3128', { kind: 'proxy', url: 'http://[::1]:3128' }, []],
    ['  proxy  p.corp:80  ;DIRECT', { kind: 'proxy', url: 'http://p.corp:80' }, []],
    ['', { kind: 'direct' }, []],
    ['PROXY p.corp; DIRECT', { kind: 'direct' }, ['PROXY']],
    ['PROXY p.corp:99999', { kind: 'direct' }, ['PROXY']],
  ])('%j → %j', (answer, route, unsupported) => {
    expect(parsePacResult(answer)).toEqual({ route, unsupported });
  });

  it('never echoes an unreadable entry', () => {
    expect(parsePacResult('http://user:secret@p:1; DIRECT').unsupported).toEqual(['unreadable entry']);
  });
});

describe('proxySettingFromEnv', () => {
  it('TRAYTUNE_PROXY wins, as a URL or a keyword', () => {
    const env = { TRAYTUNE_PROXY: 'http://p.corp:3128', HTTPS_PROXY: 'http://other:1' };
    expect(proxySettingFromEnv(env, 'system')).toBe('http://p.corp:3128');
    expect(proxySettingFromEnv({ TRAYTUNE_PROXY: ' Direct ' }, 'system')).toBe('direct');
    expect(proxySettingFromEnv({ TRAYTUNE_PROXY: 'system', HTTPS_PROXY: 'http://p:1' }, 'env')).toBe(
      'system',
    );
  });

  it('the environment proxy next, then the fallback', () => {
    expect(proxySettingFromEnv({ https_proxy: 'http://p:1' }, 'system')).toBe('env');
    expect(proxySettingFromEnv({ HTTP_PROXY: 'http://p:1' }, 'system')).toBe('env');
    expect(proxySettingFromEnv({ NO_PROXY: '*' }, 'system')).toBe('system');
    expect(proxySettingFromEnv({})).toBe('env');
  });

  it('refuses a TRAYTUNE_PROXY it cannot use, saying what would work', () => {
    expect(() => proxySettingFromEnv({ TRAYTUNE_PROXY: 'proxy.corp:3128' })).toThrow(NetworkConfigError);
    expect(() => proxySettingFromEnv({ TRAYTUNE_PROXY: 'ftp://p.corp:21' })).toThrow(
      'TRAYTUNE_PROXY must be an http://, https:// or socks5:// proxy address with a host, e.g. http://proxy.example:3128.',
    );
  });
});

describe('trustedCas', () => {
  it('keeps Node’s default store when nothing is added', () => {
    expect(trustedCas({ systemCa: false })).toBeUndefined();
  });

  it('adds the OS store and the extra CAs to Node’s default store', async () => {
    const { caCert } = await createTestPki();
    const cas = trustedCas({ ca: [caCert] })!;
    for (const each of tls.getCACertificates('default')) expect(cas).toContain(each);
    for (const each of tls.getCACertificates('system')) expect(cas).toContain(each);
    expect(cas).toContain(caCert);
    expect(new Set(cas).size).toBe(cas.length);
    expect(trustedCas({ ca: [caCert], systemCa: false })).toEqual([
      ...new Set([...tls.getCACertificates('default'), caCert]),
    ]);
  });
});
