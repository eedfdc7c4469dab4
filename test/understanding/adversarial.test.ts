import { ADVERSARIAL, PARSERS } from './adversarialInputs';

/**
 * Whatever is typed, no parser throws. How long each takes on these inputs (a super-linear
 * regex would take seconds) is measured by `npm run bench:understanding`, not here: timed
 * assertions fail on a loaded machine.
 */
describe('adversarial input: never throws', () => {
  test.each(PARSERS)('%s', (_name, parse) => {
    for (const [, text] of ADVERSARIAL) expect(() => parse(text)).not.toThrow();
  });

  test.each(PARSERS)('%s survives non-string input', (_name, parse) => {
    for (const bad of [undefined, null, 42, {}, []]) expect(() => parse(bad as unknown as string)).not.toThrow();
  });
});
