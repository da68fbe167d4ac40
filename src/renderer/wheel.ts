/**
 * Mouse-wheel volume: one step per notch. A mouse sends one event of about 100 px per notch; a touchpad
 * sends many small ones, which add up until they make a notch's worth. At most one step per event, so a
 * fast flick does not jump the volume.
 */

/** The bits of a WheelEvent the stepper reads (tests pass plain objects). */
export interface WheelInput {
  readonly deltaY: number;
  /** 0: pixels, 1: lines, 2: pages (WheelEvent.DOM_DELTA_*). */
  readonly deltaMode: number;
}

/** Pixels that count as one notch (Chromium sends 100 per notch at 100 % zoom, some mice 53). */
export const WHEEL_NOTCH_PX = 50;
const LINE_PX = 40;
const PAGE_PX = 400;

/** +1 (wheel up: louder), -1 (down: softer) or 0 (not a notch yet), per event. */
export type WheelStep = -1 | 0 | 1;

export function createWheelStepper(notchPx = WHEEL_NOTCH_PX): (input: WheelInput) => WheelStep {
  let pending = 0;
  return ({ deltaY, deltaMode }) => {
    const px = deltaY * (deltaMode === 1 ? LINE_PX : deltaMode === 2 ? PAGE_PX : 1);
    if (!Number.isFinite(px) || px === 0) return 0;
    // A change of direction starts afresh: what was scrolled the other way is not owed.
    if (Math.sign(px) !== Math.sign(pending)) pending = 0;
    pending += px;
    if (Math.abs(pending) < notchPx) return 0;
    const step: WheelStep = pending < 0 ? 1 : -1;
    pending = 0;
    return step;
  };
}
