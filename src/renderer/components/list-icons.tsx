import type { JSX } from 'preact';

/** The list rows' small icons (decorative: the buttons carry the names). */
function RowIcon({ d }: { d: string }): JSX.Element {
  return (
    <svg class="icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

export const PlaySmallIcon = (): JSX.Element => <RowIcon d="M8 5v14l11-7z" />;
export const QueueIcon = (): JSX.Element => (
  <RowIcon d="M15 6H3v2h12zm0 4H3v2h12zM3 16h8v-2H3zM17 6v8.2a3 3 0 1 0 2 2.8V8h3V6z" />
);
export const PlaylistAddIcon = (): JSX.Element => (
  <RowIcon d="M14 10H3v2h11zm0-4H3v2h11zm4 8v-4h-2v4h-4v2h4v4h2v-4h4v-2zM3 16h7v-2H3z" />
);
export const MoreIcon = (): JSX.Element => (
  <RowIcon d="M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4m0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4m0 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4" />
);
