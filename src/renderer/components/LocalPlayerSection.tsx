import type { JSX } from 'preact';
import type { AppState } from '../../shared/app-state.ts';
import { localPlayerEntry } from '../local-player-status.ts';

/**
 * Settings' "Spotify on this computer": the player Traytune follows (or that none runs), what stands in
 * its way, and how changes reach Traytune. A problem is a plain line, a warning only while it blocks
 * (no account connected: the player here is the only way to play).
 */
export function LocalPlayerSection({ app }: { app: AppState }): JSX.Element {
  const entry = localPlayerEntry(app);
  return (
    <div class="local-player" data-testid="local-player-status">
      {entry.followed !== null ? <p data-testid="local-player-followed">{entry.followed}</p> : null}
      {entry.problem !== null && entry.problem.blocks ? (
        <div class="banner warning" data-testid="local-player-problem">
          <p>{entry.problem.text}</p>
        </div>
      ) : null}
      {entry.problem !== null && !entry.problem.blocks ? (
        <p class="field-note" data-testid="local-player-problem">
          {entry.problem.text}
        </p>
      ) : null}
      {entry.note !== null ? (
        <p class="field-note" data-testid="local-player-note">
          {entry.note}
        </p>
      ) : null}
    </div>
  );
}
