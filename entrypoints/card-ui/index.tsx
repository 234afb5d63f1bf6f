import { render } from 'preact';
import { CardLayer } from '@/components/card/CardLayer';
import { keepCards } from '@/components/card/kept-cards';
import css from '@/components/card/card.css?inline';
import { setHourCycle } from '@/lib/cards/format';
import { withHistory } from '@/lib/page/card-chat';
import { leftForCardUi, provideCardUi } from '@/lib/page/card-ui-bridge';
import { forgetPageNotes } from '@/lib/notes/page-note-cache';

// Injected by the background into a kick.com tab on the user's first reach for a name (lib/page/card-ui-loader.ts).
export default defineUnlistedScript(() => {
  // Before mounting: the content script mounts at once if it is waiting.
  setHourCycle(leftForCardUi().hour12 === true);
  provideCardUi((root, props) => {
    const style = document.createElement('style');
    style.textContent = css;
    const container = document.createElement('div');
    root.append(style, container);
    const stopKeeping = keepCards(props.store);
    const stopForgetting = props.store.subscribe((state, before) => {
      if (state.notesRevision !== before.notesRevision) forgetPageNotes();
    });
    const chat = props.chat && withHistory(props.chat, (input) => props.send('readChatHistory', input));
    render(<CardLayer {...props} chat={chat} />, container);
    // The first card's frame lays its text out with fonts no frame used before: a line in the card's font, unseen, makes
    // the frame after mounting (in the hover delay) pay that instead (issue #27).
    const warm = document.createElement('p');
    warm.className = 'kuc-card kuc-warm';
    warm.setAttribute('aria-hidden', 'true');
    warm.innerHTML = '<b>Aa Zz 0123456789</b> Aa Zz 0123456789 · <span class="muted">@_</span>';
    root.append(warm);
    setTimeout(() => warm.remove(), 1000);
    return () => {
      stopKeeping();
      stopForgetting();
      render(null, container);
      style.remove();
      container.remove();
    };
  });
});
