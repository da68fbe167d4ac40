import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { PlayerActions } from './actions.ts';
import type { Api, Store, UiState } from './api.ts';

/** What every component may reach: the API, the store and the player intents. */
export interface Services {
  readonly api: Api;
  readonly store: Store;
  readonly actions: PlayerActions;
  /** The renderer's clock (performance.now in the app, injectable for a test page). */
  readonly now: () => number;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('ServicesContext is missing');
  return services;
}

/** The store's state, re-rendering on every change. */
export function useUiState(): UiState {
  const { store } = useServices();
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(() => setState(store.get()));
  }, [store]);
  return state;
}

/** `Date.now()`, refreshed every `intervalMs` while mounted (for countdowns). */
export function useWallClock(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
