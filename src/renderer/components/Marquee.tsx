import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** Scrolling speed of a long line, and the pause at each end (CSS keyframes hold 15 % at each end). */
const PX_PER_SECOND = 40;
const MIN_SECONDS = 4;

/**
 * One line of text, cut with an ellipsis when too long for its box. When it is cut, it says so in
 * `data-overflow`, with how far to scroll (`--marquee-shift`) and for how long (`--marquee-duration`):
 * the stylesheet scrolls it while the enclosing `.marquee-host` is hovered or focused, and shows it
 * wrapped instead under `prefers-reduced-motion`. The full text is the host's tooltip.
 */
export function Marquee({
  text,
  class: className,
  testId,
}: {
  text: string;
  class: string;
  testId?: string;
}): JSX.Element {
  const box = useRef<HTMLSpanElement>(null);
  const line = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    const element = box.current;
    const inner = line.current;
    if (element === null || inner === null) return;
    // Set through the CSSOM (the CSP allows that; a style attribute it would refuse).
    const measure = (): void => {
      // The text's own width (offsetWidth ignores the scrolling transform), against the box's.
      const overflow = inner.offsetWidth - element.clientWidth;
      if (overflow > 1) {
        element.dataset['overflow'] = 'true';
        element.style.setProperty('--marquee-shift', `${-overflow}px`);
        const seconds = Math.max(MIN_SECONDS, overflow / PX_PER_SECOND / 0.7);
        element.style.setProperty('--marquee-duration', `${seconds.toFixed(1)}s`);
      } else {
        delete element.dataset['overflow'];
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [text]);

  return (
    <span ref={box} class={`marquee ${className}`} data-testid={testId}>
      <span ref={line} class="marquee-text">
        {text}
      </span>
    </span>
  );
}
