import type { ControlState } from '../shared/player-controls.ts';

/**
 * A control's `disabled` with its reason: `title` (the tooltip, and the accessible description of a
 * control named by aria-label) and `aria-description` (ARIA 1.3, which Preact's types do not list yet).
 */
export function disabledProps(state: ControlState): {
  disabled: boolean;
  title: string | undefined;
  'aria-description'?: string;
} {
  if (state.enabled || state.reason === null) return { disabled: !state.enabled, title: undefined };
  return { disabled: true, title: state.reason, 'aria-description': state.reason };
}
