import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../../src/renderer/coalesce.ts';

/** A send whose answers the test releases one at a time. */
function controlledSend() {
  const sent: number[] = [];
  const pending: (() => void)[] = [];
  const send = (value: number): Promise<void> => {
    sent.push(value);
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  const answer = async (): Promise<void> => {
    pending.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { sent, send, answer };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('createCoalescer', () => {
  it('keeps one request in flight and sends only the latest value afterwards', async () => {
    const { sent, send, answer } = controlledSend();
    let idle = 0;
    const c = createCoalescer(send, { onIdle: () => idle++ });
    c.push(10);
    await tick();
    c.push(20);
    c.push(30);
    c.push(40);
    expect(sent).toEqual([10]);
    expect(c.busy).toBe(true);
    await answer();
    expect(sent).toEqual([10, 40]);
    expect(idle).toBe(0);
    await answer();
    expect(c.busy).toBe(false);
    expect(idle).toBe(1);
    expect(sent).toEqual([10, 40]);
  });

  it('reports failures and carries on with the queued value', async () => {
    const errors: unknown[] = [];
    const sent: number[] = [];
    let fail = true;
    const c = createCoalescer(
      async (v: number) => {
        sent.push(v);
        await tick();
        if (fail) {
          fail = false;
          throw new Error('nope');
        }
      },
      { onError: (e) => errors.push(e) },
    );
    c.push(1);
    c.push(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    expect(c.busy).toBe(false);
  });

  it('survives a send that throws synchronously', async () => {
    const errors: unknown[] = [];
    const c = createCoalescer(
      (): Promise<void> => {
        throw new Error('sync');
      },
      { onError: (e) => errors.push(e) },
    );
    c.push(1);
    await tick();
    expect(errors).toHaveLength(1);
    expect(c.busy).toBe(false);
  });
});
