/** Questions about the service a young person may ask instead of answering (answers in locales/<lang>/faq.json). */
export const FAQ_CODES = [
  'cost', 'what_is_mentor', 'how_it_works', 'duration', 'frequency', 'who_are_mentors', 'who_are_you', 'human', 'data_sharing',
  'is_it_anonymous', 'why_asked', 'time_to_answer', 'eligibility', 'choose_mentor', 'explain_question',
] as const;
export type FaqCode = (typeof FAQ_CODES)[number];
