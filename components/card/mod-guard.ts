/** Clicks this soon after the card appeared or moved are ignored: a card that opens on hover can land under a click. */
export const ARM_MS = 300;

/**
 * A moderator action's click or key is the user's own (trusted: a page cannot reach the closed shadow root, and a
 * synthetic event in the E2E build's open one is not trusted), and a pointer's click lands on a card that has stood
 * still for ARM_MS (the card's `data-moved-at`, set where it is placed: card-position.ts).
 */
export function fromUserOnStillCard(e: { isTrusted: boolean; currentTarget: EventTarget | null; detail?: number; key?: string }): boolean {
  if (!e.isTrusted) return false;
  // A key (Enter in a field, or a button pressed from the keyboard: a click whose `detail` is 0) goes where the focus
  // is, not where the card landed: only the pointer's clicks wait for a card to stand still.
  if (e.key !== undefined || e.detail === 0) return true;
  const card = (e.currentTarget as Element | null)?.closest?.<HTMLElement>('.kuc-card');
  return performance.now() - Number(card?.dataset.movedAt ?? 0) >= ARM_MS;
}
