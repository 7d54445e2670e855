/**
 * Whether we run in CI, read the way common CI detection (ci-info, std-env) reads `CI`: any value
 * but empty, `false` or `0`. Only the exact `true` used to count, so `CI=1` (GitLab runners set
 * `CI=true`, but many scripts export `CI=1`) silently turned the CI safeguards off.
 */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
