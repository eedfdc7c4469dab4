import { readCompany, readHelps, readLanguages, readOccupation, readPublics, readSide, readTime } from '../../understanding/volunteer/parseVolunteer';
import { understandVolunteer } from '../../understanding/volunteer/understandVolunteer';
import { CommuneIndex } from '../../understanding/places/CommuneIndex';

describe('which side a message is on', () => {
  it.each([
    ['je voudrais devenir mentor', 'volunteer'],
    ["I'd like to volunteer", 'volunteer'],
    ['je suis retraité et je veux aider des jeunes', 'volunteer'],
    ['jveux devenir mentor', 'volunteer'],
    ['en fait je cherche un mentor', 'mentee'],
    ['I need a mentor', 'mentee'],
    ['je ne veux pas devenir mentor', null],
    ["j'ai 17 ans et je suis en terminale", null],
    ['bonjour', null],
  ])('%s -> %s', (text, side) => {
    expect(readSide(text)).toBe(side);
  });
});

describe('which side an opening is on, in words the lexicon does not hold', () => {
  it.each([
    ['je voudrais accompagner des collégiens en difficulté', 'volunteer'],
    ["I'd love to tutor some teenagers", 'volunteer'],
    ["j'aimerais aider, je suis à la retraite depuis peu", 'volunteer'],
    ['Could I sign up to mentor?', 'volunteer'],
    ['ex-comptable, je veux épauler des jeunes du quartier', 'volunteer'],
    ["je suis kiné et j'aimerais accompagner un ado", 'volunteer'],
    ["I'd like to donate some of my time", 'volunteer'],
    ['vous cherchez des bénévoles ?', 'volunteer'],
    ["je voudrais m'investir auprès des jeunes", 'volunteer'],
    // Both sides named: no move (the young people's flow stays the default).
    ['je cherche un mentor comme bénévole', null],
    ["je voudrais qu'on aide mon frère", null],
    ["pouvez-vous m'aider à trouver un stage ?", null],
    ["j'aimerais aider les gens plus tard, je veux être infirmière", null],
    ['can you help teenagers like me find an internship?', null],
    ['I want to help my little sister with maths', null],
    ['I need help with my homework', 'mentee'],
    // Passing on a trade, giving back, making girls want to: offers.
    ['ébéniste à la retraite, je voudrais transmettre mon métier', 'volunteer'],
    ["on m'a beaucoup aidé à 20 ans, je voudrais rendre la pareille", 'volunteer'],
    ["j'aimerais motiver des lycéens à poursuivre leurs études", 'volunteer'],
    ['je voudrais donner envie à des filles de faire de la chimie', 'volunteer'],
    ["I'd like to inspire girls to study engineering", 'volunteer'],
    ['I want to pay it forward', 'volunteer'],
    // Not offers: the help is for the speaker or theirs, or asked of the bot.
    ["j'aimerais motiver ma fille pour le bac", null],
    ['pouvez-vous motiver les filles de ma classe ?', null],
    ['je voudrais que quelqu\'un me donne envie de travailler', null],
  ])('%s -> %s', (text, side) => {
    expect(readSide(text, true)).toBe(side);
  });

  it('the broader reading is for openings only: in the middle of a young person\'s questions, only plain words move them', () => {
    expect(readSide('je voudrais accompagner des collégiens en difficulté', false)).toBeNull();
    expect(readSide('je voudrais devenir mentor', false)).toBe('volunteer');
  });
});

describe('occupation: a trade alone, and only the words said about it', () => {
  it.each([
    ['ébéniste', 'ébéniste'],
    ['carreleuse', 'carreleuse'],
    ['forklift operator', 'forklift operator'],
    ['paramedic', 'paramedic'],
    ['aide-soignante', 'aide-soignante'],
    ['dev', 'dev'],
  ])('asked what they do: %s is a trade', (text, detail) => {
    expect(readOccupation(text, true)).toEqual({ kind: 'employed', detail, company: null });
  });

  it.each([
    ['I teach maths', 'maths'],
    ['je tiens une boulangerie', 'boulangerie'],
    ["I'm in IT", 'IT'],
    ["je suis dans l'informatique", 'informatique'],
  ])('what they do, said with its object: %s -> %s', (text, detail) => {
    expect(readOccupation(text, true)).toMatchObject({ kind: 'employed', detail });
  });

  it('between two jobs is looking for one; "à mon compte" is employed, what they do is asked', () => {
    expect(readOccupation('entre deux boulots')?.kind).toBe('job_seeker');
    expect(readOccupation('je suis à mon compte')).toMatchObject({ kind: 'employed', detail: null });
  });

  it('what is no trade stays unread, asked or not', () => {
    for (const text of ['purple', 'je sais pas', 'bof', 'plutôt motivé']) expect(readOccupation(text, true)).toBeNull();
    expect(readOccupation('carreleuse')).toBeNull();
    expect(readOccupation('je suis célibataire et optimiste')).toBeNull();
  });

  it('a trade in a sentence, with the company and without the place or the rest of the story', () => {
    expect(readOccupation('je bosse comme cariste chez Leroy Merlin à Rouen')).toEqual({ kind: 'employed', detail: 'cariste', company: 'Leroy Merlin' });
    expect(readOccupation("I'm a welder from Douai and I'd like to help apprentices")).toMatchObject({ kind: 'employed', detail: 'welder' });
    expect(readOccupation('je suis ingénieure en génie civil à Nancy depuis 10 ans')).toMatchObject({ kind: 'employed', detail: 'ingénieure en génie civil' });
    expect(readOccupation("I'm a data analyst in Lille")).toMatchObject({ kind: 'employed', detail: 'data analyst' });
    expect(readOccupation('je travaille dans la grande distribution, et le week-end je fais du foot')).toMatchObject({ kind: 'employed', detail: 'grande distribution' });
    // A generic word says the kind only: what they do is asked.
    expect(readOccupation("je suis salariée d'une PME et maman de deux enfants")).toMatchObject({ kind: 'employed', detail: null });
  });

  it('students: the studies after "étudiant en", never the young people they want to help', () => {
    expect(readOccupation("étudiante en deuxième année de médecine à Brest, j'adore les enfants")).toMatchObject({ kind: 'student', detail: 'deuxième année de médecine' });
    expect(readOccupation('je veux aider des étudiants en alternance, je suis plombière')).toMatchObject({ kind: 'employed', detail: 'plombière' });
    expect(readOccupation('I would like to tutor pupils in high school; I am a nurse')).toMatchObject({ kind: 'employed', detail: 'nurse' });
  });

  it('a course named is followed by its field; "au foyer" is at home, not a children\'s home', () => {
    expect(readOccupation("je suis en BTS compta et j'aimerais aider des collégiens")).toMatchObject({ kind: 'student', detail: 'BTS compta' });
    expect(readOccupation('père au foyer, ancien cuisinier')?.kind).toBe('other');
    expect(readPublics("je suis mère au foyer et j'aimerais aider des jeunes")).toBeNull();
    expect(readPublics('des jeunes placés en foyer')).toEqual(['child_welfare']);
  });

  it('a long opening leaves a short detail, capped', () => {
    const story = "Bonjour, je suis étudiant en informatique appliquée aux systèmes embarqués critiques pour l'aéronautique et le spatial, et j'aimerais aider";
    const r = readOccupation(story);
    expect(r?.kind).toBe('student');
    expect((r?.detail ?? '').length).toBeLessThanOrEqual(60);
    expect(r?.detail).not.toContain('aimerais');
  });
});

describe('volunteer readers', () => {
  it('occupation, with their own words and the company they come through', () => {
    expect(readOccupation('je suis étudiante en master de droit')).toMatchObject({ kind: 'student', detail: 'master de droit' });
    expect(readOccupation('retraitée, ancienne ingénieure')?.kind).toBe('retired');
    expect(readOccupation('je travaille chez Orange comme développeur')).toMatchObject({ kind: 'employed', company: 'Orange' });
    expect(readOccupation('au chômage depuis 3 mois')?.kind).toBe('job_seeker');
    expect(readOccupation('bof')).toBeNull();
    expect(readCompany('at Airbus')).toBe('Airbus');
    // The name stops where the sentence goes on ("à Lille", "since 2019").
    expect(readCompany('je travaille chez Decathlon à Lille')).toBe('Decathlon');
    expect(readCompany('I work at Capgemini since 2019')).toBe('Capgemini');
  });

  it('time: hours a month and months', () => {
    expect(readTime('3h par mois pendant un an')).toEqual({ hoursPerMonth: 3, months: 12 });
    expect(readTime('une heure par semaine')).toEqual({ hoursPerMonth: 4, months: null });
    expect(readTime('2 hours a week for 6 months')).toEqual({ hoursPerMonth: 8, months: 6 });
    expect(readTime("toute l'année scolaire")).toEqual({ hoursPerMonth: null, months: 9 });
    expect(readTime('4', true)).toEqual({ hoursPerMonth: 4, months: null });
    expect(readTime('4')).toBeNull();
    // "a month" is the rate, "for a year" the duration.
    expect(readTime('2 hours a month for a year')).toEqual({ hoursPerMonth: 2, months: 12 });
    expect(readTime("1h par semaine pendant l'année scolaire")).toEqual({ hoursPerMonth: 4, months: 9 });
    expect(readTime('five hours a month over 6 months')).toEqual({ hoursPerMonth: 5, months: 6 });
    expect(readTime('je sais pas')).toBeNull();
  });

  it('time: a time of their past is no commitment; halves, rates every other week, meetings and vague hours', () => {
    // The past: "depuis", "il y a", "ago", years of a trade.
    expect(readTime('infirmière depuis 12 ans, je voudrais aider')).toBeNull();
    expect(readTime("j'ai arrêté de travailler il y a 2 ans")).toBeNull();
    expect(readTime('I moved to Nantes 4 years ago')).toBeNull();
    expect(readTime("électricien, 25 ans de métier")).toBeNull();
    expect(readTime('10 years of experience in sales')).toBeNull();
    // …while a commitment in years stays one.
    expect(readTime('je peux m\'engager 2 ans')).toEqual({ hoursPerMonth: null, months: 24 });
    expect(readTime('for two years')).toEqual({ hoursPerMonth: null, months: 24 });
    // Halves.
    expect(readTime('3h par mois, sur un an et demi')).toEqual({ hoursPerMonth: 3, months: 18 });
    expect(readTime('a year and a half, 2 hours a month')).toEqual({ hoursPerMonth: 2, months: 18 });
    expect(readTime('2 ans et demi')).toEqual({ hoursPerMonth: null, months: 30 });
    // Every other week.
    expect(readTime('1h toutes les deux semaines')).toEqual({ hoursPerMonth: 2, months: null });
    expect(readTime('3 hours every two weeks')).toEqual({ hoursPerMonth: 6, months: null });
    expect(readTime('2h tous les 15 jours')).toEqual({ hoursPerMonth: 4, months: null });
    // Hours of one meeting take the meetings' rate; hours with their own rate keep it.
    expect(readTime('un samedi matin par mois, à peu près 3 heures')).toEqual({ hoursPerMonth: 3, months: null });
    expect(readTime('two evenings a month, 2 hours each')).toEqual({ hoursPerMonth: 4, months: null });
    expect(readTime('une fois par semaine, 1h30 max')).toEqual({ hoursPerMonth: 6, months: null });
    expect(readTime('1h30 par semaine')).toEqual({ hoursPerMonth: 6, months: null });
    expect(readTime('une soirée par semaine, mais 2h par mois au total')).toEqual({ hoursPerMonth: 2, months: null });
    // A vague number of hours, then the number.
    expect(readTime('plusieurs heures par semaine, genre 2')).toEqual({ hoursPerMonth: 8, months: null });
    expect(readTime('a few hours a month, maybe 5')).toEqual({ hoursPerMonth: 5, months: null });
  });

  it('help, publics and languages', () => {
    expect(readHelps('soutien scolaire et orientation')).toEqual(['school_support', 'orientation']);
    expect(readHelps('CV and interviews')).toEqual(['first_job']);
    expect(readHelps('pas le soutien scolaire, plutôt la création d\'entreprise')).toEqual(['entrepreneurship']);
    expect(readPublics('les filles en sciences et les réfugiés')).toEqual(['girls_science', 'refugee']);
    expect(readPublics('peu importe', true)).toEqual([]);
    expect(readPublics('peu importe')).toBeNull();
    expect(readLanguages('anglais et arabe')).toEqual(['fr', 'en', 'ar']);
    expect(readLanguages('non', true)).toEqual(['fr']);
  });

  it('what they were is not what they are: past studies and trades set aside, the present read', () => {
    expect(readOccupation("quand j'étais étudiante on m'a aidée, aujourd'hui je travaille")?.kind).toBe('employed');
    expect(readOccupation('when I was a student I had a mentor, now I work in logistics')?.kind).toBe('employed');
    expect(readOccupation("j'étais infirmière, je suis à la retraite")?.kind).toBe('retired');
    // Without a past, unchanged.
    expect(readOccupation('je suis étudiante en licence de droit')?.kind).toBe('student');
    expect(readOccupation("je suis en licence et je travaille à côté")?.kind).toBe('student');
  });

  it('words of an opening said again by volunteers: engineering school in texting, chief officers, finding work, girls named as pupils', () => {
    expect(readOccupation('jsuis en 1ere annee decole dinge a lyon')?.kind).toBe('student');
    expect(readOccupation("I'm the CTO of a small company")?.kind).toBe('employed');
    expect(readHelps('les aider a trouver du boulot')).toEqual(['first_job']);
    expect(readPublics('des collégiennes de mon quartier')).toEqual(['girls_science', 'qpv']);
    // Unchanged: "collégiens" names no girls; "du taf" without finding is no help.
    expect(readPublics('des collégiens')).toBeNull();
    expect(readHelps("j'ai beaucoup de taf en ce moment")).toBeNull();
  });

  it('no preference said in a sentence answers the publics question (asked only)', () => {
    expect(readPublics('dont mind', true)).toEqual([]);
    expect(readPublics("I don't mind really", true)).toEqual([]);
    expect(readPublics("non ça m'est égal", true)).toEqual([]);
    expect(readPublics('whoever needs it most', true)).toEqual([]);
    // A public named wins; not asked, nothing.
    expect(readPublics("peu importe, mais plutôt les réfugiés", true)).toEqual(['refugee']);
    expect(readPublics('dont mind')).toBeNull();
  });

  it('help said in other words: a young person finding their way, launching a business, tutoring, help for school', () => {
    expect(readHelps('je voudrais aider des lycéens à trouver leur voie')).toEqual(['orientation']);
    expect(readHelps("accompagner une jeune qui lance son entreprise de couture")).toEqual(['entrepreneurship']);
    expect(readHelps("I'd like to tutor teenagers in physics")).toEqual(['school_support']);
    expect(readHelps("les aider pour l'école quand ils coincent")).toEqual(['school_support']);
    // Not a help: becoming a tutor names the side, an école named as a place names nothing.
    expect(readHelps('je voudrais devenir tuteur')).toBeNull();
    expect(readHelps("je travaille dans une école de commerce")).toBeNull();
  });

  it('a whole opening in one message, with what every flow reads', () => {
    const places = CommuneIndex.load();
    const u = understandVolunteer("Bonjour, je m'appelle Martine, j'ai 62 ans, retraitée à Nantes, je peux donner 4h par mois pour du soutien scolaire", { asked: null, lang: 'fr', today: new Date('2026-11-21'), places });
    const s = u.slots as Record<string, unknown>;
    expect(s.firstName).toBe('Martine');
    expect(s.age).toBe(62);
    expect(s.occupation).toMatchObject({ kind: 'retired' });
    expect(s.time).toEqual({ hoursPerMonth: 4, months: null });
    expect(s.helps).toEqual(['school_support']);
    expect((s.place as { kind: string; place?: { commune: string } }).place?.commune).toBe('44109');
    // Mentee readings are not a volunteer's answers.
    expect(s.situation).toBeUndefined();
    expect(s.needs).toBeUndefined();
  });
});

describe('the shared readers in a volunteer\'s opening', () => {
  const places = CommuneIndex.load();
  const read = (text: string) => understandVolunteer(text, { asked: null, lang: 'fr', today: new Date('2026-11-21'), places });
  it('a commune that is also a word, right after what they do, is where they are: not doubted', () => {
    expect(read('je suis pâtissier à tours et je veux aider des apprentis').doubtful).toBeUndefined();
    expect(read('retraitée à Tours, je voudrais devenir marraine').doubtful).toBeUndefined();
    // Anywhere else in the story it is still checked (a town of past studies is not read at all).
    expect(read('je voudrais aider des jeunes à tours').doubtful).toEqual(['place']);
    expect(read("je voudrais aider des jeunes, j'ai fait mes études à tours").slots.place).toBeUndefined();
  });

  it('the help of a side phrase is not a help ("devenir tuteur"), the help said after it is', () => {
    expect((read('je voudrais devenir tuteur').slots as Record<string, unknown>).helps).toBeUndefined();
    expect((read('je voudrais devenir tutrice en français pour des collégiens').slots as Record<string, unknown>).helps).toEqual(['school_support']);
  });
});
