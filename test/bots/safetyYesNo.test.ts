import { modelAloneOnYesNo } from '../../bots/SafetyHook';
import { newState, type IntakeState } from '../../dialogs/IntakeState';
import { detectCrisis } from '../../understanding/safety/detectCrisis';

const at = (patch: Partial<IntakeState>): IntakeState => ({ ...newState('fr'), ...patch });
const guardianConsent = at({ phase: 'asking', current: 'guardianConsent' });
const openQuestion = at({ phase: 'asking', current: 'needs' });

describe('the model alone does not stop a yes/no reply to a yes/no question', () => {
  // The model alone reads these as a possible danger (a time, "je vais"): a reply about asking a parent.
  it.each(['oui je lui demanderai demain', 'oui je vais lui demander ce soir'])('%s', (text) => {
    const signal = detectCrisis(text);
    expect(signal?.level).toBe('ambiguous');
    expect(modelAloneOnYesNo(guardianConsent, signal!, text)).toBe(true);
    expect(modelAloneOnYesNo(at({ phase: 'consent' }), signal!, text)).toBe(true);
  });

  it('still asks on open questions, and on a reply that does not start with yes or no', () => {
    const text = 'oui je lui demanderai demain';
    const signal = detectCrisis(text)!;
    expect(modelAloneOnYesNo(openQuestion, signal, text)).toBe(false);
    expect(modelAloneOnYesNo(null, signal, text)).toBe(false);
    expect(modelAloneOnYesNo(guardianConsent, signal, 'je lui demanderai demain')).toBe(false);
  });

  it.each(['oui et je veux mourir', 'non, je vais me tuer ce soir', 'oui mais mon beau-père me frappe'])('a danger the rules read is never set aside: %s', (text) => {
    const signal = detectCrisis(text);
    expect(signal).not.toBeNull();
    expect(modelAloneOnYesNo(guardianConsent, signal!, text)).toBe(false);
  });
});
