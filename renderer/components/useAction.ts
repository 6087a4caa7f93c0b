// One hook for the busy/error bookkeeping every form repeated by hand: the button shows a spinner
// while the API step runs, and a failed step leaves the form as typed with the coded error's
// readable (Dutch or English) text next to it, instead of a crash or a bare stack.
import { useState } from 'react';
import { errorText } from './notify.ts';

/** Runs one API step of a form: busy while it runs, the coded error's readable text if it fails. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** `onError` is for what a form does besides showing the text, e.g. marking fields or clearing a password. */
  async function run(step: () => Promise<void>, onError?: (e: unknown) => void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (e) {
      setError(errorText(e));
      onError?.(e);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
