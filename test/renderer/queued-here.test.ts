import { describe, expect, it } from 'vitest';
import { createQueuedHere } from '../../src/renderer/components/queued-here.ts';

const read = (...uris: string[]) => uris.map((uri) => ({ uri }));

describe('queuedHere: the Queue panel reads again while a song added here is missing', () => {
  it('reads again only while something added here is missing', () => {
    const queued = createQueuedHere(3);
    expect(queued.shouldReread(read('a'))).toBe(false); // nothing added here
    queued.note('x');
    expect(queued.shouldReread(read('a'))).toBe(true); // Spotify's answer lags
    expect(queued.shouldReread(read('a', 'x'))).toBe(false); // it shows
    expect(queued.shouldReread(read('a'))).toBe(false); // no longer waited for
  });

  it('stops after its re-reads run out, and forgets the song', () => {
    const queued = createQueuedHere(2);
    queued.note('x');
    expect(queued.shouldReread(read())).toBe(true);
    expect(queued.shouldReread(read())).toBe(true);
    expect(queued.shouldReread(read())).toBe(false);
    expect(queued.shouldReread(read())).toBe(false);
  });

  it('gives every add its own re-reads, after one that showed and after one that ran out', () => {
    const queued = createQueuedHere(2);
    queued.note('x');
    expect(queued.shouldReread(read())).toBe(true);
    expect(queued.shouldReread(read('x'))).toBe(false);
    // The next add (the first used one re-read) gets both.
    queued.note('y');
    expect(queued.shouldReread(read('x'))).toBe(true);
    expect(queued.shouldReread(read('x'))).toBe(true);
    expect(queued.shouldReread(read('x'))).toBe(false); // ran out
    // And the one after that, too.
    queued.note('z');
    expect(queued.shouldReread(read())).toBe(true);
    expect(queued.shouldReread(read())).toBe(true);
    expect(queued.shouldReread(read('z'))).toBe(false);
  });

  it('a new add during a wait starts the allowance again', () => {
    const queued = createQueuedHere(2);
    queued.note('x');
    expect(queued.shouldReread(read())).toBe(true);
    expect(queued.shouldReread(read())).toBe(true);
    queued.note('y');
    expect(queued.shouldReread(read())).toBe(true);
    expect(queued.shouldReread(read('x'))).toBe(true); // y is still missing
    expect(queued.shouldReread(read('x'))).toBe(false);
  });
});
