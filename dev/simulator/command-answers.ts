import type { SimResponse } from './http.ts';
import { empty, text } from './http.ts';
import { COMMAND_RESPONSE_STYLES } from './profile.ts';
import type { Random } from './random.ts';
import type { CommandResponseStyle } from './types.ts';
import { COMMAND_TEXT_BODY } from './web-api/player.ts';

/**
 * How a successful player command answers. Spotify documents 204, often sends 200 with a short body that
 * is not JSON, and sometimes 202 (accepted, carried out later): the realistic profile mixes all three by
 * seeded weights; `sim.setCommandResponseStyle` pins one for tests that need it. Errors are untouched.
 */
export class CommandAnswers {
  /** Set by `setCommandResponseStyle`; wins over the profile's mix. */
  pinned: CommandResponseStyle | undefined;
  readonly #weights: Readonly<Record<CommandResponseStyle, number>>;
  readonly #random: Random;

  constructor(weights: Readonly<Record<CommandResponseStyle, number>>, random: Random) {
    this.#weights = weights;
    this.#random = random;
  }

  /** The answer to send for a command whose handler answered `response`. */
  restyle(response: SimResponse): SimResponse {
    if (!isSuccessfulCommandAnswer(response)) return response;
    const style = this.pinned ?? this.#draw();
    if (style === '204') return empty(204);
    if (style === '202') return empty(202);
    return text(200, COMMAND_TEXT_BODY);
  }

  #draw(): CommandResponseStyle {
    const styles = COMMAND_RESPONSE_STYLES.filter((s) => this.#weights[s] > 0);
    if (styles.length === 1) return styles[0] as CommandResponseStyle;
    const total = styles.reduce((sum, s) => sum + this.#weights[s], 0);
    let point = this.#random() * total;
    for (const style of styles) {
      point -= this.#weights[style];
      if (point < 0) return style;
    }
    return styles.at(-1) as CommandResponseStyle;
  }
}

/** What web-api/player.ts answers for a command that was carried out, in either of its styles. */
function isSuccessfulCommandAnswer(response: SimResponse): boolean {
  return (
    response.status === 204 ||
    response.status === 202 ||
    (response.status === 200 && response.body === COMMAND_TEXT_BODY)
  );
}
