/** The widget for sites that bundle it: `createConsentry(options)`, with or without the view. */
import {
  createConsentry as create,
  type ConsentryApi,
  type ConsentryOptions,
} from './create-consentry';
import { inlineSetup } from './core/inline-setup';

export type { ConsentryApi, ConsentryOptions } from './create-consentry';
export type { ConsentryState, Identity } from './core/consentry';
export { mountView } from './view/mount-view';

/** Starts the widget; accepts inline configurations (validated with lib/) as well as the ledger's. */
export const createConsentry = (options: ConsentryOptions, win: Window = window): ConsentryApi =>
  create(options, win, inlineSetup);
