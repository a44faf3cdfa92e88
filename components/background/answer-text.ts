/**
 * Answers as they travel to a page: each as JSON text, parsed there only when read (see
 * AnswerBook). A message is copied on the page's thread, and an answer as an object cost it
 * about 4 µs to take in against a fraction of that for its text (a first visit to a list of
 * 50,000 rows takes in 100,000 answers).
 */
import type { LookupReply } from '../shared/messages';
import type { Answer, Answers } from './lookup-service';

/** One answer as the text a page gets. */
export const answerText = (answer: Answer): string => JSON.stringify(answer);

/** A look-up's answers as the reply a page gets (in the order asked). */
export const lookupReply = ({ answers, problem }: Answers): LookupReply => ({
  answers: answers.map(answerText),
  problem,
});
