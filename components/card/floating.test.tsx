// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { offset } from '@floating-ui/dom';
import { useFloating } from './floating';

afterEach(cleanup);

function Probe({ open, reference, onUpdate }: { open: boolean; reference: Element | null; onUpdate: () => void }) {
  const { refs: { setFloating }, floatingStyles, isPositioned } = useFloating({
    strategy: 'fixed',
    placement: 'bottom-start',
    open,
    elements: { reference },
    middleware: [offset(6)],
    whileElementsMounted: (_r, _f, update) => {
      update();
      onUpdate();
      return () => undefined;
    },
  });
  return <div ref={setFloating} data-testid="floating" data-positioned={String(isPositioned)} style={floatingStyles} />;
}

describe('useFloating (the card’s positioning)', () => {
  it('places the element below its reference, fixed, and says when it is placed', async () => {
    const reference = document.createElement('button');
    document.body.append(reference);
    vi.spyOn(reference, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ x: 100, y: 40, width: 50, height: 20 }));
    const view = render(<Probe open reference={reference} onUpdate={() => undefined} />);
    const floating = view.getByTestId('floating');
    await waitFor(() => expect(floating.dataset.positioned).toBe('true'));
    expect(floating.style.position).toBe('fixed');
    expect(floating.style.transform).toBe('translate(100px, 66px)');
  });

  it('starts over when it closes, and watches the elements only while open', async () => {
    const reference = document.createElement('button');
    document.body.append(reference);
    const onUpdate = vi.fn();
    const view = render(<Probe open reference={reference} onUpdate={onUpdate} />);
    await waitFor(() => expect(view.getByTestId('floating').dataset.positioned).toBe('true'));
    view.rerender(<Probe open={false} reference={reference} onUpdate={onUpdate} />);
    expect(view.getByTestId('floating').dataset.positioned).toBe('false');
    expect(view.getByTestId('floating').style.transform).toBe('');
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });
});
