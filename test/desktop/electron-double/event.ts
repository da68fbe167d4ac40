/** The event object Electron passes first to cancelable listeners (`before-quit`, `close`, …). */
export class DoubleEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}
