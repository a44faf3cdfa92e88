// @vitest-environment happy-dom
import { getByTestId, queryByTestId } from '@testing-library/dom';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { SummaryReply } from '../shared/messages';
import { PopupView } from './popup-view';

const noop = () => {};
const show = (summary: SummaryReply) => {
  render(
    <PopupView summary={summary} error={null} busy={false} onRefresh={noop} onOptions={noop} />,
    document.body,
  );
  return document.body;
};
afterEach(() => render(null, document.body));

describe('PopupView', () => {
  it('counts everyone, lists who lacks consent, and says who is still being checked', () => {
    const body = show({
      crm: 'generic',
      notice: null,
      people: [
        { key: 'email:ana@example.com', verdict: 'granted', stale: false },
        { key: 'email:bo@example.com', verdict: 'lacking', stale: false },
        { key: 'email:cy@example.com', verdict: 'pending', stale: false },
        { key: 'email:di@example.com', verdict: 'pending', stale: false },
      ],
    });
    expect(getByTestId(body, 'popup-count').textContent).toBe(
      '4 email addresses found on this page; 1 without consent for your purposes.',
    );
    expect(getByTestId(body, 'popup-lacking').textContent).toContain('bo@example.com');
    expect(getByTestId(body, 'popup-checking').textContent).toBe(
      '2 still being checked: refresh in a moment.',
    );
  });

  it('says nothing of checking once every answer is in', () => {
    const body = show({
      crm: 'generic',
      notice: null,
      people: [{ key: 'email:ana@example.com', verdict: 'unknown', stale: false }],
    });
    expect(queryByTestId(body, 'popup-checking')).toBeNull();
    expect(getByTestId(body, 'popup-count').textContent).toBe(
      '1 email address found on this page; 1 without consent for your purposes.',
    );
  });

  it('counts addresses and numbers apart, and names the CRM an adapter knew', () => {
    const body = show({
      crm: 'salesforce',
      notice: null,
      people: [
        { key: 'email:ana@example.com', verdict: 'granted', stale: false },
        { key: 'phone:+4930123456', verdict: 'lacking', stale: false },
        { key: 'phone:+4930654321', verdict: 'withdrawn', stale: false },
      ],
    });
    expect(getByTestId(body, 'popup-count').textContent).toBe(
      '1 email address and 2 phone numbers found on this Salesforce Lightning page; 2 without consent for your purposes.',
    );
  });

  it('says when the page shows no address and no number', () => {
    const body = show({ crm: 'generic', notice: null, people: [] });
    expect(getByTestId(body, 'popup-count').textContent).toBe(
      'No email address or phone number found on this page.',
    );
  });
});
