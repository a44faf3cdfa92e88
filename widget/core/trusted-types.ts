/**
 * The widget's Trusted Types policy, for pages that require them. It only passes through markup
 * the site itself wrote into its blocked tags (script URLs and inline code it chose to gate); the
 * widget never builds HTML from page or server text. Sites list the policy name "consentry" in
 * their `trusted-types` directive.
 */
interface Policy {
  createScriptURL(url: string): unknown;
  createScript(code: string): unknown;
}

let policy: Policy | null | undefined;

/** The policy, created once; null where Trusted Types do not exist. */
export function trustedPolicy(): Policy | null {
  if (policy !== undefined) return policy;
  const tt = (
    globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): Policy } }
  ).trustedTypes;
  try {
    policy = tt
      ? tt.createPolicy('consentry', {
          createScriptURL: (u: string) => u,
          createScript: (s: string) => s,
        })
      : null;
  } catch {
    // The page does not allow our policy name: gated scripts then stay gated rather than break the page.
    policy = null;
  }
  return policy;
}
