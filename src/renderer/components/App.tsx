import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiState } from '../api.ts';
import { useServices, useUiState } from '../context.ts';
import { SignedOut, SigningIn, ReconnectNeeded } from './Account.tsx';
import { AccountBanners, CONNECTION_COPY, ConnectionBanner, ErrorAlert } from './Banners.tsx';
import { Devices } from './Devices.tsx';
import { Liked } from './Liked.tsx';
import { NowPlaying } from './NowPlaying.tsx';
import { Onboarding } from './Onboarding.tsx';
import { Queue } from './Queue.tsx';
import { SettingsPanel } from './Settings.tsx';
import { Tabs, type TabId } from './Tabs.tsx';

/** The whole window: which screen follows from the account status; the player has its panels. */
export function App(): JSX.Element {
  const state = useUiState();
  const { app } = state;
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
  } else {
    switch (app.account) {
      case 'no-client-id':
        body = <Onboarding app={app} />;
        break;
      case 'signed-out':
        body = <SignedOut app={app} />;
        break;
      case 'signing-in':
        body = <SigningIn />;
        break;
      case 'reconnect-needed':
        body = <ReconnectNeeded app={app} />;
        break;
      case 'signed-in':
        body = <Player state={state} />;
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
      </header>
      <main class="content">
        {app !== null ? <AccountBanners app={app} /> : null}
        {app !== null && app.account !== 'signed-in' ? <ErrorAlert state={state} /> : null}
        {body}
        <LiveRegion state={state} />
      </main>
    </>
  );
}

function Player({ state }: { state: UiState }): JSX.Element {
  const [tab, setTab] = useState<TabId>('now');
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
  switch (tab) {
    case 'now':
      panel = <NowPlaying state={state} />;
      break;
    case 'liked':
      panel = <Liked state={state} />;
      break;
    case 'queue':
      panel = <Queue state={state} />;
      break;
    case 'devices':
      panel = <Devices state={state} />;
      break;
    case 'settings':
      panel = <SettingsPanel app={state.app!} settings={state.settings} />;
      break;
  }
  return (
    <>
      {snapshot !== null ? <ConnectionBanner snapshot={snapshot} /> : null}
      <ErrorAlert state={state} />
      <Tabs current={tab} onSelect={setTab} />
      <div class="tabpanel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {panel}
      </div>
    </>
  );
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
