import type { z } from 'zod';
import {
  type ChannelHandlers,
  invokeChannels,
  type InvokeChannel,
  type IpcResponse,
} from '../../shared/ipc/contract.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import { INTERNAL_ERROR_CODE, isInternal, toAppError } from '../app/errors.ts';

/**
 * The main side of the IPC contract, in plain Node: every invoke goes through `dispatch`, which checks the
 * channel, the sender and the input before a handler sees anything, and turns every outcome (including a
 * thrown error) into an `IpcResponse` value. `desktop/ipc.ts` wires it to `ipcMain`; the harness wires it
 * to a WebSocket.
 */

/** One async handler per channel (the contract's `ChannelHandlers`; TraytuneApp's `handlers`). */
export type IpcHandlers = ChannelHandlers;

/** Decides whether a call may proceed, from the URL of the frame that sent it (undefined: unknown sender). */
export type SenderCheck = (senderUrl: string | undefined) => boolean;

export type IpcLog = (message: string, details: Readonly<Record<string, unknown>>) => void;

export interface IpcDispatcherOptions {
  readonly handlers: IpcHandlers;
  readonly isTrustedSender: SenderCheck;
  /** Where handler bugs and refused senders are reported; never given an input payload. */
  readonly log?: IpcLog;
}

export interface IpcDispatcher {
  /** Never throws and never rejects: every failure is an `{ ok: false }` answer. */
  dispatch(channel: string, senderUrl: string | undefined, rawInput: unknown): Promise<IpcResponse<unknown>>;
}

/** The codes this module produces itself (handlers add theirs, through `toAppError`). */
export const IPC_ERROR_CODES = {
  unknownChannel: 'unknown-channel',
  forbidden: 'forbidden',
  validation: 'validation',
  internal: INTERNAL_ERROR_CODE,
} as const;

const UNKNOWN_CHANNEL_MESSAGE = 'Traytune does not know this request. Update or restart Traytune.';
const FORBIDDEN_MESSAGE = 'This page is not allowed to control Traytune.';

interface Route {
  readonly schema: z.ZodType;
  readonly handler: (input: unknown) => Promise<unknown>;
}

export function createIpcDispatcher(options: IpcDispatcherOptions): IpcDispatcher {
  const { handlers, isTrustedSender } = options;
  const log = options.log ?? defaultLog;

  // A Map keyed by the contract's own names: no lookup can reach `__proto__`, `toString` and the like.
  const routes = new Map<string, Route>();
  for (const channel of Object.keys(invokeChannels) as InvokeChannel[]) {
    const handler: unknown = handlers[channel];
    if (typeof handler !== 'function') throw new TypeError(`No IPC handler for ${channel}`);
    routes.set(channel, {
      schema: invokeChannels[channel].input,
      // Called as a method, so class-based handler objects keep their `this`.
      handler: (input) => Promise.resolve(Reflect.apply(handler, handlers, [input]) as unknown),
    });
  }

  const safeLog: IpcLog = (message, details) => {
    try {
      log(message, details);
    } catch {
      // A broken logger must not turn an answer into a rejection.
    }
  };

  async function dispatch(
    channel: string,
    senderUrl: string | undefined,
    rawInput: unknown,
  ): Promise<IpcResponse<unknown>> {
    const route = typeof channel === 'string' ? routes.get(channel) : undefined;
    if (route === undefined) return failure(IPC_ERROR_CODES.unknownChannel, UNKNOWN_CHANNEL_MESSAGE);

    if (!senderIsTrusted(isTrustedSender, senderUrl)) {
      safeLog('IPC call from an untrusted sender refused', { channel });
      return failure(IPC_ERROR_CODES.forbidden, FORBIDDEN_MESSAGE);
    }

    const problem = validationProblem(channel, route.schema, rawInput);
    if (problem.ok === false) return failure(IPC_ERROR_CODES.validation, problem.message);

    try {
      return { ok: true, value: await route.handler(problem.value) };
    } catch (error) {
      const shown = toAppError(error);
      if (isInternal(shown)) safeLog('IPC handler failed', { channel, error: describeBug(error) });
      return failure(shown.code, shown.message);
    }
  }

  return {
    dispatch: (channel, senderUrl, rawInput) =>
      // The outer catch is for the impossible (a throwing getter in a hand-built input, say).
      dispatch(channel, senderUrl, rawInput).catch((error: unknown) => {
        safeLog('IPC dispatch failed', { error: describeBug(error) });
        return failure(IPC_ERROR_CODES.internal, USER_MESSAGES.internal);
      }),
  };
}

function failure(code: string, message: string): IpcResponse<never> {
  return { ok: false, error: { code, message } };
}

function senderIsTrusted(check: SenderCheck, senderUrl: string | undefined): boolean {
  try {
    return check(senderUrl) === true;
  } catch {
    return false;
  }
}

function defaultLog(message: string, details: Readonly<Record<string, unknown>>): void {
  console.error(`traytune: ${message}`, details);
}

// ── Validation ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Inputs are tiny (the largest, a settings patch, is a few kB); anything bigger or deeper than this is
 * refused before the schema walks it. Every value counts as a node (array items too) and every string
 * counts its length, so a huge array or string is refused at once instead of blocking main.
 */
const MAX_INPUT_NODES = 2_000;
const MAX_INPUT_DEPTH = 16;
/** Characters in all strings and keys together: well above the contract's own limits added up. */
const MAX_INPUT_CHARS = 64 * 1024;
const MAX_LISTED_PROBLEMS = 3;

type Validated =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

function validationProblem(channel: string, schema: z.ZodType, rawInput: unknown): Validated {
  const shape = plainDataProblem(rawInput);
  if (shape !== undefined) return { ok: false, message: `Invalid input for ${channel}: input: ${shape}.` };

  // The per-parse error map words zod's defaults without the input; messages written in the contract
  // (e.g. "Not a Spotify ID") take precedence over it and are kept.
  const result = schema.safeParse(rawInput, { error: issueText, reportInput: false });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: `Invalid input for ${channel}: ${summarize(result.error.issues)}.` };
}

const TOO_LARGE = 'is too large or too deeply nested';

/**
 * Structured clone (Electron) and JSON (harness) only produce plain data, but zod reads inherited properties
 * and treats a Map or Date as an object with no fields; refuse anything that is not plain data. The walk
 * spends a budget of nodes and characters and stops as soon as either runs out: its own cost is bounded by
 * the budget, not by the input (an array's length and a string's length are read, never walked past it).
 */
function plainDataProblem(input: unknown): string | undefined {
  let nodes = 0;
  let chars = 0;
  const visit = (value: unknown, depth: number): string | undefined => {
    if (++nodes > MAX_INPUT_NODES) return TOO_LARGE;
    if (typeof value === 'string') {
      chars += value.length;
      return chars > MAX_INPUT_CHARS ? TOO_LARGE : undefined;
    }
    if (value === null || typeof value !== 'object') return undefined;
    if (depth > MAX_INPUT_DEPTH) return TOO_LARGE;
    const proto: unknown = Object.getPrototypeOf(value);
    if (Array.isArray(value)) {
      if (proto !== Array.prototype) return 'must be plain data';
      // Checked before the items are touched: a 5-million-item array costs one comparison.
      if (nodes + value.length > MAX_INPUT_NODES) return TOO_LARGE;
    } else if (proto !== Object.prototype && proto !== null) {
      return 'must be plain data';
    }
    // for…in with an own-key check stops at the budget; Object.keys would first copy every key.
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      chars += key.length;
      if (chars > MAX_INPUT_CHARS) return TOO_LARGE;
      const problem = visit((value as Record<string, unknown>)[key], depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
  return visit(input, 0);
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** Wording for zod's issues that never includes the input (only the schema's own limits and names). */
function issueText(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'undefined') return 'this call takes no input';
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? `of type ${issue.expected}`}`;
    case 'too_big':
      return `must be at most ${limitText(issue.maximum, issue.origin)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be at least ${limitText(issue.minimum, issue.origin)}`;
    case 'invalid_format':
      return 'has the wrong format';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      // The key names come from the sender, so they are counted, not repeated.
      return issue.keys.length === 1
        ? 'has an unexpected field'
        : `has ${issue.keys.length} unexpected fields`;
    default:
      return 'is not valid';
  }
}

function limitText(limit: number | bigint, origin: string): string {
  const n = String(limit);
  if (origin === 'string') return `${n} characters`;
  if (origin === 'array' || origin === 'set') return `${n} items`;
  return n;
}

/** `field: problem; other: problem`, one problem per field, at most a few, with schema-made names only. */
function summarize(issues: readonly z.core.$ZodIssue[]): string {
  const byPath = new Map<string, z.core.$ZodIssue>();
  for (const issue of issues) {
    const label = pathLabel(issue.path);
    const seen = byPath.get(label);
    // `.int()` adds a safe-integer range issue next to the schema's own bound: keep the schema's.
    if (seen === undefined || (isSafeIntRange(seen) && !isSafeIntRange(issue))) byPath.set(label, issue);
  }
  const parts = [...byPath].map(([label, issue]) => `${label}: ${issue.message}`);
  const listed = parts.slice(0, MAX_LISTED_PROBLEMS).join('; ');
  const more = parts.length - MAX_LISTED_PROBLEMS;
  return more > 0 ? `${listed} (and ${more} more)` : listed;
}

function isSafeIntRange(issue: z.core.$ZodIssue): boolean {
  return (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'int';
}

const SAFE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function pathLabel(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'input';
  // Paths follow the schema's keys; anything else (a record key from the sender) is not echoed.
  return path
    .map((segment) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return typeof segment === 'string' && SAFE_SEGMENT.test(segment) ? `.${segment}` : '.?';
    })
    .join('')
    .replace(/^\./, '');
}

// ── Errors ────────────────────────────────────────────────────────────────────────────────────────────

/** For the log: the error's own text and stack; a thrown non-Error might be the payload, so only its type. */
function describeBug(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `a thrown ${error === null ? 'null' : typeof error} (not an Error)`;
}
