/** Summit CRM's entry: renders the app with the demo contacts into the shell's #app. */
import './crm.css';
import { render } from 'preact';
import { generateContacts } from './contacts';
import { SummitCrm } from './summit-crm';

const root = document.getElementById('app');
if (root) {
  root.replaceChildren();
  render(<SummitCrm contacts={generateContacts()} />, root);
}
