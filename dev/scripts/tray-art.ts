/**
 * The tray glyphs, composed as SVG for one exact pixel size each (dev/scripts/icons.ts renders them).
 *
 * Every state is the source's note with a state badge in the bottom-right corner, so the states differ in
 * shape and not only in colour (WCAG 1.4.1): idle has no badge, playing a play triangle, paused two bars,
 * attention (signed out, reconnect needed, an error to act on) a disc with an exclamation mark. A
 * transparent gap keeps the badge apart from the note.
 *
 * - `colour` (Linux, Windows): a green note with a dark outline, white triangle or bars and an amber disc
 *   with a dark "!", all outlined alike, so the glyph reads on light panels (by the outline) and on dark
 *   ones (by the fills).
 * - `template` (macOS): black and alpha only, the "!" cut out of the disc; macOS tints the image to the
 *   menu bar by its alpha.
 *
 * Lengths are worked out in whole pixels for the size being drawn (outline, gap, badge box, bar widths),
 * so a 16 px image is drawn for 16 px rather than a larger image scaled down.
 */

export const TRAY_STATES = ['idle', 'playing', 'paused', 'attention'] as const;
export type TrayState = (typeof TRAY_STATES)[number];
export type TrayStyle = 'colour' | 'template';

/** What the tray glyphs take from the source image. */
export interface TrayParts {
  /** The note group's children, without fill or stroke attributes. */
  readonly note: string;
  /** The note's bounding box in the source's coordinates. */
  readonly noteBox: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
  /** The note's fill in the coloured icons (the app icon's disc colour). */
  readonly markColour: string;
  /** The outline colour of the coloured icons (the app icon's note colour). */
  readonly edgeColour: string;
}

const XMLNS = 'http://www.w3.org/2000/svg';
/** Badge fills in the coloured icons; the shapes carry the meaning, the colours only back it up. */
const BADGE_FILL: Readonly<Record<Exclude<TrayState, 'idle'>, string>> = {
  playing: '#ffffff',
  paused: '#ffffff',
  attention: '#ffb020',
};

/** Pixel lengths for one drawn size (all whole pixels, so edges fall on the pixel grid). */
interface TrayLayout {
  readonly size: number;
  /** Outline width around note and badge (coloured icons only; 0 for templates). */
  readonly outline: number;
  /** Transparent gap between the badge (with its outline) and the note. */
  readonly gap: number;
  /** The badge's square box, inside the outline: left, top and side. */
  readonly badge: { readonly x: number; readonly y: number; readonly side: number };
}

function trayLayout(size: number, style: TrayStyle): TrayLayout {
  const outline = style === 'colour' ? Math.max(1, Math.round(size / 20)) : 0;
  const gap = Math.max(1, Math.round(size / 20));
  // Half the icon, outline included: large enough for the badge's shape to read at 16 px, and it leaves
  // the note's first head, its stem and the beam.
  const side = Math.round(size * 0.5) - outline;
  const at = size - outline - side;
  return { size, outline, gap, badge: { x: at, y: at, side } };
}

function num(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * The badge as SVG shapes without paint, in pixel coordinates: `body` is painted, `cut` is the mark inside
 * it ("!"), and `footprint` is the area cleared of the note (the body, or the box round the bars).
 */
function badgeShapes(
  state: Exclude<TrayState, 'idle'>,
  layout: TrayLayout,
): { body: string; cut: string; footprint: string } {
  const { x, y, side } = layout.badge;
  if (state === 'playing') {
    // Pointing right, nine tenths as wide as it is tall, against the box's right edge.
    const width = Math.round(side * 0.9);
    const left = x + side - width;
    const body = `<path d="M${left} ${y}L${x + side} ${num(y + side / 2)}L${left} ${y + side}Z"/>`;
    return { body, cut: '', footprint: body };
  }
  if (state === 'paused') {
    const bar = Math.max(2, Math.round(side * 0.36));
    return {
      body: `<rect x="${x}" y="${y}" width="${bar}" height="${side}"/><rect x="${x + side - bar}" y="${y}" width="${bar}" height="${side}"/>`,
      cut: '',
      // The space between the bars is cleared too, so no sliver of the note shows through it.
      footprint: `<rect x="${x}" y="${y}" width="${side}" height="${side}"/>`,
    };
  }
  // A disc with a "!" in it: a bar and a dot, each at least one pixel wide with a pixel between.
  // The stroke has the side's parity, so the "!" is centred on whole pixels and stays sharp.
  const r = side / 2;
  const cx = x + r;
  const ideal = side / 6;
  let stroke = Math.max(1, Math.round(ideal));
  if ((side - stroke) % 2 !== 0) stroke = ideal > stroke || stroke === 1 ? stroke + 1 : stroke - 1;
  const margin = Math.max(1, Math.round(side * 0.15));
  const top = y + margin;
  const dot = y + side - margin - stroke;
  const barEnd = dot - Math.max(1, Math.round(side / 10));
  const left = num(cx - stroke / 2);
  const body = `<circle cx="${num(cx)}" cy="${num(y + r)}" r="${num(r)}"/>`;
  return {
    body,
    footprint: body,
    cut: `<rect x="${left}" y="${top}" width="${stroke}" height="${barEnd - top}"/><rect x="${left}" y="${dot}" width="${stroke}" height="${stroke}"/>`,
  };
}

/** The note's transform from source coordinates into the pixel box that leaves room for the outline. */
function noteTransform(parts: TrayParts, layout: TrayLayout): { transform: string; scale: number } {
  const box = parts.noteBox;
  const room = layout.size - 2 * layout.outline;
  const scale = room / Math.max(box.width, box.height);
  const dx = layout.outline + (room - box.width * scale) / 2 - box.x * scale;
  const dy = layout.outline + (room - box.height * scale) / 2 - box.y * scale;
  return { transform: `translate(${num(dx)} ${num(dy)}) scale(${num(scale)})`, scale };
}

/** A mask that keeps everything but `shapes` grown by `grow` pixels on every side. */
function clearMask(id: string, size: number, shapes: string, grow: number): string {
  const stroke = grow > 0 ? ` stroke="#000000" stroke-width="${2 * grow}" stroke-linejoin="round"` : '';
  return (
    `<mask id="${id}" maskUnits="userSpaceOnUse" x="0" y="0" width="${size}" height="${size}">` +
    `<rect width="${size}" height="${size}" fill="#ffffff"/><g fill="#000000"${stroke}>${shapes}</g></mask>`
  );
}

/** `shapes` drawn with a round-joined outline of `width` user units, in `colour` (the fill goes on top). */
function edge(shapes: string, colour: string, width: number): string {
  return `<g fill="${colour}" stroke="${colour}" stroke-width="${num(2 * width)}" stroke-linejoin="round">${shapes}</g>`;
}

/**
 * One tray glyph as an SVG whose viewBox is `size` pixels square. Templates use black only; the
 * coloured icons use the mark, edge and badge colours.
 */
export function traySvg(parts: TrayParts, state: TrayState, style: TrayStyle, size: number): string {
  const layout = trayLayout(size, style);
  const { outline, gap } = layout;
  const template = style === 'template';
  const mark = template ? '#000000' : parts.markColour;
  const { transform, scale } = noteTransform(parts, layout);
  const inNote = (content: string): string => `<g transform="${transform}">${content}</g>`;
  const badge = state === 'idle' ? undefined : badgeShapes(state, layout);
  const defs: string[] = [];
  const layers: string[] = [];
  /** Wraps `content` in a mask that clears the badge's place, grown by `grow` pixels. */
  const clearedFor = (id: string, content: string, grow: number): string => {
    if (badge === undefined) return content;
    defs.push(clearMask(id, size, badge.footprint, grow));
    return `<g mask="url(#${id})">${content}</g>`;
  };

  // The note: its outline stops a gap short of the badge's outline, and its fill an outline further,
  // so the cut edge is outlined like the rest of the note.
  if (!template) {
    layers.push(
      clearedFor('clear-edge', inNote(edge(parts.note, parts.edgeColour, outline / scale)), outline + gap),
    );
  }
  layers.push(clearedFor('clear-fill', inNote(`<g fill="${mark}">${parts.note}</g>`), 2 * outline + gap));

  if (badge !== undefined && state !== 'idle') {
    if (template) {
      // Black only: the "!" is cut out of the disc.
      const cut = badge.cut === '' ? '' : ' mask="url(#cut)"';
      if (badge.cut !== '') defs.push(clearMask('cut', size, badge.cut, 0));
      layers.push(`<g fill="${mark}"${cut}>${badge.body}</g>`);
    } else {
      // Coloured: outlined like the note; the "!" is painted in the edge colour, which reads on any panel.
      layers.push(
        edge(badge.body, parts.edgeColour, outline),
        `<g fill="${BADGE_FILL[state]}">${badge.body}</g>`,
      );
      if (badge.cut !== '') layers.push(`<g fill="${parts.edgeColour}">${badge.cut}</g>`);
    }
  }
  const head = `<svg xmlns="${XMLNS}" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`;
  return `${head}${defs.length > 0 ? `<defs>${defs.join('')}</defs>` : ''}${layers.join('')}</svg>`;
}
