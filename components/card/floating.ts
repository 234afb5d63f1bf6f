import { useLayoutEffect, useRef, useState } from 'react';
import { computePosition, type ComputePositionConfig, type ReferenceElement } from '@floating-ui/dom';

export interface FloatingOptions extends Pick<ComputePositionConfig, 'placement' | 'middleware'> {
  strategy: 'fixed' | 'absolute';
  open: boolean;
  elements: { reference: ReferenceElement | null };
  whileElementsMounted: (reference: ReferenceElement, floating: HTMLElement, update: () => void) => () => void;
}

const byPixel = (value: number) => {
  const dpr = devicePixelRatio || 1;
  return Math.round(value * dpr) / dpr;
};

/**
 * The part of @floating-ui/react-dom's `useFloating` the card uses (same options, same answer), on @floating-ui/dom
 * directly: the React wrapper cost 2.5 kB of the content script, which ships on every kick.com page (issue #12's
 * budget), for this one call. Positions the floating element next to `reference` while `open`, and says when it is.
 */
export function useFloating(options: FloatingOptions) {
  const [floating, setFloating] = useState<HTMLElement | null>(null);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  // The middleware array is new on every render: read the latest options, recompute only when the elements change.
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const { open, strategy, elements: { reference } } = options;
  useLayoutEffect(() => {
    if (!open || !reference || !floating) return;
    let live = true;
    const stop = latest.current.whileElementsMounted(reference, floating, () => {
      const { placement, middleware } = latest.current;
      void computePosition(reference, floating, { strategy, placement, middleware }).then(({ x, y }) => live && setAt({ x, y }));
    });
    return () => {
      live = false;
      stop();
      setAt(null);
    };
  }, [open, strategy, reference, floating]);
  return {
    refs: { setFloating },
    floatingStyles: { position: strategy, left: 0, top: 0, ...(at ? { transform: `translate(${byPixel(at.x)}px, ${byPixel(at.y)}px)` } : {}) },
    isPositioned: at !== null,
  };
}
