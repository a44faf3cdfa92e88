/**
 * The answers the content script holds, by identifier key. An answer that came as JSON text (with
 * the keys of texts just identified, see IdentifyReply) stays text until it is first read: most
 * people of a long list are never drawn, and taking in every answer as an object cost the page's
 * thread more than reading the rows that showed them.
 */
import type { Answer } from '../background/lookup-service';

/** The answer `text` holds, if it is JSON for an answer about `key`. */
function parseAnswer(text: string, key: string): Answer | undefined {
  try {
    const answer: unknown = JSON.parse(text);
    if (
      typeof answer === 'object' &&
      answer !== null &&
      (answer as Partial<Answer>).key === key &&
      typeof (answer as Partial<Answer>).stale === 'boolean' &&
      typeof (answer as Partial<Answer>).result === 'object'
    )
      return answer as Answer;
  } catch {
    // Not JSON: dropped below.
  }
  return undefined;
}

export class AnswerBook {
  private byKey = new Map<string, Answer | string>();

  get size(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * The answer about `key`, parsed once if it is still text. Text that is not an answer about
   * `key` is dropped (as if never answered, so it is asked about again), never thrown.
   */
  get(key: string): Answer | undefined {
    const held = this.byKey.get(key);
    if (typeof held !== 'string') return held;
    const answer = parseAnswer(held, key);
    if (answer) this.byKey.set(key, answer);
    else this.byKey.delete(key);
    return answer;
  }

  /** Keeps an answer about `key`: an object, or its JSON text as the background sent it. */
  set(key: string, answer: Answer | string): void {
    this.byKey.set(key, answer);
  }

  clear(): void {
    this.byKey.clear();
  }
}
