// The deadline badge and the line next to the due date come from one function (issue 13):
// they never contradict each other, and counts use Dutch singular and plural.
import { describe, expect, it } from 'vitest';
import { deadlineTexts } from '../../renderer/features/requests/deadline.ts';
import { rendererT } from '../support/i18n.ts';

describe('deadline texts (R34)', () => {
  it('R34 due today: the badge and the detail both say it is the last day, not "Binnen 2 werkdagen"', async () => {
    const t = await rendererT('nl');
    const x = deadlineTexts(t, 'dueSoon', 0);
    expect(x).toEqual({ badge: 'Laatste dag', detail: 'vandaag de laatste dag' });
    expect(x.badge).not.toContain('2 werkdagen');
  });

  it('R34 one and two working days left: singular and plural, the badge and the detail name the same number', async () => {
    const t = await rendererT('nl');
    expect(deadlineTexts(t, 'dueSoon', 1)).toEqual({ badge: 'Nog 1 werkdag', detail: 'nog 1 werkdag' });
    expect(deadlineTexts(t, 'dueSoon', 2)).toEqual({ badge: 'Nog 2 werkdagen', detail: 'nog 2 werkdagen' });
    expect(deadlineTexts(t, 'onTrack', 7)).toEqual({ badge: 'Op schema', detail: 'nog 7 werkdagen' });
  });

  it('R34 overdue: "1 werkdag te laat" and "3 werkdagen te laat"; answered shows no count', async () => {
    const t = await rendererT('nl');
    expect(deadlineTexts(t, 'overdue', -1)).toEqual({ badge: 'Te laat', detail: '1 werkdag te laat' });
    expect(deadlineTexts(t, 'overdue', -3)).toEqual({ badge: 'Te laat', detail: '3 werkdagen te laat' });
    // Overdue over a weekend only (0 working days between): still at least one day late.
    expect(deadlineTexts(t, 'overdue', 0).detail).toBe('1 werkdag te laat');
    expect(deadlineTexts(t, 'answered', 4)).toEqual({ badge: 'Beantwoord', detail: null });
  });

  it('R34 the English texts follow the same rule', async () => {
    const t = await rendererT('en');
    expect(deadlineTexts(t, 'dueSoon', 0)).toEqual({ badge: 'Last day', detail: 'today is the last day' });
    expect(deadlineTexts(t, 'dueSoon', 1).badge).toBe('1 working day left');
  });
});
