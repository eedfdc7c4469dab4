import type { Help, MentorLanguage, Occupation, VolunteerPublic } from '../../intake/volunteerVocabulary';
import { compilePhrases } from '../matchPhrases';

/**
 * What a volunteer says about themselves, word by word (understanding/matchPhrases syntax:
 * "=x" whole message, "x*" last word a prefix). French, English and texting spellings.
 */
/** Phrases of OCCUPATION_TABLE whose object is the detail: "j'enseigne le français" -> "français", "I run a bakery" -> "bakery". */
export const OPENS_ITSELF: ReadonlySet<string> = new Set([
  'j enseigne', 'jenseigne', 'i teach', 'je tiens un', 'je tiens une', 'je gere un', 'je gere une', 'i run a', 'i run an', 'i run my', 'i own a', 'i own an',
  'je dirige un', 'je dirige une',
]);

/**
 * Phrases that say only which kind of activity, not which one ("je travaille", "student"):
 * their own words about it come after them ("je travaille dans la logistique"). Any other
 * phrase of OCCUPATION_TABLE names the trade or studies itself ("plombier", "bus driver").
 */
export const GENERIC_OCCUPATION_PHRASES: ReadonlySet<string> = new Set([
  'etudiant', 'etudiante', 'etudiants', 'etudiant en', 'etudiante en', 'etudie', 'j etudie', 'je fais des etudes', 'student', 'i m a student', 'university student',
  'undergrad', 'undergraduate', 'postgrad', 'lyceen', 'lyceenne', 'a la fac', 'en fac', 'a l universite', 'at uni', 'at university', 'in college', 'college student',
  'in high school', 'high school', 'high school student', 'au lycee', 'etudiant', 'i study', 'studying',
  'salarie', 'salariee', 'je travaille', 'j travaille', 'jtravaille', 'en poste', 'en cdi', 'en cdd', 'je bosse', 'jbosse', 'i work', 'i m working', 'employed',
  'i m employed', 'working as', 'je suis employe', 'je suis employee', 'employe', 'employee', 'cadre', 'independant', 'independante', 'freelance', 'fonctionnaire',
  'dans une entreprise', 'dans une boite', 'dans une societe', 'en entreprise', 'in a company', 'at a company', 'for a company', 'je travaille comme', 'je bosse comme',
  'i work as', 'i work as a', 'i work as an', 'en tant que', 'work for', 'work at', 'work in', 'je travaille dans', 'je bosse dans', 'self employed', 'in employment',
  'a mon compte', 'je suis a mon compte', 'en interim', 'interimaire', 'je fais de l interim', 'en conge maternite', 'on maternity leave', 'i have my own business',
  'i have a business', 'j ai ma boite', 'j ai mon entreprise', 'j ai une entreprise',
  ...OPENS_ITSELF,
]);


export const OCCUPATION_TABLE = compilePhrases<Occupation>([
  ['student', [
    'etudiant', 'etudiante', 'etudiants', 'etudiant en', 'etudiante en', 'etudie', 'j etudie', 'je fais des etudes', 'en master', 'en licence', 'en fac',
    'a la fac', 'a l universite', 'en ecole d ingenieur', 'en ecole de commerce', 'en prepa', 'en bts', 'en but', 'en iut', 'lyceen', 'lyceenne', 'en terminale',
    'student', 'i m a student', 'university student', 'undergrad', 'undergraduate', 'postgrad', 'phd student', 'doctorant', 'doctorante', 'etudiant*',
    'en doctorat', 'en these', 'en premiere', 'au lycee', 'en ecole', 'at uni', 'at university', 'in college', 'college student',
    'ecole d inge', 'ecole dinge', 'decole dinge', 'ecole d ingenieurs', 'en ecole d inge',
    'in high school', 'high school student', 'high schooler', 'i study', 'studying', 'in my final year', 'grad student', 'medical student', 'law student',
  ]],
  ['employed', [
    'cfo', 'cto', 'coo', 'cmo', 'pdg', 'daf', 'salarie', 'salariee', 'je travaille', 'j travaille', 'jtravaille', 'en poste', 'en cdi', 'en cdd', 'cadre', 'ingenieur', 'ingenieure', 'infirmier', 'infirmiere',
    'professeur', 'prof', 'enseignant', 'enseignante', 'developpeur', 'developpeuse', 'commercial', 'commerciale', 'comptable', 'avocat', 'avocate', 'medecin',
    'artisan', 'boulanger', 'boulangere', 'electricien', 'plombier', 'menuisier', 'mecanicien', 'coiffeur', 'coiffeuse', 'cuisinier', 'cuisiniere', 'chef d entreprise',
    'entrepreneur', 'entrepreneuse', 'independant', 'independante', 'freelance', 'fonctionnaire', 'manager', 'consultant', 'consultante', 'je bosse', 'jbosse',
    'i work', 'i m working', 'employed', 'i m employed', 'engineer', 'teacher', 'nurse', 'developer', 'accountant', 'lawyer', 'doctor', 'self employed', 'business owner',
    'working as', 'je suis employe', 'je suis employee', 'employe', 'employee', 'auto entrepreneur', 'artisane', 'technicien', 'technicienne', 'chef de projet',
    // Trades and posts, as people name them (texting short forms too).
    'drh', 'rrh', 'responsable rh', 'en rh', 'dans les rh', 'ressources humaines', 'directeur', 'directrice', 'responsable de', 'responsable d', 'charge de', 'chargee de',
    'chef d equipe', 'chef de chantier', 'chef cuisinier', 'gerant', 'gerante', 'dirigeant', 'dirigeante', 'dev', 'dev web', 'developpeur web', 'codeur', 'codeuse',
    'programmeur', 'programmeuse', 'informaticien', 'informaticienne', 'data scientist', 'analyste', 'architecte', 'designer', 'graphiste', 'journaliste', 'chercheur',
    'chercheuse', 'professeure', 'professeur des ecoles', 'instit', 'institutrice', 'instituteur', 'educateur', 'educatrice', 'educ spe', 'animateur', 'animatrice',
    'formateur', 'formatrice', 'aide soignant', 'aide soignante', 'sage femme', 'kine', 'kinesitherapeute', 'pharmacien', 'pharmacienne', 'dentiste', 'psychologue',
    'assistante sociale', 'assistant social', 'travailleur social', 'travailleuse sociale', 'policier', 'policiere', 'gendarme', 'pompier', 'militaire', 'chauffeur',
    'chauffeuse', 'conducteur', 'conductrice', 'chauffeur de bus', 'conducteur de bus', 'routier', 'livreur', 'livreuse', 'cariste', 'magasinier', 'magasiniere',
    'vendeur', 'vendeuse', 'caissier', 'caissiere', 'serveur', 'serveuse', 'barman', 'patissier', 'patissiere', 'boucher', 'bouchere', 'fleuriste', 'agriculteur',
    'agricultrice', 'eleveur', 'eleveuse', 'maraicher', 'viticulteur', 'jardinier', 'paysagiste', 'macon', 'charpentier', 'couvreur', 'carreleur', 'soudeur',
    'chaudronnier', 'ouvrier', 'ouvriere', 'operateur', 'operatrice', 'garagiste', 'carrossier', 'estheticienne', 'secretaire', 'assistante de direction', 'notaire',
    'juriste', 'banquier', 'banquiere', 'conseiller bancaire', 'conseillere bancaire', 'conseiller en', 'conseillere en', 'cpe', 'agent immobilier', 'expert comptable',
    'auditeur', 'auditrice', 'agent territorial', 'cheminot', 'postier', 'postiere', 'facteur', 'factrice', 'aide a domicile', 'auxiliaire de vie', 'chirurgien',
    'chirurgienne', 'veterinaire', 'artiste', 'musicien', 'musicienne', 'comedien', 'comedienne', 'photographe', 'inge', 'commercant', 'commercante', 'restaurateur',
    'restauratrice', 'ebeniste', 'couturier', 'couturiere', 'opticien', 'opticienne', 'ambulancier', 'ambulanciere', 'logisticien', 'logisticienne', 'acheteur',
    'acheteuse', 'dans une entreprise', 'dans une boite', 'dans une societe', 'dans une start up', 'dans une startup', 'en entreprise', 'je travaille comme', 'je bosse comme',
    'en tant que', 'je travaille dans', 'je bosse dans',
    'baker', 'software engineer', 'software developer', 'dev', 'web developer', 'programmer', 'coder', 'data scientist', 'analyst', 'designer', 'architect',
    'journalist', 'researcher', 'scientist', 'professor', 'lecturer', 'social worker', 'youth worker', 'care worker', 'police officer', 'firefighter', 'soldier',
    'bus driver', 'truck driver', 'lorry driver', 'taxi driver', 'delivery driver', 'plumber', 'electrician', 'carpenter', 'mechanic', 'builder', 'bricklayer',
    'welder', 'chef', 'waiter', 'waitress', 'cashier', 'shop assistant', 'salesman', 'saleswoman', 'in sales', 'hr manager', 'hr director', 'in hr', 'human resources',
    'recruiter', 'banker', 'pharmacist', 'dentist', 'midwife', 'physio', 'physiotherapist', 'psychologist', 'therapist', 'surgeon', 'vet', 'farmer', 'gardener',
    'hairdresser', 'barber', 'butcher', 'florist', 'tailor', 'secretary', 'receptionist', 'civil servant', 'founder', 'ceo', 'cto', 'director', 'project manager',
    'product manager', 'auditor', 'artist', 'musician', 'actor', 'actress', 'photographer', 'writer', 'translator', 'interpreter', 'librarian', 'technician',
    'craftsman', 'craftswoman', 'tradesman', 'carer', 'caregiver', 'nanny', 'postman', 'cleaner', 'security guard', 'warehouse worker', 'factory worker', 'in tech',
    'in a company', 'at a company', 'for a company', 'i work as', 'i work as a', 'i work as an', 'work for', 'work at', 'work in', 'in employment',
    'a mon compte', 'je suis a mon compte', 'en interim', 'interimaire', 'je fais de l interim', 'en conge maternite', 'on maternity leave', 'i have my own business',
    'i have a business', 'j ai ma boite', 'j ai mon entreprise', 'j ai une entreprise', 'dans l informatique', 'dans le batiment', 'dans le btp', 'dans la banque',
    'dans la finance', 'dans l industrie', 'dans la sante', 'dans le commerce', 'dans la restauration', 'dans l enseignement', 'dans l education', 'dans le social',
    'dans la com', 'dans la communication', 'dans le marketing', 'dans l immobilier', 'dans l hotellerie', 'dans la logistique', 'dans le transport',
    'in finance', 'in marketing', 'in banking', 'in healthcare', 'in education', 'in retail', 'in construction', 'in hospitality', 'in consulting', 'in logistics',
    '=in it', '=i m in it', 'i work in it', 'j enseigne', 'jenseigne', 'i teach', 'je tiens un', 'je tiens une', 'je gere un', 'je gere une', 'i run a', 'i run an',
    'i run my', 'i own a', 'i own an', 'je dirige un', 'je dirige une',
  ]],
  ['retired', [
    'retraite', 'retraitee', 'a la retraite', 'en retraite', 'jeune retraite', 'jeune retraitee', 'retired', 'i m retired', 'pensioner', 'retiree', 'ancien salarie',
    'preretraite', 'pre retraite', 'en preretraite', 'semi retired', 'recently retired',
  ]],
  ['other', [
    'mere au foyer', 'pere au foyer', 'femme au foyer', 'homme au foyer', 'parent au foyer', 'stay at home mum', 'stay at home mom', 'stay at home dad',
    'stay at home parent', 'homemaker', 'housewife', 'en conge parental', 'on parental leave', 'en invalidite', 'on disability',
  ]],
  ['job_seeker', [
    'demandeur d emploi', 'demandeuse d emploi', 'au chomage', 'chomage', 'sans emploi', 'en recherche d emploi', 'je cherche du travail', 'je cherche un emploi',
    'job seeker', 'jobseeker', 'unemployed', 'looking for a job', 'looking for work', 'between jobs', 'en reconversion', 'chercheur d emploi', 'chercheuse d emploi',
    'entre deux boulots', 'entre deux emplois', 'entre deux contrats', 'en fin de contrat', 'france travail', 'pole emploi',
    'en recherche de travail', 'je cherche un job', 'entre deux jobs', 'sans travail', 'out of work',
  ]],
]);

export const HELP_TABLE = compilePhrases<Help>([
  ['school_support', [
    'soutien scolaire', 'aide aux devoirs', 'devoirs', 'les devoirs', 'cours particuliers', 'tutorat', 'tuteur en', 'tutrice en', 'tuteur de', 'tutrice de', 'tuteur scolaire', 'tutrice scolaire', 'aide en maths', 'aider en maths', 'soutien en maths',
    'aide en francais', 'reussite scolaire', 'decrochage', 'decrochage scolaire', 'homework', 'maths homework', 'tutoring', 'school support', 'school work', 'schoolwork',
    'help with maths', 'help with math', 'maths help', 'math help', 'help with school',
    'aider pour l ecole', 'aide pour l ecole', 'aider a l ecole', 'aider en francais', 'tutor kids', 'tutor children', 'tutor pupils', 'tutor teenagers', 'tutor teens',
    'tutor students', 'tutor some', 'help at school',
  ]],
  ['orientation', [
    'orientation', 's orienter', 'orienter', 'parcoursup', 'choix d etudes', 'choisir ses etudes', 'choisir leur voie', 'trouver sa voie', 'trouver leur voie', 'projet d avenir', 'projet pro',
    'projet professionnel', 'career guidance', 'guidance', 'choosing studies', 'career choices', 'what to study', 'find their way', 'career advice',
  ]],
  ['first_job', [
    'premier emploi', 'premier job', 'trouver un emploi', 'trouver un job', 'trouver du travail', 'recherche d emploi', 'insertion', 'insertion professionnelle', 'cv',
    'entretien', 'entretiens', 'entretien d embauche', 'stage', 'stages', 'trouver un stage', 'reseau', 'reseau professionnel', 'emploi', 'first job', 'job search',
    'trouver du taf', 'trouver un taf', 'trouver du boulot', 'trouver un boulot', 'find work', 'finding work',
    'job hunting', 'find a job', 'finding a job', 'internship', 'internships', 'interviews', 'job interviews', 'resume', 'networking', 'employment',
  ]],
  ['apprenticeship', [
    'apprentissage', 'apprenti', 'apprentis', 'apprentie', 'alternance', 'alternants', 'en alternance', 'cfa', 'transmettre mon metier', 'mon metier', 'mon savoir faire',
    'apprenticeship', 'apprentices', 'apprentice', 'my trade', 'work study', 'teach my trade',
  ]],
  ['entrepreneurship', [
    'entrepreneuriat', 'entreprenariat', 'creation d entreprise', 'creer leur entreprise', 'creer une entreprise', 'monter un projet', 'monter leur boite', 'entreprendre',
    'entrepreneurship', 'start a business', 'starting a business', 'startup', 'start up', 'founders', 'entrepren*',
    'montent leur boite', 'montent leur entreprise', 'monter leur entreprise', 'creent leur entreprise', 'creent leur boite', 'lancent leur entreprise', 'lancent leur boite',
    'lancent leur activite', 'lancer leur boite', 'creer sa boite', 'creer leur boite', 'monter sa boite', 'lancer leur entreprise', 'lancer leur activite', 'lancer sa boite', 'creer leur activite', 'creation d activite',
    'start their own business', 'start their business', 'own business', 'set up a business', 'set up their business', 'launch a business', 'small business',
    'business project', 'business projects', 'their own company',
    'lance sa boite', 'lance son entreprise', 'lance son activite', 'monte sa boite', 'monte son entreprise', 'cree sa boite', 'cree son entreprise', 'creer son entreprise',
    'launching a business', 'launching their business', 'starting their business',
  ]],
  ['confidence', [
    'confiance', 'confiance en soi', 'confiance en eux', 'estime de soi', 'motivation', 'prise de parole', 'savoir etre', 'confidence', 'self confidence', 'self esteem',
    'soft skills', 'public speaking', 'ecoute', 'etre a l ecoute', 'a listening ear', 'listen',
  ]],
]);

export const PUBLIC_TABLE = compilePhrases<VolunteerPublic>([
  ['qpv', ['qpv', 'quartiers', 'quartier', 'quartiers prioritaires', 'banlieue', 'banlieues', 'cite', 'cites', 'deprived areas', 'priority neighbourhoods', 'inner city', 'disadvantaged neighbourhoods']],
  ['rural', ['rural', 'rurale', 'rurales', 'ruraux', 'campagne', 'a la campagne', 'zones rurales', 'milieu rural', 'countryside', 'rural areas', 'villages']],
  ['refugee', ['refugies', 'refugie', 'refugiees', 'refugiee', 'exiles', 'exile', 'migrants', 'demandeurs d asile', 'mineurs non accompagnes', 'mna', 'refugees', 'refugee', 'asylum seekers', 'newcomers', 'primo arrivants']],
  ['girls_science', ['filles', 'jeunes filles', 'collegiennes', 'lyceennes', 'les filles', 'femmes', 'jeunes femmes', 'filles en sciences', 'filles scientifiques', 'girls', 'young women', 'women in science', 'girls in science', 'girls in stem', 'stem']],
  ['disability', ['handicap', 'en situation de handicap', 'handicapes', 'disability', 'disabilities', 'disabled', 'special needs']],
  // ("foyer" alone is also home: "mère au foyer".)
  ['child_welfare', ['ase', 'aide sociale a l enfance', 'enfants places', 'en foyer', 'foyer de l enfance', 'foyers', 'protection de l enfance', 'care leavers', 'foster care', 'in care', 'child welfare']],
]);

export const LANGUAGE_TABLE = compilePhrases<MentorLanguage>([
  ['fr', ['francais', 'french']],
  ['en', ['anglais', 'english', 'l anglais']],
  ['ar', ['arabe', 'arabic', 'darija']],
  ['es', ['espagnol', 'spanish', 'castillan']],
  ['pt', ['portugais', 'portuguese']],
  ['de', ['allemand', 'german']],
  ['it', ['italien', 'italian']],
  ['ru', ['russe', 'russian']],
  ['uk', ['ukrainien', 'ukrainian']],
  ['tr', ['turc', 'turkish']],
  ['zh', ['chinois', 'mandarin', 'chinese']],
  ['ro', ['roumain', 'romanian']],
  ['pl', ['polonais', 'polish']],
  ['fa', ['persan', 'farsi', 'dari', 'persian']],
  ['ps', ['pachto', 'pashto']],
  ['ta', ['tamoul', 'tamil']],
  ['wo', ['wolof']],
  ['bm', ['bambara']],
  ['ln', ['lingala']],
  ['sw', ['swahili']],
]);

/** Someone offering to mentor ("je voudrais devenir mentor", "I'd like to volunteer"). */
export const VOLUNTEER_SIDE = compilePhrases<true>([[true, [
  'devenir mentor', 'devenir mentore', 'devenir mentors', 'devenir tuteur', 'devenir tutrice', 'devenir benevole', 'etre mentor', 'etre mentore', 'etre tuteur',
  'etre benevole', 'me porter benevole', 'je suis benevole', 'faire du benevolat', 'du benevolat', 'devenir parrain', 'devenir marraine', 'etre parrain', 'etre marraine',
  'aider des jeunes', 'aider les jeunes', 'aider un jeune', 'accompagner des jeunes', 'accompagner un jeune', 'accompagner les jeunes', 'parrainer un jeune', 'parrainer des jeunes',
  'mentorer', 'je veux mentorer', 'proposer mon aide', 'donner de mon temps', 'donner du temps', 'offrir mon aide', 'transmettre mon experience',
  'become a mentor', 'be a mentor', 'becoming a mentor', 'to volunteer', 'volunteer as', 'i d like to volunteer', 'i want to volunteer', 'volunteering', 'i volunteer',
  'mentor a young', 'mentor young', 'mentor someone', 'help young people', 'help a young person', 'support young people', 'give my time', 'offer my time', 'be a volunteer',
  'je veux etre mentor', 'jveu etre mentor', 'jveux devenir mentor', 'dvenir mentor',
  'faire du tutorat', 'faire du mentorat', 'faire du parrainage', 'donner des cours', 'donner un peu de mon temps', 'donner quelques heures', 'consacrer du temps',
  'wanna volunteer', 'wanna be a mentor', 'wanna mentor', 'sign up as a mentor', 'sign up to mentor', 'give some of my time', 'give back',
  'donate my time', 'donate some of my time', 'donate some time', 'involved as a mentor', 'as a volunteer', 'need volunteers', 'looking for volunteers', 'need mentors',
  'share my experience', 'share my knowledge', 'pass on my', 'be useful to young', 'comme benevole', 'en tant que benevole', 'm engager comme', 'm investir aupres',
  'engager aupres des jeunes', 'transmettre mon savoir', 'transmettre mes connaissances', 'partager mon experience', 'etre utile aux jeunes', 'etre utile a des jeunes',
  'cherchez des benevoles', 'besoin de benevoles', 'recrutez des mentors', 'cherchez des mentors',
  // Passing on one's trade, or giving back the mentoring one had.
  'transmettre mon metier', 'transmettre ma passion', 'transmettre mon savoir faire', 'transmettre mes competences', 'transmettre mon experience',
  'partager mon metier', 'share my skills', 'share my trade', 'rendre la pareille', 'rendre ce qu on m a donne', 'rendre ce que j ai recu', 'pay it forward',
]]]);

/** A young person looking for a mentor, written by mistake to the volunteer side or moving back. */
export const MENTEE_SIDE = compilePhrases<true>([[true, [
  'je cherche un mentor', 'je cherche une mentore', 'chercher un mentor', 'trouver un mentor', 'besoin d un mentor', 'avoir un mentor', 'je veux un mentor', 'je voudrais un mentor',
  'jcherche un mentor', 'jveux un mentor', 'j ai besoin d aide', 'je cherche de l aide', 'me faire accompagner', 'etre accompagne', 'etre accompagnee', 'etre aide', 'etre aidee',
  'need a mentor', 'looking for a mentor', 'find a mentor', 'want a mentor', 'get a mentor', 'i need help', 'i am looking for help', 'get mentored', 'be mentored',
  'c est pour moi', 'c est moi qui cherche', 'moi je cherche', 'je suis un jeune', 'je suis une jeune',
]]]);
