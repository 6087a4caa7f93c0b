// Searching by name and place of residence (issue 13): what the list promises ("naam,
// dossiernummer of woonplaats"), letters outside ASCII folded the same way at index and query time,
// and a shielded name or place that stays unfindable for the colleague it is shielded from (R26).
import { afterEach, describe, expect, it } from 'vitest';
import { SEARCH_FOLDS } from '../../core/dossiers/fold.ts';
import { aParticipant, removeVault, testVault, type Caller, type TestVault } from '../support/vault.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

const found = async (who: Caller, query: string, scope: 'caseload' | 'all' = 'caseload') =>
  (await who.call('dossiers.list', { query, scope, offset: 0, limit: 50 })).rows.map((r) => r.participantId);

describe('searching participants by name and place', () => {
  it('R04 a place of residence is found by any prefix, in any case, and follows a change of address', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const utrecht = (await anna.call('dossiers.create', aParticipant({ lastName: 'Bakker', city: 'Utrecht' }))).participantId;
    const amsterdam = (await anna.call('dossiers.create', aParticipant({ lastName: 'Visser', city: 'Amsterdam' }))).participantId;
    const denBosch = (await anna.call('dossiers.create', aParticipant({ lastName: 'Smit', city: "'s-Hertogenbosch" }))).participantId;
    expect(await found(anna, 'utrecht')).toEqual([utrecht]);
    expect(await found(anna, 'UTR')).toEqual([utrecht]);
    expect(await found(anna, 'Amsterdam')).toEqual([amsterdam]);
    expect(await found(anna, 'hertogenbosch')).toEqual([denBosch]);
    // Name and place together narrow the list: every word must match, in either.
    expect(await found(anna, 'fenna amst')).toEqual([amsterdam]);
    await anna.call('dossiers.update', { participantId: utrecht, changes: { city: 'Zeist' }, reason: 'Verhuisd' });
    expect(await found(anna, 'utrecht')).toEqual([]);
    expect(await found(anna, 'zeist')).toEqual([utrecht]);
    // Outside the caseload a place finds nothing, as a name does not (R04).
    const bert = await vault.addUser('bert', 'consultant');
    expect(await found(bert, 'zeist')).toEqual([]);
  });

  it('R04 a birth date is searched as a date, not as a word: "1990" is no name or place', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const id = (await anna.call('dossiers.create', aParticipant({ birthDate: '1990-04-12' }))).participantId;
    expect(await found(anna, '1990')).toEqual([]);
    expect(await found(anna, '12-04-1990')).toEqual([id]);
  });

  it('R04 every letter the tokenizer cannot fold is found both as typed and in its plain form', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    for (const [letter, plain] of SEARCH_FOLDS) {
      const lastName = `Q${letter}zwerk`;
      const id = (await anna.call('dossiers.create', aParticipant({ lastName, lastNamePrefix: null, city: `Plaats${letter}x` }))).participantId;
      expect(await found(anna, `q${plain}zw`), `${letter} → ${plain}`).toEqual([id]);
      expect(await found(anna, `Q${letter}zw`), `${letter} as typed`).toEqual([id]);
      expect(await found(anna, `plaats${plain}x`), `${letter} in a place`).toEqual([id]);
      // Removed again so that the next letter's plain form (e.g. "d" for đ and ð) finds one dossier.
      await anna.call('dossiers.update', { participantId: id, changes: { lastName: 'Afgehandeld', city: 'Elders' }, reason: null });
    }
  });

  it('R04 the names of Dutch residents with Turkish, Polish, Scandinavian and German names are found without their letters', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const names = [['Ayşe', 'Yılmaz', 'ayse yilmaz'], ['Łukasz', 'Wójcik', 'lukasz wojcik'], ['Søren', 'Ærø', 'soren aero'],
      ['Jürgen', 'Strauß', 'jurgen strauss'], ['İbrahim', 'Çelik', 'ibrahim celik'], ['Zoë', 'Ĳzerman', 'zoe ijzer'], ['Chloé', 'Nguyễn', 'chloe nguyen']] as const;
    for (const [firstName, lastName, query] of names) {
      const id = (await anna.call('dossiers.create', aParticipant({ firstName, lastName, lastNamePrefix: null }))).participantId;
      expect(await found(anna, query), query).toEqual([id]);
      expect(await found(anna, `${firstName} ${lastName}`), `${firstName} ${lastName}`).toEqual([id]);
    }
  });

  it('R26 a place or name shielded from a colleague is not findable by them through any prefix; the owner still finds it', async () => {
    vault = await testVault();
    const owner = await vault.addUser('eva', 'consultant');
    const colleague = await vault.addUser('cor', 'consultant');
    const administration = await vault.as('administration');
    const corId = colleague.state.session!.userId;
    const shieldedPlace = (await owner.call('dossiers.create', aParticipant({ lastName: 'Plaatsgeheim', city: 'Wijkbijduurstede' }))).participantId;
    const shieldedName = (await owner.call('dossiers.create', aParticipant({ firstName: 'Naamloos', lastName: 'Verborgenhuis', city: 'Wijkbijduurstede' }))).participantId;
    for (const participantId of [shieldedPlace, shieldedName]) await owner.call('dossiers.assign', { participantId, userId: corId });
    expect((await found(colleague, 'wijkbij')).sort()).toEqual([shieldedPlace, shieldedName].sort());
    const shield = (participantId: number, field: 'city' | 'lastName') => owner.call('shielding.place', {
      participantId, target: { kind: 'field', field }, audiences: [{ kind: 'user', userId: corId }], requestedBy: 'participant', reason: 'Op verzoek van de deelnemer',
    });
    await shield(shieldedPlace, 'city');
    await shield(shieldedName, 'lastName');
    for (const q of ['w', 'wi', 'wijk', 'wijkbijduurstede', 'plaatsgeheim', 'verborgen', 'naamloos verb']) {
      expect(await found(colleague, q), q).toEqual([]);
    }
    // The dossier number still finds them (the list row then holds no shielded value).
    const row = (await colleague.call('dossiers.list', { query: (await owner.call('dossiers.get', { participantId: shieldedPlace })).participant.dossierNumber, scope: 'caseload', offset: 0, limit: 50 })).rows[0]!;
    expect(row).toMatchObject({ participantId: shieldedPlace, city: null });
    expect((await found(owner, 'wijkbij')).sort()).toEqual([shieldedPlace, shieldedName].sort());
    expect((await found(administration, 'verborgen', 'all'))).toEqual([shieldedName]);
  });
});
