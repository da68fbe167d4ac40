import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { MusicIcon } from './icons.tsx';

/** Only Spotify's image CDN and data: URLs pass the CSP; anything else gets the placeholder. */
function isAllowedImage(url: string | null): url is string {
  return url !== null && (url.startsWith('https://i.scdn.co/') || url.startsWith('data:'));
}

type Size = 'large' | 'small';

/**
 * Cover art; decorative (alt="") because the title and artists are next to it as text. No URL, one the
 * CSP would block, or an image that fails to load (offline, blocked) all get the same placeholder.
 */
export function Artwork({ url, size }: { url: string | null; size: Size }): JSX.Element {
  if (!isAllowedImage(url)) return <Placeholder size={size} />;
  // Keyed by URL: a new cover starts afresh, whatever became of the last one.
  return <Cover key={url} url={url} size={size} />;
}

function Cover({ url, size }: { url: string; size: Size }): JSX.Element {
  const [failed, setFailed] = useState(false);
  if (failed) return <Placeholder size={size} />;
  return (
    <img
      class={`art art-${size}`}
      src={url}
      alt=""
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}

function Placeholder({ size }: { size: Size }): JSX.Element {
  return (
    <div class={`art art-${size} art-placeholder`} aria-hidden="true">
      {size === 'large' ? <MusicIcon /> : null}
    </div>
  );
}
