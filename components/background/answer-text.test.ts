import { describe, expect, it } from 'vitest';
import { lookupReply } from './answer-text';
import type { Answer } from './lookup-service';

const answer = (key: string, fetchedAt: number): Answer => ({
  key,
  result: null,
  fetchedAt,
  stale: false,
});

describe('lookupReply', () => {
  it('sends each answer as JSON text, in the order asked, with the problem as it is', () => {
    const answers = [answer('email:bo@example.com', 2), answer('email:ana@example.com', 1)];
    const problem = { code: 'unreachable' as const, message: 'The ledger cannot be reached.' };
    const reply = lookupReply({ answers, problem });
    expect(reply.answers.map((text) => JSON.parse(text))).toEqual(answers);
    expect(reply.problem).toBe(problem);
  });
});
