import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PageOf } from '../../shared/library.ts';
import { errorMessage } from '../api.ts';

export interface Paged<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly error: string | null;
  readonly hasMore: boolean;
  readonly total: number | null;
  readonly loadMore: () => void;
  readonly reload: () => void;
}

/** A list fetched page by page ("Load more"); the first page loads on mount. */
export function usePaged<T>(
  fetchPage: (page: { offset: number; limit: number }) => Promise<PageOf<T>>,
  limit: number,
): Paged<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [total, setTotal] = useState<number | null>(null);
  // A reload or unmount makes older answers stale: they are dropped, not merged.
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(
    (offset: number, previous: readonly T[]) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      fetchRef
        .current({ offset, limit })
        .then((page) => {
          if (mine !== generation.current) return;
          setItems([...previous, ...page.items]);
          setHasMore(page.hasMore);
          setTotal(page.total);
        })
        .catch((e: unknown) => {
          if (mine === generation.current) setError(errorMessage(e));
        })
        .finally(() => {
          if (mine === generation.current) setLoading(false);
        });
    },
    [limit],
  );

  useEffect(() => {
    load(0, []);
    return () => {
      generation.current++;
    };
  }, [load]);

  return {
    items,
    loading,
    error,
    hasMore,
    total,
    loadMore: () => load(items.length, items),
    reload: () => load(0, []),
  };
}

export interface Loaded<T> {
  readonly value: T | null;
  readonly loading: boolean;
  readonly error: string | null;
  readonly reload: () => void;
}

/** One fetch (recently played, the queue), again on `reload` and whenever `key` changes; older answers dropped. */
export function useLoaded<T>(fetch: () => Promise<T>, key: unknown = null): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const reload = useCallback(() => {
    const mine = ++latest.current;
    const current = (): boolean => mine === latest.current;
    setLoading(true);
    setError(null);
    fetchRef
      .current()
      .then((next) => {
        if (current()) setValue(next);
      })
      .catch((e: unknown) => {
        if (current()) setError(errorMessage(e));
      })
      .finally(() => {
        if (current()) setLoading(false);
      });
  }, []);

  useEffect(() => {
    reload();
    return () => {
      latest.current++;
    };
  }, [reload, key]);

  return { value, loading, error, reload };
}
