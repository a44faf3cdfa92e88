/**
 * The answers the content script holds, by identifier key. An answer that came as JSON text (with
 * the keys of texts just identified, see IdentifyReply) stays text until it is first read: most
 * people of a long list are never drawn, and taking in every answer as an object cost the page's
 * thread more than reading the rows that showed them.
 */
import type { Answer } from '../background/lookup-service';

export class AnswerBook {
  private byKey = new Map<string, Answer | string>();

  get size(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The answer about `key`, parsed once if it is still text. */
  get(key: string): Answer | undefined {
    const held = this.byKey.get(key);
    if (typeof held !== 'string') return held;
    const answer = JSON.parse(held) as Answer;
    this.byKey.set(key, answer);
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
