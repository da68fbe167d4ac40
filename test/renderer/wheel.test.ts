import { describe, expect, it } from 'vitest';
import { createWheelStepper, WHEEL_NOTCH_PX } from '../../src/renderer/wheel.ts';

const px = (deltaY: number) => ({ deltaY, deltaMode: 0 });

describe('createWheelStepper: one volume step per wheel notch', () => {
  it('a mouse notch is one step: up is louder, down softer', () => {
    const step = createWheelStepper();
    expect(step(px(-100))).toBe(1);
    expect(step(px(100))).toBe(-1);
    expect(step({ deltaY: -3, deltaMode: 1 })).toBe(1); // three lines
    expect(step({ deltaY: 1, deltaMode: 2 })).toBe(-1); // a page
  });

  it('never more than one step per event, however far one event goes', () => {
    const step = createWheelStepper();
    expect(step(px(-1_000))).toBe(1);
    expect(step(px(-1))).toBe(0); // nothing owed from the big one
  });

  it('a touchpad’s small deltas add up to a notch', () => {
    const step = createWheelStepper();
    const steps = Array.from({ length: 10 }, () => step(px(-(WHEEL_NOTCH_PX / 5))));
    expect(steps.filter((s) => s === 1)).toHaveLength(2);
    expect(steps.filter((s) => s !== 0 && s !== 1)).toHaveLength(0);
  });

  it('a change of direction starts afresh; sideways or empty events do nothing', () => {
    const step = createWheelStepper();
    expect(step(px(-40))).toBe(0);
    expect(step(px(40))).toBe(0);
    expect(step(px(10))).toBe(-1); // 50 down since the turn
    expect(step(px(0))).toBe(0);
    expect(step(px(Number.NaN))).toBe(0);
  });
});
