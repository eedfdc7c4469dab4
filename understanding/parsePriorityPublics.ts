import { PRIORITY_PUBLICS, type PriorityPublic } from '../intake/vocabulary';
import { compilePhrases, matchPhrases } from './matchPhrases';
import { fail, normalize, ok, tokenize, type ParseResult } from './text';

type Word = PriorityPublic | 'none' | 'undisclosed' | 'ignore';

/**
 * Only explicit words: these answers open priority programmes and are sensitive, so a
 * vague "cité" or "je suis dys" is not read as a declaration.
 */
const TABLE = compilePhrases<Word>([
  ['qpv', [
    'qpv', 'quartier prioritaire', 'quartiers prioritaires', 'quartier prioritaire de la ville', 'quartier politique de la ville',
    'quartiers politique de la ville', 'politique de la ville', 'qp', 'zus', 'zone urbaine sensible', 'priority neighbourhood',
    'priority neighborhood', 'priority area', 'deprived neighbourhood', 'deprived neighborhood',
  ]],
  ['rural', [
    'rural', 'rurale', 'zone rurale', 'milieu rural', 'en milieu rural', 'campagne', 'a la campagne', 'en campagne', 'village',
    'petit village', 'dans un village', 'zrr', 'zone de revitalisation rurale', 'countryside', 'rural area', 'in the countryside', 'in a village',
  ]],
  ['disability', [
    'disability', 'handicap', 'handicape', 'handicapee', 'en situation de handicap', 'situation de handicap', 'rqth', 'mdph', 'l aah', 'j ai l aah', 'allocation adulte handicape', 'aeeh',
    'reconnaissance travailleur handicape', 'disabled', 'a disability', 'handicap reconnu',
  ]],
  ['child_welfare', [
    'child_welfare', 'ase', 'l ase', 'aide sociale a l enfance', 'a l ase', 'suivi par l ase', 'suivie par l ase', 'foyer', 'en foyer',
    'famille d accueil', 'en famille d accueil', 'je suis place', 'je suis placee', 'j etais place', 'j etais placee', 'enfant place',
    'enfant placee', 'jeune place', 'jeune placee', 'place en foyer', 'placee en foyer', 'en mecs', 'une mecs', 'maison d enfants', 'pupille', 'pupille de l etat',
    'contrat jeune majeur', 'cjm', 'protection de l enfance',
    // An unaccompanied minor is in child welfare's care (ASE); refugee status is a separate
    // declaration (asylum), not implied.
    'mna', 'mineur non accompagne', 'mineure non accompagnee', 'mineurs non accompagnes', 'unaccompanied minor', 'unaccompanied child', 'foster care', 'foster family', 'in care', 'care leaver', 'child welfare',
    'children s home', 'foster',
  ]],
  ['refugee', [
    'refugee', 'refugie', 'refugiee', 'refugies', 'primo arrivant', 'primo arrivante', 'primo arrivants', 'primoarrivant', 'demandeur d asile',
    'demandeuse d asile', 'demande d asile', 'asile', 'droit d asile', 'protection internationale', 'protection subsidiaire',
    'asylum seeker', 'asylum', 'newly arrived', 'newcomer',
  ]],
  ['none', [
    'aucun', 'aucune', 'aucun des deux', 'aucune de ces situations', 'aucun de ceux la', 'aucune de celles la', 'rien', 'rien de tout ca',
    'non', 'nan', 'nn', 'nop', 'no', 'nope', 'nah', 'none', 'nothing', 'none of them', 'none of these', 'none of the above', 'not concerned', 'pas concerne',
    'pas concernee', 'je suis pas concerne', 'je suis pas concernee', 'je ne suis pas concerne', 'je ne suis pas concernee',
    'ca ne me concerne pas', 'ca me concerne pas', 'non concerne', 'non concernee', '=n a',
  ]],
  ['undisclosed', [
    'je prefere ne pas repondre', 'je prefere ne pas le dire', 'je prefere ne pas dire', 'je prefere pas repondre', 'je prefere pas dire',
    'je prefere pas le dire', 'prefere ne pas repondre', 'prefere pas repondre', 'prefere ne pas dire', 'prefere pas dire',
    'je ne veux pas repondre', 'je veux pas repondre', 'je ne veux pas le dire', 'je veux pas le dire', 'pas envie de repondre',
    'pas envie de le dire', 'je ne souhaite pas repondre', 'je souhaite ne pas repondre', 'sans reponse', 'je passe', 'passer', 'suivant',
    'skip', 'pass', 'prefer not to say', 'i prefer not to say', 'i d rather not say', 'rather not say', 'prefer not to answer',
    'i prefer not to answer', 'i d rather not answer', 'no comment', 'private',
  ]],
  // Look-alikes that are not the programme's situations.
  ['ignore', ['foyer de jeunes travailleurs', 'foyer jeunes travailleurs', 'fjt', 'foyer etudiant', 'foyer de mes parents', 'foyer familial', 'ase ptt']],
]);

const CODE_ORDER = (p: PriorityPublic) => PRIORITY_PUBLICS.indexOf(p);

/**
 * Reads the priority situations the young person declares, several at once ("je vis à la
 * campagne et j'ai une RQTH"). Declaring none ("aucun", "non", "none") is an empty list;
 * declining to answer ("je préfère ne pas répondre", "prefer not to say") is null.
 * "pas de handicap" alone is not a declaration either way: not understood, so the
 * dialog asks again.
 */
export function parsePriorityPublics(text: string): ParseResult<PriorityPublic[] | null, 'not_understood'> {
  try {
    const words = tokenize(normalize(text));
    const found = new Set<PriorityPublic>();
    let none = false;
    let undisclosed = false;
    for (const m of matchPhrases(words, TABLE)) {
      if (m.value === 'ignore') continue;
      if (m.value === 'undisclosed') { undisclosed = true; continue; }
      if (m.value === 'none') { none = true; continue; }
      if (!m.negated) found.add(m.value);
    }
    if (found.size > 0) return ok([...found].sort((a, b) => CODE_ORDER(a) - CODE_ORDER(b)));
    if (undisclosed) return ok(null);
    if (none) return ok([]);
    return fail('not_understood');
  } catch {
    return fail('not_understood');
  }
}
