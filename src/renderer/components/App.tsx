import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppState, RequestedPanel } from '../../shared/app-state.ts';
import { errorMessage, type UiState } from '../api.ts';
import { isLocalMode } from '../../shared/player-controls.ts';
import { needsAccount } from '../local-mode.ts';
import { useServices, useUiState } from '../context.ts';
import { SignedOut, SigningIn, ReconnectNeeded } from './Account.tsx';
import { AccountBanners, CONNECTION_COPY, ConnectionBanner, ErrorAlert } from './Banners.tsx';
import { Devices } from './Devices.tsx';
import { HideIcon } from './icons.tsx';
import { Library } from './Library.tsx';
import { LocalModeSteps, NeedsAccountPanel, type LocalModeProps } from './LocalMode.tsx';
import { NowPlaying } from './NowPlaying.tsx';
import { Onboarding } from './Onboarding.tsx';
import { Queue } from './Queue.tsx';
import { Search } from './Search.tsx';
import { SettingsPanel } from './Settings.tsx';
import { Tabs, type TabId } from './Tabs.tsx';
import { Toast } from './Toast.tsx';

/**
 * The whole window: which screen follows from the account status; the player has its panels. With no
 * account but Spotify running on this computer (local mode), the player shows that instead of the
 * onboarding, signed-out or reconnect screen. A panel main asks for (the tray's "Settings…" and "Set
 * up…") is the player's Settings tab when it is shown, else shown over the current screen until Back or
 * Escape.
 */
export function App(): JSX.Element {
  const state = useUiState();
  const { api, store } = useServices();
  const { app } = state;
  const [tab, setTab] = useState<TabId>('now');
  const [overlay, setOverlay] = useState<RequestedPanel | null>(null);
  const overlayRef = useRef(overlay);
  overlayRef.current = overlay;
  const local = isLocalMode(app, state.snapshot);
  /** The button that opened the overlay, focused again when it closes (it is not there while it shows). */
  const returnFocus = useRef<string | null>(null);

  const request = state.requestedPanel;
  useEffect(() => {
    if (request === null || app === null) return;
    if (request.panel === 'settings' && (app.account === 'signed-in' || local)) {
      setTab('settings');
      setOverlay(null);
    } else if (request.panel === 'onboarding' && app.account === 'no-client-id' && !local) {
      setOverlay(null); // onboarding is the screen already
    } else {
      setOverlay(request.panel);
    }
    // Only a new request acts; the account it was made in is read as it is now.
  }, [request?.seq]);

  // A panel opened over one screen does not stay over the next one; a new sign-in starts on Now playing.
  const account = app?.account ?? null;
  useEffect(() => {
    setOverlay(null);
    if (account !== 'signed-in') setTab('now');
  }, [account]);

  // Local mode starts on Now playing, said once (its banner is not a live region); when it ends, the
  // account's own screen is back.
  useEffect(() => {
    setTab('now');
    if (local) store.announce(CONNECTION_COPY.local.title);
  }, [local]);

  useEffect(() => {
    if (overlay !== null || returnFocus.current === null) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [overlay]);

  const openSetUp = (from: string): void => {
    returnFocus.current = from;
    setOverlay('onboarding');
  };

  const hide = (): void => {
    api.ui.hide().catch((e: unknown) => store.update({ localError: errorMessage(e) }));
  };

  // Escape closes what is open inside the window first (the picker, the recorder and the like handle it
  // themselves and stop it), then a panel shown over the screen; otherwise it hides the window.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      if (overlayRef.current !== null) setOverlay(null);
      else hide();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [api, store]);

  let body: JSX.Element;
  if (app === null) {
    body =
      state.loadError !== null ? (
        <p class="banner error" role="alert">
          {state.loadError}
        </p>
      ) : (
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      );
  } else if (overlay !== null) {
    body = <Overlay panel={overlay} app={app} state={state} onClose={() => setOverlay(null)} />;
  } else if (local) {
    body = <Player state={state} tab={tab} onTab={setTab} local={{ app, onSetUp: openSetUp }} />;
  } else {
    switch (app.account) {
      case 'no-client-id':
        body = <Onboarding app={app} />;
        break;
      case 'signed-out':
        body = <SignedOut app={app} />;
        break;
      case 'signing-in':
        body = <SigningIn app={app} />;
        break;
      case 'reconnect-needed':
        body = <ReconnectNeeded app={app} />;
        break;
      case 'signed-in':
        body = <Player state={state} tab={tab} onTab={setTab} local={null} />;
        break;
    }
  }
  return (
    <>
      <header class="topbar">
        <h1>Traytune</h1>
        {app?.userName != null && app.account === 'signed-in' ? (
          <span class="muted user">{app.userName}</span>
        ) : null}
        <button
          type="button"
          class="icon-button topbar-button"
          aria-label="Hide"
          title="Hide (Esc)"
          onClick={hide}
        >
          <HideIcon />
        </button>
      </header>
      <main class="content">
        {app !== null ? <AccountBanners app={app} /> : null}
        {/* The player shows it under its banner. */}
        {app !== null && ((app.account !== 'signed-in' && !local) || overlay !== null) ? (
          <ErrorAlert state={state} />
        ) : null}
        {body}
        <LiveRegion state={state} />
      </main>
    </>
  );
}

/** A panel over the current screen, with the way back. */
function Overlay({
  panel,
  app,
  state,
  onClose,
}: {
  panel: RequestedPanel;
  app: AppState;
  state: UiState;
  onClose: () => void;
}): JSX.Element {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), [panel]);
  return (
    <div class="overlay" data-testid={`overlay-${panel}`}>
      <button ref={back} type="button" class="text-button back-button" onClick={onClose}>
        ‹ Back
      </button>
      {panel === 'settings' ? (
        <SettingsPanel app={app} settings={state.settings} />
      ) : (
        <Onboarding app={app} />
      )}
    </div>
  );
}

/** The player and its panels; in local mode (`local`) the panels that need an account say so instead. */
function Player({
  state,
  tab,
  onTab,
  local,
}: {
  state: UiState;
  tab: TabId;
  onTab: (tab: TabId) => void;
  local: LocalModeProps | null;
}): JSX.Element {
  const { store } = useServices();
  const snapshot = state.snapshot;
  const status = snapshot?.connection.status ?? 'ok';
  const lastStatus = useRef(status);

  // Say connection changes out loud once (the banner itself is not a live region).
  useEffect(() => {
    if (status === lastStatus.current) return;
    lastStatus.current = status;
    store.announce(status === 'ok' ? 'Connected to Spotify' : CONNECTION_COPY[status].title);
  }, [status, store]);

  let panel: JSX.Element;
  if (local !== null && needsAccount(tab)) {
    panel = <NeedsAccountPanel panel={tab} {...local} />;
  } else {
    panel = <PlayerPanel tab={tab} state={state} />;
  }
  return (
    <>
      {snapshot !== null ? (
        <ConnectionBanner snapshot={snapshot}>
          {local !== null ? <LocalModeSteps {...local} /> : null}
        </ConnectionBanner>
      ) : null}
      <ErrorAlert state={state} />
      <Tabs current={tab} onSelect={onTab} />
      <div class="tabpanel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {panel}
      </div>
      <Toast />
    </>
  );
}

function PlayerPanel({ tab, state }: { tab: TabId; state: UiState }): JSX.Element {
  switch (tab) {
    case 'now':
      return <NowPlaying state={state} />;
    case 'search':
      return <Search />;
    case 'library':
      return <Library />;
    case 'queue':
      return <Queue state={state} />;
    case 'devices':
      return <Devices state={state} />;
    case 'settings':
      return <SettingsPanel app={state.app!} settings={state.settings} />;
  }
}

/** One polite live region for short confirmations ("Copied", "Playing on Kitchen"). */
function LiveRegion({ state }: { state: UiState }): JSX.Element {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {state.announcement !== null ? (
        <span key={state.announcement.seq}>{state.announcement.text}</span>
      ) : null}
    </div>
  );
}
