import type { JSX } from 'preact';

/** Small inline SVG icons (no image requests; decorative: the buttons carry the names). */
function Icon({ d, size = 20 }: { d: string; size?: number }): JSX.Element {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

export const PlayIcon = (): JSX.Element => <Icon size={28} d="M8 5v14l11-7z" />;
export const PauseIcon = (): JSX.Element => <Icon size={28} d="M6 5h4v14H6zm8 0h4v14h-4z" />;
export const PreviousIcon = (): JSX.Element => <Icon d="M6 6h2v12H6zm3.5 6 8.5 6V6z" />;
export const NextIcon = (): JSX.Element => <Icon d="M16 6h2v12h-2zM6 18l8.5-6L6 6z" />;
export const ShuffleIcon = (): JSX.Element => (
  <Icon d="M10.6 9.2 5.4 4 4 5.4l5.2 5.2zM14.5 4l2 2L4 18.6 5.4 20 18 7.5l2 2V4zm.3 9.4-1.4 1.4 3.1 3.1-2 2.1H20v-5.5l-2 2z" />
);
export const RepeatIcon = (): JSX.Element => (
  <Icon d="M7 7h10v3l4-4-4-4v3H5v6h2zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2z" />
);
export const RepeatOneIcon = (): JSX.Element => (
  <Icon d="M7 7h10v3l4-4-4-4v3H5v6h2zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2zm-4-2V9h-1l-2 1v1h1.5v4z" />
);
export const HeartIcon = ({ filled }: { filled: boolean }): JSX.Element =>
  filled ? (
    <Icon d="m12 21.4-1.5-1.3C5.4 15.4 2 12.3 2 8.5 2 5.4 4.4 3 7.5 3c1.7 0 3.4.8 4.5 2.1C13.1 3.8 14.8 3 16.5 3 19.6 3 22 5.4 22 8.5c0 3.8-3.4 6.9-8.5 11.5z" />
  ) : (
    <Icon d="M16.5 3c-1.7 0-3.4.8-4.5 2.1C10.9 3.8 9.2 3 7.5 3 4.4 3 2 5.4 2 8.5c0 3.8 3.4 6.9 8.5 11.5l1.5 1.3 1.5-1.3C18.6 15.4 22 12.3 22 8.5 22 5.4 19.6 3 16.5 3m-4.4 15.6-.1.1-.1-.1C7.1 14.2 4 11.4 4 8.5 4 6.5 5.5 5 7.5 5c1.5 0 3 1 3.6 2.4h1.9C13.5 6 15 5 16.5 5c2 0 3.5 1.5 3.5 3.5 0 2.9-3.1 5.7-7.9 10.1" />
  );
export const VolumeIcon = (): JSX.Element => (
  <Icon d="M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4M14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6" />
);
export const AddIcon = (): JSX.Element => <Icon d="M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6z" />;
export const MusicIcon = (): JSX.Element => <Icon size={48} d="M12 3v10.6A4 4 0 1 0 14 17V7h4V3z" />;
/** Hide the window: a bar at the bottom, like a minimize button. */
export const HideIcon = (): JSX.Element => <Icon size={18} d="M5 17h14v2H5z" />;
/** A speaker struck through: this device has no volume Traytune can change. */
export const VolumeOffIcon = (): JSX.Element => (
  <Icon d="M16.5 12A4.5 4.5 0 0 0 14 8v2.2l2.5 2.4zm2.5 0q0 1.4-.6 2.6l1.5 1.5A9 9 0 0 0 14 3.2v2.1a7 7 0 0 1 5 6.7M4.3 3 3 4.3 7.7 9H3v6h4l5 5v-6.7l4.3 4.3q-1 .8-2.3 1.1v2.1a9 9 0 0 0 3.7-1.8l2 2 1.3-1.3-9-9zM12 4 9.9 6.1 12 8.2z" />
);
/** A padlock: a device Spotify does not let Traytune control. */
export const LockIcon = (): JSX.Element => (
  <Icon
    size={16}
    d="M18 8h-1V6A5 5 0 0 0 7 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2m-6 9a2 2 0 1 1 0-4 2 2 0 0 1 0 4m3.1-9H8.9V6a3.1 3.1 0 0 1 6.2 0z"
  />
);
