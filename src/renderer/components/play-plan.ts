import type { LibraryTrack, RecentPlay } from '../../shared/library.ts';
import type { PlayContextInput } from '../actions.ts';

/**
 * How a row plays: in the list's context from that row (so Next, Previous, shuffle and the queue go on
 * within it), on its own, or not at all (with the reason the row shows). Pure, unit-tested.
 */
export type PlayPlan =
  | { readonly kind: 'context'; readonly input: PlayContextInput }
  | { readonly kind: 'track'; readonly uri: string }
  | { readonly kind: 'none'; readonly reason: string };

/** The context a list plays in: Liked Songs, an album/playlist/artist/show URI, or none (search, the queue). */
export type ListContext = string | null;

export const NOT_PLAYABLE = 'Not available in your country';
export const LOCAL_NOT_PLAYABLE = 'A local file: it plays here only from its playlist';
export const PLAYS_ON_ITS_OWN = 'Plays on its own';

const ITEM_URI = /^spotify:(track|episode):[A-Za-z0-9]{1,64}$/;
const CONTEXT_URI = /^spotify:(album|playlist|artist|show):[A-Za-z0-9]{1,64}$/;
/** Liked Songs as Spotify names the context (`spotify:user:{id}:collection`, or `spotify:collection`). */
const COLLECTION_URI = /^spotify:(user:[^:]+:)?collection$/;

/** `position`: the row's index in the whole list (an offset for items without a URI, i.e. local files). */
export function planPlay(track: LibraryTrack, context: ListContext, position: number): PlayPlan {
  if (!track.playable) return { kind: 'none', reason: NOT_PLAYABLE };
  const hasUri = ITEM_URI.test(track.uri);
  // An artist context takes no offset; Liked Songs holds no episodes or local files.
  const inContext =
    context !== null &&
    !context.startsWith('spotify:artist:') &&
    (context !== 'liked' || (hasUri && track.type === 'track'));
  if (inContext) {
    return { kind: 'context', input: { context, offset: hasUri ? { uri: track.uri } : { position } } };
  }
  return hasUri ? { kind: 'track', uri: track.uri } : { kind: 'none', reason: LOCAL_NOT_PLAYABLE };
}

/** A recent play, again: in the context it was played from when it had one, else on its own. */
export function planRecent(play: RecentPlay): PlayPlan {
  const uri = play.contextUri;
  const context =
    uri === null ? null : COLLECTION_URI.test(uri) ? 'liked' : CONTEXT_URI.test(uri) ? uri : null;
  return planPlay(play.track, context, 0);
}

/** What the row says under its title besides the artists: why it does not play, or that it plays alone. */
export function planNote(track: LibraryTrack, plan: PlayPlan): string | null {
  if (plan.kind === 'none') return plan.reason;
  // An episode outside its show's context: Next has nothing of the show to go on to.
  return plan.kind === 'track' && track.type === 'episode' ? PLAYS_ON_ITS_OWN : null;
}
