import { describe, expect, it } from 'vitest';
import { disabledProps } from '../../src/renderer/disabled-props.ts';

describe('disabledProps', () => {
  it('an enabled control: not disabled, no tooltip, no description', () => {
    expect(disabledProps({ enabled: true, reason: null })).toEqual({ disabled: false, title: undefined });
  });

  it('an enabled control with a tooltip shows what it does', () => {
    expect(disabledProps({ enabled: true, reason: null }, 'Next track')).toEqual({
      disabled: false,
      title: 'Next track',
    });
  });

  it('a disabled control carries its reason as the tooltip and the accessible description', () => {
    const reason = 'Spotify does not allow seeking during an ad.';
    const expected = { disabled: true, title: reason, 'aria-description': reason };
    expect(disabledProps({ enabled: false, reason })).toEqual(expected);
    // The reason wins over the control's own tooltip: it is what the user needs to know now.
    expect(disabledProps({ enabled: false, reason }, 'Seek')).toEqual(expected);
  });

  it('a disabled control without a reason keeps its tooltip', () => {
    expect(disabledProps({ enabled: false, reason: null }, 'Play')).toEqual({
      disabled: true,
      title: 'Play',
    });
  });
});
