import type { Lang } from '../intake/vocabulary';

export type EditableField =
  | 'firstName' | 'age' | 'situation' | 'level' | 'needs' | 'place' | 'priority'
  | 'meeting' | 'availability' | 'contact' | 'contactPreference' | 'guardian';

export type Command =
  | { kind: 'help' }
  | { kind: 'back' }
  | { kind: 'restart' }
  | { kind: 'stop' }
  | { kind: 'deleteData' }
  | { kind: 'switchLang'; lang: Lang }
  | { kind: 'edit'; field: EditableField | null };

/** Lowercase, no accents, apostrophes and punctuation as spaces: "Modifier l'âge !" -> "modifier l age". */
export function commandText(text: string): string {
  return text
    .slice(0, 200)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const EXACT: Record<string, Command> = {};
const add = (cmd: Command, ...phrases: string[]) => phrases.forEach((p) => (EXACT[p] = cmd));
add({ kind: 'help' }, 'aide', 'help', 'a l aide', 'au secours', 'sos aide', 'j ai besoin d aide avec le bot', 'comment ca marche', 'how does this work', 'menu', 'info', 'infos');
add({ kind: 'back' }, 'retour', 'back', 'go back', 'revenir', 'precedent', 'question precedente', 'previous', 'previous question', 'revenir en arriere', 'en arriere');
add({ kind: 'restart' }, 'recommencer', 'restart', 'start over', 'reset', 'tout recommencer', 'recommencer a zero', 'on recommence', 'start again', 'nouvelle demande', 'new request');
add({ kind: 'stop' }, 'stop', 'annuler', 'cancel', 'arreter', 'arrete', 'quit', 'quitter', 'exit', 'j arrete', 'je veux arreter', 'stop please', 'laisse tomber', 'abandonner');
add({ kind: 'deleteData' }, 'effacer mes donnees', 'supprimer mes donnees', 'efface mes donnees', 'supprime mes donnees', 'effacer mes infos', 'supprimer mes infos', 'delete my data', 'erase my data', 'remove my data', 'delete my information', 'effacer', 'effacer la conversation', 'delete');
add({ kind: 'switchLang', lang: 'en' }, 'english', 'en anglais', 'anglais', 'in english', 'english please', 'speak english', 'do you speak english', 'en');
add({ kind: 'switchLang', lang: 'fr' }, 'francais', 'french', 'in french', 'en francais', 'french please', 'parle francais', 'fr');

const FIELD_WORDS: [EditableField, string[]][] = [
  ['firstName', ['prenom', 'nom', 'name', 'first name', 'firstname', 'my name']],
  ['age', ['age', 'mon age', 'l age', 'my age']],
  ['level', ['classe', 'ma classe', 'niveau', 'mon niveau', 'diplome', 'mon diplome', 'annee', 'level', 'my level', 'year', 'school year', 'grade']],
  ['situation', ['situation', 'ma situation', 'statut', 'mon statut', 'etudes', 'mes etudes', 'ecole', 'my situation', 'status', 'studies', 'school']],
  ['needs', ['besoin', 'besoins', 'mes besoins', 'mon besoin', 'need', 'needs', 'my needs', 'aide demandee']],
  ['place', ['ville', 'ma ville', 'commune', 'ma commune', 'lieu', 'adresse', 'code postal', 'city', 'my city', 'town', 'place', 'location', 'where i live']],
  ['priority', ['situation particuliere', 'situations particulieres', 'priorite', 'priorites', 'programmes prioritaires', 'priority', 'priorities', 'special situation']],
  ['meeting', ['rencontre', 'rencontres', 'mode de rencontre', 'distance', 'presentiel', 'meeting', 'meetings', 'meeting preference']],
  ['availability', ['disponibilite', 'disponibilites', 'dispo', 'dispos', 'horaires', 'availability', 'availabilities', 'schedule']],
  ['contactPreference', ['preference de contact', 'moyen de contact', 'contact preference', 'preferred contact']],
  ['contact', ['contact', 'mon contact', 'email', 'e mail', 'mail', 'mon mail', 'telephone', 'tel', 'numero', 'mon numero', 'portable', 'phone', 'my phone', 'my email', 'number', 'my number']],
  ['guardian', ['parent', 'mon parent', 'tuteur', 'tutrice', 'responsable legal', 'guardian', 'my parent']],
];
const FIELD_BY_WORDS = new Map<string, EditableField>();
for (const [field, words] of FIELD_WORDS) for (const w of words) FIELD_BY_WORDS.set(w, field);

const EDIT_VERBS = /^(?:modifier|modifie|changer|change|corriger|corrige|editer|edit|update|fix)(?: (?:mon|ma|mes|le|la|les|l|my|the))?(?: (.*))?$/;

/**
 * Recognises the global commands, but only when they are the whole message: "je veux
 * arrêter l'école" must stay an answer, never stop the conversation.
 */
export function parseCommand(text: string): Command | null {
  const t = commandText(text);
  if (t === '' || t.length > 60) return null;
  const exact = EXACT[t];
  if (exact) return exact;
  const edit = EDIT_VERBS.exec(t);
  if (edit) {
    const rest = (edit[1] ?? '').trim();
    if (rest === '' || rest === 'une reponse' || rest === 'an answer' || rest === 'reponse' || rest === 'answer') return { kind: 'edit', field: null };
    const field = FIELD_BY_WORDS.get(rest);
    return field ? { kind: 'edit', field } : null;
  }
  return null;
}
