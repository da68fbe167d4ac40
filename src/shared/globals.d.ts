// What src/shared may use beyond the language itself: the console that every process has (Node, the
// preload, the page). tsconfig.shared.json has neither the DOM's globals nor Node's; these declarations
// match theirs, so they merge where either is present.
interface Console {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
}
// eslint-disable-next-line no-var -- a global is a `var`; lib.dom.d.ts and @types/node declare it so too.
declare var console: Console;
