// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wirePrivacyChoices } from './privacy-choices';
import { runningWidget, whenWidget, type WidgetApi } from './when-widget';

const api = (state: unknown = {}): WidgetApi => ({
  ready: Promise.resolve(),
  state: () => state,
  identify: async () => true,
  setPurposes: async () => undefined,
  showPreferences: vi.fn(),
});

const slot = window as unknown as { consentry?: WidgetApi };
let tag: HTMLScriptElement;

beforeEach(() => {
  delete slot.consentry;
  // A widget tag whose script has not run yet (no src: happy-dom must not fetch it).
  tag = document.createElement('script');
  tag.type = 'text/plain';
  tag.dataset.site = 'pk_x';
  document.head.append(tag);
  Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
});

afterEach(() => {
  tag.remove();
  delete slot.consentry;
  Reflect.deleteProperty(document, 'readyState');
});

describe('whenWidget', () => {
  it('resolves at once when the widget is there', async () => {
    slot.consentry = api();
    await expect(whenWidget(window)).resolves.toBe(slot.consentry);
  });

  it('waits for the widget script to load', async () => {
    const pending = whenWidget(window);
    slot.consentry = api();
    tag.dispatchEvent(new Event('load'));
    await expect(pending).resolves.toBe(slot.consentry);
  });

  it('gives null when the script fails, the page finished loading without it, or it is too slow', async () => {
    const failed = whenWidget(window);
    tag.dispatchEvent(new Event('error'));
    await expect(failed).resolves.toBeNull();
    await expect(whenWidget(window, 10)).resolves.toBeNull();
    Object.defineProperty(document, 'readyState', { value: 'complete', configurable: true });
    await expect(whenWidget(window)).resolves.toBeNull();
  });

  it('runningWidget gives null when the widget could not start', async () => {
    slot.consentry = api(null);
    await expect(runningWidget(window)).resolves.toBeNull();
    slot.consentry = api();
    await expect(runningWidget(window)).resolves.toBe(slot.consentry);
  });
});

describe('wirePrivacyChoices', () => {
  it('opens the preferences, or says they are unavailable', async () => {
    const button = document.createElement('button');
    button.dataset.unavailable = 'Not available right now.';
    const status = document.createElement('p');
    const widget = api();
    let answer: WidgetApi | null = widget;
    wirePrivacyChoices(button, status, async () => answer);
    button.click();
    await vi.waitFor(() => expect(widget.showPreferences).toHaveBeenCalledOnce());
    answer = null;
    button.click();
    await vi.waitFor(() => expect(status.textContent).toBe('Not available right now.'));
  });
});
