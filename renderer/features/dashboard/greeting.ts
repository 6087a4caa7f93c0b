// The start page greets by the time of day: goedemorgen before twelve, goedemiddag until six,
// goedenavond after that (and through the night). Pure, so it is tested without a browser.
export type DayPart = 'morning' | 'afternoon' | 'evening';

export function dayPart(hour: number): DayPart {
  if (hour >= 6 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  return 'evening';
}

/** The i18n key of the greeting at this local hour ("dashboard.greeting.morning": "Goedemorgen, {{name}}"). */
export function greetingKey(hour: number): `dashboard.greeting.${DayPart}` {
  return `dashboard.greeting.${dayPart(hour)}`;
}
