/**
 * Scopes of embed tokens and API keys: `resource:access`, e.g. `customers:read`,
 * `opportunities:write`, `*:read`. Write includes read.
 */
export type Scope = `${string}:${'read' | 'write'}`;

export const SCOPE_PATTERN = /^([a-z_]+|\*):(read|write)$/;

/** Whether the scopes allow `access` to `resource`. */
export function allows(scopes: readonly string[], resource: string, access: 'read' | 'write'): boolean {
  return scopes.some((scope) => {
    const [r, a] = scope.split(':');
    return (r === '*' || r === resource) && (a === 'write' || a === access);
  });
}

/**
 * The resource and access a request needs, from its path below the kit and its method:
 * `/opportunities/1/move` is a write to opportunities; `/reports/funnel` a read of reports.
 */
export function requiredScope(path: string, method: string): { resource: string; access: 'read' | 'write' } {
  const resource = path.split('/').find(Boolean) ?? '';
  const access = ['GET', 'HEAD', 'OPTIONS'].includes(method) ? 'read' : 'write';
  return { resource: resource === 'api-keys' ? 'api_keys' : resource, access };
}
