// Generated from packages/host-core/openapi.json by scripts/write-openapi-module.ts: edit the JSON,
// then run `node --conditions=@crmkit/source --import tsx packages/host-core/scripts/write-openapi-module.ts`.
import type {OpenApiDocument} from './openapi-types.js';

/** The REST contract (OpenAPI 3.1), the same document as `@crmkit/host-core/openapi.json`. */
export const OPENAPI_DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'crmkit host REST contract',
    version: '0.1.0',
    summary:
      'The REST API a crmkit host CRM serves: leads, the reject-lead flow, picklists and admin settings.',
    description:
      "One document used by three things: the reference server's request and response validation (@crmkit/dev-host), the HostApi over fetch (@crmkit/rest-client) and the msw mock host (@crmkit/rest-client/msw). The contract test suite (test/contract) runs the same cases against the mock and the server and validates every response body against the schemas below.\n\nConventions:\n- JSON in, JSON out (`application/json; charset=utf-8`). A request with a body must say `Content-Type: application/json` (else 415 `unsupported-media-type`); a body larger than the host reads (the reference host: 1 MiB) is 413 `payload-too-large`; a body that is not JSON is 400 `invalid-json` (one field error with `line` and `column`); a body that does not match its schema is 400 `invalid-body` with one field error per problem (`field` = JSON pointer into the body, `''` for the body itself).\n- The ruleset (`Ruleset`) and the plugin manifest (`PluginManifest`) are the JSON Schemas of @crmkit/assignment and @crmkit/sdk, embedded with their `$defs` as components (`x-crmkit-source` names each one's source file). Answers match them in full. In a request body only their JSON type is checked (`x-crmkit-request-check`) before their own validator, which refuses with 422 `invalid-ruleset` or `invalid-manifest` and every finding.\n- Every error is RFC 9457 `application/problem+json` (schema `Problem`): `type` = `urn:crmkit:problem:<code>`, `status`, `title` (a short fixed English summary of the code), `detail` (a specific sentence in the caller's language: German or English), the stable `code` (clients switch on it, never on text) and, for validation, `errors: [{field, code, message, line?, column?}]`.\n- Auth: `Authorization: Bearer <token>` on every route. Missing, malformed or unknown token: 401 `unauthorized` with `WWW-Authenticate: Bearer`. The privilege each operation needs is its `x-crmkit-privilege` (null = any signed-in user); without it: 403 `missing-privilege` with the extension member `privilege`. Authentication is checked before authorization, authorization before anything else (a 403 never reveals whether a lead exists).\n- The caller's language (`title` stays English): the first `Accept-Language` range (by q-value, `*` ignored) whose language has labels (`de-AT` uses `de`), else the user's locale, else `en`.\n- Unknown `/api/` path: 404 `not-found`; a known path with another method: 405 `method-not-allowed` with an `Allow` header.",
    contact: {name: 'crmkit', url: 'https://github.com/crmkit/crmkit/issues'},
    license: {name: 'MIT', identifier: 'MIT'},
  },
  servers: [
    {url: '/', description: "The host's own origin (the dev host serves pages and API together)."},
  ],
  security: [{bearer: []}, {session: []}],
  tags: [
    {name: 'user', description: 'Who is signed in.'},
    {name: 'leads', description: 'Leads and the reject-lead flow.'},
    {name: 'picklists', description: "Picklists labelled in the caller's language."},
    {name: 'settings', description: 'Settings a plugin may read.'},
    {name: 'plugins', description: "Plugins installed for the signed-in user's pages."},
    {
      name: 'admin',
      description: 'Admin routes: ownership mode, reject codes, assignment rules, plugins, audit.',
    },
  ],
  paths: {
    '/api/me': {
      get: {
        operationId: 'getCurrentUser',
        tags: ['user'],
        summary: 'The signed-in user: id, name, locale and privileges.',
        description:
          "The user the bearer token belongs to, with the privileges of that user's role. A page or plugin may hide what the user cannot do; the host still checks the privilege of every request.",
        'x-crmkit-privilege': null,
        responses: {
          '200': {
            description: 'The signed-in user.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/CurrentUser'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/leads': {
      get: {
        operationId: 'listLeads',
        tags: ['leads'],
        summary: 'Leads in id order, a page at a time, optionally only those with one status.',
        description:
          'Ordered by `id`, at most `limit` leads (default 200, at most 1000) after the lead id `after`. When more follow, the answer has a `Link` header with `rel="next"` (RFC 8288) that names the next page; a client follows it until there is none (keyset paging: a page stays right while leads change before it). With `status`, only the leads in that Lead Status; another value is 400 `invalid-query` (field `status`), and so is a bad `limit` or `after`.',
        'x-crmkit-privilege': 'leads.read',
        parameters: [
          {$ref: '#/components/parameters/StatusQuery'},
          {$ref: '#/components/parameters/LeadsLimitQuery'},
          {$ref: '#/components/parameters/LeadsAfterQuery'},
        ],
        responses: {
          '200': {
            description: 'A page of the leads, ordered by id.',
            headers: {
              Link: {
                description:
                  'Present when more leads follow: `</api/leads?after=<last id>&limit=<limit>>; rel="next"` (with `status` when filtered), a reference relative to the host. Absent on the last page.',
                schema: {type: 'string'},
              },
            },
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/Lead'}},
              },
            },
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/leads/{id}': {
      get: {
        operationId: 'getLead',
        tags: ['leads'],
        summary: 'One lead.',
        description:
          'The lead with its current `version` (send it as `If-Match` when rejecting) and, once it is rejected, its `rejection`. 404 `lead-not-found` when no lead has the id.',
        'x-crmkit-privilege': 'leads.read',
        parameters: [{$ref: '#/components/parameters/LeadId'}],
        responses: {
          '200': {
            description: 'The lead.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/Lead'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/leads/{id}/reject': {
      post: {
        operationId: 'rejectLead',
        tags: ['leads'],
        summary:
          'Reject a Qualified lead, optionally reassigning its owner through the Assignment Manager.',
        description:
          "Sets Lead Status Rejected, records the rejection (code, trimmed reason, rejecting user, time), raises `version` by exactly 1 and, when `reassignOwner` is true, reassigns the owner by the active assignment ruleset (the rules see the lead as it is after rejection; the lead's `originalOwnerId` stays). Rejection, reassignment and the audit row commit together or not at all; a refused request changes nothing.\n\nChecks run in this order; the first that fails answers:\n1. 401 `unauthorized`; 2. 403 `missing-privilege` (`leads.reject`);\n3. 400 `invalid-header` (`If-Match` not a version, `Idempotency-Key` empty or over 255 characters), 413 `payload-too-large`, 415 `unsupported-media-type`, 400 `invalid-json`, 400 `invalid-body`;\n4. idempotency: a key this user already used successfully replays the first answer (same status and body, header `Idempotent-Replayed: true`) when the lead id and the body (after trimming the reason; a blank reason counts as none) are the same, and is refused with 422 `idempotency-key-reused` when they differ. Only successful answers are remembered: after a refusal the same key may be used again;\n5. 404 `lead-not-found`; 6. 409 `lead-not-qualified` (status is not Qualified); 7. 409 `version-conflict` (`If-Match` given and not the current version);\n8. 422 `unknown-reject-code`, 422 `inactive-reject-code`; 9. 422 `reason-required` (the code's key is `OTHER`, whatever its label, and no reason after trimming), 422 `reason-too-long` (over 2000 characters after trimming); 10. 422 `reassign-not-allowed-in-book-mode` (`reassignOwner` true while the ownership mode is `book`);\n11. 500 `assignment-failed` when the Assignment Manager fails (nothing is committed).\nEvery 409 and 422 of steps 6 to 10 carries one field error naming the field (`/rejectCode`, `/rejectReason`, `/reassignOwner`, or `If-Match`, `''` for the lead status) with the same `code`.",
        'x-crmkit-privilege': 'leads.reject',
        parameters: [
          {$ref: '#/components/parameters/LeadId'},
          {$ref: '#/components/parameters/IfMatch'},
          {$ref: '#/components/parameters/IdempotencyKey'},
        ],
        requestBody: {
          required: true,
          content: {'application/json': {schema: {$ref: '#/components/schemas/RejectRequest'}}},
        },
        responses: {
          '200': {
            description:
              'The lead was rejected (or this is the replay of an earlier identical request with the same Idempotency-Key).',
            headers: {
              'Idempotent-Replayed': {
                description:
                  '`true` when this is the stored first answer to the same Idempotency-Key.',
                schema: {type: 'string', enum: ['true']},
              },
            },
            content: {'application/json': {schema: {$ref: '#/components/schemas/RejectResult'}}},
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '409': {$ref: '#/components/responses/Conflict'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '500': {$ref: '#/components/responses/ServerError'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/picklists/reject-codes': {
      get: {
        operationId: 'getRejectCodes',
        tags: ['picklists'],
        summary:
          "The reject-code picklist in picklist order, inactive codes included (`active: false`), labelled in the caller's language.",
        description:
          "Labels in the language of `Accept-Language`, else the user's locale, else English. Rejecting with a code whose `active` is false is 422 `inactive-reject-code`, so a Reject Lead dialog offers only the active ones.",
        'x-crmkit-privilege': 'leads.read',
        parameters: [{$ref: '#/components/parameters/AcceptLanguage'}],
        responses: {
          '200': {
            description: 'The picklist.',
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/RejectCode'}},
              },
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/settings/lead': {
      get: {
        operationId: 'getLeadSettings',
        tags: ['settings'],
        summary:
          "The lead record type's settings a plugin may read (the ownership mode, so that Reassign Owner can be disabled in Book mode).",
        description:
          'Read-only, for plugins (`leads.read`); admins change it with `PUT /api/admin/settings/lead`. In `book` mode a reject with `reassignOwner: true` is 422 `reassign-not-allowed-in-book-mode`.',
        'x-crmkit-privilege': 'leads.read',
        responses: {
          '200': {
            description: 'The settings.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/LeadSettings'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/plugins': {
      get: {
        operationId: 'listPluginInstallations',
        tags: ['plugins'],
        summary:
          'The enabled plugins, in install order, with their stored manifests and effective config.',
        description:
          "What a host page loads: each enabled plugin's STORED manifest, where its stored files are served (`baseUrl`, `entryUrl`), the entry's integrity, the effective config and how it runs (`isolation`). A page never takes a manifest from anywhere else. Any signed-in user may read it.",
        'x-crmkit-privilege': null,
        responses: {
          '200': {
            description: 'The installations.',
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/PluginInstallation'}},
              },
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/settings/lead': {
      get: {
        operationId: 'getAdminLeadSettings',
        tags: ['admin'],
        summary: "The lead record type's settings.",
        description:
          'The same settings as `GET /api/settings/lead`, for the admin page (`plugins.manage`).',
        'x-crmkit-privilege': 'plugins.manage',
        responses: {
          '200': {
            description: 'The settings.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/LeadSettings'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
      put: {
        operationId: 'putAdminLeadSettings',
        tags: ['admin'],
        summary: "Replace the lead record type's settings (the ownership mode).",
        description:
          'Sets the ownership mode of the lead record type (`user`, `mixed` or `book`) and records the change in the audit trail (`settings.lead.updated`). A mode that is not one of the three is 400 `invalid-body`.',
        'x-crmkit-privilege': 'plugins.manage',
        requestBody: {
          required: true,
          content: {'application/json': {schema: {$ref: '#/components/schemas/LeadSettings'}}},
        },
        responses: {
          '200': {
            description: 'The stored settings.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/LeadSettings'}}},
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/reject-codes': {
      get: {
        operationId: 'getAdminRejectCodes',
        tags: ['admin'],
        summary: 'The reject codes in picklist order with both labels.',
        description:
          'Every code with its stable `key`, its `labels` per language and `active`, for the admin editor; `PUT /api/admin/reject-codes` takes the same list back.',
        'x-crmkit-privilege': 'plugins.manage',
        responses: {
          '200': {
            description: 'The codes.',
            content: {
              'application/json': {schema: {$ref: '#/components/schemas/AdminRejectCodeList'}},
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
      put: {
        operationId: 'putAdminRejectCodes',
        tags: ['admin'],
        summary:
          'Replace the whole reject-code list: rename (labels), add (new key), deactivate (`active: false`), reorder.',
        description:
          'Labels are trimmed. Refused with 422 `invalid-reject-codes` (every problem in `errors`, `field` = JSON pointer such as `/3/key`) when a key appears twice (field code `duplicate-key`), or an existing key is missing (field code `reject-code-removed`: codes are deactivated, never deleted, because rejected leads keep their code). The key `OTHER` keeps requiring a reason whatever its label.',
        'x-crmkit-privilege': 'plugins.manage',
        requestBody: {
          required: true,
          content: {
            'application/json': {schema: {$ref: '#/components/schemas/AdminRejectCodeList'}},
          },
        },
        responses: {
          '200': {
            description: 'The stored codes.',
            content: {
              'application/json': {schema: {$ref: '#/components/schemas/AdminRejectCodeList'}},
            },
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/assignment-rules': {
      get: {
        operationId: 'getAssignmentRules',
        tags: ['admin'],
        summary:
          'The active lead assignment ruleset (the @crmkit/assignment ruleset JSON), as it was stored.',
        description:
          '404 `not-found` when no ruleset has been activated yet (a host started without one).',
        'x-crmkit-privilege': 'assignment.manage',
        responses: {
          '200': {
            description: 'The active ruleset.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/Ruleset'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
      put: {
        operationId: 'putAssignmentRules',
        tags: ['admin'],
        summary: 'Lint a ruleset and, when it has no error, make it the active one.',
        description:
          "The body is the ruleset JSON itself. The server lints it with @crmkit/assignment; any finding of severity error refuses it with 422 `invalid-ruleset` and every error finding in `errors` (`field` = JSON pointer into the ruleset, the linter's `code`, `message`, and `line`/`column` in the body as sent, 1-based). The active ruleset stays. Without errors it becomes active and the answer lists the remaining warnings (e.g. the first rule would not match a rejected lead).",
        'x-crmkit-privilege': 'assignment.manage',
        requestBody: {
          description:
            'The ruleset JSON itself (the `Ruleset` schema of @crmkit/assignment). Only its JSON type is checked before the linter: a ruleset that breaks the schema is 422 `invalid-ruleset` with every lint error, not 400 `invalid-body`.',
          required: true,
          content: {'application/json': {schema: {$ref: '#/components/schemas/Ruleset'}}},
        },
        responses: {
          '200': {
            description: 'Activated.',
            content: {
              'application/json': {schema: {$ref: '#/components/schemas/RulesetActivated'}},
            },
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/assignment-rules/stats': {
      get: {
        operationId: 'getAssignmentStats',
        tags: ['admin'],
        summary:
          "Which rule of the active ruleset would match how many of the current leads, each evaluated as if it were rejected and reassigned (for the admin page's chart).",
        description:
          'Counts only: nothing is changed and no lead is reassigned. Each current lead is evaluated as the Reject button would see it (status Rejected); the first matching rule takes it, and a lead no rule takes counts as `unassignedOwner`.',
        'x-crmkit-privilege': 'assignment.manage',
        responses: {
          '200': {
            description: 'The counts.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/AssignmentStats'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/plugins': {
      get: {
        operationId: 'listInstalledPlugins',
        tags: ['admin'],
        summary:
          'The installed plugins with their stored versions, consent and config, in install order.',
        description:
          'Each installation: the version that runs, enabled or not, trusted or not, its stored manifest and declared permissions, what the admin accepted, every stored version and the upgrade on offer.',
        'x-crmkit-privilege': 'plugins.manage',
        responses: {
          '200': {
            description: 'The installed plugins.',
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/InstalledPlugin'}},
              },
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
      post: {
        operationId: 'uploadPluginPackage',
        tags: ['admin'],
        summary: 'Upload a plugin package (the .tgz of `crmkit pack`).',
        description:
          'The host checks the package before it stores a byte: at most 5 MiB, gzip, a tar of regular files only (no links, devices or FIFOs), every path inside the package, plugin.json at its root a valid manifest, its entry in the package and equal to its `integrity`. Each refusal is 422 `invalid-plugin-package` with one field error naming the file (`field`) and why (`code`: too-large, not-gzip, not-tar, link, special-file, path-outside, duplicate-file, manifest-missing, entry-missing, integrity-missing, integrity-mismatch), or 422 `invalid-manifest`; nothing is stored then. A new plugin is installed disabled (201); another version of an installed plugin is stored (201) and what runs does not change; the same bytes again are 200; the same id and version with other bytes are 409 `plugin-version-exists`.',
        'x-crmkit-privilege': 'plugins.manage',
        requestBody: {
          required: true,
          content: {'application/gzip': {schema: {type: 'string', format: 'binary'}}},
        },
        responses: {
          '200': {
            description: 'The same package was stored already.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/PluginUpload'}}},
          },
          '201': {
            description: 'Stored.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/PluginUpload'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '409': {$ref: '#/components/responses/Conflict'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/plugins/{pluginId}': {
      put: {
        operationId: 'updatePlugin',
        tags: ['admin'],
        summary: 'Enable, disable, upgrade, roll back, configure or trust an installed plugin.',
        description:
          "Enabling is the admin's consent to the running version's permissions (audit `plugin.enabled` with them). `version` switches to another stored version (upgrade or roll back; 422 `unknown-plugin-version` when not stored); when the plugin is enabled and that version declares permissions beyond those accepted, `acceptPermissions` must equal its whole list, else 409 `permissions-not-accepted` with the `added` ones, and the old version keeps running. `config` is checked against the version's config schema (422 `invalid-plugin-config`). Each change is audited.",
        'x-crmkit-privilege': 'plugins.manage',
        parameters: [
          {
            name: 'pluginId',
            in: 'path',
            required: true,
            description: 'The manifest id, e.g. `dev.crmkit.reject-lead`.',
            schema: {type: 'string', minLength: 1},
          },
        ],
        requestBody: {
          required: true,
          content: {'application/json': {schema: {$ref: '#/components/schemas/PluginChanges'}}},
        },
        responses: {
          '200': {
            description: 'Changed.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/InstalledPlugin'}}},
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '409': {$ref: '#/components/responses/Conflict'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
      delete: {
        operationId: 'uninstallPlugin',
        tags: ['admin'],
        summary: 'Uninstall a plugin.',
        description:
          'Removes the installation and every stored version of it, and records `plugin.uninstalled`; its files are no longer served. 404 `plugin-not-found` when no plugin with that id is installed.',
        'x-crmkit-privilege': 'plugins.manage',
        parameters: [
          {
            name: 'pluginId',
            in: 'path',
            required: true,
            description: 'The manifest id, e.g. `dev.crmkit.reject-lead`.',
            schema: {type: 'string', minLength: 1},
          },
        ],
        responses: {
          '204': {description: 'Uninstalled.'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/audit': {
      get: {
        operationId: 'listAudit',
        tags: ['admin'],
        summary:
          'The audit trail, newest first (one row per committed change, e.g. each rejection).',
        description:
          'Each row says who (`actor`), what (`action`, e.g. `lead.rejected`, `settings.lead.updated`, `plugin.installed`), when (`at`), about which lead (`leadId`, null for admin changes) and the details (`data`). A `limit` outside 1 to 500 or an empty `leadId` is 400 `invalid-query`.',
        'x-crmkit-privilege': 'plugins.manage',
        parameters: [
          {
            name: 'leadId',
            in: 'query',
            required: false,
            description: 'Only rows about this lead.',
            schema: {type: 'string', minLength: 1},
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'At most this many rows (1 to 500, default 100).',
            schema: {type: 'integer', minimum: 1, maximum: 500, default: 100},
          },
          {
            name: 'userId',
            in: 'query',
            required: false,
            description: 'Only the entries of this user (the actor).',
            schema: {type: 'string', minLength: 1},
          },
          {
            name: 'pluginId',
            in: 'query',
            required: false,
            description: 'Only the entries about this plugin or made through it.',
            schema: {type: 'string', minLength: 1},
          },
        ],
        responses: {
          '200': {
            description: 'The rows.',
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/AuditEntry'}},
              },
            },
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/roles': {
      get: {
        operationId: 'listRoles',
        tags: ['admin'],
        summary: 'The roles and the privileges each holds.',
        'x-crmkit-privilege': 'plugins.manage',
        responses: {
          '200': {
            description: 'The roles.',
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/Role'}},
              },
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
        description:
          "Each role with its name in English and German and the privileges its users hold. A user's privileges are always their role's (`GET /api/me`).",
      },
    },
    '/api/admin/roles/{roleId}': {
      put: {
        operationId: 'updateRole',
        tags: ['admin'],
        summary: "Set a role's privileges; its users hold them from their next request.",
        description:
          '422 `unknown-privilege` names each unknown one; 409 `last-admin` when afterwards no active user who can sign in would hold plugins.manage; 404 `role-not-found`.',
        'x-crmkit-privilege': 'plugins.manage',
        parameters: [
          {
            name: 'roleId',
            in: 'path',
            required: true,
            description: "The role's id, e.g. `sales-rep`.",
            schema: {type: 'string', minLength: 1},
          },
        ],
        requestBody: {
          required: true,
          content: {'application/json': {schema: {$ref: '#/components/schemas/RoleChanges'}}},
        },
        responses: {
          '200': {
            description: 'Changed.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/Role'}}},
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '409': {$ref: '#/components/responses/Conflict'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/users': {
      get: {
        operationId: 'listUsers',
        tags: ['admin'],
        summary: 'The users with their roles.',
        'x-crmkit-privilege': 'plugins.manage',
        responses: {
          '200': {
            description: 'The users.',
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/AdminUser'}},
              },
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
        description:
          'Every user with the id of their role, whether they are active and their locale. Move a user with `PUT /api/admin/users/{userId}`.',
      },
    },
    '/api/admin/users/{userId}': {
      put: {
        operationId: 'updateUser',
        tags: ['admin'],
        summary: 'Move a user to another role, effective on their next request.',
        description:
          '422 `unknown-role`; 409 `last-admin` when afterwards no active user who can sign in would hold plugins.manage; 404 `user-not-found`.',
        'x-crmkit-privilege': 'plugins.manage',
        parameters: [
          {
            name: 'userId',
            in: 'path',
            required: true,
            description: "The user's id, e.g. `max`.",
            schema: {type: 'string', minLength: 1},
          },
        ],
        requestBody: {
          required: true,
          content: {'application/json': {schema: {$ref: '#/components/schemas/UserChanges'}}},
        },
        responses: {
          '200': {
            description: 'Changed.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/AdminUser'}}},
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '409': {$ref: '#/components/responses/Conflict'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/sessions': {
      post: {
        operationId: 'createSession',
        tags: ['user'],
        summary: 'Start a page session: the HttpOnly cookie, so no page script holds a credential.',
        description:
          "Signed in by a bearer token (the demo's `?as=<user>` sign-in does this for the page), answers `Set-Cookie: crmkit_session=…; HttpOnly; SameSite=Strict; Path=/` (and `Secure` on https). Valid 8 hours. A plugin credential cannot start one (403 `outside-plugin-scope`).",
        'x-crmkit-privilege': null,
        responses: {
          '201': {
            description: 'Started; the cookie is set.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/PageSession'}}},
            headers: {'Set-Cookie': {description: 'The session cookie.', schema: {type: 'string'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/sessions/current': {
      delete: {
        operationId: 'deleteSession',
        tags: ['user'],
        summary: 'End the page session (sign out).',
        description: 'Forgets the session of the cookie sent and clears the cookie.',
        'x-crmkit-privilege': null,
        responses: {
          '204': {
            description: 'Signed out.',
            headers: {'Set-Cookie': {description: 'The cleared cookie.', schema: {type: 'string'}}},
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/plugin-sessions': {
      post: {
        operationId: 'createPluginSession',
        tags: ['plugins'],
        summary:
          'Mint a plugin credential: a short-lived token bound to the user and one enabled plugin.',
        description:
          "Its scopes are the plugin's declared permissions ∩ the user's privileges, and every request with it is checked again against both as they are then; outside them 403 `outside-plugin-scope`, admin and session routes always. Changes made with it are audited with the plugin's id. 404 `plugin-not-found` for a plugin that is not installed and enabled. A plugin credential cannot mint another.",
        'x-crmkit-privilege': null,
        requestBody: {
          required: true,
          content: {
            'application/json': {schema: {$ref: '#/components/schemas/PluginSessionRequest'}},
          },
        },
        responses: {
          '201': {
            description: 'Minted.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/PluginSession'}}},
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/assignment-rules/versions': {
      get: {
        operationId: 'listRulesetVersions',
        tags: ['admin'],
        summary: 'Every activation of a ruleset, newest first.',
        description:
          'Who activated which version when; the active one is marked. Each PUT and each roll back adds one.',
        'x-crmkit-privilege': 'assignment.manage',
        responses: {
          '200': {
            description: 'The versions.',
            content: {
              'application/json': {
                schema: {type: 'array', items: {$ref: '#/components/schemas/RulesetVersion'}},
              },
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/assignment-rules/versions/{version}': {
      get: {
        operationId: 'getRulesetVersion',
        tags: ['admin'],
        summary: 'One version with its ruleset.',
        description: '404 `not-found` for a version that does not exist.',
        'x-crmkit-privilege': 'assignment.manage',
        parameters: [
          {
            name: 'version',
            in: 'path',
            required: true,
            description: 'A version number from the versions list.',
            schema: {type: 'string', minLength: 1},
          },
        ],
        responses: {
          '200': {
            description: 'The version.',
            content: {
              'application/json': {schema: {$ref: '#/components/schemas/RulesetVersionDetail'}},
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/assignment-rules/versions/{version}/activate': {
      post: {
        operationId: 'activateRulesetVersion',
        tags: ['admin'],
        summary: "Roll back: activate a version's ruleset again, as a new version.",
        description:
          'The history stays a line (every activation is kept, with who and when); audited as `assignment-rules.rolled-back` with from, to and restoredFrom.',
        'x-crmkit-privilege': 'assignment.manage',
        parameters: [
          {
            name: 'version',
            in: 'path',
            required: true,
            description: 'A version number from the versions list.',
            schema: {type: 'string', minLength: 1},
          },
        ],
        responses: {
          '200': {
            description: 'Activated.',
            content: {
              'application/json': {schema: {$ref: '#/components/schemas/RulesetVersionDetail'}},
            },
          },
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '404': {$ref: '#/components/responses/NotFound'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
    '/api/admin/assignment-rules/preview': {
      post: {
        operationId: 'previewRuleset',
        tags: ['admin'],
        summary: 'What a candidate ruleset would change, before it is activated.',
        description:
          'Decides, with the candidate and with the active ruleset, every lead not rejected yet as if rejected now with `rejectCode`, and the last `replay` recorded rejections again with their own code and reason: which leads would get another owner, and per-rule counts for both side by side. A candidate with lint errors is 422 `invalid-ruleset` with every finding, as PUT answers; nothing is stored.',
        'x-crmkit-privilege': 'assignment.manage',
        parameters: [
          {
            name: 'rejectCode',
            in: 'query',
            required: false,
            description: 'The reject code the pending leads are rejected with (default OTHER).',
            schema: {type: 'string', minLength: 1},
          },
          {
            name: 'replay',
            in: 'query',
            required: false,
            description: 'How many recorded rejections to replay, 0 to 10000 (default 100).',
            schema: {type: 'integer', minimum: 0, maximum: 10000, default: 100},
          },
        ],
        requestBody: {
          description:
            'The ruleset JSON itself (the `Ruleset` schema of @crmkit/assignment). Only its JSON type is checked before the linter: a ruleset that breaks the schema is 422 `invalid-ruleset` with every lint error, not 400 `invalid-body`.',
          required: true,
          content: {'application/json': {schema: {$ref: '#/components/schemas/Ruleset'}}},
        },
        responses: {
          '200': {
            description: 'The preview.',
            content: {'application/json': {schema: {$ref: '#/components/schemas/RulesetPreview'}}},
          },
          '400': {$ref: '#/components/responses/BadRequest'},
          '401': {$ref: '#/components/responses/Unauthorized'},
          '403': {$ref: '#/components/responses/Forbidden'},
          '413': {$ref: '#/components/responses/PayloadTooLarge'},
          '415': {$ref: '#/components/responses/UnsupportedMediaType'},
          '422': {$ref: '#/components/responses/Unprocessable'},
          '503': {$ref: '#/components/responses/ServiceUnavailable'},
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          "A user's bearer token (demo host: the user name, e.g. `max`), or a plugin credential `cps_…` from `POST /api/plugin-sessions`, which acts as its user within its scopes.",
      },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'crmkit_session',
        description:
          "The page session (HttpOnly, SameSite=Strict) set by `POST /api/sessions`; every call signed in by it must send `X-Crmkit-Csrf: 1` from the host's own origin, else 403 `csrf`.",
      },
    },
    parameters: {
      LeadId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The lead id, e.g. `L-1001`.',
        schema: {type: 'string', minLength: 1},
      },
      StatusQuery: {
        name: 'status',
        in: 'query',
        required: false,
        description:
          'Only leads with this status; another value is 400 `invalid-query` (field `status`).',
        schema: {$ref: '#/components/schemas/LeadStatus'},
      },
      LeadsLimitQuery: {
        name: 'limit',
        in: 'query',
        required: false,
        description:
          'Leads per page, 1 to 1000 (default 200); another value is 400 `invalid-query` (field `limit`).',
        schema: {type: 'integer', minimum: 1, maximum: 1000, default: 200},
      },
      LeadsAfterQuery: {
        name: 'after',
        in: 'query',
        required: false,
        description:
          'Only the leads whose id sorts after this lead id: the last id of the previous page, as the `Link` header gives it. Empty or longer than 255 characters is 400 `invalid-query` (field `after`).',
        schema: {type: 'string', minLength: 1, maxLength: 255},
      },
      IfMatch: {
        name: 'If-Match',
        in: 'header',
        required: false,
        description:
          'The lead version the user saw, as a decimal integer, optionally quoted like an ETag (`3` or `"3"`). Another current version is 409 `version-conflict`; anything else is 400 `invalid-header` (field `If-Match`).',
        schema: {type: 'string', pattern: '^("[1-9][0-9]{0,14}"|[1-9][0-9]{0,14})$'},
      },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'A key the client makes once per user intent (e.g. `crypto.randomUUID()` when the dialog opens) and sends again on every retry of that intent. Scoped to the signed-in user. 1 to 255 characters, else 400 `invalid-header` (field `Idempotency-Key`).',
        schema: {type: 'string', minLength: 1, maxLength: 255},
      },
      AcceptLanguage: {
        name: 'Accept-Language',
        in: 'header',
        required: false,
        description:
          "The language of the labels (`de`, `en`, `de-AT,de;q=0.9,en;q=0.5`); without it, the user's locale.",
        schema: {type: 'string'},
      },
    },
    responses: {
      BadRequest: {
        description:
          '400 `invalid-json`, `invalid-body`, `invalid-query` or `invalid-header`, with field errors.',
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      Unauthorized: {
        description: '401 `unauthorized`: no bearer token, or an unknown one.',
        headers: {'WWW-Authenticate': {description: '`Bearer`', schema: {type: 'string'}}},
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      Forbidden: {
        description:
          "403 `missing-privilege`: the user's role lacks the operation's `x-crmkit-privilege` (named in the member `privilege`); `outside-plugin-scope`: a plugin credential called outside its scopes, or an admin or session route (members `privilege`, `pluginId`); `csrf`: a cookie-signed-in call without `X-Crmkit-Csrf: 1` or from another origin.",
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      NotFound: {
        description: '404 `lead-not-found`, `plugin-not-found` or `not-found`.',
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      Conflict: {
        description:
          '409 `lead-not-qualified`, `version-conflict`, `plugin-version-exists`, `permissions-not-accepted` or `last-admin`.',
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      PayloadTooLarge: {
        description:
          '413 `payload-too-large`: the body is larger than the host reads (the reference host: 1 MiB); the host may close the connection.',
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      UnsupportedMediaType: {
        description: '415 `unsupported-media-type`: the body is not `application/json`.',
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      Unprocessable: {
        description:
          '422: a well-formed request the host refuses (`unknown-reject-code`, `inactive-reject-code`, `reason-required`, `reason-too-long`, `reassign-not-allowed-in-book-mode`, `idempotency-key-reused`, `invalid-reject-codes`, `invalid-ruleset`, `invalid-manifest`, `invalid-plugin-config`).',
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      ServerError: {
        description: '500 `assignment-failed` or `internal-error`; nothing was committed.',
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
      ServiceUnavailable: {
        description:
          "503 `store-unavailable`: the host's storage failed (a full disk, an I/O error, a damaged file, a database that cannot be reached); nothing was committed and the server goes on. Try again after `Retry-After` seconds.",
        headers: {
          'Retry-After': {
            description: 'Seconds to wait before trying again.',
            schema: {type: 'integer', minimum: 1},
          },
        },
        content: {'application/problem+json': {schema: {$ref: '#/components/schemas/Problem'}}},
      },
    },
    schemas: {
      ProblemCode: {
        description:
          'Every stable error code of the contract, with its HTTP status in `x-crmkit-status`.',
        type: 'string',
        enum: [
          'unauthorized',
          'missing-privilege',
          'csrf',
          'outside-plugin-scope',
          'not-found',
          'method-not-allowed',
          'unsupported-media-type',
          'payload-too-large',
          'invalid-json',
          'invalid-body',
          'invalid-query',
          'invalid-header',
          'lead-not-found',
          'plugin-not-found',
          'lead-not-qualified',
          'version-conflict',
          'unknown-reject-code',
          'inactive-reject-code',
          'reason-required',
          'reason-too-long',
          'reassign-not-allowed-in-book-mode',
          'idempotency-key-reused',
          'invalid-reject-codes',
          'invalid-ruleset',
          'invalid-manifest',
          'invalid-plugin-config',
          'invalid-plugin-package',
          'plugin-version-exists',
          'unknown-plugin-version',
          'permissions-not-accepted',
          'role-not-found',
          'user-not-found',
          'unknown-privilege',
          'unknown-role',
          'last-admin',
          'assignment-failed',
          'internal-error',
          'store-unavailable',
        ],
        'x-crmkit-status': {
          unauthorized: 401,
          'missing-privilege': 403,
          csrf: 403,
          'outside-plugin-scope': 403,
          'not-found': 404,
          'method-not-allowed': 405,
          'unsupported-media-type': 415,
          'payload-too-large': 413,
          'invalid-json': 400,
          'invalid-body': 400,
          'invalid-query': 400,
          'invalid-header': 400,
          'lead-not-found': 404,
          'plugin-not-found': 404,
          'lead-not-qualified': 409,
          'version-conflict': 409,
          'unknown-reject-code': 422,
          'inactive-reject-code': 422,
          'reason-required': 422,
          'reason-too-long': 422,
          'reassign-not-allowed-in-book-mode': 422,
          'idempotency-key-reused': 422,
          'invalid-reject-codes': 422,
          'invalid-ruleset': 422,
          'invalid-manifest': 422,
          'invalid-plugin-config': 422,
          'invalid-plugin-package': 422,
          'plugin-version-exists': 409,
          'unknown-plugin-version': 422,
          'permissions-not-accepted': 409,
          'role-not-found': 404,
          'user-not-found': 404,
          'unknown-privilege': 422,
          'unknown-role': 422,
          'last-admin': 409,
          'assignment-failed': 500,
          'internal-error': 500,
          'store-unavailable': 503,
        },
        'x-crmkit-title': {
          unauthorized: 'Sign-in required',
          'missing-privilege': 'Missing privilege',
          csrf: 'Cross-site request refused',
          'outside-plugin-scope': 'Outside the plugin scope',
          'not-found': 'Not found',
          'method-not-allowed': 'Method not allowed',
          'unsupported-media-type': 'Unsupported media type',
          'payload-too-large': 'Request body too large',
          'invalid-json': 'Body is not valid JSON',
          'invalid-body': 'Invalid request body',
          'invalid-query': 'Invalid query parameter',
          'invalid-header': 'Invalid request header',
          'lead-not-found': 'Lead not found',
          'plugin-not-found': 'Plugin not found',
          'lead-not-qualified': 'Lead is not qualified',
          'version-conflict': 'Lead was changed by someone else',
          'unknown-reject-code': 'Unknown reject code',
          'inactive-reject-code': 'Inactive reject code',
          'reason-required': 'Reject reason required',
          'reason-too-long': 'Reject reason too long',
          'reassign-not-allowed-in-book-mode': 'Reassign not allowed in Book mode',
          'idempotency-key-reused': 'Idempotency key reused',
          'invalid-reject-codes': 'Invalid reject codes',
          'invalid-ruleset': 'Invalid assignment ruleset',
          'invalid-manifest': 'Invalid plugin manifest',
          'invalid-plugin-config': 'Invalid plugin config',
          'invalid-plugin-package': 'Invalid plugin package',
          'plugin-version-exists': 'Plugin version exists',
          'unknown-plugin-version': 'Unknown plugin version',
          'permissions-not-accepted': 'Permissions not accepted',
          'role-not-found': 'Role not found',
          'user-not-found': 'User not found',
          'unknown-privilege': 'Unknown privilege',
          'unknown-role': 'Unknown role',
          'last-admin': 'Last administrator',
          'assignment-failed': 'Assignment failed',
          'internal-error': 'Internal error',
          'store-unavailable': 'Storage unavailable',
        },
      },
      FieldError: {
        description:
          "One problem with one field. `field`: a JSON pointer into the request body (`/rejectReason`, `''` for the body itself), or a query parameter or header name (`status`, `If-Match`).",
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: {
          field: {type: 'string'},
          code: {
            type: 'string',
            minLength: 1,
            description:
              "Stable kebab-case or keyword code of this field problem (schema keywords like `required`, `type`, `enum`; linter and manifest issue codes; or the Problem's own code).",
          },
          message: {
            type: 'string',
            minLength: 1,
            description: "What is wrong and how to fix it, in the caller's language.",
          },
          line: {
            type: 'integer',
            minimum: 1,
            description: '1-based line in the request body as sent, when known.',
          },
          column: {
            type: 'integer',
            minimum: 1,
            description: '1-based column in the request body as sent, when known.',
          },
        },
        additionalProperties: false,
      },
      Problem: {
        description: 'RFC 9457 problem details (`application/problem+json`).',
        type: 'object',
        required: ['type', 'status', 'title', 'detail', 'code'],
        properties: {
          type: {
            type: 'string',
            pattern: '^urn:crmkit:problem:[a-z0-9-]+$',
            description: '`urn:crmkit:problem:<code>`.',
          },
          status: {type: 'integer', minimum: 400, maximum: 599},
          title: {
            type: 'string',
            minLength: 1,
            description: "The code's fixed English summary (`x-crmkit-title` of ProblemCode).",
          },
          detail: {
            type: 'string',
            minLength: 1,
            description: "What happened in this case and what to do, in the caller's language.",
          },
          instance: {type: 'string'},
          code: {$ref: '#/components/schemas/ProblemCode'},
          errors: {type: 'array', items: {$ref: '#/components/schemas/FieldError'}},
          privilege: {
            $ref: '#/components/schemas/Privilege',
            description: 'With `missing-privilege`: the privilege the route needs.',
          },
          currentVersion: {
            type: 'integer',
            minimum: 1,
            description: "With `version-conflict`: the lead's current version.",
          },
          added: {
            type: 'array',
            items: {$ref: '#/components/schemas/Privilege'},
            description:
              'With `permissions-not-accepted`: the permissions the version adds to what the admin accepted.',
          },
          pluginId: {type: 'string', minLength: 1, description: 'The plugin the refusal is about.'},
        },
        additionalProperties: false,
      },
      Privilege: {
        type: 'string',
        enum: [
          'leads.read',
          'leads.reject',
          'leads.qualify',
          'leads.convert',
          'leads.archive',
          'assignment.manage',
          'plugins.manage',
        ],
      },
      CurrentUser: {
        type: 'object',
        required: ['id', 'name', 'locale', 'privileges'],
        properties: {
          id: {type: 'string', minLength: 1},
          name: {type: 'string', minLength: 1},
          locale: {type: 'string', minLength: 2, description: 'BCP 47, e.g. `de` or `en`.'},
          role: {type: 'string', description: "The role's display name, e.g. `Sales Rep`."},
          privileges: {
            type: 'array',
            uniqueItems: true,
            items: {$ref: '#/components/schemas/Privilege'},
          },
          roleId: {
            type: 'string',
            minLength: 1,
            description: "The id of the user's role (`GET /api/admin/roles`).",
          },
          plugin: {
            type: 'object',
            description:
              'With a plugin credential: the plugin and its scopes now (its declared permissions the user holds).',
            required: ['id', 'scopes'],
            properties: {
              id: {type: 'string', minLength: 1},
              scopes: {
                type: 'array',
                uniqueItems: true,
                items: {$ref: '#/components/schemas/Privilege'},
              },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      LeadStatus: {
        type: 'string',
        enum: ['Qualifying', 'Qualified', 'Converted', 'Rejected', 'Archived'],
      },
      OwnershipMode: {
        type: 'string',
        enum: ['user', 'mixed', 'book'],
        description:
          'User: owner required; Book: book required, no owner (never reassigned); Mixed: neither required.',
      },
      UserRef: {
        type: 'object',
        required: ['id', 'name'],
        properties: {id: {type: 'string', minLength: 1}, name: {type: 'string', minLength: 1}},
        additionalProperties: false,
      },
      Rejection: {
        type: 'object',
        required: ['code', 'rejectedBy', 'rejectedAt'],
        properties: {
          code: {type: 'string', minLength: 1, description: "The reject code's key."},
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
            description: 'Trimmed; absent when none was given.',
          },
          rejectedBy: {$ref: '#/components/schemas/UserRef'},
          rejectedAt: {type: 'string', format: 'date-time'},
          assignment: {
            $ref: '#/components/schemas/AssignmentOutcome',
            description: 'How the owner was reassigned by this rejection, when it was.',
          },
        },
        additionalProperties: false,
      },
      Lead: {
        type: 'object',
        required: [
          'id',
          'firstName',
          'lastName',
          'company',
          'status',
          'ownerId',
          'originalOwnerId',
          'ownerName',
          'originalOwnerName',
          'version',
        ],
        properties: {
          id: {type: 'string', minLength: 1},
          firstName: {type: 'string'},
          lastName: {type: 'string'},
          company: {type: 'string'},
          status: {$ref: '#/components/schemas/LeadStatus'},
          ownerId: {type: ['string', 'null']},
          originalOwnerId: {type: ['string', 'null']},
          ownerName: {
            type: ['string', 'null'],
            description: 'Display name of the owner; null when there is none.',
          },
          originalOwnerName: {type: ['string', 'null']},
          version: {
            type: 'integer',
            minimum: 1,
            description: 'Grows by exactly 1 with every change.',
          },
          email: {type: 'string'},
          phone: {type: 'string'},
          country: {type: 'string'},
          region: {type: 'string'},
          rating: {type: 'string'},
          source: {type: 'string'},
          rejection: {$ref: '#/components/schemas/Rejection'},
        },
        additionalProperties: false,
      },
      RejectRequest: {
        type: 'object',
        required: ['rejectCode', 'reassignOwner'],
        properties: {
          rejectCode: {
            type: 'string',
            minLength: 1,
            description: 'A reject code key from the picklist.',
          },
          rejectReason: {
            type: ['string', 'null'],
            pattern: '^[^\\u0000]*$',
            description:
              'Trimmed by the host; blank or null counts as none. At most 2000 characters after trimming (else 422 `reason-too-long`); required for the key `OTHER`. No NUL character (U+0000, which a database text cannot hold): else 400 `invalid-body`.',
          },
          reassignOwner: {type: 'boolean'},
        },
        additionalProperties: false,
      },
      AssignmentOutcome: {
        type: 'object',
        required: ['outcome', 'ownerId', 'rule'],
        properties: {
          outcome: {type: 'string', enum: ['assigned', 'unassigned-owner']},
          ownerId: {type: 'string', minLength: 1},
          rule: {
            type: ['string', 'null'],
            description:
              'The name of the rule that matched; null when the unassigned owner got the lead.',
          },
        },
        additionalProperties: false,
      },
      RejectResult: {
        description:
          'The answer to a reject: the updated lead and, only when `reassignOwner` was true, how it was reassigned. Maps one to one onto @crmkit/sdk `RejectLeadResult`.',
        type: 'object',
        required: ['lead'],
        properties: {
          lead: {$ref: '#/components/schemas/Lead'},
          assignment: {$ref: '#/components/schemas/AssignmentOutcome'},
        },
        additionalProperties: false,
      },
      RejectCodeKey: {
        type: 'string',
        pattern: '^[A-Z][A-Z0-9_]{0,63}$',
        description: 'Stable key, upper snake case, e.g. `OTHER`.',
      },
      RejectCode: {
        description: "A picklist entry labelled in the caller's language.",
        type: 'object',
        required: ['key', 'label', 'active'],
        properties: {
          key: {$ref: '#/components/schemas/RejectCodeKey'},
          label: {type: 'string', minLength: 1},
          active: {type: 'boolean'},
        },
        additionalProperties: false,
      },
      AdminRejectCode: {
        description: 'A reject code as the admin edits it: both labels.',
        type: 'object',
        required: ['key', 'labels', 'active'],
        properties: {
          key: {$ref: '#/components/schemas/RejectCodeKey'},
          labels: {
            type: 'object',
            required: ['en', 'de'],
            properties: {
              en: {type: 'string', minLength: 1, maxLength: 80, pattern: '\\S'},
              de: {type: 'string', minLength: 1, maxLength: 80, pattern: '\\S'},
            },
            propertyNames: {pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'},
            additionalProperties: {type: 'string', minLength: 1, maxLength: 80, pattern: '\\S'},
          },
          active: {type: 'boolean'},
        },
        additionalProperties: false,
      },
      AdminRejectCodeList: {
        type: 'array',
        minItems: 1,
        maxItems: 200,
        items: {$ref: '#/components/schemas/AdminRejectCode'},
      },
      LeadSettings: {
        type: 'object',
        required: ['ownershipMode'],
        properties: {ownershipMode: {$ref: '#/components/schemas/OwnershipMode'}},
        additionalProperties: false,
      },
      Ruleset: {
        'x-crmkit-source': '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json',
        'x-crmkit-request-check': {
          type: 'object',
          description:
            'In a request only this is checked before the linter: a ruleset that breaks the schema is 422 `invalid-ruleset` with every lint error (and its line and column), not 400 `invalid-body`.',
        },
        title: 'crmkit lead-assignment ruleset',
        description:
          'Ordered json-rules-engine rules for the Assignment Manager: the first matching rule whose target resolves to an active user wins; the unassigned owner receives every other lead.',
        type: 'object',
        required: ['recordType', 'unassignedOwner', 'rules'],
        additionalProperties: false,
        properties: {
          $schema: {type: 'string'},
          recordType: {const: 'lead', description: 'The record type these rules assign.'},
          description: {type: 'string'},
          unassignedOwner: {
            type: 'string',
            minLength: 1,
            description: 'Id of the user who receives a lead that no rule assigns.',
          },
          sharedConditions: {
            type: 'object',
            description: 'Named conditions; a rule refers to one with {"condition": "<name>"}.',
            propertyNames: {minLength: 1},
            additionalProperties: {$ref: '#/components/schemas/RulesetTopLevelCondition'},
          },
          rules: {
            type: 'array',
            description: 'Evaluated in array order; the first match wins.',
            items: {$ref: '#/components/schemas/RulesetRule'},
          },
        },
      },
      RulesetRule: {
        'x-crmkit-source':
          '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json#/$defs/rule',
        type: 'object',
        required: ['name', 'conditions', 'event'],
        additionalProperties: false,
        properties: {
          name: {type: 'string', minLength: 1, description: 'Unique name of the rule.'},
          description: {type: 'string'},
          conditions: {$ref: '#/components/schemas/RulesetTopLevelCondition'},
          event: {$ref: '#/components/schemas/RulesetEvent'},
        },
      },
      RulesetEvent: {
        'x-crmkit-source':
          '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json#/$defs/event',
        type: 'object',
        required: ['type', 'params'],
        additionalProperties: false,
        properties: {
          type: {const: 'assign'},
          params: {
            type: 'object',
            required: ['to'],
            additionalProperties: false,
            properties: {
              to: {
                enum: ['originalOwner', 'originalOwnerManager', 'ownerManager', 'user'],
                description:
                  "originalOwner, originalOwnerManager (the original owner's manager), ownerManager (the current owner's manager) or user (userId).",
              },
              userId: {type: 'string', minLength: 1, description: 'The user, when `to` is `user`.'},
            },
            if: {properties: {to: {const: 'user'}}, required: ['to']},
            then: {required: ['userId']},
          },
        },
      },
      RulesetTopLevelCondition: {
        'x-crmkit-source':
          '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json#/$defs/topLevelCondition',
        description: 'A rule’s root: all, any, not, or a reference to a shared condition.',
        allOf: [
          {$ref: '#/components/schemas/RulesetCondition'},
          {
            anyOf: [
              {required: ['all']},
              {required: ['any']},
              {required: ['not']},
              {required: ['condition']},
            ],
          },
        ],
      },
      RulesetCondition: {
        'x-crmkit-source':
          '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json#/$defs/condition',
        type: 'object',
        properties: {
          all: {type: 'array', items: {$ref: '#/components/schemas/RulesetCondition'}},
          any: {type: 'array', items: {$ref: '#/components/schemas/RulesetCondition'}},
          not: {$ref: '#/components/schemas/RulesetCondition'},
          condition: {type: 'string', minLength: 1, description: 'Name of a shared condition.'},
          fact: {
            enum: ['lead', 'owner', 'originalOwner', 'now'],
            description: 'lead, owner, originalOwner or now.',
          },
          operator: {
            type: 'string',
            anyOf: [
              {
                enum: [
                  'equal',
                  'notEqual',
                  'in',
                  'notIn',
                  'contains',
                  'doesNotContain',
                  'lessThan',
                  'lessThanInclusive',
                  'greaterThan',
                  'greaterThanInclusive',
                ],
              },
              {
                pattern:
                  '^(?:(?:someFact|someValue|everyFact|everyValue|swap|not):)+(?:equal|notEqual|in|notIn|contains|doesNotContain|lessThan|lessThanInclusive|greaterThan|greaterThanInclusive)$',
              },
            ],
            description: 'A json-rules-engine operator, optionally decorated (e.g. not:in).',
          },
          value: {description: 'The value to compare with, or a fact reference {"fact", "path"}.'},
          path: {
            type: 'string',
            pattern: '^\\$',
            description: 'JSONPath into the fact, e.g. $.region.',
          },
          params: {type: 'object'},
          priority: {
            type: 'integer',
            minimum: 1,
            description:
              'Evaluation priority among sibling conditions (higher first); it changes the order, never the result.',
          },
          name: {type: 'string', description: 'A label for this condition, shown in traces.'},
        },
        allOf: [
          {if: {required: ['all']}, then: {propertyNames: {enum: ['all', 'priority', 'name']}}},
          {if: {required: ['any']}, then: {propertyNames: {enum: ['any', 'priority', 'name']}}},
          {if: {required: ['not']}, then: {propertyNames: {enum: ['not', 'priority', 'name']}}},
          {
            if: {required: ['condition']},
            then: {propertyNames: {enum: ['condition', 'priority', 'name']}},
          },
          {
            if: {
              not: {
                anyOf: [
                  {required: ['all']},
                  {required: ['any']},
                  {required: ['not']},
                  {required: ['condition']},
                ],
              },
            },
            then: {
              required: ['fact', 'operator', 'value'],
              propertyNames: {
                enum: ['fact', 'operator', 'value', 'path', 'params', 'priority', 'name'],
              },
            },
          },
        ],
      },
      RulesetActivated: {
        type: 'object',
        required: ['ruleset', 'warnings'],
        properties: {
          ruleset: {$ref: '#/components/schemas/Ruleset'},
          warnings: {
            type: 'array',
            items: {$ref: '#/components/schemas/FieldError'},
            description: "The linter's warnings (not blocking).",
          },
        },
        additionalProperties: false,
      },
      AssignmentStats: {
        type: 'object',
        required: ['rules', 'unassignedOwner', 'total'],
        properties: {
          rules: {
            type: 'array',
            description:
              'Every rule of the active ruleset in order, with how many current leads it would take (first match wins).',
            items: {
              type: 'object',
              required: ['name', 'matched'],
              properties: {name: {type: 'string'}, matched: {type: 'integer', minimum: 0}},
              additionalProperties: false,
            },
          },
          unassignedOwner: {
            type: 'integer',
            minimum: 0,
            description: 'Leads no rule matches (they would go to the unassigned owner).',
          },
          total: {
            type: 'integer',
            minimum: 0,
            description: 'All current leads: the sum of the matched counts and unassignedOwner.',
          },
        },
        additionalProperties: false,
      },
      PluginManifest: {
        'x-crmkit-source': '@crmkit/sdk/schema/plugin-manifest.schema.json',
        'x-crmkit-request-check': {
          type: 'object',
          description:
            'In a request only this is checked before `validateManifest`: a manifest that breaks the schema is 422 `invalid-manifest` with every issue, not 400 `invalid-body`.',
        },
        title: 'crmkit plugin manifest',
        description:
          'plugin.json: what a crmkit plugin is, which SDK it needs, the custom elements it defines, where they plug into the host, and the privileges it may use.',
        type: 'object',
        required: [
          'id',
          'name',
          'version',
          'sdk',
          'displayName',
          'entry',
          'elements',
          'actions',
          'permissions',
        ],
        additionalProperties: false,
        properties: {
          $schema: {
            title: 'Schema',
            description:
              'Path or URL of this schema, so that editors complete and check the file, e.g. "../../packages/sdk/schema/plugin-manifest.schema.json".',
            type: 'string',
          },
          id: {
            title: 'Plugin id',
            description:
              'Globally unique reverse-DNS id: at least three dot-separated lowercase segments, e.g. "com.example.reject-lead".',
            type: 'string',
            maxLength: 214,
            pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*){2,}$',
            examples: ['dev.crmkit.reject-lead'],
          },
          name: {
            title: 'Name',
            description: 'Short kebab-case name of the plugin, e.g. "reject-lead".',
            type: 'string',
            maxLength: 64,
            pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
          },
          version: {
            title: 'Version',
            description: 'Version of the plugin, a semantic version such as "1.2.0".',
            type: 'string',
            pattern:
              '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$',
          },
          sdk: {
            title: 'SDK range',
            description:
              'Semver range of @crmkit/sdk versions the plugin works with, e.g. "^0.1.0". The loader refuses the plugin when the host SDK does not satisfy it.',
            type: 'string',
            minLength: 1,
            maxLength: 256,
            examples: ['^0.1.0'],
          },
          displayName: {
            $ref: '#/components/schemas/PluginManifestLocalizedText',
            title: 'Display name',
            description: 'The name admins and users see, in English and further languages.',
          },
          description: {
            $ref: '#/components/schemas/PluginManifestLocalizedText',
            title: 'Description',
            description:
              'One or two sentences on what the plugin does, in English and further languages.',
          },
          entry: {
            title: 'Entry module',
            description:
              'The plugin\'s single-file ES module, relative to the folder of plugin.json (e.g. "dist/index.js"): no "..", not absolute, not a URL, no percent-escapes; it defines the custom elements when imported.',
            type: 'string',
            minLength: 1,
            pattern:
              '^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\\\])(?!(?:.*[/\\\\])?\\.\\.(?:[/\\\\]|$))[^\\\\%?#]*\\.m?js$',
          },
          integrity: {
            title: 'Entry integrity',
            description:
              'Subresource Integrity of the entry module: "sha384-" and the base64 SHA-384 of its bytes. The loader refuses an entry whose bytes do not match.',
            type: 'string',
            pattern: '^sha384-[A-Za-z0-9+/]{64}$',
          },
          elements: {
            title: 'Elements',
            description:
              'The custom elements the entry defines, and the extension point each belongs to.',
            type: 'array',
            items: {
              title: 'Element',
              description: 'A custom element the entry module defines.',
              type: 'object',
              required: ['tag', 'extensionPoint'],
              additionalProperties: false,
              properties: {
                tag: {
                  title: 'Tag',
                  description:
                    'The custom element name: "crm-" and lowercase kebab-case words, e.g. "crm-reject-lead". Unique within the plugin.',
                  type: 'string',
                  pattern: '^crm-[a-z0-9]+(?:-[a-z0-9]+)*$',
                },
                extensionPoint: {
                  $ref: '#/components/schemas/PluginManifestExtensionPoint',
                  title: 'Extension point',
                  description: 'Where the host shows the element.',
                },
              },
            },
          },
          actions: {
            title: 'Actions',
            description:
              'Buttons the host shows at an extension point; choosing one mounts the element it opens.',
            type: 'array',
            items: {
              title: 'Action',
              description: "A button that opens one of the plugin's elements.",
              type: 'object',
              required: ['id', 'extensionPoint', 'label', 'opens', 'requires'],
              additionalProperties: false,
              properties: {
                id: {
                  title: 'Action id',
                  description: 'Unique within the plugin, lowercase kebab-case, e.g. "reject".',
                  type: 'string',
                  pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$',
                },
                extensionPoint: {
                  $ref: '#/components/schemas/PluginManifestExtensionPoint',
                  title: 'Extension point',
                  description: 'Where the host shows the button.',
                },
                label: {
                  $ref: '#/components/schemas/PluginManifestLocalizedText',
                  title: 'Label',
                  description: 'The button text, in English and further languages.',
                },
                opens: {
                  title: 'Opens',
                  description:
                    "The tag of one of this plugin's elements, mounted when the action is chosen.",
                  type: 'string',
                  pattern: '^crm-[a-z0-9]+(?:-[a-z0-9]+)*$',
                },
                requires: {
                  title: 'Required privileges',
                  description:
                    'The host hides the action unless the user holds every one of these; each must also be in "permissions".',
                  type: 'array',
                  uniqueItems: true,
                  items: {
                    title: 'Privilege',
                    description: 'A crmkit privilege key.',
                    type: 'string',
                    enum: [
                      'leads.read',
                      'leads.reject',
                      'leads.qualify',
                      'leads.convert',
                      'leads.archive',
                      'assignment.manage',
                      'plugins.manage',
                    ],
                  },
                },
                when: {
                  title: 'Condition',
                  description:
                    'When the host offers the action; without "when", on every record. E.g. {"status": ["Qualified"]}: only on a qualified lead, as Reject needs.',
                  type: 'object',
                  required: ['status'],
                  additionalProperties: false,
                  properties: {
                    status: {
                      title: 'Lead statuses',
                      description:
                        "The host offers the action only while the lead's Lead Status is one of these (at least one, each once).",
                      type: 'array',
                      minItems: 1,
                      uniqueItems: true,
                      items: {
                        title: 'Lead status',
                        description:
                          'A Lead Status: Qualifying, Qualified, Converted, Rejected, Archived.',
                        type: 'string',
                        enum: ['Qualifying', 'Qualified', 'Converted', 'Rejected', 'Archived'],
                      },
                    },
                  },
                },
              },
            },
          },
          permissions: {
            title: 'Permissions',
            description:
              'The privileges the plugin may use through its context. A call also needs the signed-in user to hold the privilege.',
            type: 'array',
            uniqueItems: true,
            items: {
              title: 'Privilege',
              description: 'A crmkit privilege key.',
              type: 'string',
              enum: [
                'leads.read',
                'leads.reject',
                'leads.qualify',
                'leads.convert',
                'leads.archive',
                'assignment.manage',
                'plugins.manage',
              ],
            },
          },
          config: {
            title: 'Config schema',
            description:
              'The plugin\'s admin settings as a JSON Schema of type "object": one flat property per setting (boolean, string, number or integer), each with a "default". The plugin reads the values as context.config.',
            type: 'object',
            required: ['type', 'properties'],
            additionalProperties: false,
            properties: {
              type: {title: 'Type', description: 'Always "object".', const: 'object'},
              properties: {
                title: 'Settings',
                description: "One schema per setting, keyed by the setting's camelCase name.",
                type: 'object',
                propertyNames: {pattern: '^[a-z][A-Za-z0-9]*$'},
                additionalProperties: {$ref: '#/components/schemas/PluginManifestSetting'},
              },
              additionalProperties: {
                title: 'Additional properties',
                description: 'Always false: settings the schema does not name are refused.',
                const: false,
              },
            },
          },
        },
      },
      PluginManifestLocalizedText: {
        'x-crmkit-source': '@crmkit/sdk/schema/plugin-manifest.schema.json#/$defs/localizedText',
        title: 'Localized text',
        description:
          'A text per BCP 47 language tag; "en" is required and the fallback, e.g. {"en": "Reject", "de": "Zurückweisen"}.',
        type: 'object',
        required: ['en'],
        propertyNames: {pattern: '^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$'},
        additionalProperties: {type: 'string', minLength: 1},
        properties: {
          en: {
            title: 'English',
            description: 'The English text (required).',
            type: 'string',
            minLength: 1,
          },
          de: {title: 'German', description: 'The German text.', type: 'string', minLength: 1},
        },
      },
      PluginManifestExtensionPoint: {
        'x-crmkit-source': '@crmkit/sdk/schema/plugin-manifest.schema.json#/$defs/extensionPoint',
        title: 'Extension point',
        description: 'A place of the host page where plugins plug in.',
        enum: ['lead.detail.actions', 'lead.detail.panel'],
      },
      PluginManifestSetting: {
        'x-crmkit-source': '@crmkit/sdk/schema/plugin-manifest.schema.json#/$defs/setting',
        title: 'Setting',
        description:
          'One admin setting: its type, its default, and its label for the admin page in English and German.',
        type: 'object',
        required: ['type', 'default'],
        additionalProperties: false,
        properties: {
          type: {
            title: 'Type',
            description: 'The type of the value.',
            enum: ['boolean', 'string', 'number', 'integer'],
          },
          default: {
            title: 'Default',
            description:
              "The value before an admin sets one; must fit the setting's own constraints.",
          },
          title: {
            title: 'Title',
            description: 'A short English name of the setting.',
            type: 'string',
          },
          description: {
            title: 'Description',
            description: 'What the setting does, in English.',
            type: 'string',
          },
          'x-label': {
            $ref: '#/components/schemas/PluginManifestLocalizedText',
            title: 'Label',
            description: 'The label the admin page shows, in English and German.',
          },
          enum: {
            title: 'Allowed values',
            description: 'The only values the setting may take.',
            type: 'array',
            items: {
              title: 'Allowed value',
              description: "A string, number or boolean, of the setting's type.",
              anyOf: [{type: 'string'}, {type: 'number'}, {type: 'boolean'}],
            },
            minItems: 1,
          },
          minimum: {title: 'Minimum', description: 'Smallest allowed number.', type: 'number'},
          maximum: {title: 'Maximum', description: 'Largest allowed number.', type: 'number'},
          minLength: {
            title: 'Minimum length',
            description: 'Fewest characters of a string value.',
            type: 'integer',
            minimum: 0,
          },
          maxLength: {
            title: 'Maximum length',
            description: 'Most characters of a string value.',
            type: 'integer',
            minimum: 0,
          },
        },
      },
      PluginConfig: {
        type: 'object',
        description:
          "A plugin's config: one value per setting of its manifest's `config` schema (boolean, string, number or integer), keyed by the setting's name. The settings are the plugin's own, so this schema does not name them; the host checks the values against the manifest's config schema (422 `invalid-plugin-config`).",
        additionalProperties: true,
      },
      PluginInstallation: {
        type: 'object',
        description: 'An enabled plugin as pages load it: only what the host stored.',
        required: [
          'id',
          'version',
          'manifest',
          'baseUrl',
          'entryUrl',
          'integrity',
          'config',
          'isolation',
        ],
        properties: {
          id: {type: 'string', minLength: 1},
          version: {type: 'string', minLength: 1, description: 'The stored version that runs.'},
          manifest: {$ref: '#/components/schemas/PluginManifest'},
          baseUrl: {
            type: 'string',
            minLength: 1,
            description:
              "Where the version's stored files are served: `/plugins/{id}/{version}/`; the entry resolves against it.",
          },
          entryUrl: {type: 'string', minLength: 1, description: "The entry's URL under `baseUrl`."},
          integrity: {
            type: 'string',
            pattern: '^sha384-',
            description: "The entry's SRI hash, checked when the package was stored.",
          },
          config: {
            $ref: '#/components/schemas/PluginConfig',
            description:
              "The effective config: manifest defaults overlaid with the admin's values.",
          },
          isolation: {
            type: 'string',
            enum: ['frame', 'page'],
            description:
              '`page` when the admin marked the plugin trusted, else `frame` (sandboxed).',
          },
        },
        additionalProperties: false,
      },
      InstalledPlugin: {
        type: 'object',
        description: 'An installed plugin as the admin manages it.',
        required: [
          'id',
          'version',
          'enabled',
          'trusted',
          'config',
          'manifest',
          'permissions',
          'acceptedPermissions',
          'integrity',
          'size',
          'installedAt',
          'previousVersion',
          'versions',
          'upgrade',
        ],
        properties: {
          id: {type: 'string', minLength: 1},
          version: {
            type: 'string',
            minLength: 1,
            description: 'The stored version that runs when enabled.',
          },
          enabled: {type: 'boolean'},
          trusted: {
            type: 'boolean',
            description: 'Runs in the page (`isolation: page`) instead of a sandboxed frame.',
          },
          config: {
            $ref: '#/components/schemas/PluginConfig',
            description:
              "The stored config: the manifest's defaults overlaid with the admin's values.",
          },
          manifest: {
            $ref: '#/components/schemas/PluginManifest',
            description: 'The stored manifest of `version`.',
          },
          permissions: {
            type: 'array',
            uniqueItems: true,
            items: {$ref: '#/components/schemas/Privilege'},
            description: 'What `version` declares.',
          },
          acceptedPermissions: {
            type: 'array',
            uniqueItems: true,
            items: {$ref: '#/components/schemas/Privilege'},
            description:
              'What the admin consented to (by enabling, or accepting an upgrade); empty before the first enable.',
          },
          integrity: {type: 'string'},
          size: {
            type: 'integer',
            minimum: 0,
            description: 'Size of the uploaded package in bytes.',
          },
          installedAt: {type: 'string', format: 'date-time'},
          previousVersion: {
            type: ['string', 'null'],
            description: 'The version that ran before the last change (roll back to it).',
          },
          versions: {
            type: 'array',
            items: {$ref: '#/components/schemas/PluginVersion'},
            description: 'Every stored version, newest first.',
          },
          upgrade: {
            oneOf: [
              {type: 'null'},
              {
                type: 'object',
                required: ['version', 'permissions', 'addedPermissions'],
                properties: {
                  version: {type: 'string'},
                  permissions: {
                    type: 'array',
                    uniqueItems: true,
                    items: {$ref: '#/components/schemas/Privilege'},
                  },
                  addedPermissions: {
                    type: 'array',
                    uniqueItems: true,
                    items: {$ref: '#/components/schemas/Privilege'},
                    description: 'What it asks for beyond what runs and was accepted.',
                  },
                },
                additionalProperties: false,
              },
            ],
            description:
              'The newest stored version above `version`, if any: what an upgrade would ask for.',
          },
        },
        additionalProperties: false,
      },
      AuditEntry: {
        type: 'object',
        required: ['id', 'at', 'actor', 'action', 'leadId', 'data', 'pluginId'],
        properties: {
          id: {type: 'integer', minimum: 1},
          at: {type: 'string', format: 'date-time'},
          actor: {$ref: '#/components/schemas/UserRef'},
          action: {
            type: 'string',
            description:
              'What happened, e.g. `lead.rejected`, `reject-codes.updated`, `assignment-rules.activated`, `plugin.installed`.',
          },
          leadId: {type: ['string', 'null']},
          data: {
            type: 'object',
            description:
              "The change's details, e.g. for `lead.rejected`: `{code, reason?, fromVersion, toVersion, previousOwnerId, ownerId, assignment?}`.",
            additionalProperties: true,
          },
          pluginId: {
            type: ['string', 'null'],
            description: 'The plugin the change was about or made through.',
          },
        },
        additionalProperties: false,
      },
      PluginVersion: {
        type: 'object',
        required: ['version', 'permissions', 'integrity', 'size', 'uploadedAt'],
        properties: {
          version: {type: 'string', minLength: 1},
          permissions: {
            type: 'array',
            uniqueItems: true,
            items: {$ref: '#/components/schemas/Privilege'},
          },
          integrity: {type: 'string'},
          size: {type: 'integer', minimum: 0},
          uploadedAt: {type: 'string', format: 'date-time'},
        },
        additionalProperties: false,
      },
      PluginUpload: {
        type: 'object',
        description: 'The stored package.',
        required: [
          'id',
          'version',
          'enabled',
          'permissions',
          'integrity',
          'size',
          'files',
          'plugin',
        ],
        properties: {
          id: {type: 'string'},
          version: {type: 'string'},
          enabled: {
            type: 'boolean',
            description:
              'Whether this version is the one running (a new plugin is installed disabled).',
          },
          permissions: {
            type: 'array',
            uniqueItems: true,
            items: {$ref: '#/components/schemas/Privilege'},
          },
          integrity: {type: 'string'},
          size: {type: 'integer', minimum: 0},
          files: {
            type: 'array',
            items: {
              type: 'object',
              required: ['path', 'size'],
              properties: {path: {type: 'string'}, size: {type: 'integer', minimum: 0}},
              additionalProperties: false,
            },
          },
          plugin: {$ref: '#/components/schemas/InstalledPlugin'},
        },
        additionalProperties: false,
      },
      PluginChanges: {
        type: 'object',
        description: 'What to change of an installed plugin; every member optional.',
        minProperties: 1,
        properties: {
          enabled: {
            type: 'boolean',
            description:
              "Enabling is the admin's consent to the version's permissions (audit `plugin.enabled`).",
          },
          version: {
            type: 'string',
            minLength: 1,
            description: 'A stored version to run: an upgrade or a roll back.',
          },
          config: {$ref: '#/components/schemas/PluginConfig'},
          trusted: {type: 'boolean'},
          acceptPermissions: {
            type: 'array',
            items: {$ref: '#/components/schemas/Privilege'},
            description:
              "The version's whole permission list: the consent an enabled plugin's upgrade needs when it declares more. (Duplicates are ignored; uniqueItems is left out so the browser's precompiled validators need no runtime.)",
          },
        },
        additionalProperties: false,
      },
      Role: {
        type: 'object',
        required: ['id', 'name', 'privileges'],
        properties: {
          id: {type: 'string', minLength: 1},
          name: {
            type: 'object',
            required: ['en', 'de'],
            properties: {en: {type: 'string'}, de: {type: 'string'}},
            additionalProperties: false,
          },
          privileges: {
            type: 'array',
            uniqueItems: true,
            items: {$ref: '#/components/schemas/Privilege'},
          },
        },
        additionalProperties: false,
      },
      RoleChanges: {
        type: 'object',
        required: ['privileges'],
        properties: {
          privileges: {
            type: 'array',
            items: {type: 'string', minLength: 1},
            description:
              "The role's whole new privilege list; an unknown one is 422 `unknown-privilege`.",
          },
        },
        additionalProperties: false,
      },
      AdminUser: {
        type: 'object',
        required: ['id', 'name', 'roleId', 'active', 'locale'],
        properties: {
          id: {type: 'string'},
          name: {type: 'string'},
          roleId: {type: 'string'},
          active: {type: 'boolean'},
          locale: {type: 'string'},
        },
        additionalProperties: false,
      },
      UserChanges: {
        type: 'object',
        required: ['roleId'],
        properties: {roleId: {type: 'string', minLength: 1}},
        additionalProperties: false,
      },
      PageSession: {
        type: 'object',
        required: ['userId', 'expiresAt'],
        properties: {
          userId: {type: 'string', minLength: 1},
          expiresAt: {type: 'string', format: 'date-time'},
        },
        additionalProperties: false,
      },
      PluginSessionRequest: {
        type: 'object',
        required: ['pluginId'],
        properties: {pluginId: {type: 'string', minLength: 1}},
        additionalProperties: false,
      },
      PluginSession: {
        type: 'object',
        required: ['token', 'pluginId', 'scopes', 'expiresAt'],
        properties: {
          token: {
            type: 'string',
            pattern: '^cps_',
            description:
              'Send as `Authorization: Bearer <token>`; valid until `expiresAt` (15 minutes).',
          },
          pluginId: {type: 'string', minLength: 1},
          scopes: {
            type: 'array',
            uniqueItems: true,
            items: {$ref: '#/components/schemas/Privilege'},
            description:
              "The plugin's declared permissions ∩ the user's privileges, narrowed again on every request.",
          },
          expiresAt: {type: 'string', format: 'date-time'},
        },
        additionalProperties: false,
      },
      RulesetVersion: {
        type: 'object',
        required: ['version', 'activatedAt', 'activatedBy', 'active'],
        properties: {
          version: {type: 'integer', minimum: 1},
          activatedAt: {type: 'string', format: 'date-time'},
          activatedBy: {
            oneOf: [{type: 'null'}, {$ref: '#/components/schemas/UserRef'}],
            description: 'Null for the seeded ruleset.',
          },
          active: {type: 'boolean'},
        },
        additionalProperties: false,
      },
      RulesetVersionDetail: {
        type: 'object',
        required: ['version', 'activatedAt', 'activatedBy', 'active', 'ruleset'],
        properties: {
          version: {type: 'integer', minimum: 1},
          activatedAt: {type: 'string', format: 'date-time'},
          activatedBy: {
            oneOf: [{type: 'null'}, {$ref: '#/components/schemas/UserRef'}],
            description: 'Null for the seeded ruleset.',
          },
          active: {type: 'boolean'},
          ruleset: {$ref: '#/components/schemas/Ruleset'},
          restoredFrom: {
            type: 'integer',
            minimum: 1,
            description: 'After a roll back: the version whose ruleset this activation restored.',
          },
        },
        additionalProperties: false,
      },
      PreviewChange: {
        type: 'object',
        required: ['leadId', 'company', 'name', 'from', 'to'],
        properties: {
          leadId: {type: 'string'},
          company: {type: 'string'},
          name: {type: 'string'},
          from: {
            type: 'object',
            required: ['ownerId', 'ownerName', 'rule'],
            properties: {
              ownerId: {type: 'string'},
              ownerName: {type: ['string', 'null']},
              rule: {
                type: ['string', 'null'],
                description: 'The rule that decided; null: the unassigned owner.',
              },
            },
            additionalProperties: false,
          },
          to: {
            type: 'object',
            required: ['ownerId', 'ownerName', 'rule'],
            properties: {
              ownerId: {type: 'string'},
              ownerName: {type: ['string', 'null']},
              rule: {
                type: ['string', 'null'],
                description: 'The rule that decided; null: the unassigned owner.',
              },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      RulesetPreview: {
        type: 'object',
        required: ['rejectCode', 'active', 'candidate', 'leads', 'replayed'],
        properties: {
          rejectCode: {type: 'string'},
          active: {
            type: 'object',
            required: ['version', 'rules', 'unassignedOwner'],
            properties: {
              version: {type: ['integer', 'null']},
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'matched'],
                  properties: {name: {type: 'string'}, matched: {type: 'integer', minimum: 0}},
                  additionalProperties: false,
                },
              },
              unassignedOwner: {type: 'integer', minimum: 0},
            },
            additionalProperties: false,
          },
          candidate: {
            type: 'object',
            required: ['rules', 'unassignedOwner'],
            properties: {
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'matched'],
                  properties: {name: {type: 'string'}, matched: {type: 'integer', minimum: 0}},
                  additionalProperties: false,
                },
              },
              unassignedOwner: {type: 'integer', minimum: 0},
            },
            additionalProperties: false,
          },
          leads: {
            type: 'object',
            required: ['evaluated', 'changed'],
            properties: {
              evaluated: {type: 'integer', minimum: 0},
              changed: {type: 'array', items: {$ref: '#/components/schemas/PreviewChange'}},
            },
            additionalProperties: false,
            description: 'Every lead not rejected yet, as if rejected now with rejectCode.',
          },
          replayed: {
            type: 'object',
            required: ['evaluated', 'changed'],
            properties: {
              evaluated: {type: 'integer', minimum: 0},
              changed: {type: 'array', items: {$ref: '#/components/schemas/PreviewChange'}},
            },
            additionalProperties: false,
            description:
              'The last `replay` recorded rejections again, each with its own code, reason and previous owner.',
          },
        },
        additionalProperties: false,
      },
    },
  },
};
