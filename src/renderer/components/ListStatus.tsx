import type { ComponentChildren, JSX } from 'preact';
import type { Paged } from './paged.ts';

/** A list's loading, empty and error states (the error with "Try again"), said once each. */
export function ListStatus({
  loading,
  error,
  empty,
  emptyText,
  onRetry,
  loadingText = 'Loading…',
}: {
  loading: boolean;
  error: string | null;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
  loadingText?: string;
}): JSX.Element {
  return (
    <>
      {error !== null ? (
        <p class="inline-error" role="alert">
          {error}{' '}
          <button type="button" class="text-button" onClick={onRetry}>
            Try again
          </button>
        </p>
      ) : null}
      {!loading && error === null && empty ? <p class="muted">{emptyText}</p> : null}
      {loading ? <p class="muted">{loadingText}</p> : null}
    </>
  );
}

/** A paged list: its states, the rows (children), then "Load more". */
export function PagedList<T>({
  list,
  emptyText,
  moreLabel,
  children,
}: {
  list: Paged<T>;
  emptyText: string;
  moreLabel: string;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <>
      {children}
      <ListStatus
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={emptyText}
        onRetry={list.items.length === 0 ? list.reload : list.loadMore}
      />
      {list.hasMore && !list.loading && list.error === null ? (
        <button type="button" class="secondary-button wide" onClick={list.loadMore}>
          {moreLabel}
        </button>
      ) : null}
    </>
  );
}
