import { render } from 'preact';
import { CardLayer } from '@/components/card/CardLayer';
import css from '@/components/card/card.css?inline';
import { provideCardUi } from '@/lib/page/card-ui-bridge';

// Injected by the background into a kick.com tab on the user's first reach for a name (lib/page/card-ui-loader.ts).
export default defineUnlistedScript(() => {
  provideCardUi((root, props) => {
    const style = document.createElement('style');
    style.textContent = css;
    const container = document.createElement('div');
    root.append(style, container);
    render(<CardLayer {...props} />, container);
    return () => {
      render(null, container);
      style.remove();
      container.remove();
    };
  });
});
