// Choosing sign-off roles: a checkbox for each role the templates know, and a text field for
// other role ids (lowercase words such as "procurement"). Roles are a keyring property: whoever
// adds a key to a keyring decides which roles it may sign for.
import { useId } from 'react'
import { KNOWN_ROLES } from './known-roles'

const ROLE = /^[a-z][a-z0-9-]{0,63}$/

/** Splits "a, b c" into role ids; returns the words that are not role ids as `bad`. */
export function parseOtherRoles(text: string): { roles: string[]; bad: string[] } {
  const words = text
    .split(/[\s,;]+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean)
  return { roles: words.filter((w) => ROLE.test(w)), bad: words.filter((w) => !ROLE.test(w)) }
}

export interface RoleChoice {
  known: string[]
  other: string
}

export const emptyRoleChoice = (): RoleChoice => ({ known: [], other: '' })

/** A RoleChoice for `roles`: known ones ticked, the rest written in the text field. */
export const roleChoiceOf = (roles: readonly string[]): RoleChoice => ({
  known: roles.filter((r) => KNOWN_ROLES.some((k) => k.role === r)),
  other: roles.filter((r) => !KNOWN_ROLES.some((k) => k.role === r)).join(', '),
})

/** The chosen roles, or a message when the text field has words that are not role ids. */
export function chosenRoles(choice: RoleChoice): { roles: string[] } | { problem: string } {
  const { roles, bad } = parseOtherRoles(choice.other)
  if (bad.length > 0) {
    return {
      problem: `“${bad.join('”, “')}” ${bad.length === 1 ? 'is not a role id' : 'are not role ids'}: use lowercase letters, digits and hyphens, starting with a letter (for example “procurement”).`,
    }
  }
  return { roles: [...new Set([...choice.known, ...roles])] }
}

export function RolePicker({
  legend,
  hint,
  value,
  onChange,
  error,
  idPrefix,
}: {
  legend: string
  hint?: string
  value: RoleChoice
  onChange: (value: RoleChoice) => void
  error?: string | undefined
  idPrefix: string
}) {
  const hintId = useId()
  const otherId = `${idPrefix}-other`
  const toggle = (role: string, on: boolean) =>
    onChange({
      ...value,
      known: on ? [...value.known, role] : value.known.filter((r) => r !== role),
    })
  return (
    <fieldset className="role-picker" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="ws-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <ul className="role-options">
        {KNOWN_ROLES.map((r) => {
          const id = `${idPrefix}-${r.role}`
          return (
            <li key={r.role}>
              <input
                type="checkbox"
                id={id}
                checked={value.known.includes(r.role)}
                onChange={(e) => toggle(r.role, e.target.checked)}
              />
              <label htmlFor={id}>
                {r.label} <span className="mono role-id">({r.role})</span>
              </label>
            </li>
          )
        })}
      </ul>
      <div className="ws-field">
        <label htmlFor={otherId}>Other roles (optional)</label>
        <p className="ws-hint" id={`${otherId}-hint`}>
          Role ids separated by commas, for example “procurement, finance”.
        </p>
        {error ? (
          <p className="field-error" id={`${otherId}-error`}>
            {error}
          </p>
        ) : null}
        <input
          id={otherId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${otherId}-hint`, error ? `${otherId}-error` : '']
            .filter(Boolean)
            .join(' ')}
          value={value.other}
          onChange={(e) => onChange({ ...value, other: e.target.value })}
        />
      </div>
    </fieldset>
  )
}
