// The templates a workspace knows: the built-in ones plus any an organisation adds as data.
// A template is identified by id and exact version; a published version never changes, so
// adding different content under an existing id and version is refused.
import { canonicalize } from '../json/canonical-json'
import { accessReviewTemplate } from './access-review'
import { demoDeckTemplate } from './demo-deck'
import { dpiaTemplate } from './dpia'
import { gaFlipChecklistTemplate } from './ga-flip-checklist'
import { licenseTemplate } from './license'
import { onboardingEvidenceTemplate } from './onboarding-evidence'
import type { TemplateRef } from './packet'
import { partnerSlaTemplate } from './partner-sla'
import { requestToConnectTemplate } from './request-to-connect'
import type { Issue, PacketTemplate } from './template-model'
import { compareVersions, validateTemplate, type TemplateIssueCode } from './validate-template'

export const builtInTemplates: readonly PacketTemplate[] = [
  dpiaTemplate,
  licenseTemplate,
  partnerSlaTemplate,
  requestToConnectTemplate,
  accessReviewTemplate,
  onboardingEvidenceTemplate,
  gaFlipChecklistTemplate,
  demoDeckTemplate,
]

export type RegistryIssueCode = TemplateIssueCode | 'TEMPLATE_EXISTS'
export type RegistryIssue = Issue<RegistryIssueCode>

export type AddTemplateResult =
  { ok: true; template: PacketTemplate; issues: [] } | { ok: false; issues: RegistryIssue[] }

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

export class TemplateRegistry {
  /** id → version → template; ids keep the order they were first added in. */
  private readonly byId = new Map<string, Map<string, PacketTemplate>>()

  /** Starts with the given templates (the built-in ones by default); they must be valid. */
  constructor(initial: readonly PacketTemplate[] = builtInTemplates) {
    for (const template of initial) {
      const result = this.add(template)
      if (!result.ok) {
        const first = result.issues[0]
        throw new Error(
          `Template ${template.id} ${template.version} is invalid: ${first?.path} ${first?.message}`,
        )
      }
    }
  }

  /**
   * Adds a template after checking its shape with validateTemplate. Adding the same content
   * again is a no-op; different content under an id and version already present is refused
   * with TEMPLATE_EXISTS. The registry keeps its own frozen copy.
   */
  add(candidate: unknown): AddTemplateResult {
    const issues = validateTemplate(candidate)
    if (issues.length > 0) return { ok: false, issues }
    const template = deepFreeze(JSON.parse(JSON.stringify(candidate)) as PacketTemplate)
    const versions = this.byId.get(template.id) ?? new Map<string, PacketTemplate>()
    const existing = versions.get(template.version)
    if (existing) {
      if (canonicalize(existing) === canonicalize(template)) {
        return { ok: true, template: existing, issues: [] }
      }
      return {
        ok: false,
        issues: [
          {
            code: 'TEMPLATE_EXISTS',
            path: 'version',
            message: `Template ${template.id} ${template.version} already exists with different content; published versions never change, so give your changes a new version number.`,
          },
        ],
      }
    }
    versions.set(template.version, template)
    this.byId.set(template.id, versions)
    return { ok: true, template, issues: [] }
  }

  /** The template with exactly this id and version. */
  get(id: string, version: string): PacketTemplate | undefined {
    return this.byId.get(id)?.get(version)
  }

  /** The template a packet names. */
  resolve(ref: TemplateRef): PacketTemplate | undefined {
    return this.get(ref.id, ref.version)
  }

  /**
   * The highest version of a template id by semantic-version precedence, preferring releases:
   * a pre-release such as 2.0.0-draft.1 is the latest only when no release exists.
   */
  latest(id: string): PacketTemplate | undefined {
    const versions = this.versions(id)
    const releases = versions.filter((v) => !v.includes('-'))
    const version = (releases.length > 0 ? releases : versions).at(-1)
    return version === undefined ? undefined : this.get(id, version)
  }

  /** The versions held for a template id, lowest first. */
  versions(id: string): string[] {
    return [...(this.byId.get(id)?.keys() ?? [])].sort(compareVersions)
  }

  /** The latest version of every template id, in the order the ids were first added. */
  listLatest(): PacketTemplate[] {
    return [...this.byId.keys()].flatMap((id) => this.latest(id) ?? [])
  }

  /** Every template and version held. */
  listAll(): PacketTemplate[] {
    return [...this.byId.keys()].flatMap((id) =>
      this.versions(id).flatMap((v) => this.get(id, v) ?? []),
    )
  }
}
