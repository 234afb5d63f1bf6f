/**
 * When a card opens and closes (WCAG 1.4.13: hoverable, dismissible, persistent). Prefetch starts
 * the moment the pointer enters a name; the card opens after the hover-intent delay; the pointer
 * may move from the name into the card; the card closes ~300 ms after the pointer has left both,
 * or at once on Esc, scroll-away or navigation. Pure: timers are injected, no DOM.
 */
export type OpenVia = 'pointer' | 'keyboard';
export type CloseReason = 'left' | 'escape' | 'scroll' | 'navigation' | 'replaced';

export interface HoverIntentOptions<A> {
  openDelayMs: () => number;
  closeDelayMs?: number;
  prefetch: (username: string) => void;
  open: (anchor: A, username: string, via: OpenVia) => void;
  close: (reason: CloseReason) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class HoverIntent<A> {
  private pending: { anchor: A; username: string } | null = null;
  private openCard: { anchor: A; username: string; via: OpenVia } | null = null;
  private openTimer: unknown = null;
  private closeTimer: unknown = null;
  private overName = false;
  private overCard = false;
  /** Focus is inside the open card (a note being written): the pointer no longer decides when it closes. */
  private held = false;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly o: HoverIntentOptions<A>) {
    this.setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get current() {
    return this.openCard;
  }

  enterName(anchor: A, username: string): void {
    // Passing over other names while writing in the card must not swap it away.
    if (this.held) return;
    this.overName = true;
    this.cancelClose();
    if (this.openCard?.anchor === anchor) return;
    if (this.pending?.anchor === anchor) return;
    this.cancelOpen();
    this.pending = { anchor, username };
    this.o.prefetch(username);
    this.openTimer = this.setTimer(() => {
      this.openTimer = null;
      const target = this.pending;
      this.pending = null;
      if (target) this.show(target.anchor, target.username, 'pointer');
    }, this.o.openDelayMs());
  }

  leaveName(): void {
    this.overName = false;
    if (this.pending) {
      this.cancelOpen();
      this.pending = null;
    }
    this.scheduleClose();
  }

  enterCard(): void {
    this.overCard = true;
    this.cancelClose();
  }

  leaveCard(): void {
    this.overCard = false;
    this.scheduleClose();
  }

  /**
   * Focus entered (true) or left (false) the open card. While it is inside, a pointer-opened card stays when the
   * pointer leaves and other names do not replace it; when focus leaves, the pointer rules again (it closes after the
   * usual delay unless the pointer is over it).
   */
  holdByFocus(held: boolean): void {
    if (!this.openCard || this.held === held) return;
    this.held = held;
    if (held) this.cancelClose();
    else this.scheduleClose();
  }

  /** Opens at once, for the keyboard shortcut on a focused name. */
  openNow(anchor: A, username: string, via: OpenVia = 'keyboard'): void {
    this.cancelOpen();
    this.pending = null;
    this.o.prefetch(username);
    this.show(anchor, username, via);
  }

  dismiss(reason: CloseReason): void {
    this.cancelOpen();
    this.cancelClose();
    this.pending = null;
    if (!this.openCard) return;
    this.openCard = null;
    this.held = false;
    this.o.close(reason);
  }

  private show(anchor: A, username: string, via: OpenVia) {
    if (this.openCard) this.o.close('replaced');
    this.held = false;
    this.openCard = { anchor, username, via };
    this.o.open(anchor, username, via);
  }

  private scheduleClose() {
    if (!this.openCard || this.overName || this.overCard || this.held) return;
    // A keyboard-opened card stays until Esc or focus leaves it; the pointer is not involved.
    if (this.openCard.via === 'keyboard') return;
    this.cancelClose();
    this.closeTimer = this.setTimer(() => {
      this.closeTimer = null;
      if (!this.overName && !this.overCard) this.dismiss('left');
    }, this.o.closeDelayMs ?? 300);
  }

  private cancelOpen() {
    if (this.openTimer !== null) this.clearTimer(this.openTimer);
    this.openTimer = null;
  }

  private cancelClose() {
    if (this.closeTimer !== null) this.clearTimer(this.closeTimer);
    this.closeTimer = null;
  }
}
