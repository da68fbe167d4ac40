import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installsNeedRoot, linuxPackageType } from '../../src/main/desktop/package-type.ts';

describe.skipIf(process.platform !== 'linux')('the Linux package type electron-builder records', () => {
  let resources: string;
  beforeAll(async () => {
    resources = await mkdtemp(join(tmpdir(), 'traytune-resources-'));
  });
  afterAll(() => rm(resources, { recursive: true, force: true }));

  it('is read from resources/package-type; an AppImage or tar.gz has none', async () => {
    expect(linuxPackageType(resources)).toBeNull();
    await writeFile(join(resources, 'package-type'), 'deb\n');
    expect(linuxPackageType(resources)).toBe('deb');
  });
});

describe('which installs need root', () => {
  it('deb, rpm and pacman do; the AppImage, tar.gz, macOS and Windows do not', () => {
    expect(['deb', 'rpm', 'pacman', null, 'AppImage'].map(installsNeedRoot)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
