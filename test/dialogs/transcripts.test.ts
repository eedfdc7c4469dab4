import { useTestDatabase } from '../helpers/testDatabase';
import { runTranscript } from '../helpers/transcripts';
import { enTranscripts } from '../transcripts/en';
import { edgeCaseTranscripts } from '../transcripts/edgeCases';
import { frTranscripts } from '../transcripts/fr';
import { understandingTranscripts } from '../transcripts/understanding';
import { keptFactsTranscripts, peopleTranscripts } from '../transcripts/people';

const db = useTestDatabase();

describe.each([
  ['French', frTranscripts],
  ['English', enTranscripts],
  ['Edge-case', edgeCaseTranscripts],
  ['Free-text understanding', understandingTranscripts],
  ['People we have not met', peopleTranscripts],
  ['Facts told once', keptFactsTranscripts],
])('%s conversations', (_lang, transcripts) => {
  it.each(transcripts.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    await runTranscript(t, db());
  });
});
