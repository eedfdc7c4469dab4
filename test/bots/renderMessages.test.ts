import { createRenderer, toActivities } from '../../bots/renderMessages';
import type { Msg } from '../../dialogs/Msg';
import { createI18n } from '../../locales/i18n';

const render = createRenderer(createI18n());
const yesNo: Msg = { key: 'intake.consent.ask', choices: [{ code: 'yes', label: { key: 'common.yes' } }, { code: 'no', label: { key: 'common.no' } }] };
const many: Msg = { key: 'intake.situation.ask', choices: ['college', 'lycee_general', 'lycee_techno', 'lycee_pro', 'apprenti', 'etudiant'].map((c) => ({ code: c, label: { key: `vocab.situation.${c}` } })) };

describe('rendering messages for a channel', () => {
  it('gives buttons (suggested actions) on Web Chat, Direct Line, the Emulator and our terminal client', () => {
    for (const channel of ['webchat', 'directline', 'emulator', 'binome-cli']) {
      const [a] = toActivities([yesNo], 'fr', channel, render);
      expect(a!.text).toBe('Tu es d’accord pour continuer ?'.replace('’', "'"));
      expect(a!.suggestedActions?.actions.map((x) => x.title)).toEqual(['Oui', 'Non']);
      expect(a!.locale).toBe('fr-FR');
    }
  });

  it('writes the choices into the text where a channel has no buttons: inline when few, a list when many', () => {
    const [inline] = toActivities([yesNo], 'en', 'sms', render);
    expect(inline!.suggestedActions).toBeUndefined();
    expect(inline!.text).toBe("Are you OK to continue? (1) Yes or (2) No");
    const [list] = toActivities([many], 'fr', 'sms', render);
    expect(list!.text).toContain('\n');
    expect(list!.text).toContain('Lycée professionnel');
  });

  it('leaves numbers out where typed numbers mean something else (the summary)', () => {
    const [a] = toActivities([{ ...yesNo, numberedChoices: false }], 'fr', 'test', render);
    expect(a!.text).not.toMatch(/\d/);
    expect(a!.text).toContain('Oui ou Non');
  });

  it('translates nested messages and lists one per line', () => {
    const m: Msg = { key: 'intake.submitted.why', params: { reasons: [{ key: 'intake.submitted.reasonLine', params: { reason: { key: 'routing.reason.national' } } }, { key: 'intake.submitted.reasonLine', params: { reason: { key: 'routing.reason.remote' } } }] } };
    expect(toActivities([m], 'fr', 'webchat', render)[0]!.text).toBe("Pourquoi cette association :\n• elle agit partout en France\n• elle peut t'accompagner à distance");
  });
});
