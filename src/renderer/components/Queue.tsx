import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { QueueView } from '../../shared/library.ts';
import { errorMessage, type UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { TrackButton } from './Liked.tsx';

/** The up-next queue, fetched when the panel opens and whenever the track changes. */
export function Queue({ state }: { state: UiState }): JSX.Element {
  const { api } = useServices();
  const [queue, setQueue] = useState<QueueView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const currentUri = state.snapshot?.item?.uri ?? null;

  const load = useCallback(() => {
    const mine = ++latest.current;
    setLoading(true);
    setError(null);
    const current = (): boolean => mine === latest.current; // an older answer is dropped
    api.library
      .queue()
      .then((view) => {
        if (current()) setQueue(view);
      })
      .catch((e: unknown) => {
        if (current()) setError(errorMessage(e));
      })
      .finally(() => {
        if (current()) setLoading(false);
      });
  }, [api]);

  useEffect(() => {
    load();
    return () => {
      latest.current++;
    };
  }, [load, currentUri]);

  return (
    <section class="panel" aria-labelledby="queue-heading" aria-busy={loading ? 'true' : undefined}>
      <div class="panel-head">
        <h2 id="queue-heading">Queue</h2>
        <button type="button" class="text-button" onClick={load}>
          Refresh queue
        </button>
      </div>
      {error !== null ? (
        <p class="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {queue?.current ? (
        <>
          <h3>Now playing</h3>
          <TrackButton track={queue.current} current />
        </>
      ) : null}
      <h3 id="up-next-heading">Up next</h3>
      {queue !== null && queue.upNext.length === 0 ? <p class="muted">Nothing queued.</p> : null}
      {queue === null && loading ? <p class="muted">Loading…</p> : null}
      <ol class="list" aria-labelledby="up-next-heading">
        {(queue?.upNext ?? []).map((track, index) => (
          <li key={`${track.uri}-${index}`}>
            <TrackButton track={track} current={false} />
          </li>
        ))}
      </ol>
    </section>
  );
}
