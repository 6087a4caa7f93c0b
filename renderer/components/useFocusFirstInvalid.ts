// After a failed submit, the first field with an error gets the focus and is scrolled into view
// (issue 13: "Nieuwe deelnemer" showed its error while the page stayed at the bottom). Mantine
// marks a field with an error as aria-invalid, so the form is searched after the errors render.
import { useEffect, useRef } from 'react';

export function useFocusFirstInvalid<T extends HTMLElement>(errors: Record<string, unknown>) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!Object.values(errors).some(Boolean)) return;
    const first = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }, [errors]);
  return ref;
}
