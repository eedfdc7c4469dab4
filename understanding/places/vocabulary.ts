/**
 * Word lists for reading a place out of a short French or English answer. All entries are in
 * normalised form (lowercase, no accents, apostrophes split: "j'habite" -> "j habite").
 */

/**
 * Words that may surround a place in an answer without changing it ("j'habite à", "I live
 * in", "merci"). If every other word of a message is one of these, the message *is* the place.
 */
export const FILLERS: ReadonlySet<string> = new Set([
  // French
  'je', 'j', 'moi', 'habite', 'habites', 'habitons', 'habitez', 'vis', 'vit', 'vivons', 'suis', 'reste', 'loge',
  'c', 'est', 'ca', 'cest', 'a', 'au', 'aux', 'en', 'dans', 'sur', 'de', 'd', 'du', 'des', 'pres', 'proche', 'cote',
  'vers', 'region', 'secteur', 'ville', 'commune', 'village', 'quartier', 'le', 'la', 'les', 'l', 'un', 'une', 'pas',
  'loin', 'environ', 'alentours', 'autour', 'banlieue', 'ma', 'mon', 'chez', 'ici', 'bonjour', 'salut', 'coucou',
  'bonsoir', 'oui', 'ok', 'okay', 'dac', 'daccord', 'merci', 'svp', 'stp', 'france', 'actuellement', 'maintenant',
  'ce', 'moment', 'pour', 'instant', 'et', 'arrondissement', 'arr', 'arrdt', 'dept', 'departement', 'dpt', 'dep',
  'code', 'postal', 'cp', 'agglo', 'agglomeration', 'metropole', 'centre', 'ville', 'heu', 'euh', 'bah', 'ben',
  'donc', 'alors', 'voila', 'tout', 'juste', 'habitant', 'habitante', 'originaire', 'viens', 'vient',
  // English
  'i', 'im', 'm', 'am', 'live', 'lives', 'living', 'in', 'at', 'near', 'from', 'the', 'my', 'city', 'town', 'is',
  'it', 's', 'hi', 'hello', 'hey', 'yes', 'please', 'thanks', 'thank', 'you', 'currently', 'based', 'around', 'area',
  'close', 'to', 'of', 'suburb', 'suburbs', 'outskirts', 'downtown', 'now', 'right', 'well', 'um', 'uh', 'so',
]);

/**
 * Words that, just before a name, say "a place follows" ("à Lyon", "près de Nantes",
 * "in Lille"). Articles are skipped before looking, so "au Havre" and "à la Rochelle" work.
 */
export const CUES: ReadonlySet<string> = new Set([
  'a', 'au', 'aux', 'en', 'dans', 'sur', 'de', 'd', 'du', 'des', 'pres', 'proche', 'cote', 'vers', 'entre', 'habite',
  'habites', 'habitons', 'habitez', 'vis', 'vit', 'vivons', 'reside', 'loge', 'est', 'ville', 'commune', 'village',
  'originaire', 'c', 'cest', 'in', 'at', 'near', 'from', 'around', 'live', 'lives', 'living', 'based', 'to', 'city', 'town',
]);

/** Cues that introduce a département or région rather than a commune ("en Mayenne", "dans la Loire"). */
export const TERRITORY_CUES: ReadonlySet<string> = new Set(['en', 'dans']);

export const ARTICLES: ReadonlySet<string> = new Set(['le', 'la', 'les', 'l']);

/** Words allowed between a commune and the département number that qualifies it ("Saint-Denis dans le 93"). */
export const QUALIFIER_GAP: ReadonlySet<string> = new Set([
  'dans', 'le', 'la', 'l', 'les', 'en', 'de', 'du', 'd', 'departement', 'dept', 'dpt', 'dep', 'in', 'the', 'department',
]);

/**
 * Everyday words that are also commune names ("Rue", "Orange", "Vienne", "Marie", "Gap").
 * Inside a sentence such a word counts as a place only when it is introduced by a cue
 * *and* capitalised, or when it is the whole answer.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...FILLERS,
  // French
  'rue', 'plan', 'port', 'mont', 'vert', 'bois', 'long', 'pont', 'mer', 'four', 'vaux', 'sens', 'vue', 'murs',
  'anse', 'isle', 'mars', 'pin', 'don', 'faux', 'doux', 'gras', 'pure', 'son', 'bar', 'bras', 'ver', 'vif', 'aire',
  'auge', 'lux', 'jury', 'bus', 'job', 'orange', 'charme', 'marie', 'vienne', 'bonnes', 'belle', 'digne', 'champagne',
  'montagne', 'aube', 'sort', 'rang', 'plaine', 'fosse', 'falaise', 'gare', 'salon', 'cognac', 'racines', 'portes',
  'maisons', 'moulins', 'champs', 'roches', 'couture', 'forges', 'landes', 'serres', 'celles', 'selles', 'noyers',
  'fresnes', 'marches', 'puits', 'vieux', 'courant', 'contre', 'pierres', 'dangers', 'caves', 'chapeau', 'target',
  'romain', 'mathieu', 'raymond', 'suzanne', 'gilles', 'samson', 'dauphin', 'baron', 'rocher',
  'ham', 'hem', 'gap', 'die', 'cry', 'baby', 'many', 'fins', 'mons', 'eps', 'ars', 'ris', 'rom', 'loos', 'lys',
  'ours', 'ors', 'vers', 'grand', 'joue', 'bonne', 'aime', 'bidon', 'bouchet', 'brousse', 'essey', 'mens', 'prix',
  'seur', 'sore', 'venise', 'loire', 'nice', 'lens', 'tours', 'sales', 'real', 'tech', 'vie', 'bac', 'mer', 'ans', 'macon',
  'campagne', 'chateau', 'plage', 'foyer', 'cite', 'centre', 'plaisir', 'croix', 'fontaine', 'grasse', 'garde', 'union',
  'madeleine', 'possession', 'trinite', 'moule', 'riche', 'creuse',
  // First names that are also large communes ("moi c'est Nancy"): a place only after "à", "in"…
  'nancy', 'antony', 'vernon', 'robert', 'francois', 'luc',
  // English
  'stains', 'ales', 'dole', 'orange',
  'ecole', 'lycee', 'college', 'fac', 'travail', 'maison', 'famille', 'stage', 'emploi', 'aide', 'cours', 'matin',
  'soir', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'gentil', 'sympa', 'mentor',
  'ami', 'amis', 'mere', 'pere', 'frere', 'soeur', 'saint', 'sainte', 'haut', 'bas', 'nord', 'sud', 'ouest', 'beau',
  'fort', 'neuf', 'bon', 'bien', 'mal', 'peu', 'sans', 'avec', 'tres', 'plus', 'moins', 'rien', 'chose', 'ou', 'si',
  // English
  'long', 'plan', 'port', 'bar', 'bus', 'job', 'son', 'four', 'pure', 'isle', 'sort', 'target', 'prix', 'grand',
]);

/** Whole answers that mean "I would rather not say". */
export const DECLINE_EXACT: ReadonlySet<string> = new Set([
  'non', 'no', 'nope', 'nan', 'non merci', 'no thanks', 'no thank you', 'skip', 'passer', 'je passe', 'pass',
  'pas envie', 'secret', 'confidentiel', 'prive', 'private', 'prefere pas', 'je prefere pas', 'rather not',
  'i d rather not', 'id rather not', 'prefer not', 'no comment', 'nsp', 'jsp', 'non communique',
]);

/** Phrases that, anywhere in an answer without a place, mean "I would rather not say". */
export const DECLINE_PHRASES: readonly string[] = [
  'prefere ne pas', 'prefere pas', 'prefererais ne pas', 'prefererais pas', 'pas envie', 'veux pas', 'ne souhaite pas',
  'souhaite pas', 'pas dire', 'pas le dire', 'pas repondre', 'pas donner', 'prefer not', 'rather not', 'don t want',
  'dont want', 'do not want', 'not say', 'not tell', 'not to say', 'skip', 'passer', 'none of your business',
];
