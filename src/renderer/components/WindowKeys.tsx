import type { JSX } from 'preact';
import type { DesktopPlatform } from '../../shared/app-state.ts';
import { windowKeys } from '../keyboard.ts';

/** Settings › Keys in this window: generated from keyboard.ts, so the list is what the keys do. */
export function WindowKeys({ platform }: { platform: DesktopPlatform }): JSX.Element {
  return (
    <>
      <p class="field-note">
        While the mini-player has the focus (not while you type in a box or a menu is open):
      </p>
      <table class="window-keys" data-testid="window-keys">
        <tbody>
          {windowKeys(platform).map(({ keys, does }) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
