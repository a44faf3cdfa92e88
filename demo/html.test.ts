import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html';

describe('html', () => {
  it('escapes every interpolated value, in text and attributes', () => {
    const evil = `"'><script>&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&#39;&gt;&lt;script&gt;&amp;">&quot;&#39;&gt;&lt;script&gt;&amp;</p>',
    );
  });

  it('keeps nested html results and joins lists, dropping null, undefined and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    const list = html`<ul>
      ${items}${null}${undefined}${false}${0}
    </ul>`;
    expect(list.value.replace(/\s+/g, '')).toBe('<ul><li>a&lt;b</li><li>c</li>0</ul>');
  });

  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
