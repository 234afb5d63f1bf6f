import { render } from 'preact';
import { CardLayer } from '@/components/card/CardLayer';
import { keepCards } from '@/components/card/kept-cards';
import { warmUpFirstCard } from '@/components/card/warm-up';
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
    const stopWarming = warmUpFirstCard(props.store, render, root);
    return () => {
      stopWarming();
      stopKeeping();
      stopForgetting();
      render(null, container);
      style.remove();
      container.remove();
    };
  });
});
