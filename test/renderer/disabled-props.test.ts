import { describe, expect, it } from 'vitest';
import { disabledProps } from '../../src/renderer/disabled-props.ts';

describe('disabledProps', () => {
  it('an enabled control: not disabled, no tooltip, no description', () => {
    expect(disabledProps({ enabled: true, reason: null })).toEqual({ disabled: false, title: undefined });
  });

  it('a disabled control carries its reason as the tooltip and the accessible description', () => {
    const reason = 'Spotify does not allow seeking during an ad.';
    expect(disabledProps({ enabled: false, reason })).toEqual({
      disabled: true,
      title: reason,
      'aria-description': reason,
    });
  });
});
