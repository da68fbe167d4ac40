import type { JSX } from 'preact';
import { MusicIcon } from './icons.tsx';

/** Only Spotify's image CDN and data: URLs pass the CSP; anything else gets the placeholder. */
export function isAllowedImage(url: string | null): url is string {
  return url !== null && (url.startsWith('https://i.scdn.co/') || url.startsWith('data:'));
}

/** Cover art; decorative (alt="") because the title and artists are next to it as text. */
export function Artwork({ url, size }: { url: string | null; size: 'large' | 'small' }): JSX.Element {
  if (!isAllowedImage(url)) {
    return (
      <div class={`art art-${size} art-placeholder`} aria-hidden="true">
        {size === 'large' ? <MusicIcon /> : null}
      </div>
    );
  }
  return <img class={`art art-${size}`} src={url} alt="" loading="lazy" decoding="async" />;
}
