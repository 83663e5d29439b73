// Turns mapped CSV records into review items (one per user × application × entitlement), reads
// the HR roster, and derives the risk flags a reviewer sees first.
import { readCsvRecords } from './csv-records'
import {
  AWS_CREDENTIAL_REPORT_COLUMNS,
  checkMapping,
  type ColumnMapping,
  type MappingProblem,
} from './source-formats'

export type IdentityType = 'human' | 'service'
export type RiskFlag = 'privileged' | 'stale' | 'orphaned' | 'service-without-owner'
export const RISK_FLAGS: readonly RiskFlag[] = [
  'privileged',
  'stale',
  'orphaned',
  'service-without-owner',
]
export const STALE_AFTER_DAYS = 90

export interface Grant {
  /** Stable within a campaign: application, login and entitlement. */
  key: string
  login: string
  identityType: IdentityType
  application: string
  entitlement: string
  description: string
  manager: string
  owner: string
  /** ISO date-time, 'never', or '' when the source does not say. */
  lastUsed: string
  /** File line the grant came from. */
  line: number
}

export interface ImportProblem {
  line: number
  code: string
  message: string
}

export interface GrantImport {
  grants: Grant[]
  problems: ImportProblem[]
  mappingProblems: MappingProblem[]
  rowCount: number
}

export const grantKey = (application: string, login: string, entitlement: string): string =>
  JSON.stringify([application.toLowerCase(), login.toLowerCase(), entitlement.toLowerCase()])

const SERVICE_LOGIN = /^(svc|sa|srv|bot|app|ci|system)[-_.]|[-_.](svc|bot|service)$/i

export function guessIdentityType(login: string, declared = ''): IdentityType | null {
  const d = declared.trim().toLowerCase()
  if (d === 'human' || d === 'user' || d === 'person') return 'human'
  if (d === 'service' || d === 'service account' || d === 'machine' || d === 'bot') return 'service'
  if (d !== '') return null
  return SERVICE_LOGIN.test(login) ? 'service' : 'human'
}

/** Accepts ISO dates/date-times and `never`; '' and the AWS markers N/A / no_information mean unknown. */
export function parseLastUsed(raw: string): { value: string } | { error: string } {
  const v = raw.trim()
  if (v === '' || /^(n\/a|no_information|unknown)$/i.test(v)) return { value: '' }
  if (/^never$/i.test(v)) return { value: 'never' }
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v))
    return {
      error: `"${v}" is not a date; write it as YYYY-MM-DD (or ISO 8601 date-time) or "never".`,
    }
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v.replace(' ', 'T'))
  if (Number.isNaN(t)) return { error: `"${v}" is not a valid date.` }
  return { value: new Date(t).toISOString() }
}

const cellOf = (header: readonly string[], mapping: ColumnMapping) => {
  const index = new Map<string, number>()
  for (const [field, column] of Object.entries(mapping)) {
    const i = header.indexOf(column)
    if (column && i >= 0) index.set(field, i)
  }
  return (cells: readonly string[], field: string) => {
    const i = index.get(field)
    return i === undefined ? '' : (cells[i] ?? '').trim()
  }
}

/** Generic who-has-what CSV: one row per login and application, entitlements separated by `|`. */
export function importGenericGrants(text: string, mapping: ColumnMapping): GrantImport {
  const csv = readCsvRecords(text)
  const mappingProblems = checkMapping('generic', csv.header, mapping)
  const problems: ImportProblem[] = [...csv.problems]
  const grants: Grant[] = []
  if (mappingProblems.length > 0) return { grants, problems, mappingProblems, rowCount: 0 }
  const get = cellOf(csv.header, mapping)
  const seen = new Map<string, number>()
  for (const { line, cells } of csv.records) {
    const login = get(cells, 'login')
    const application = get(cells, 'application')
    const entitlements = get(cells, 'entitlements')
      .split('|')
      .map((e) => e.trim())
      .filter((e) => e !== '')
    const rowProblems: string[] = []
    if (login === '') rowProblems.push('the login is empty')
    if (application === '') rowProblems.push('the application is empty')
    if (entitlements.length === 0) rowProblems.push('there are no entitlements')
    const identityType = guessIdentityType(login, get(cells, 'identityType'))
    if (identityType === null)
      rowProblems.push(`identity type "${get(cells, 'identityType')}" is neither human nor service`)
    const lastUsed = parseLastUsed(get(cells, 'lastUsed'))
    if ('error' in lastUsed) rowProblems.push(`last used: ${lastUsed.error}`)
    if (rowProblems.length > 0 || identityType === null || 'error' in lastUsed) {
      problems.push({
        line,
        code: 'row.invalid',
        message: `Line ${line}: ${rowProblems.join('; ')}. Fix the row and import again.`,
      })
      continue
    }
    for (const entitlement of entitlements) {
      const key = grantKey(application, login, entitlement)
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        problems.push({
          line,
          code: 'row.duplicate',
          message: `Line ${line}: ${login} already has "${entitlement}" in ${application} (line ${earlier}). Remove the duplicate so each grant is reviewed once.`,
        })
        continue
      }
      seen.set(key, line)
      grants.push({
        key,
        login,
        identityType,
        application,
        entitlement,
        description: get(cells, 'description'),
        manager: get(cells, 'manager'),
        owner: get(cells, 'owner'),
        lastUsed: lastUsed.value,
        line,
      })
    }
  }
  return { grants, problems, mappingProblems, rowCount: csv.records.length + csv.problems.length }
}

const isTrue = (v: string) => v.toLowerCase() === 'true'

/**
 * AWS IAM credential report: each active credential (console password, access key 1 and 2,
 * signing certificate 1 and 2) of each IAM user is one grant in the application
 * "AWS account <id>" (from the ARN). The root account is privileged. A user without a console
 * password but with access keys is taken to be a service identity.
 */
export function importAwsCredentialReport(text: string): GrantImport {
  const csv = readCsvRecords(text)
  const mapping = Object.fromEntries(AWS_CREDENTIAL_REPORT_COLUMNS.map((c) => [c, c]))
  const mappingProblems = checkMapping('aws-iam-credential-report', csv.header, mapping)
  const problems: ImportProblem[] = [...csv.problems]
  const grants: Grant[] = []
  if (mappingProblems.length > 0) return { grants, problems, mappingProblems, rowCount: 0 }
  const get = cellOf(csv.header, mapping)
  for (const { line, cells } of csv.records) {
    const user = get(cells, 'user')
    const arn = get(cells, 'arn')
    const account = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn)?.[1]
    const bad: string[] = []
    if (user === '') bad.push('the user is empty')
    if (account === undefined) bad.push(`"${arn}" is not an IAM ARN`)
    const flags = [
      'password_enabled',
      'access_key_1_active',
      'access_key_2_active',
      'cert_1_active',
      'cert_2_active',
    ]
    for (const f of flags) {
      const v = get(cells, f).toLowerCase()
      if (!['true', 'false', 'not_supported', 'n/a'].includes(v))
        bad.push(`${f} is "${get(cells, f)}", expected true or false`)
    }
    const dates: Record<string, string> = {}
    for (const f of [
      'user_creation_time',
      'password_last_used',
      'access_key_1_last_used_date',
      'access_key_2_last_used_date',
    ]) {
      const d = parseLastUsed(get(cells, f))
      if ('error' in d) bad.push(`${f}: ${d.error}`)
      else dates[f] = d.value
    }
    if (bad.length > 0 || account === undefined) {
      problems.push({
        line,
        code: 'row.invalid',
        message: `Line ${line}: ${bad.join('; ')}. Download the credential report again rather than editing it.`,
      })
      continue
    }
    const root = user === '<root_account>'
    const password =
      isTrue(get(cells, 'password_enabled')) ||
      (root && get(cells, 'password_enabled') === 'not_supported')
    const key1 = isTrue(get(cells, 'access_key_1_active'))
    const key2 = isTrue(get(cells, 'access_key_2_active'))
    const identityType: IdentityType = !root && !password && (key1 || key2) ? 'service' : 'human'
    const application = `AWS account ${account}`
    const mfa = isTrue(get(cells, 'mfa_active')) ? 'MFA on' : 'no MFA'
    const never = (created: string) => (created === '' ? '' : 'never')
    const add = (entitlement: string, lastUsed: string, description: string) =>
      grants.push({
        key: grantKey(application, user, entitlement),
        login: user,
        identityType,
        application,
        entitlement,
        description: root ? `Root user; ${description}` : description,
        manager: '',
        owner: '',
        lastUsed,
        line,
      })
    const created = dates['user_creation_time']!
    if (password)
      add(
        'console-password',
        dates['password_last_used'] || never(created),
        `Console sign-in, ${mfa}`,
      )
    if (key1)
      add(
        'access-key-1',
        dates['access_key_1_last_used_date'] || never(created),
        `Access key 1 (${get(cells, 'access_key_1_last_used_service') || 'never used'})`,
      )
    if (key2)
      add(
        'access-key-2',
        dates['access_key_2_last_used_date'] || never(created),
        `Access key 2 (${get(cells, 'access_key_2_last_used_service') || 'never used'})`,
      )
    if (isTrue(get(cells, 'cert_1_active')))
      add('signing-certificate-1', '', 'X.509 signing certificate 1')
    if (isTrue(get(cells, 'cert_2_active')))
      add('signing-certificate-2', '', 'X.509 signing certificate 2')
  }
  return { grants, problems, mappingProblems, rowCount: csv.records.length + csv.problems.length }
}

export interface Employee {
  employeeId: string
  name: string
  email: string
  login: string
  status: 'active' | 'terminated' | 'leave'
  terminationDate: string
  manager: string
  line: number
}

export interface RosterImport {
  employees: Employee[]
  problems: ImportProblem[]
  mappingProblems: MappingProblem[]
  rowCount: number
}

export function importHrRoster(text: string, mapping: ColumnMapping): RosterImport {
  const csv = readCsvRecords(text)
  const mappingProblems = checkMapping('hr-roster', csv.header, mapping)
  const problems: ImportProblem[] = [...csv.problems]
  const employees: Employee[] = []
  if (mappingProblems.length > 0) return { employees, problems, mappingProblems, rowCount: 0 }
  const get = cellOf(csv.header, mapping)
  for (const { line, cells } of csv.records) {
    const status = get(cells, 'status').toLowerCase()
    const bad: string[] = []
    if (get(cells, 'employeeId') === '') bad.push('the employee ID is empty')
    if (!/^[^@\s]+@[^@\s]+$/.test(get(cells, 'email')))
      bad.push(`"${get(cells, 'email')}" is not an email address`)
    if (status !== 'active' && status !== 'terminated' && status !== 'leave')
      bad.push(`status "${get(cells, 'status')}" is not active, terminated or leave`)
    const end = parseLastUsed(get(cells, 'terminationDate'))
    if ('error' in end) bad.push(`termination date: ${end.error}`)
    if (status === 'terminated' && get(cells, 'terminationDate') === '')
      bad.push('a terminated employee needs a termination date')
    if (bad.length > 0 || 'error' in end) {
      problems.push({
        line,
        code: 'row.invalid',
        message: `Line ${line}: ${bad.join('; ')}. Fix the row and import again.`,
      })
      continue
    }
    employees.push({
      employeeId: get(cells, 'employeeId'),
      name: get(cells, 'name'),
      email: get(cells, 'email').toLowerCase(),
      login: get(cells, 'login').toLowerCase(),
      status: status as Employee['status'],
      terminationDate: end.value,
      manager: get(cells, 'manager'),
      line,
    })
  }
  return {
    employees,
    problems,
    mappingProblems,
    rowCount: csv.records.length + csv.problems.length,
  }
}

/** Looks an account up in the roster by login, by email, or by the email's local part. */
export function rosterIndex(
  employees: readonly Employee[],
): (login: string) => Employee | undefined {
  const map = new Map<string, Employee>()
  for (const e of employees) {
    for (const k of [e.login, e.email, e.email.split('@')[0]!])
      if (k !== '' && !map.has(k)) map.set(k, e)
  }
  return (login) => {
    const l = login.toLowerCase()
    return map.get(l) ?? map.get(l.split('@')[0]!)
  }
}

export const DEFAULT_PRIVILEGED_PATTERN =
  /admin|root|owner|superuser|sudo|wheel|domain admins|write[-_ ]?all|full[-_ ]?access|poweruser|break[-_ ]?glass|\*/i

export interface FlagContext {
  /** Population freeze time (ISO); staleness is measured from it. */
  asOf: string
  /** Roster lookup; without a roster no account is flagged orphaned. */
  findEmployee?: (login: string) => Employee | undefined
  privileged?: RegExp
}

export function riskFlags(grant: Grant, ctx: FlagContext): RiskFlag[] {
  const flags: RiskFlag[] = []
  const privileged = ctx.privileged ?? DEFAULT_PRIVILEGED_PATTERN
  if (
    grant.login === '<root_account>' ||
    privileged.test(grant.entitlement) ||
    privileged.test(grant.description)
  )
    flags.push('privileged')
  if (grant.lastUsed === 'never') flags.push('stale')
  else if (grant.lastUsed !== '') {
    const age = Date.parse(ctx.asOf) - Date.parse(grant.lastUsed)
    if (age > STALE_AFTER_DAYS * 86_400_000) flags.push('stale')
  }
  if (ctx.findEmployee && grant.identityType === 'human' && grant.login !== '<root_account>') {
    const e = ctx.findEmployee(grant.login)
    if (!e || (e.status === 'terminated' && e.terminationDate <= ctx.asOf)) flags.push('orphaned')
  }
  if (grant.identityType === 'service' && grant.owner === '') flags.push('service-without-owner')
  return flags
}
