import { app } from './app.ts';
import { BrowserWindow } from './browser-window.ts';
import { record } from './journal.ts';
import { desktop } from './os.ts';

/**
 * Electron's `dialog` as the app uses it. A message box stays open until the test answers it (a click on
 * a button, Enter or Escape), with what each OS does with the options, from Electron's own code:
 * lib/browser/api/dialog.ts (the checks and the default cancelId) and shell/browser/ui/message_box_mac.mm,
 * message_box_win.cc and message_box_gtk.cc (the rest; README.md has the table).
 */

const TYPES = ['none', 'info', 'warning', 'error', 'question'] as const;
/** Labels Windows' task dialog draws as its own buttons (message_box_win.cc, GetCommonID). */
const WINDOWS_COMMON_BUTTONS = new Set(['ok', 'yes', 'no', 'cancel', 'retry', 'close']);
/** NSAlert's answer for its first button when the app added none (NSAlertFirstButtonReturn). */
const NSALERT_FIRST_BUTTON_RETURN = 1000;

/** A message box as the user sees it (double only). */
export interface MessageBoxView {
  readonly id: number;
  readonly type: (typeof TYPES)[number];
  /** The title bar; null on macOS, whose alerts have none (Electron ignores `title` there). */
  readonly title: string | null;
  readonly message: string;
  readonly detail: string;
  /** The buttons, in the order given (with none given, the one OK every OS adds). */
  readonly buttons: readonly string[];
  /** Windows: the buttons drawn as large command links (any label Windows does not know, unless noLink). */
  readonly commandLinks: readonly string[];
  /** What Enter presses, or null where nothing is the default (GTK without defaultId). */
  readonly enterAnswers: number | null;
  /** What Escape answers, or null where it does nothing (macOS with a single button). */
  readonly escapeAnswers: number | null;
  /** Attached to one of the app's windows (a sheet on macOS), or free-standing. */
  readonly attached: boolean;
  /**
   * macOS: opened behind the active app's windows. A message box does not activate the app
   * (electron/electron#4719): a tray app that is not active must call `app.focus({ steal: true })` first.
   */
  readonly behindOtherApps: boolean;
}

interface OpenBox {
  readonly view: MessageBoxView;
  /** The index each button answers (NSAlert's own OK answers 1000). */
  readonly answers: readonly number[];
  readonly resolve: (value: Electron.MessageBoxReturnValue) => void;
}

let nextId = 1;
const open: OpenBox[] = [];

export function openMessageBoxes(): MessageBoxView[] {
  return open.map((box) => box.view);
}

/** The user answers the newest open box: a click on the button labelled `button`, or a key. */
export function answerMessageBox(answer: {
  readonly button?: string;
  readonly key?: 'Enter' | 'Escape';
}): number {
  const box = open.at(-1);
  if (!box) throw new Error('no message box is open');
  let response: number | null;
  if (answer.button !== undefined) {
    const index = box.view.buttons.indexOf(answer.button);
    if (index === -1) throw new Error(`the message box has no button "${answer.button}"`);
    response = box.answers[index]!;
  } else if (answer.key !== undefined) {
    response = answer.key === 'Enter' ? box.view.enterAnswers : box.view.escapeAnswers;
    if (response === null) throw new Error(`${answer.key} does nothing in this message box`);
  } else {
    throw new Error('answer a message box with a button or a key');
  }
  open.splice(open.indexOf(box), 1);
  record('dialog.answered', box.view.message, response);
  box.resolve({ response, checkboxChecked: false });
  return response;
}

function showMessageBox(
  ...args: [Electron.MessageBoxOptions] | [Electron.BaseWindow, Electron.MessageBoxOptions]
): Promise<Electron.MessageBoxReturnValue> {
  const [parent, options] = args.length === 1 ? [null, args[0]] : args;
  // Electron's own checks (dialog.ts) throw before anything is shown.
  const type = options.type ?? 'none';
  if (!TYPES.includes(type)) throw new TypeError('Invalid message box type');
  if (options.checkboxChecked === true && !options.checkboxLabel)
    throw new Error('checkboxChecked requires that checkboxLabel also be passed');
  const given = options.buttons ?? [];
  const defaultId = options.defaultId ?? -1;
  const cancelId = options.cancelId ?? defaultCancelId(given, defaultId);
  const { platform } = desktop();
  const buttons = given.length > 0 ? given : ['OK'];
  const answers =
    given.length === 0 && platform === 'darwin' ? [NSALERT_FIRST_BUTTON_RETURN] : buttons.map((_, i) => i);
  const common = (label: string) =>
    platform === 'win32' && options.noLink !== true && WINDOWS_COMMON_BUTTONS.has(label.toLowerCase());
  const custom = buttons.flatMap((label, index) => (common(label) ? [] : [index]));

  let enterAnswers: number | null;
  let escapeAnswers: number | null;
  if (platform === 'darwin') {
    // NSAlert: the first button answers Return unless defaultId moves it; Escape is bound to cancelId
    // only with more than one button.
    enterAnswers = defaultId >= 0 && defaultId < buttons.length ? defaultId : answers[0]!;
    escapeAnswers = buttons.length > 1 && cancelId >= 0 && cancelId < buttons.length ? cancelId : null;
  } else if (platform === 'win32') {
    // The task dialog's default is the custom button defaultId names (ids kIDStart + index, set only for
    // defaultId > 0); a common button cannot be named, so the first button then answers Enter.
    enterAnswers = defaultId > 0 && custom.includes(defaultId) ? defaultId : (custom[0] ?? 0);
    // Escape (and the close box) answer IDCANCEL: the common Cancel button if there is one, else cancelId.
    const commonCancel = buttons.findIndex((label) => common(label) && label.toLowerCase() === 'cancel');
    escapeAnswers = commonCancel !== -1 ? commonCancel : cancelId;
  } else {
    // GTK: the default response is defaultId (none for -1); Escape's negative response becomes cancelId.
    enterAnswers = defaultId >= 0 && defaultId < buttons.length ? defaultId : null;
    escapeAnswers = cancelId;
  }

  const view: MessageBoxView = {
    id: nextId++,
    type,
    title: platform === 'darwin' ? null : options.title || (platform === 'win32' ? app.getName() : null),
    message: options.message,
    detail: options.detail ?? '',
    buttons,
    commandLinks:
      platform === 'win32' && options.noLink !== true ? custom.map((index) => buttons[index]!) : [],
    enterAnswers,
    escapeAnswers,
    attached: parent !== null && BrowserWindow.getAllWindows().includes(parent as unknown as BrowserWindow),
    behindOtherApps: platform === 'darwin' && !app.isActiveApp,
  };
  record('dialog.showMessageBox', options.message, buttons);
  return new Promise((resolve) => open.push({ view, answers, resolve }));
}

/** Electron's default cancelId (dialog.ts): the first "Cancel" or "No", else 0 (1 when defaultId is 0). */
function defaultCancelId(buttons: readonly string[], defaultId: number): number {
  const named = buttons.findIndex((label) => ['cancel', 'no'].includes(label.toLowerCase()));
  if (named !== -1) return named;
  return defaultId === 0 && buttons.length > 1 ? 1 : 0;
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content);
  },
  showMessageBox,
} satisfies Pick<Electron.Dialog, 'showErrorBox'> & { showMessageBox: Electron.Dialog['showMessageBox'] };
