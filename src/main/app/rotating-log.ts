import { appendFileSync, renameSync, statSync } from 'node:fs';

export interface RotatingLogOptions {
  /** The log file, e.g. `<logs>/main.log`. */
  readonly file: string;
  /** Where a full log is moved (replacing the one before), e.g. `<logs>/main.old.log`. */
  readonly oldFile: string;
  /** Past this size the log is rotated: at start and as lines are written. */
  readonly maxBytes: number;
}

/**
 * An append-only log file that never holds much more than `maxBytes`, with one older file beside it (two
 * files at most). The size is counted as lines are written, so rotating during a long run costs no extra
 * file system call per line. Write failures (a full disk, a removed folder) are swallowed: logging must
 * not break the app.
 */
export class RotatingLog {
  readonly #options: RotatingLogOptions;
  #bytes: number;

  /** Throws when the existing file cannot be examined or rotated (then there is no usable log folder). */
  constructor(options: RotatingLogOptions) {
    this.#options = options;
    this.#bytes = statSync(options.file, { throwIfNoEntry: false })?.size ?? 0;
    if (this.#bytes > options.maxBytes) this.#rotate();
  }

  /** Appends `line` (with its newline), rotating first when it would take the file past the limit. */
  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.#bytes > 0 && this.#bytes + bytes > this.#options.maxBytes) {
      try {
        this.#rotate();
      } catch {
        // Cannot rotate now: keep appending and try again with the next line.
      }
    }
    try {
      appendFileSync(this.#options.file, line, { mode: 0o600 });
      this.#bytes += bytes;
    } catch {
      // A full disk must not break the app.
    }
  }

  #rotate(): void {
    renameSync(this.#options.file, this.#options.oldFile);
    this.#bytes = 0;
  }
}
