// The CSV sources an access review imports and the column-mapping step: each format names the
// fields it needs, a mapping ties each field to a column of the file, and a mapping suggested
// from the header is shown to the user to confirm (and remembered per source).

export type SourceFormat = 'generic' | 'aws-iam-credential-report' | 'hr-roster'

export interface FieldSpec {
  id: string
  label: string
  required: boolean
  /** Header names recognised when suggesting a mapping (compared lower-case, without spaces, _ or -). */
  aliases: readonly string[]
}

export const GENERIC_FIELDS: readonly FieldSpec[] = [
  {
    id: 'login',
    label: 'Login',
    required: true,
    aliases: ['login', 'user', 'username', 'account'],
  },
  {
    id: 'entitlements',
    label: 'Entitlements (separated by |)',
    required: true,
    aliases: ['entitlements', 'entitlement', 'roles', 'groups', 'permissions'],
  },
  {
    id: 'application',
    label: 'Application',
    required: true,
    aliases: ['application', 'app', 'system'],
  },
  { id: 'description', label: 'Description', required: false, aliases: ['description', 'notes'] },
  { id: 'manager', label: 'Manager', required: false, aliases: ['manager', 'managerlogin'] },
  {
    id: 'lastUsed',
    label: 'Last used',
    required: false,
    aliases: ['lastused', 'lastlogin', 'lastactivity'],
  },
  {
    id: 'identityType',
    label: 'Identity type (human or service)',
    required: false,
    aliases: ['identitytype', 'type', 'accounttype'],
  },
  {
    id: 'owner',
    label: 'Owner (service accounts)',
    required: false,
    aliases: ['owner', 'serviceowner'],
  },
]

/**
 * The columns of the AWS IAM credential report (IAM → Credential report, or
 * `aws iam generate-credential-report` then `get-credential-report`), in the order AWS writes
 * them. The report has a fixed layout, so the mapping is the identity; the import checks that
 * every column below is present.
 */
export const AWS_CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const

export const AWS_FIELDS: readonly FieldSpec[] = AWS_CREDENTIAL_REPORT_COLUMNS.map((c) => ({
  id: c,
  label: c,
  required: true,
  aliases: [c],
}))

export const HR_ROSTER_FIELDS: readonly FieldSpec[] = [
  {
    id: 'employeeId',
    label: 'Employee ID',
    required: true,
    aliases: ['employeeid', 'id', 'employeenumber', 'personnelnumber'],
  },
  { id: 'name', label: 'Name', required: true, aliases: ['name', 'fullname', 'displayname'] },
  { id: 'email', label: 'Work email', required: true, aliases: ['email', 'workemail', 'mail'] },
  {
    id: 'login',
    label: 'Login',
    required: false,
    aliases: ['login', 'username', 'account', 'userid'],
  },
  {
    id: 'status',
    label: 'Employment status (active / terminated / leave)',
    required: true,
    aliases: ['status', 'employmentstatus'],
  },
  {
    id: 'terminationDate',
    label: 'Termination date',
    required: false,
    aliases: ['terminationdate', 'enddate', 'leavingdate', 'exitdate'],
  },
  { id: 'manager', label: 'Manager', required: false, aliases: ['manager', 'manageremail'] },
]

export const FORMAT_FIELDS: Record<SourceFormat, readonly FieldSpec[]> = {
  generic: GENERIC_FIELDS,
  'aws-iam-credential-report': AWS_FIELDS,
  'hr-roster': HR_ROSTER_FIELDS,
}

/** Field id → column header of the file ('' or absent: not mapped). */
export type ColumnMapping = Record<string, string>

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '')

/** Suggests a mapping from a header row; a remembered mapping wins where its column still exists. */
export function suggestMapping(
  format: SourceFormat,
  header: readonly string[],
  remembered?: ColumnMapping,
): ColumnMapping {
  const mapping: ColumnMapping = {}
  const byNorm = new Map(header.map((h) => [norm(h), h]))
  for (const field of FORMAT_FIELDS[format]) {
    const kept = remembered?.[field.id]
    if (kept && header.includes(kept)) {
      mapping[field.id] = kept
      continue
    }
    const hit = field.aliases.map((a) => byNorm.get(norm(a))).find((h) => h !== undefined)
    if (hit !== undefined) mapping[field.id] = hit
  }
  return mapping
}

/** Guesses the format of a file from its header (the credential report is recognised exactly). */
export function detectFormat(header: readonly string[]): SourceFormat {
  const set = new Set(header)
  if (AWS_CREDENTIAL_REPORT_COLUMNS.every((c) => set.has(c))) return 'aws-iam-credential-report'
  const n = new Set(header.map(norm))
  if (n.has('employeeid') || n.has('terminationdate') || n.has('employmentstatus'))
    return 'hr-roster'
  return 'generic'
}

export interface MappingProblem {
  field: string
  message: string
}

export function checkMapping(
  format: SourceFormat,
  header: readonly string[],
  mapping: ColumnMapping,
): MappingProblem[] {
  const problems: MappingProblem[] = []
  const used = new Map<string, string>()
  for (const field of FORMAT_FIELDS[format]) {
    const column = mapping[field.id]
    if (!column) {
      if (field.required)
        problems.push({
          field: field.id,
          message:
            format === 'aws-iam-credential-report'
              ? `The file has no "${field.id}" column, so it is not a complete AWS IAM credential report. Download the report again from IAM → Credential report.`
              : `Choose the column that holds "${field.label}".`,
        })
      continue
    }
    if (!header.includes(column)) {
      problems.push({
        field: field.id,
        message: `"${field.label}" is mapped to "${column}", which is not a column of this file. Choose another column.`,
      })
      continue
    }
    const other = used.get(column)
    if (other !== undefined)
      problems.push({
        field: field.id,
        message: `"${column}" is already mapped to "${other}". Map each column to one field.`,
      })
    else used.set(column, field.label)
  }
  return problems
}
