/**
 * Whether a development run of Electron on Linux has to go without Chromium's sandbox. Chromium sandboxes
 * its renderers with unprivileged user namespaces, or else with the setuid helper dist/chrome-sandbox. An
 * unpackaged Electron has neither when:
 *  - Ubuntu ≥ 24.04's AppArmor restricts unprivileged user namespaces
 *    (kernel.apparmor_restrict_unprivileged_userns = 1), or the kernel disables them
 *    (kernel.unprivileged_userns_clone = 0, older Debian), and
 *  - node_modules/electron/dist/chrome-sandbox is not owned by root with mode 4755 (npm cannot do that);
 * Electron then aborts with "The SUID sandbox helper binary was found, but is not configured correctly".
 * Chromium also refuses to run as root with its sandbox. Packaged builds are not affected: the deb and
 * rpm install chrome-sandbox setuid root, and this is only ever used for `npm start` / `npm run dev`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SandboxFacts {
  readonly platform: NodeJS.Platform;
  /** The user's id (undefined on Windows). */
  readonly uid: number | undefined;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns, trimmed (undefined if absent). */
  readonly apparmorRestrictUserns: string | undefined;
  /** /proc/sys/kernel/unprivileged_userns_clone, trimmed (undefined if absent). */
  readonly unprivilegedUsernsClone: string | undefined;
  /** dist/chrome-sandbox's owner and mode (undefined if absent). */
  readonly chromeSandbox: { readonly uid: number; readonly mode: number } | undefined;
  /** dist/chrome-sandbox, as shown in the advice (relative to the project). */
  readonly chromeSandboxPath: string;
}

export type SandboxDecision =
  { readonly noSandbox: false } | { readonly noSandbox: true; readonly why: string; readonly avoid: string };

/** The setuid helper is usable: owned by root, mode 4755. */
function helperConfigured(helper: SandboxFacts['chromeSandbox']): boolean {
  return helper !== undefined && helper.uid === 0 && (helper.mode & 0o7777) === 0o4755;
}

export function sandboxDecision(facts: SandboxFacts): SandboxDecision {
  if (facts.platform !== 'linux') return { noSandbox: false };
  if (facts.uid === 0) {
    return {
      noSandbox: true,
      why: 'you are running as root, and Chromium refuses to start as root with its sandbox',
      avoid: 'run it as a normal user',
    };
  }
  const usernsRestricted = facts.apparmorRestrictUserns === '1' || facts.unprivilegedUsernsClone === '0';
  if (!usernsRestricted || helperConfigured(facts.chromeSandbox)) return { noSandbox: false };
  const path = facts.chromeSandboxPath;
  return {
    noSandbox: true,
    why:
      facts.apparmorRestrictUserns === '1'
        ? `AppArmor restricts unprivileged user namespaces (Ubuntu 24.04 and later) and ${path} is not owned by root with mode 4755`
        : `this kernel disables unprivileged user namespaces and ${path} is not owned by root with mode 4755`,
    avoid: `sudo chown root ${path} && sudo chmod 4755 ${path}`,
  };
}

function readTrimmed(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Reads the facts for `electronDir` (node_modules/electron) on this machine. */
export function readSandboxFacts(electronDir: string, projectDir: string): SandboxFacts {
  const helper = join(electronDir, 'dist', 'chrome-sandbox');
  let chromeSandbox: SandboxFacts['chromeSandbox'];
  try {
    const stats = statSync(helper);
    chromeSandbox = { uid: stats.uid, mode: stats.mode };
  } catch {
    chromeSandbox = undefined;
  }
  return {
    platform: process.platform,
    uid: process.getuid?.(),
    apparmorRestrictUserns: readTrimmed('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    unprivilegedUsernsClone: readTrimmed('/proc/sys/kernel/unprivileged_userns_clone'),
    chromeSandbox,
    chromeSandboxPath: relative(projectDir, helper) || helper,
  };
}
