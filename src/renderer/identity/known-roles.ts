// The sign-off roles people can hold, gathered from the built-in templates (each template names
// the roles that sign it), in a stable order with the label the first template gives.
import { builtInTemplates } from '../../core/templates/registry'

export interface KnownRole {
  role: string
  label: string
}

export const KNOWN_ROLES: readonly KnownRole[] = (() => {
  const seen = new Map<string, string>()
  for (const t of builtInTemplates) {
    for (const r of t.signoffRoles) if (!seen.has(r.role)) seen.set(r.role, r.label)
  }
  return [...seen].map(([role, label]) => ({ role, label }))
})()

/** A role's label where a template names it, otherwise the role id itself. */
export const roleLabel = (role: string): string =>
  KNOWN_ROLES.find((r) => r.role === role)?.label ?? role
