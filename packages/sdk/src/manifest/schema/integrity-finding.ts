import type {ManifestDraft} from '../manifest-issue.js';

const integrityHint =
  'write "sha384-" and the base64 SHA-384 of the entry (openssl dgst -sha384 -binary dist/index.js | openssl base64 -A), or leave integrity out';

/** Why `integrity` breaks its pattern: another algorithm than sha384, or a malformed value. */
export function integrityFinding(value: string, pointer: string): ManifestDraft {
  const algorithm = /^(sha\d+)-/.exec(value)?.[1];
  if (algorithm && algorithm !== 'sha384') {
    return {
      code: 'unsupported-integrity-algorithm',
      pointer,
      hint: integrityHint,
      message: `integrity uses ${algorithm}; crmkit checks sha384 only`,
    };
  }
  return {
    code: 'invalid-integrity',
    pointer,
    hint: integrityHint,
    message: `integrity ${JSON.stringify(value)} is not "sha384-" followed by 64 base64 characters`,
  };
}
