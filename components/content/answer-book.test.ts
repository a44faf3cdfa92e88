import { describe, expect, it } from 'vitest';
import type { Answer } from '../background/lookup-service';
import { AnswerBook } from './answer-book';

const answer = (key: string, stale = false): Answer => ({
  key,
  result: {
    digest: 'a'.repeat(64),
    verified: true,
    purposes: {
      marketing_email: {
        status: 'granted',
        at: '2026-11-01T10:00:00.000Z',
        policyVersion: '2026-11',
        regime: 'gdpr',
        reason: '',
      },
    },
    warnings: [],
  },
  fetchedAt: 5,
  stale,
});

describe('AnswerBook', () => {
  it('gives back an answer that came as JSON text as the object it describes', () => {
    const book = new AnswerBook();
    book.set('email:ana@example.com', JSON.stringify(answer('email:ana@example.com')));
    expect(book.has('email:ana@example.com')).toBe(true);
    expect(book.size).toBe(1);
    expect(book.get('email:ana@example.com')).toEqual(answer('email:ana@example.com'));
  });

  it('parses text once: the same object every time it is read', () => {
    const book = new AnswerBook();
    book.set('email:ana@example.com', JSON.stringify(answer('email:ana@example.com')));
    const first = book.get('email:ana@example.com');
    expect(book.get('email:ana@example.com')).toBe(first);
  });

  it('keeps objects as they are, and the latest answer about a key', () => {
    const book = new AnswerBook();
    const fresh = answer('phone:+4930123456');
    book.set('phone:+4930123456', JSON.stringify(answer('phone:+4930123456', true)));
    book.set('phone:+4930123456', fresh);
    expect(book.get('phone:+4930123456')).toBe(fresh);
    expect(book.size).toBe(1);
  });

  it('knows nothing about a key never answered, and forgets all on clear', () => {
    const book = new AnswerBook();
    expect(book.get('email:nobody@example.com')).toBeUndefined();
    book.set('email:ana@example.com', answer('email:ana@example.com'));
    book.clear();
    expect(book.size).toBe(0);
    expect(book.has('email:ana@example.com')).toBe(false);
  });

  it.each([
    ['text that is not JSON', '{"key":'],
    ['JSON that is no answer', '42'],
    ['an answer about someone else', JSON.stringify(answer('email:bo@example.com'))],
  ])('drops %s instead of throwing, as if never answered', (_, text) => {
    const book = new AnswerBook();
    book.set('email:ana@example.com', text);
    expect(book.get('email:ana@example.com')).toBeUndefined();
    expect(book.has('email:ana@example.com')).toBe(false);
  });
});
