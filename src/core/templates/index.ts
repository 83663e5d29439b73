// Packet templates: the model, the built-in templates, the registry, validation and examples.
export type { EvidenceRef, PacketDocument, TemplateRef } from './packet'
export type {
  BooleanField,
  DateField,
  EmailField,
  EvidenceRequirement,
  EvidenceRole,
  Field,
  FieldType,
  Issue,
  ListField,
  LongTextField,
  MultiSelectField,
  NumberField,
  PacketTemplate,
  PatternRule,
  RaciLetter,
  RequiredWhen,
  RiskCategory,
  RiskEntry,
  RiskLevel,
  RiskListField,
  ScalarField,
  Section,
  SelectField,
  SelectOption,
  SignoffRole,
  TextField,
  TextRules,
  UrlField,
} from './template-model'
export { requiredSignoffRoles, riskLevels, templateFields } from './template-model'
export {
  compareVersions,
  parseTemplate,
  validateTemplate,
  type ParseTemplateResult,
  type TemplateIssue,
  type TemplateIssueCode,
} from './validate-template'
export {
  endOfValidity,
  PACKET_ID_PATTERN,
  isCalendarDate,
  parsePacketDocument,
  validatePacket,
  type PacketIssue,
  type PacketIssueCode,
  type PacketValidation,
  type ParsePacketResult,
  type ValidatePacketOptions,
} from './validate-packet'
export { MAX_EVIDENCE_PATH_LENGTH, evidencePathProblem, isSafeEvidencePath } from './evidence-path'
export {
  TemplateRegistry,
  builtInTemplates,
  type AddTemplateResult,
  type RegistryIssue,
  type RegistryIssueCode,
} from './registry'
export { examplePacket } from './example-packet'
export { dpiaTemplate } from './dpia'
export { licenseTemplate } from './license'
export { partnerSlaTemplate } from './partner-sla'
export { requestToConnectTemplate } from './request-to-connect'
export { accessReviewTemplate } from './access-review'
export { onboardingEvidenceTemplate } from './onboarding-evidence'
export { gaFlipChecklistTemplate } from './ga-flip-checklist'
export { demoDeckTemplate } from './demo-deck'
