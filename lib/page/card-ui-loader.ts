import type { CardUiMount } from './card-ui-bridge';

export interface CardUiLoaderDeps {
  /** Asks the background to inject the UI script into this frame; resolves once it ran. */
  inject: () => Promise<{ ok: boolean; error?: { message: string } }>;
  /** Calls back once the injected script has provided its mount function (lib/page/card-ui-bridge.ts). */
  whenProvided: (use: (mount: CardUiMount) => void) => void;
  mount: (ui: CardUiMount) => void;
  warn?: (message: string) => void;
}

/**
 * Loads the card UI once, on demand. It mounts as soon as the UI script has run, even when the background's answer is
 * lost (a worker stopped mid-flight); concurrent callers share one injection; a failed one is said once in the console
 * (nothing fails silently) and forgotten, so the next reach for a name tries again.
 */
export function createCardUiLoader(deps: CardUiLoaderDeps) {
  let loading: Promise<boolean> | null = null;
  let mounted = false;
  const warn = deps.warn ?? ((message: string) => console.warn(`[kick-user-cards] ${message}`));
  deps.whenProvided((ui) => {
    if (mounted) return;
    mounted = true;
    deps.mount(ui);
  });
  const attempt = async (): Promise<boolean> => {
    let failure: string | undefined;
    try {
      const answer = await deps.inject();
      if (!answer.ok) failure = answer.error?.message ?? 'the background refused';
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (mounted) return true;
    throw new Error(failure ?? 'the card UI script ran but left nothing to mount');
  };
  return {
    get mounted() {
      return mounted;
    },
    ensure(): Promise<boolean> {
      if (mounted) return Promise.resolve(true);
      loading ??= attempt().catch((error: unknown) => {
        loading = null;
        warn(`the card could not be loaded: ${(error as Error).message}`);
        return false;
      });
      return loading;
    },
    /**
     * What a card's data waits for before it is asked: nothing once the UI is in; on the page's first reach, the UI's
     * arrival (brought in here if it is not on its way), its failure, or `capMs`, whichever comes first. Compiling the
     * UI is the first open's longest task, and asked for meanwhile, the data's work (the background's, the network's,
     * the page's) takes the cores it needs: on 2 cores that task measured 11-22 ms of wall time against 4-7 ms of the
     * thread's CPU, and never over 8 ms with the data asked after it (issue #27). The hover delay covers the wait.
     */
    settled(capMs: number): Promise<unknown> | undefined {
      if (mounted) return undefined;
      return Promise.race([this.ensure(), new Promise((resolve) => setTimeout(resolve, capMs))]);
    },
  };
}
