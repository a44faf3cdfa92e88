// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { h, patch, type Child } from './dom';

const root = () => document.createElement('div');

describe('patch', () => {
  it('creates elements, attributes and text', () => {
    const el = root();
    patch(el, [h('p', { class: 'muted', id: 'x' }, 'Hello ', h('b', null, 'you'))]);
    expect(el.innerHTML).toBe('<p class="muted" id="x">Hello <b>you</b></p>');
  });

  it('keeps the nodes in place when a part before them comes and goes', () => {
    const el = root();
    const draw = (notice: boolean) =>
      patch(el, [h('h2', null, 'T'), notice && h('p', null, 'notice'), h('button', null, 'OK')]);
    draw(false);
    const button = el.querySelector('button');
    draw(true);
    expect(el.querySelector('p')?.textContent).toBe('notice');
    expect(el.querySelector('button')).toBe(button);
    draw(false);
    expect(el.querySelector('p')).toBeNull();
    expect(el.querySelector('button')).toBe(button);
  });

  it('replaces an element whose tag changed, and removes what is no longer there', () => {
    const el = root();
    patch(el, [h('button', null, 'a'), h('span', null, 'b')]);
    patch(el, [h('p', null, 'a')]);
    expect(el.innerHTML).toBe('<p>a</p>');
  });

  it('removes attributes that are undefined or false, and keeps the live checked state in line', () => {
    const el = root();
    patch(el, [h('input', { type: 'checkbox', 'aria-modal': 'true', checked: true })]);
    const input = el.querySelector('input')!;
    expect(input.checked).toBe(true);
    patch(el, [h('input', { type: 'checkbox', 'aria-modal': false, checked: false })]);
    expect(el.querySelector('input')).toBe(input);
    expect(input.hasAttribute('aria-modal')).toBe(false);
    expect(input.checked).toBe(false);
  });

  it('sets handlers as properties and replaces them on every render', () => {
    const el = root();
    const first = vi.fn();
    const second = vi.fn();
    patch(el, [h('button', { onClick: first }, 'x')]);
    patch(el, [h('button', { onClick: second }, 'x')]);
    el.querySelector('button')!.click();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(el.querySelector('button')!.hasAttribute('onclick')).toBe(false);
  });

  it('flattens lists and inserts markup as text, never as HTML', () => {
    const el = root();
    const items: Child[] = ['<img src=x onerror=alert(1)>', 'two'].map((t) => h('li', null, t));
    patch(el, [h('ul', null, items)]);
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('li')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
