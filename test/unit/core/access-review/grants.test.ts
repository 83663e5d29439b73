import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  AWS_CREDENTIAL_REPORT_COLUMNS,
  detectFormat,
  importAwsCredentialReport,
  importGenericGrants,
  importHrRoster,
  readCsvRecords,
  riskFlags,
  rosterIndex,
  suggestMapping,
  checkMapping,
  type Grant,
} from '../../../../src/core/access-review'

const sample = (name: string) =>
  readFileSync(join(__dirname, '../../../../resources/access-review', name), 'utf8')

const genericMapping = (text: string) => suggestMapping('generic', readCsvRecords(text).header)

describe('column mapping', () => {
  it('suggests the generic mapping from header names and prefers a remembered one', () => {
    const header = ['User Name', 'Roles', 'App', 'Last Login', 'Boss']
    const m = suggestMapping('generic', header, { manager: 'Boss' })
    expect(m).toEqual({
      login: 'User Name',
      entitlements: 'Roles',
      application: 'App',
      lastUsed: 'Last Login',
      manager: 'Boss',
    })
    expect(checkMapping('generic', header, m)).toEqual([])
  })

  it('says which required field is unmapped, which column is missing, and double use', () => {
    const header = ['login', 'roles']
    const problems = checkMapping('generic', header, {
      login: 'login',
      entitlements: 'login',
      application: 'gone',
    })
    expect(problems.map((p) => p.field)).toEqual(['entitlements', 'application'])
    expect(problems[1]!.message).toContain('"gone", which is not a column of this file')
  })

  it('recognises the three sample files', () => {
    for (const [file, format] of [
      ['generic-grants.csv', 'generic'],
      ['aws-credential-report.csv', 'aws-iam-credential-report'],
      ['hr-roster.csv', 'hr-roster'],
    ] as const)
      expect(detectFormat(readCsvRecords(sample(file)).header)).toBe(format)
  })
})

describe('importGenericGrants', () => {
  it('imports the sample: one grant per entitlement, no problems', () => {
    const text = sample('generic-grants.csv')
    const r = importGenericGrants(text, genericMapping(text))
    expect(r.problems).toEqual([])
    expect(r.rowCount).toBe(64)
    expect(r.grants.length).toBeGreaterThan(64)
    const deploy = r.grants.filter((g) => g.login === 'svc-deploy')
    expect(deploy.map((g) => g.entitlement)).toEqual(['maintain', 'admin'])
    expect(deploy[0]).toMatchObject({ identityType: 'service', owner: 'kenji.watanabe' })
  })

  it('lists malformed rows with their lines and keeps the good ones', () => {
    const text = [
      'login,entitlements,application,last_used',
      'ann,admin|read,Jira,2026-01-02',
      ',read,Jira,2026-01-02',
      'bob,read,Jira,yesterday',
      'cy,read,Jira',
      'ann,read,Jira,2026-01-05',
      'dee,,Jira,never',
    ].join('\n')
    const r = importGenericGrants(text, genericMapping(text))
    expect(r.grants.map((g) => `${g.login}:${g.entitlement}`)).toEqual(['ann:admin', 'ann:read'])
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [5, 'csv.columns'],
      [3, 'row.invalid'],
      [4, 'row.invalid'],
      [6, 'row.duplicate'],
      [7, 'row.invalid'],
    ])
    expect(r.problems[2]!.message).toContain('"yesterday" is not a date')
    expect(r.rowCount).toBe(6)
  })

  it('imports nothing when the mapping is incomplete', () => {
    const r = importGenericGrants('login,x\nann,y\n', { login: 'login' })
    expect(r.grants).toEqual([])
    expect(r.mappingProblems.map((p) => p.field)).toEqual(['entitlements', 'application'])
  })
})

describe('importAwsCredentialReport', () => {
  it('documents all 22 report columns', () => {
    expect(AWS_CREDENTIAL_REPORT_COLUMNS).toHaveLength(22)
  })

  it('turns active credentials into grants per AWS account', () => {
    const r = importAwsCredentialReport(sample('aws-credential-report.csv'))
    expect(r.problems).toEqual([])
    expect(r.rowCount).toBe(21)
    const root = r.grants.find((g) => g.login === '<root_account>')!
    expect(root).toMatchObject({
      application: 'AWS account 210987654321',
      entitlement: 'console-password',
      identityType: 'human',
    })
    const tf = r.grants.filter((g) => g.login === 'svc-terraform')
    expect(tf.map((g) => g.entitlement)).toEqual(['access-key-1', 'access-key-2'])
    expect(tf[0]!.identityType).toBe('service')
    expect(tf[1]!.lastUsed).toBe('never')
  })

  it('rejects a file that lacks report columns and rows with bad values', () => {
    expect(importAwsCredentialReport('user,arn\nx,y\n').mappingProblems).toHaveLength(20)
    const header = AWS_CREDENTIAL_REPORT_COLUMNS.join(',')
    const row = (user: string, arn: string, pw: string) =>
      [user, arn, 'N/A', pw, ...Array<string>(18).fill('N/A')].join(',')
    const r = importAwsCredentialReport(
      [
        header,
        row('a', 'arn:aws:iam::123456789012:user/a', 'true'),
        row('b', 'nope', 'maybe'),
      ].join('\n'),
    )
    expect(r.grants).toHaveLength(1)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]!.line).toBe(3)
    expect(r.problems[0]!.message).toContain('"nope" is not an IAM ARN')
    expect(r.problems[0]!.message).toContain('password_enabled is "maybe"')
  })
})

describe('HR roster and risk flags', () => {
  const roster = () => {
    const text = sample('hr-roster.csv')
    return importHrRoster(text, suggestMapping('hr-roster', readCsvRecords(text).header))
  }
  const grant = (g: Partial<Grant>): Grant => ({
    key: 'k',
    login: 'amara.okafor',
    identityType: 'human',
    application: 'Jira',
    entitlement: 'read',
    description: '',
    manager: '',
    owner: '',
    lastUsed: '2026-04-01T00:00:00.000Z',
    line: 2,
    ...g,
  })
  const asOf = '2026-04-13T00:00:00.000Z'

  it('reads the sample roster', () => {
    const r = roster()
    expect(r.problems).toEqual([])
    expect(r.employees).toHaveLength(18)
  })

  it('flags privileged, stale, orphaned and ownerless service access', () => {
    const find = rosterIndex(roster().employees)
    const ctx = { asOf, findEmployee: find }
    expect(riskFlags(grant({}), ctx)).toEqual([])
    expect(riskFlags(grant({ entitlement: 'System Administrator' }), ctx)).toEqual(['privileged'])
    expect(riskFlags(grant({ lastUsed: '2026-01-12T00:00:00.000Z' }), ctx)).toEqual(['stale'])
    expect(riskFlags(grant({ lastUsed: '2026-01-13T00:00:00.000Z' }), ctx)).toEqual([])
    expect(riskFlags(grant({ lastUsed: 'never' }), ctx)).toEqual(['stale'])
    expect(riskFlags(grant({ login: 'tomasz.nowak' }), ctx)).toEqual(['orphaned'])
    expect(riskFlags(grant({ login: 'Amara.Okafor@example.org' }), ctx)).toEqual([])
    expect(riskFlags(grant({ login: 'jakob.meyer' }), ctx)).toEqual(['orphaned'])
    expect(riskFlags(grant({ login: 'jakob.meyer' }), { asOf })).toEqual([])
    expect(riskFlags(grant({ login: 'svc-x', identityType: 'service' }), ctx)).toEqual([
      'service-without-owner',
    ])
  })

  it('lists roster rows with bad status, email or missing termination date', () => {
    const text =
      'employee_id,name,email,status,termination_date\n1,A,a@x.org,active,\n2,B,b,gone,\n3,C,c@x.org,terminated,\n'
    const r = importHrRoster(text, suggestMapping('hr-roster', readCsvRecords(text).header))
    expect(r.employees).toHaveLength(1)
    expect(r.problems.map((p) => p.line)).toEqual([3, 4])
  })
})
