// Dutch surnames as the dossier stores them: the prefix (tussenvoegsel) apart from the name.
// faker's Dutch surnames sometimes carry their prefix already ("van der Linden"); adding a second
// one gave "Janne van der van der Linden".

/** "van der Linden" → { prefix: 'van der', lastName: 'Linden' }; "Jansen" → { prefix: null, lastName: 'Jansen' }. */
export function splitLastName(full: string): { prefix: string | null; lastName: string } {
  const words = full.trim().split(/\s+/);
  let i = 0;
  // Prefix words are written in lower case ("van", "der", "de", "ter", "'t"); the name itself is not.
  while (i < words.length - 1 && /^['’]?[a-z]/.test(words[i]!)) i++;
  return { prefix: i > 0 ? words.slice(0, i).join(' ') : null, lastName: words.slice(i).join(' ') };
}
