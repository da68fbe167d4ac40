import type { JSX } from 'preact';
import type { AlbumSummary, PlaylistSummary } from '../../shared/library.ts';
import { albumLine, playlistLine } from '../format.ts';
import { ContextRow } from './TrackRow.tsx';

/** An album in a list (Library, Search): the row opens it, "Play" plays it; its line is `albumLine`. */
export function AlbumRow({ album, onOpen }: { album: AlbumSummary; onOpen: () => void }): JSX.Element {
  return (
    <ContextRow
      uri={album.uri}
      name={album.name}
      sub={albumLine(album)}
      artUrl={album.artUrl}
      onOpen={onOpen}
    />
  );
}

/** A playlist in a list (Library, Search): the row opens it, "Play" plays it; its line is `playlistLine`. */
export function PlaylistRow({
  playlist,
  onOpen,
}: {
  playlist: PlaylistSummary;
  onOpen: () => void;
}): JSX.Element {
  return (
    <ContextRow
      uri={playlist.uri}
      name={playlist.name}
      sub={playlistLine(playlist)}
      artUrl={playlist.artUrl}
      onOpen={onOpen}
    />
  );
}
