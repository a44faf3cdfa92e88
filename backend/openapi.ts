/**
 * The OpenAPI 3.1 document, generated from the same valibot schemas the routes validate with, so
 * the document cannot drift from what the server accepts.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { ConsentBatchSchema, ConsentEventSchema } from '../lib/consent-event';
import { ErrorBodySchema } from '../lib/error-body';
import { LookupRequestSchema, LookupResponseSchema } from '../lib/lookup';
import { ReceiptSchema } from '../lib/receipt';
import { SiteConfigSchema } from '../lib/site-config';
import { KeyBodySchema } from './routes/keys';
import { PolicyBodySchema, SiteBodySchema } from './routes/sites';
import { PersonQuerySchema } from './routes/subjects';

const schema = (s: v.GenericSchema) =>
  toJsonSchema(s, { target: 'draft-2020-12', errorMode: 'ignore' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string) => ({ description, content: json('Error') });
const body = (name: string) => ({ required: true, content: json(name) });
/** A route's schema, with its `config` (checked apart, by validateSiteConfig) as a SiteConfig. */
const withConfig = (s: v.GenericSchema) => {
  const out = schema(s) as { properties: Record<string, unknown> };
  return { ...out, properties: { ...out.properties, config: ref('SiteConfig') } };
};
const admin = [{ bearer: [] }];
const siteParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const common = {
  '401': error('No valid key'),
  '403': error('Key of another scope'),
  '404': error('No such site'),
  '429': error('Rate limited'),
};

/** Builds the document. */
export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Consentry ledger API',
      version: '1',
      description:
        'Tamper-evident consent ledger. Keys: site (pk_, public, widget), reader (rk_, look-ups), admin (sk_). Send `Authorization: Bearer <key>`; errors are `{ "error": { "code", "message", "issues"? } }`.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ConsentEvent: schema(ConsentEventSchema),
        ConsentBatch: schema(ConsentBatchSchema),
        Receipt: schema(ReceiptSchema),
        LookupRequest: schema(LookupRequestSchema),
        LookupResponse: schema(LookupResponseSchema),
        SiteConfig: schema(SiteConfigSchema),
        SiteCreate: withConfig(SiteBodySchema),
        PolicyPublish: withConfig(PolicyBodySchema),
        KeyCreate: schema(KeyBodySchema),
        PersonQuery: schema(PersonQuerySchema),
        Error: schema(ErrorBodySchema),
      },
    },
    paths: {
      '/v1/site-config': {
        get: {
          summary: "The site's configuration and the visitor's regime (site key; cacheable, ETag)",
          security: [{ bearer: [] }],
          parameters: [
            {
              name: 'key',
              in: 'query',
              schema: { type: 'string' },
              description: 'The site key, for script tags',
            },
          ],
          responses: {
            '200': { description: 'Configuration' },
            '304': { description: 'Not modified' },
            ...common,
          },
        },
      },
      '/v1/events': {
        post: {
          summary:
            'Record one consent event or a batch (site key, from an allowed origin); idempotent on eventId',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { oneOf: [ref('ConsentEvent'), ref('ConsentBatch')] } },
            },
          },
          responses: {
            '201': { description: 'Stored; the signed receipt', content: json('Receipt') },
            '200': {
              description: 'A retry of a stored event: the same receipt',
              content: json('Receipt'),
            },
            '409': error('The event id was used for a different event'),
            '413': error('Body too large'),
            '422': error('Field-level validation errors'),
            ...common,
          },
        },
      },
      '/v1/lookup': {
        post: {
          summary: 'Consent status per identifier digest and purpose (reader key)',
          security: [{ bearer: [] }],
          parameters: [
            {
              name: 'site',
              in: 'query',
              schema: { type: 'string' },
              description: 'The site, for an admin key not bound to one (reader keys have theirs)',
            },
          ],
          requestBody: body('LookupRequest'),
          responses: {
            '200': { description: 'Statuses', content: json('LookupResponse') },
            '422': error('Invalid request'),
            ...common,
          },
        },
      },
      '/v1/ledger-key': {
        get: {
          summary: 'The public Ed25519 key that signs receipts and checkpoints',
          responses: { '200': { description: 'Key' } },
        },
      },
      '/v1/sites': {
        get: {
          summary: 'List sites',
          security: admin,
          responses: { '200': { description: 'Sites' }, ...common },
        },
        post: {
          summary: 'Create a site with its first policy (validated, dark patterns refused)',
          security: admin,
          requestBody: body('SiteCreate'),
          responses: {
            '201': { description: 'Created' },
            '409': error('Id taken'),
            '422': error('Invalid configuration'),
            ...common,
          },
        },
      },
      '/v1/sites/{id}': {
        get: {
          summary: 'A site and its current configuration',
          security: admin,
          parameters: siteParam,
          responses: { '200': { description: 'Site' }, ...common },
        },
      },
      '/v1/sites/{id}/policies': {
        post: {
          summary: 'Publish a new, immutable policy version',
          security: admin,
          parameters: siteParam,
          requestBody: body('PolicyPublish'),
          responses: {
            '201': { description: 'Published' },
            '409': error('Version exists'),
            '422': error('Invalid configuration'),
            ...common,
          },
        },
      },
      '/v1/sites/{id}/verify': {
        get: {
          summary: 'Verify the chain and checkpoints',
          security: admin,
          parameters: siteParam,
          responses: {
            '200': { description: 'Intact' },
            '409': { description: 'Broken: names the first bad position' },
            ...common,
          },
        },
      },
      '/v1/sites/{id}/checkpoints': {
        get: {
          summary: 'Signed checkpoints',
          security: admin,
          parameters: siteParam,
          responses: { '200': { description: 'Checkpoints' }, ...common },
        },
        post: {
          summary: 'Sign a checkpoint now',
          security: admin,
          parameters: siteParam,
          responses: { '201': { description: 'Signed' }, ...common },
        },
      },
      '/v1/sites/{id}/audit': {
        get: {
          summary: 'Audit report (JSON, or HTML with ?format=html; ?turnover= for fine exposure)',
          security: admin,
          parameters: [
            ...siteParam,
            {
              name: 'format',
              in: 'query',
              schema: { enum: ['json', 'html'], default: 'json' },
              description: 'The report as JSON, or as a self-contained HTML page',
            },
            {
              name: 'turnover',
              in: 'query',
              schema: { type: 'number', minimum: 0 },
              description: "Annual turnover, in each regime's currency: sizes the fine exposure",
            },
          ],
          responses: {
            '200': { description: 'Report' },
            '422': error('Unknown format, or a turnover that is not a non-negative number'),
            ...common,
          },
        },
      },
      '/v1/sites/{id}/subjects/history': {
        post: {
          summary: "A person's consent history",
          security: admin,
          parameters: siteParam,
          requestBody: body('PersonQuery'),
          responses: { '200': { description: 'History' }, ...common },
        },
      },
      '/v1/sites/{id}/subjects/export': {
        post: {
          summary: 'Access request: everything held on a person, decrypted',
          security: admin,
          parameters: siteParam,
          requestBody: body('PersonQuery'),
          responses: { '200': { description: 'Export' }, ...common },
        },
      },
      '/v1/sites/{id}/subjects/erase': {
        post: {
          summary: 'Erasure by crypto-shredding; the chain still verifies',
          security: admin,
          parameters: siteParam,
          requestBody: body('PersonQuery'),
          responses: { '200': { description: 'Erased' }, ...common },
        },
      },
      '/v1/keys': {
        get: {
          summary: 'List keys (never their secrets)',
          security: admin,
          responses: { '200': { description: 'Keys' }, ...common },
        },
        post: {
          summary: 'Create a key; the secret is in this response only',
          security: admin,
          requestBody: body('KeyCreate'),
          responses: {
            '201': { description: 'Created' },
            '422': error('Invalid scope, site or label'),
            ...common,
          },
        },
      },
      '/v1/keys/{id}': {
        delete: {
          summary: 'Revoke a key',
          security: admin,
          parameters: siteParam,
          responses: { '200': { description: 'Revoked' }, ...common },
        },
      },
      '/consentry.js': {
        get: {
          summary: 'The widget for the script tag (cached an hour, revalidated by ETag)',
          responses: {
            '200': { description: 'JavaScript' },
            '304': { description: 'Not modified' },
            '404': error('Not built'),
          },
        },
      },
      '/consentry-inline.js': {
        get: {
          summary: 'The widget build that also accepts inline configurations (data-config)',
          responses: {
            '200': { description: 'JavaScript' },
            '304': { description: 'Not modified' },
            '404': error('Not built'),
          },
        },
      },
      '/widget/{file}': {
        get: {
          summary:
            'The same widget pinned by content hash (consentry.<hash>.js), cached for a year',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'JavaScript' }, '404': error('Unknown version') },
        },
      },
      '/healthz': { get: { summary: 'Health', responses: { '200': { description: 'OK' } } } },
      '/metrics': {
        get: { summary: 'Prometheus metrics', responses: { '200': { description: 'Metrics' } } },
      },
    },
  };
}
