import { companyClause } from '../../dialogs/flows/volunteer/questions';

describe('the answer to "which company?"', () => {
  it.each([
    // "et"/"and" before a capital is part of the name.
    ['Durand et Fils', 'Durand et Fils'],
    ['Smith and Partners, depuis 2015', 'Smith and Partners'],
    // A name in capitals after a first clause without one.
    ['une petite boîte, Lumisoft', 'Lumisoft'],
    ['I work for a charity, Helping Hands', 'Helping Hands'],
    ['Je bosse chez un artisan, Menuiserie Caron', 'Menuiserie Caron'],
    ['un cabinet à Lyon, Fidal', 'Fidal'],
    // Unchanged: the first clause when it names it, or when no clause has a capital.
    ['Orange, depuis 10 ans', 'Orange'],
    ['decathlon', 'decathlon'],
    ['la mairie et je fais du sport', 'la mairie'],
    ['une pme du bâtiment, à Lyon', 'une pme du bâtiment'],
  ])('%s -> %s', (text, name) => {
    expect(companyClause(text, 80)).toBe(name);
  });
});
