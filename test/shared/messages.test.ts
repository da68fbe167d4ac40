import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_ERROR_CODES, USER_MESSAGES } from '../../src/shared/messages.ts';

// The catalogue's rule, checked on the sources: a sentence in it is written there only, every place that
// says it reads it from there, and it is in the catalogue because more than one place says it.

const SRC = path.resolve(import.meta.dirname, '../../src');
const CATALOGUE = path.join(SRC, 'shared/messages.ts');

interface Source {
  readonly file: string;
  /** The text with `'…' +\n '…'` concatenations joined, so a sentence split over lines is still found. */
  readonly text: string;
}

function sourcesUnder(dir: string): Source[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|tsx|html)$/.test(name))
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, text: joinConcatenations(readFileSync(file, 'utf8')) }));
}

function joinConcatenations(text: string): string {
  return text.replace(/(['"`])\s*\+\s*\1/g, '');
}

function occurrences(text: string, sentence: string): number {
  return text.split(sentence).length - 1;
}

const sources = sourcesUnder(SRC);
const others = sources.filter((source) => source.file !== CATALOGUE);
const relative = (source: Source): string => path.relative(SRC, source.file);

describe('the message catalogue (src/shared/messages.ts)', () => {
  it('reads the sources it checks, the catalogue among them', () => {
    expect(sources.map(relative)).toContain('shared/messages.ts');
    expect(others.length).toBeGreaterThan(100);
    // The joining finds a sentence the catalogue itself writes over two lines.
    expect(occurrences(sources.find((s) => s.file === CATALOGUE)!.text, USER_MESSAGES.quotaExceeded)).toBe(1);
  });

  it('holds the sign-out sentence, which is written nowhere else in src', () => {
    const sentence = 'You are signed out of Spotify. Sign in to control playback.';
    expect(USER_MESSAGES.signedOut).toBe(sentence);
    const written = sources.filter((source) => occurrences(source.text, sentence) > 0).map(relative);
    expect(written).toEqual(['shared/messages.ts']);
  });

  it.each(Object.entries(USER_MESSAGES))(
    '%s: no other file in src writes the sentence itself',
    (_key, sentence) => {
      const copies = others.filter((source) => occurrences(source.text, sentence) > 0).map(relative);
      expect(copies).toEqual([]);
    },
  );

  it.each(Object.keys(USER_MESSAGES))(
    '%s: is said in more than one place, each reading it from the catalogue',
    (key) => {
      const use = new RegExp(`\\bUSER_MESSAGES\\.${key}\\b`);
      const users = others.filter((source) => use.test(source.text)).map(relative);
      // One user only means the sentence belongs next to that code, not here.
      expect(
        users.length,
        `USER_MESSAGES.${key} is used in ${users.join(', ') || 'no file'}`,
      ).toBeGreaterThan(1);
    },
  );

  it.each(Object.keys(SHARED_ERROR_CODES))('%s: is made or compared on both sides of the IPC line', (key) => {
    const use = new RegExp(`\\bSHARED_ERROR_CODES\\.${key}\\b`);
    const users = others.filter((source) => use.test(source.text)).map(relative);
    expect(users.some((file) => file.startsWith('main/'))).toBe(true);
    expect(users.some((file) => file.startsWith('renderer/'))).toBe(true);
  });

  it('writes each sentence once in the catalogue (two keys for one sentence would be two situations merged)', () => {
    const sentences = Object.values(USER_MESSAGES);
    expect(new Set(sentences).size).toBe(sentences.length);
  });
});
