// The passphrase of a copy: easy to read out over the phone, generated with node:crypto, returned
// once to the staff member and never stored or logged (R21, R31).
// Entropy: 6 words from 256 (6 × 8 = 48 bits) plus a 5-digit number (log2(100000) ≈ 16.6 bits)
// ≈ 64.6 bits; randomInt draws uniformly (no modulo bias).
import { randomInt } from 'node:crypto';

const RAW = `aap appel arend baan bad bal bank beek beer berg bes bijl blad bloem boek boom boot bos brief brood brug
bui bus dak dal das deur dijk dorp draak duin duif eend eik eiland emmer ezel fiets fluit fort gans geit gras haai
haan hagel hamer hand haven hek hert hoed hond honing hoorn huis ijs inkt jas jurk kaars kaas kade kam kameel kanaal
kar kast kat kerk kers kist klok knoop koe koffie kom konijn kool kraai kreeft krant kroon kruik kust laan lamp lantaarn
leeuw lepel les licht lied lijn lint loods maan mand mantel markt meer melk mes mier molen mossel muis muur mug naald
nest net neus noot oester oever oog oor pad pan park pauw peer pen pier plank plein pluim pomp pop post pot pruim
raam rat regen riet ring rivier rog roos rots schaap schaal schip schoen school schotel sjaal slak sleutel sluis
snoek sok spin spoor stal stad steen ster stoel storm straat stroom tafel tak tas tent tijger tol toren trein trommel
tuin tulp uil ui vaas veer veld venster vijver vink vis vlag vlieg vloer vlot vogel vos vuur wagen walvis wand want
water weg wei wiel wind wolk wortel zaag zadel zak zalm zand zee zeef zeil zeep zon zwaan zwaluw anker appelboom
bakker beitel berk bever bijen blik bord bries buis dans deken dolfijn doos duim egel emmer fazant fontein gitaar
glas gouden graan haring heide helm hengel hooi horloge hut jager kabel kachel kalf kano kapel kegel ketel kever
kiezel klaver kompas koord kraan krekel kussen lade ladder lelie linde lucht mast merel mol mosterd munt narcis
orgel otter paard paleis paraplu parel pijl plant poort raket reiger roer schelp schors slee sloot spiegel`;

/** Exactly 256 distinct words, so that one word is 8 bits. */
export const WORDS: readonly string[] = [...new Set(RAW.split(/\s+/).filter(Boolean))].slice(0, 256);
if (WORDS.length !== 256) throw new Error(`passphrase word list has ${WORDS.length} words, needs 256`);

export const PASSPHRASE_BITS = 6 * Math.log2(WORDS.length) + Math.log2(100_000);

export function makePassphrase(): string {
  const words = Array.from({ length: 6 }, () => WORDS[randomInt(WORDS.length)]!);
  return [...words, String(randomInt(100_000)).padStart(5, '0')].join('-');
}
