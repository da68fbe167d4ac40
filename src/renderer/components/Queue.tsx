import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { ListStatus } from './ListStatus.tsx';
import { useLoaded } from './paged.ts';
import { QUEUE_REREAD_MS, queuedHere } from './queued-here.ts';
import { TrackList } from './TrackRow.tsx';

/**
 * What plays now and next, fetched when the panel opens and whenever the track changes. Its rows play on
 * their own (Spotify has no "jump to" in the queue) and have every row action.
 */
export function Queue({ state }: { state: UiState }): JSX.Element {
  const { api } = useServices();
  const currentUri = state.snapshot?.item?.uri ?? null;
  const queue = useLoaded(() => api.library.queue(), currentUri);
  const view = queue.value;

  // A song queued here a moment ago may be missing from Spotify's (lagging) answer: read again.
  useEffect(() => {
    if (view === null || !queuedHere.shouldReread(view.upNext)) return;
    const timer = setTimeout(queue.reload, QUEUE_REREAD_MS);
    return () => clearTimeout(timer);
  }, [view]);
  return (
    <section
      class="panel"
      data-testid="queue-panel"
      aria-labelledby="queue-heading"
      aria-busy={queue.loading ? 'true' : undefined}
    >
      <div class="panel-head">
        <h2 id="queue-heading">Queue</h2>
        <button type="button" class="text-button" onClick={queue.reload}>
          Refresh queue
        </button>
      </div>
      {view?.current ? (
        <>
          <h3 id="queue-now-heading">Now playing</h3>
          <TrackList tracks={[view.current]} context={null} label="Now playing" />
        </>
      ) : null}
      <h3 id="up-next-heading">Up next</h3>
      <ListStatus
        loading={queue.loading && view === null}
        error={queue.error}
        empty={view !== null && view.upNext.length === 0}
        emptyText="Nothing queued."
        onRetry={queue.reload}
      />
      <TrackList tracks={view?.upNext ?? []} context={null} ordered label="Up next" />
    </section>
  );
}
