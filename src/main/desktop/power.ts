import { net, powerMonitor } from 'electron';

/** What the player needs to hear about the machine (PlayerEngine has these; TraytuneApp forwards them). */
export interface PowerAware {
  notifySuspend(): void;
  notifyResume(): void;
  setOnline(online: boolean): void;
}

/** How often the main process looks at the network state (it gets no event for it). */
const ONLINE_POLL_MS = 10_000;

/**
 * Sleep, wake and network state → the player: no polling while asleep, a fresh read on wake, and an
 * immediate retry when the network comes back instead of waiting out a backoff.
 */
export function wirePower(target: PowerAware): () => void {
  const suspend = () => target.notifySuspend();
  const resume = () => {
    target.notifyResume();
    check();
  };
  let online = net.isOnline();
  const check = () => {
    const now = net.isOnline();
    if (now !== online) {
      online = now;
      target.setOnline(now);
    }
  };
  target.setOnline(online);
  powerMonitor.on('suspend', suspend);
  powerMonitor.on('resume', resume);
  powerMonitor.on('lock-screen', check);
  powerMonitor.on('unlock-screen', check);
  const timer = setInterval(check, ONLINE_POLL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    powerMonitor.off('suspend', suspend);
    powerMonitor.off('resume', resume);
    powerMonitor.off('lock-screen', check);
    powerMonitor.off('unlock-screen', check);
  };
}
