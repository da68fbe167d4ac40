import type { ControlState } from '../shared/player-controls.ts';

/**
 * A control's `disabled` with its tooltip: the reason while disabled (also the accessible description,
 * as `aria-description`, ARIA 1.3, which Preact's types do not list yet), else `tooltip` (what the
 * control does, for icon buttons whose name is only an aria-label).
 */
export function disabledProps(
  state: ControlState,
  tooltip?: string,
): {
  disabled: boolean;
  title: string | undefined;
  'aria-description'?: string;
} {
  if (state.enabled || state.reason === null) return { disabled: !state.enabled, title: tooltip };
  return { disabled: true, title: state.reason, 'aria-description': state.reason };
}
