import { describe, expect, it } from 'vitest';
import type { Identifier } from '../../lib/identifiers';
import {
  answerIdentify,
  BadMessageError,
  identify as identifyTexts,
  replyToIdentify,
} from './identify';

type Text = { kind: 'email' | 'phone'; raw: string };
/** identify(), given the texts as pairs (easier to read here than two lists side by side). */
const identify = (texts: Text[], phoneRegion: string) =>
  identifyTexts(
    texts.map((t) => t.kind),
    texts.map((t) => t.raw),
    phoneRegion,
  );
/** An identify message for these texts, as the content script sends it. */
const message = (texts: { kind: unknown; raw: unknown }[], phoneRegion: unknown = 'DE') => ({
  type: 'consentry:identify',
  kinds: texts.map((t) => t.kind),
  raws: texts.map((t) => t.raw),
  phoneRegion,
});

describe('identify', () => {
  it('normalises what the page showed into identifiers, one per text in order', () => {
    expect(
      identify(
        [
          { kind: 'email', raw: 'MAILTO:Ana@Example.COM' },
          { kind: 'phone', raw: 'tel:030 1234567' },
          { kind: 'phone', raw: '+1 (415) 555-2671' },
          { kind: 'email', raw: 'Bob <bob@example.org>' },
        ],
        'DE',
      ),
    ).toEqual([
      { kind: 'email', value: 'ana@example.com' },
      { kind: 'phone', value: '+49301234567' },
      { kind: 'phone', value: '+14155552671' },
      { kind: 'email', value: 'bob@example.org' },
    ]);
  });

  it('reads national numbers in the region given', () => {
    expect(identify([{ kind: 'phone', raw: '020 7946 0958' }], 'GB')).toEqual([
      { kind: 'phone', value: '+442079460958' },
    ]);
  });

  it('answers null for what is not an address or number, and keeps the order', () => {
    expect(
      identify(
        [
          { kind: 'email', raw: 'mailto:nobody' },
          { kind: 'phone', raw: 'tel:12' },
          { kind: 'email', raw: 'cy@example.net' },
        ],
        'US',
      ),
    ).toEqual([null, null, { kind: 'email', value: 'cy@example.net' }]);
  });

  it('refuses kinds and texts of different lengths rather than guess what a text is', () => {
    expect(() => identifyTexts(['email'], ['a@b.co', '+4930123456'], 'DE')).toThrow(RangeError);
  });
});

describe('answerIdentify', () => {
  it('answers a valid message with the key of each identifier, null for none', () => {
    expect(
      answerIdentify(
        message([
          { kind: 'email', raw: 'Ana@Example.com' },
          { kind: 'phone', raw: '030 1234567' },
          { kind: 'phone', raw: 'tel:12' },
        ]),
      ),
    ).toEqual(['email:ana@example.com', 'phone:+49301234567', null]);
  });

  it.each([
    ['a text that is not a string', message([{ kind: 'email', raw: 42 }]), /raw/],
    ['an unknown kind', message([{ kind: 'fax', raw: '+4930123456' }]), /kind/],
    ['text longer than any identifier', message([{ kind: 'email', raw: 'a'.repeat(513) }]), /raw/],
    ['too many texts', message(Array(5001).fill({ kind: 'email', raw: 'a@b.co' })), /5000/],
    ['a region that is not a country code', message([], 'Germany'), /phoneRegion/],
    ['extra fields', { ...message([]), html: '<b>' }, /html/],
    [
      'more kinds than texts',
      { ...message([{ kind: 'email', raw: 'a@b.co' }]), kinds: ['email', 'phone'] },
      /as long as each other/,
    ],
    ['texts that are not a list', { ...message([]), raws: 'a@b.co' }, /raws/],
  ])('refuses %s with an error that says what is wrong', (_, bad, why) => {
    expect(() => answerIdentify(bad)).toThrow(BadMessageError);
    expect(() => answerIdentify(bad)).toThrow(why);
  });
});

describe('replyToIdentify', () => {
  it('sends back the keys with what is saved about each person beside each, read once, as JSON text', async () => {
    const recalled: Identifier[][] = [];
    const reply = await replyToIdentify(
      message([
        { kind: 'email', raw: 'mailto:Ana@Example.com' },
        { kind: 'email', raw: 'ana@example.com' },
        { kind: 'phone', raw: 'tel:12' },
      ]),
      async (ids) => {
        recalled.push(ids);
        return ids.map((id) => ({
          key: `${id.kind}:${id.value}`,
          result: null,
          fetchedAt: 5,
          stale: false,
        }));
      },
    );
    expect(recalled).toEqual([[{ kind: 'email', value: 'ana@example.com' }]]);
    const ana = { key: 'email:ana@example.com', result: null, fetchedAt: 5, stale: false };
    expect(reply.keys).toEqual(['email:ana@example.com', 'email:ana@example.com', null]);
    expect(reply.answers.map((text) => text && JSON.parse(text))).toEqual([ana, ana, null]);
  });

  it('sends null beside a person the background has nothing fresh about', async () => {
    const reply = await replyToIdentify(
      message([
        { kind: 'email', raw: 'ana@example.com' },
        { kind: 'email', raw: 'bo@example.com' },
      ]),
      async () => [{ key: 'email:bo@example.com', result: null, fetchedAt: 5, stale: false }],
    );
    expect(reply.answers[0]).toBeNull();
    expect(JSON.parse(reply.answers[1]!)).toMatchObject({ key: 'email:bo@example.com' });
  });

  it('refuses a bad message without reading the cache', async () => {
    let read = false;
    await expect(
      replyToIdentify(message([{ kind: 'fax', raw: '1' }]), async () => ((read = true), [])),
    ).rejects.toThrow(BadMessageError);
    expect(read).toBe(false);
  });
});
