/** The demo shop page's own script (an external file, so a strict CSP needs no exception). */
import './shop.css';
import { wireCart } from './cart';
import { wireNewsletter } from './newsletter';
import { wirePrivacyChoices } from './privacy-choices';
import { runningWidget } from './when-widget';

const widget = () => runningWidget(window);
const form = document.querySelector<HTMLFormElement>('[data-testid="newsletter-form"]');
if (form) wireNewsletter(form, widget);
const privacy = document.querySelector<HTMLButtonElement>('[data-testid="privacy-choices"]');
if (privacy)
  wirePrivacyChoices(privacy, document.querySelector('[data-testid="privacy-status"]'), widget);
wireCart(document);
