import { render } from 'preact';
import { createPlayerActions, runKeyAction } from './actions.ts';
import { connectStore, createStore, errorMessage, waitForApi, type Api, type Store } from './api.ts';
import { App } from './components/App.tsx';
import { ServicesContext, type Services } from './context.ts';
import { focusKind, keyAction } from './keyboard.ts';
import { isLocalMode } from '../shared/player-controls.ts';

const root = document.getElementById('app');

/** Main polls less while the window is hidden, so it hears of every change. */
function reportVisibility(api: Api): void {
  const send = (): void => {
    api.ui.setVisible({ visible: document.visibilityState === 'visible' }).catch(() => undefined);
  };
  document.addEventListener('visibilitychange', send);
  send();
}

/** Space, ←/→, ↑/↓ and the letter keys anywhere in the window, unless the focused control needs the key itself. */
function installKeys(services: Services): void {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return;
    const state = services.store.get();
    if (state.snapshot === null) return;
    if (state.app?.account !== 'signed-in' && !isLocalMode(state.app, state.snapshot)) return;
    const action = keyAction({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      shiftKey: event.shiftKey,
      repeat: event.repeat,
      focus: focusKind(event.target instanceof Element ? event.target : null),
    });
    if (action === null) return;
    event.preventDefault();
    runKeyAction(action, services.actions, services.store);
  });
}

function fatal(message: string, target: HTMLElement): void {
  render(
    <main class="content">
      <h1>Traytune</h1>
      <p class="banner error" role="alert">
        {message}
      </p>
    </main>,
    target,
  );
}

async function start(target: HTMLElement, store: Store): Promise<void> {
  let api: Api;
  try {
    api = await waitForApi();
  } catch (error) {
    fatal(errorMessage(error), target);
    return;
  }
  // The renderer's own clock only measures time since a snapshot arrived (see currentProgressMs).
  const now = (): number => performance.now();
  const services: Services = { api, store, now, actions: createPlayerActions(api, store, now) };
  target.textContent = '';
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
    target,
  );
  installKeys(services);
  reportVisibility(api);
  await connectStore(api, store, now).catch((error: unknown) => {
    store.update({ loadError: errorMessage(error) });
  });
  // For tests and the harness: the first state has been loaded (or its failure shown).
  target.dataset['ready'] = 'true';
}

if (root !== null) void start(root, createStore());
