/** The widget for sites that bundle it: `createConsentry(options)`, with or without the view. */
export { createConsentry, type ConsentryApi, type ConsentryOptions } from './create-consentry';
export type { ConsentryState, Identity } from './core/consentry';
export { mountView } from './view/mount-view';
