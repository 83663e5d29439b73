// Import of a PIA exported as JSON from CNIL's PIA software (github.com/LINCnil/pia, and the
// same shape from pia-back): `{ pia, answers, measures, evaluations, comments }`, optionally with
// `attachments` (`file` a `data:<mime>;base64,…` URL). The result is the fields of a DPIA packet
// (template `dpia`), the attachments to store as evidence, and a report: every part of the
// export that has no place in the packet, or needs a person to check it, is listed there —
// nothing is dropped silently. Answers are HTML and become plain text (see html-text.ts).
// Mapping and reasons: docs/cnil-pia-import.md.
import { base64 } from '@scure/base'
import type { JsonValue } from '../json/canonical-json'
import { isCalendarDate } from '../templates/packet-shape'
import type { RiskEntry, RiskLevel } from '../templates/template-model'
import { htmlToText, singleLine, type DroppedHtml } from './html-text'

export type ImportNoteSeverity = 'dropped' | 'review' | 'info'

/** One line of the import report. */
export interface ImportNote {
  code:
    | 'NOT_A_PIA'
    | 'HTML_DROPPED'
    | 'FORMATTING_IGNORED'
    | 'UNKNOWN_QUESTION'
    | 'CUSTOM_STRUCTURE'
    | 'EVALUATION_NOT_MAPPED'
    | 'COMMENT_NOT_MAPPED'
    | 'ATTACHMENT_NOT_INCLUDED'
    | 'ATTACHMENT_UNREADABLE'
    | 'USERS_NOT_MAPPED'
    | 'CHECK_VALUE'
    | 'NOT_IN_EXPORT'
    | 'METADATA'
  severity: ImportNoteSeverity
  /** Where in the export, in words: "Answer 1.1.1 (What is the processing …)". */
  subject: string
  message: string
  /** A short sample of what was left out. */
  sample?: string
}

export interface ImportedAttachment {
  fileName: string
  mimeType: string
  /** Present when the export carried the file itself. */
  bytes: Uint8Array
  /** The evidence role suggested from the name; the person confirms it before saving. */
  suggestedRole: string
  /** Attached on CNIL's validation page (a signed PIA). */
  signed: boolean
  comment?: string
}

export interface CnilPiaImport {
  ok: true
  /** Suggested packet title. */
  title: string
  fields: Record<string, JsonValue>
  attachments: ImportedAttachment[]
  notes: ImportNote[]
  /** What was carried over, for the report's summary line. */
  counts: { answers: number; measures: number; risks: number; actions: number; attachments: number }
  /** Provenance for the first saved revision: PIA name, people, status, dates. */
  revisionNote: string
}

export interface CnilPiaImportFailure {
  ok: false
  notes: ImportNote[]
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** CNIL's questions (standard structure) by reference id, with their English wording. */
export const CNIL_QUESTIONS: Record<number, string> = {
  111: 'What is the processing under consideration?',
  112: 'What are the responsibilities linked to the processing?',
  113: 'Are there standards applicable to the processing?',
  121: 'What are the data processed?',
  122: 'How does the life cycle of data and processes work?',
  123: 'What are the data supporting assets?',
  211: 'Are the processing purposes specified, explicit and legitimate?',
  212: 'What are the legal basis making the processing lawful?',
  213: 'Are the data collected adequate, relevant and limited (data minimisation)?',
  214: 'Are the data accurate and kept up to date?',
  215: 'What are the storage duration of the data?',
  221: 'How are the data subjects informed on the processing?',
  222: 'If applicable, how is the consent of data subjects obtained?',
  223: 'How can data subjects exercise their rights of access and to data portability?',
  224: 'How can data subjects exercise their rights to rectification and erasure?',
  225: 'How can data subjects exercise their rights to restriction and to object?',
  226: 'Are the obligations of the processors clearly identified and governed by a contract?',
  227: 'In the case of data transfer outside the European Union, are the data adequately protected?',
}

/** Answers that go straight into a long-text field of the DPIA template. */
const TEXT_ANSWERS: Record<number, string> = {
  111: 'processingOverview',
  113: 'applicableStandards',
  122: 'processingDescription',
  123: 'supportingAssets',
  211: 'purposes',
  213: 'dataMinimisation',
  214: 'dataAccuracy',
  215: 'retention',
  221: 'informationOfDataSubjects',
  222: 'consent',
  223: 'rightsAccessPortability',
  224: 'rightsRectificationErasure',
  225: 'rightsRestrictionObjection',
  227: 'transferSafeguards',
}

/** CNIL's three risks: item reference, first question id, DPIA risk category. */
const RISKS = [
  { ref: '3.2', base: 320, category: 'illegitimate-access', label: 'Illegitimate access to data' },
  {
    ref: '3.3',
    base: 330,
    category: 'unwanted-modification',
    label: 'Unwanted modification of data',
  },
  { ref: '3.4', base: 340, category: 'disappearance', label: 'Data disappearance' },
] as const

const ITEM_LABELS: Record<string, string> = {
  '1.1': 'Overview',
  '1.2': 'Data, processes and supporting assets',
  '2.1': 'Proportionality and necessity',
  '2.2': 'Controls to protect the rights of data subjects',
  '3.1': 'Planned or existing measures',
  '3.2': 'Illegitimate access to data',
  '3.3': 'Unwanted modification of data',
  '3.4': 'Data disappearance',
}

const PIA_STATUS: Record<number, string> = {
  0: 'in progress',
  1: 'refused',
  2: 'validated',
  3: 'validated with signature',
  4: 'archived',
}
const EVALUATION_STATUS: Record<number, string> = {
  0: 'pending',
  1: 'to be fixed',
  2: 'improvable',
  3: 'acceptable',
}

const LEGAL_BASES: { value: string; words: RegExp }[] = [
  { value: 'consent', words: /\bconsent|consentement/i },
  { value: 'contract', words: /\bcontra(ct|t)\b|execution of a contract|exécution d.un contrat/i },
  { value: 'legal-obligation', words: /legal obligation|obligation légale/i },
  { value: 'vital-interests', words: /vital interest|intérêts? vita/i },
  { value: 'public-task', words: /public (task|interest)|mission d.intérêt public/i },
  { value: 'legitimate-interests', words: /legitimate interest|intérêts? légitime/i },
]

const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024

function questionLabel(ref: number): string {
  const s = String(ref)
  const q = CNIL_QUESTIONS[ref]
  const dotted = s.length === 3 ? `${s[0]}.${s[1]}.${s[2]}` : s
  return q ? `Answer ${dotted} (${q})` : `Answer to question ${s}`
}

function referenceLabel(ref: string, measures: Map<string, string>): string {
  const m = /^3\.1\.(.+)$/.exec(ref)
  if (m?.[1]) return `Measure "${measures.get(m[1]) ?? m[1]}"`
  const q = /^\d\.\d\.(\d{3})$/.exec(ref)
  if (q?.[1]) return questionLabel(Number(q[1]))
  return ITEM_LABELS[ref] ? `${ref} ${ITEM_LABELS[ref]}` : ref
}

function level(v: unknown): RiskLevel | undefined {
  return v === 1 || v === 2 || v === 3 || v === 4 ? v : undefined
}

/** The calendar date of an ISO date or date-time, as written (no time-zone shift). */
function dateOf(v: unknown): string | undefined {
  const s = str(v).slice(0, 10)
  return isCalendarDate(s) ? s : undefined
}

/** Reads `data:<mime>;base64,<data>` (whitespace inside the data is allowed, as Ruby adds it). */
function decodeDataUrl(v: unknown): { mime: string; bytes: Uint8Array } | 'absent' | 'bad' {
  if (typeof v !== 'string' || v.trim() === '') return 'absent'
  const m = /^data:([^;,]*)((?:;[^;,]*)*),([\s\S]*)$/.exec(v.trim())
  if (!m) return 'bad'
  const isBase64 = /;base64/i.test(m[2] ?? '')
  const data = (m[3] ?? '').replace(/\s+/g, '')
  try {
    if (isBase64) {
      const padded = data + '='.repeat((4 - (data.length % 4)) % 4)
      return { mime: m[1] || 'application/octet-stream', bytes: base64.decode(padded) }
    }
    return {
      mime: m[1] || 'text/plain',
      bytes: new TextEncoder().encode(decodeURIComponent(data)),
    }
  } catch {
    return 'bad'
  }
}

/** A role from the template's evidence roles suggested by the file name (the person confirms). */
export function suggestEvidenceRole(fileName: string, signed: boolean): string {
  const n = fileName.toLowerCase()
  if (/flow|flux|diagram|schema|schéma|architecture/.test(n)) return 'data-flow-diagram'
  if (/\bdpa\b|processor|sous-traitan|art(icle)?[ ._-]?28/.test(n)) return 'processor-agreement'
  if (/scc|transfer|transfert|clauses/.test(n)) return 'transfer-safeguards'
  if (/secur|sécur|audit|pentest/.test(n)) return 'security-measures'
  if (/consult|survey|enquête|panel|opinion.*(people|personnes)/.test(n)) {
    return 'data-subjects-consultation'
  }
  if (signed || /dpo|\bavis\b|signed|sign[ée]/.test(n)) return 'dpo-opinion'
  return 'processing-record'
}

/** Parses JSON text first; a file that is not JSON gets one plain report line. */
export function importCnilPiaJson(text: string): CnilPiaImport | CnilPiaImportFailure {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return {
      ok: false,
      notes: [
        {
          code: 'NOT_A_PIA',
          severity: 'dropped',
          subject: 'The file',
          message: `This file is not JSON (${e instanceof Error ? e.message : 'unreadable'}). Export the PIA from CNIL's PIA software with "Export" → "JSON" and choose that file.`,
        },
      ],
    }
  }
  return importCnilPia(data)
}

/**
 * Maps a parsed CNIL PIA export to DPIA packet fields. Pure: no clock, no I/O; attachments come
 * back as bytes for the caller to hash and store.
 */
export function importCnilPia(data: unknown): CnilPiaImport | CnilPiaImportFailure {
  if (!isObj(data) || !isObj(data.pia) || !Array.isArray(data.answers)) {
    return {
      ok: false,
      notes: [
        {
          code: 'NOT_A_PIA',
          severity: 'dropped',
          subject: 'The file',
          message:
            'This is not a PIA export: it needs a "pia" object and an "answers" list, as CNIL\'s PIA software writes them. Nothing was imported.',
        },
      ],
    }
  }
  const pia = data.pia
  const notes: ImportNote[] = []
  const fields: Record<string, JsonValue> = {}
  let formatting = false

  /** HTML → text, with every dropped part reported against `subject`. */
  const text = (html: unknown, subject: string): string => {
    if (typeof html !== 'string') return ''
    const r = htmlToText(html)
    if (r.formattingIgnored) formatting = true
    for (const d of r.dropped) notes.push(droppedNote(d, subject))
    return r.text
  }

  // Custom structures use their own question ids, which this mapping cannot know.
  const custom = pia.structure_id !== undefined && pia.structure_id !== null
  if (custom) {
    notes.push({
      code: 'CUSTOM_STRUCTURE',
      severity: 'dropped',
      subject: `Structure "${str(pia.structure_name) || String(pia.structure_id)}"`,
      message:
        'This PIA uses a custom structure. Only answers whose question ids match CNIL’s standard structure were mapped; the others are listed below.',
    })
  }

  // Measures first: risks and evaluations refer to them.
  const measureTitles = new Map<string, string>()
  const measures: JsonValue[] = []
  for (const m of list(data.measures)) {
    if (!isObj(m)) continue
    const title = singleLine(text(m.title, 'A measure title')) || 'Untitled measure'
    if (m.id !== undefined) measureTitles.set(String(m.id), title)
    const description = text(m.content, `Measure "${title}"`)
    const slug = /PIA_(TEC|SEC|ORG)_/.exec(str(m.placeholder))?.[1]
    const kind =
      slug === 'TEC'
        ? 'data'
        : slug === 'SEC'
          ? 'security'
          : slug === 'ORG'
            ? 'governance'
            : undefined
    const item: Record<string, JsonValue> = { measure: title }
    if (kind) item.kind = kind
    if (description) item.description = description
    measures.push(item)
  }
  if (measures.length > 0) {
    fields.measures = measures
    notes.push({
      code: 'CHECK_VALUE',
      severity: 'review',
      subject: 'Measures',
      message: `CNIL's PIA does not say whether a measure is existing or planned${measures.some((m) => isObj(m) && !m.kind) ? ', nor (for measures not taken from its knowledge base) its kind' : ''}; choose it for each of the ${measures.length} measures.`,
    })
  }

  // Answers.
  const answers = new Map<number, Obj>()
  let answerCount = 0
  for (const a of list(data.answers)) {
    if (!isObj(a) || !isObj(a.data)) continue
    const ref = Number(a.reference_to)
    if (!Number.isInteger(ref)) continue
    answers.set(ref, a.data)
  }
  const known = new Set<number>([...Object.keys(CNIL_QUESTIONS).map(Number)])
  for (const r of RISKS) for (let q = 1; q <= 6; q++) known.add(r.base + q)

  for (const [ref, a] of answers) {
    const label = questionLabel(ref)
    if (!known.has(ref)) {
      const sample = text(a.text, label) || list(a.list).map(String).join('; ')
      notes.push({
        code: 'UNKNOWN_QUESTION',
        severity: 'dropped',
        subject: label,
        message:
          'This question is not part of CNIL’s standard structure, so it has no field in the DPIA template.',
        sample: sample ? short(sample) : undefined,
      })
      continue
    }
    const field = TEXT_ANSWERS[ref]
    if (field) {
      const t = text(a.text, label)
      if (t) {
        fields[field] = t
        answerCount++
      }
    }
  }

  const answerText = (ref: number) => text(answers.get(ref)?.text, questionLabel(ref))

  // 1.1.2 responsibilities → controller (one line).
  const responsibilities = answerText(112)
  if (responsibilities) {
    fields.controller = singleLine(responsibilities)
    answerCount++
    notes.push({
      code: 'CHECK_VALUE',
      severity: 'review',
      subject: questionLabel(112),
      message:
        'The answer about responsibilities became the "Controller" field on one line; shorten it to the controller’s name if it says more.',
    })
  }

  // 1.2.1 data processed and 2.2.6 processors → one list entry per line.
  const splitInto = (ref: number, field: string, key: string, rest: string) => {
    const t = answerText(ref)
    if (!t) return
    const lines = t
      .split('\n')
      .map((l) => l.trim().replace(/^(?:[-•*]|\d+\.)\s+/, ''))
      .filter((l) => l !== '')
    fields[field] = lines.map((l) => ({ [key]: l }))
    answerCount++
    notes.push({
      code: 'CHECK_VALUE',
      severity: 'review',
      subject: questionLabel(ref),
      message: `The answer was split into ${lines.length} ${lines.length === 1 ? 'entry' : 'entries'}, one per line; fill in ${rest} for each.`,
    })
  }
  splitInto(
    121,
    'dataCategories',
    'category',
    'the recipients, retention and whether it is sensitive',
  )
  splitInto(226, 'processors', 'name', 'what it does, the contract reference and the location')

  // 2.1.2 legal basis: a choice here, free text there.
  const basis = answerText(212)
  if (basis) {
    answerCount++
    const hits = LEGAL_BASES.filter((b) => b.words.test(basis))
    fields.purposes = [str(fields.purposes), `Legal basis (from the PIA): ${basis}`]
      .filter((s) => s !== '')
      .join('\n\n')
    if (hits.length === 1 && hits[0]) {
      fields.legalBasis = hits[0].value
      notes.push({
        code: 'CHECK_VALUE',
        severity: 'review',
        subject: questionLabel(212),
        message: `The legal basis was read as "${hits[0].value}" from the answer's words, and the answer was added to "Purposes"; confirm the choice.`,
      })
    } else {
      notes.push({
        code: 'CHECK_VALUE',
        severity: 'review',
        subject: questionLabel(212),
        message:
          'The legal basis is a choice in this template and the answer does not name exactly one; the answer was added to "Purposes". Choose the legal basis.',
      })
    }
  }
  if (fields.transferSafeguards !== undefined) {
    notes.push({
      code: 'CHECK_VALUE',
      severity: 'review',
      subject: questionLabel(227),
      message:
        'The answer about transfers became "Safeguards for transfers outside the EU"; say whether data leaves the EU ("Transfers outside the EU").',
    })
  }

  // Evaluations: risks' re-ratings, action plan, and the rest reported.
  const evaluations = new Map<string, Obj>()
  for (const e of list(data.evaluations)) {
    if (isObj(e) && typeof e.reference_to === 'string') evaluations.set(e.reference_to, e)
  }

  const risks: JsonValue[] = []
  for (const r of RISKS) {
    const q = (n: number) => answers.get(r.base + n)
    const lines = (n: number) =>
      list(q(n)?.list)
        .map((v) => singleLine(text(v, questionLabel(r.base + n))))
        .filter((s) => s !== '')
    const impacts = lines(1)
    const threats = lines(2)
    const sources = lines(3)
    const controls = lines(4)
    const severityWhy = text(q(5)?.text, questionLabel(r.base + 5))
    const likelihoodWhy = text(q(6)?.text, questionLabel(r.base + 6))
    const evaluation = evaluations.get(r.ref)
    const evaluationComment = evaluation
      ? text(evaluation.evaluation_comment, `Evaluation of ${r.ref} ${r.label}`)
      : ''
    const severity = level(q(5)?.gauge)
    const likelihood = level(q(6)?.gauge)
    const any =
      impacts.length + threats.length + sources.length + controls.length > 0 ||
      severity !== undefined ||
      likelihood !== undefined ||
      severityWhy !== '' ||
      likelihoodWhy !== ''
    if (!any) continue
    const description = [
      impacts.length ? `Impacts on the data subjects: ${impacts.join('; ')}` : '',
      threats.length ? `Threats: ${threats.join('; ')}` : '',
      sources.length ? `Risk sources: ${sources.join('; ')}` : '',
      severityWhy ? `Severity: ${severityWhy}` : '',
      likelihoodWhy ? `Likelihood: ${likelihoodWhy}` : '',
      evaluationComment ? `Evaluation: ${evaluationComment}` : '',
    ]
      .filter((s) => s !== '')
      .join('\n')
    const entry: Record<string, JsonValue> = {
      category: r.category,
      title: r.label,
      description,
      measures: controls,
    }
    const before: Partial<RiskEntry['before']> = {}
    if (severity) before.severity = severity
    if (likelihood) before.likelihood = likelihood
    entry.before = before
    const gx = isObj(evaluation?.gauges) ? level(evaluation.gauges.x) : undefined
    const gy = isObj(evaluation?.gauges) ? level(evaluation.gauges.y) : undefined
    if (gx && gy) {
      entry.after = { severity: gx, likelihood: gy }
    } else {
      entry.after = { ...before }
      notes.push({
        code: 'CHECK_VALUE',
        severity: 'review',
        subject: `${r.ref} ${r.label}`,
        message:
          'The PIA has no re-evaluation of this risk after the action plan, so the residual rating was set equal to the initial one; check it.',
      })
    }
    if (!severity || !likelihood) {
      notes.push({
        code: 'NOT_IN_EXPORT',
        severity: 'review',
        subject: `${r.ref} ${r.label}`,
        message: `The PIA does not rate this risk's ${[!severity && 'severity', !likelihood && 'likelihood'].filter(Boolean).join(' and ')}; rate it from 1 to 4.`,
      })
    }
    risks.push(entry)
  }
  if (risks.length > 0) fields.risks = risks

  const actions: JsonValue[] = []
  for (const [ref, e] of evaluations) {
    const subject = `Evaluation of ${referenceLabel(ref, measureTitles)}`
    const plan = text(
      e.action_plan_comment,
      `Action plan for ${referenceLabel(ref, measureTitles)}`,
    )
    if (plan) {
      const item: Record<string, JsonValue> = {
        action: `${referenceLabel(ref, measureTitles).replace(/^Answer /, '')}: ${singleLine(plan)}`,
        status: 'planned',
      }
      const owner = singleLine(text(e.person_in_charge, subject))
      if (owner) item.owner = owner
      const due = dateOf(e.estimated_implementation_date)
      if (due) item.dueDate = due
      actions.push(item)
    }
    const isRisk = RISKS.some((r) => r.ref === ref)
    const comment = isRisk ? '' : text(e.evaluation_comment, subject)
    const status = typeof e.status === 'number' ? EVALUATION_STATUS[e.status] : undefined
    if (!isRisk && (comment || (status && e.status !== 0))) {
      notes.push({
        code: 'EVALUATION_NOT_MAPPED',
        severity: 'dropped',
        subject,
        message: `The evaluator's verdict${status ? ` ("${status}")` : ''}${comment ? ' and comment' : ''} have no field in the DPIA template${plan ? '; its action plan was carried over' : ''}.`,
        sample: comment ? short(comment) : undefined,
      })
    }
  }
  if (actions.length > 0) {
    fields.actionPlan = actions
    if (actions.some((a) => isObj(a) && (!a.owner || !a.dueDate))) {
      notes.push({
        code: 'NOT_IN_EXPORT',
        severity: 'review',
        subject: 'Action plan',
        message:
          'Some actions have no person in charge or no implementation date in the PIA; fill them in.',
      })
    }
  }

  // Opinions and validation.
  const dpoNames = singleLine(text(pia.dpos_names, 'DPO names'))
  if (dpoNames) fields.dpoName = dpoNames
  const dpoOpinion = text(pia.dpo_opinion, 'DPO opinion')
  const dpoStatus =
    pia.dpo_status === 1 ? 'Favourable.' : pia.dpo_status === 0 ? 'Unfavourable.' : ''
  if (dpoOpinion || dpoStatus)
    fields.dpoOpinion = [dpoStatus, dpoOpinion].filter(Boolean).join('\n\n')
  notes.push({
    code: 'NOT_IN_EXPORT',
    severity: 'review',
    subject: 'Date of the DPO opinion, next review',
    message: 'CNIL’s export has neither date; fill them in.',
  })
  if (typeof pia.concerned_people_searched_opinion === 'boolean') {
    fields.dataSubjectsConsulted = pia.concerned_people_searched_opinion
  }
  const people = singleLine(text(pia.people_names, 'Names of the people consulted'))
  const peopleOpinion = text(pia.concerned_people_opinion, 'Data subjects’ opinion')
  const peopleStatus =
    pia.concerned_people_status === 1
      ? 'Favourable.'
      : pia.concerned_people_status === 0
        ? 'Unfavourable.'
        : ''
  if (
    pia.concerned_people_searched_opinion !== false &&
    (peopleOpinion || people || peopleStatus)
  ) {
    fields.dataSubjectsOpinion = [people ? `Consulted: ${people}` : '', peopleStatus, peopleOpinion]
      .filter(Boolean)
      .join('\n\n')
  }
  const notSought = text(pia.concerned_people_searched_content, 'Why the opinion was not sought')
  if (notSought && pia.concerned_people_searched_opinion === false) {
    fields.dataSubjectsNotConsultedReason = notSought
  }
  const status = typeof pia.status === 'number' ? pia.status : Number(pia.status)
  if (status === 2 || status === 3) {
    fields.validationDecision = actions.length > 0 ? 'approved-with-action-plan' : 'approved'
  } else if (status === 1) fields.validationDecision = 'rework'
  const refusal = text(pia.rejection_reason, 'Reason for refusal')
  const adjustments = text(pia.applied_adjustments, 'Applied adjustments')
  const rationale = [
    refusal ? `Reason for refusal: ${refusal}` : '',
    adjustments ? `Adjustments made: ${adjustments}` : '',
  ].filter(Boolean)
  if (rationale.length) fields.validationRationale = rationale.join('\n\n')
  if (status === 2 || status === 3 || status === 1) {
    notes.push({
      code: 'CHECK_VALUE',
      severity: 'review',
      subject: 'Validation',
      message: `The PIA was ${PIA_STATUS[status]} in CNIL's software; the decision was carried over, but the packet starts as a draft and needs its own sign-offs.`,
    })
  }

  // Comments: reviewers' remarks on questions and measures.
  for (const c of list(data.comments)) {
    if (!isObj(c)) continue
    const ref = String(c.reference_to ?? '')
    const on = c.for_measure
      ? `measure "${measureTitles.get(ref) ?? ref}"`
      : /^\d{3}$/.test(ref)
        ? questionLabel(Number(ref)).replace(/^Answer/, 'answer')
        : ref
    const t = text(c.description, `Comment on ${on}`)
    notes.push({
      code: 'COMMENT_NOT_MAPPED',
      severity: 'dropped',
      subject: `Comment on ${on}`,
      message: 'Review comments have no place in a packet; keep them elsewhere if they matter.',
      sample: t ? short(t) : undefined,
    })
  }

  // Attachments (not in the standard JSON export; some exports carry them as data URLs).
  const attachments: ImportedAttachment[] = []
  for (const a of list(data.attachments)) {
    if (!isObj(a)) continue
    const fileName = str(a.name).replace(/[\\/]/g, '_').trim() || 'attachment'
    const decoded = decodeDataUrl(a.file)
    if (decoded === 'absent') {
      notes.push({
        code: 'ATTACHMENT_NOT_INCLUDED',
        severity: 'dropped',
        subject: `Attachment "${fileName}"`,
        message:
          'The export names this attachment but does not contain the file. Add it to the Evidence library and attach it to the packet.',
        sample: str(a.comment) ? short(str(a.comment)) : undefined,
      })
      continue
    }
    if (decoded === 'bad' || decoded.bytes.length > MAX_ATTACHMENT_BYTES) {
      notes.push({
        code: 'ATTACHMENT_UNREADABLE',
        severity: 'dropped',
        subject: `Attachment "${fileName}"`,
        message:
          decoded === 'bad'
            ? 'The file data is not a readable data: URL, so the file was not imported. Add it to the Evidence library by hand.'
            : 'The file is larger than 64 MB; add it to the Evidence library by hand.',
      })
      continue
    }
    const signed = a.pia_signed === 1 || a.pia_signed === true
    attachments.push({
      fileName,
      mimeType: str(a.mime_type) || decoded.mime,
      bytes: decoded.bytes,
      suggestedRole: suggestEvidenceRole(fileName, signed),
      signed,
      comment: str(a.comment) || undefined,
    })
  }
  if (!('attachments' in data)) {
    notes.push({
      code: 'ATTACHMENT_NOT_INCLUDED',
      severity: 'info',
      subject: 'Attachments',
      message:
        'CNIL’s JSON export does not include attachments (they are in its ZIP export). Add any you need from the Evidence library.',
    })
  }

  if (Array.isArray(pia.user_pias) && pia.user_pias.length > 0) {
    notes.push({
      code: 'USERS_NOT_MAPPED',
      severity: 'dropped',
      subject: 'Users of the PIA server',
      message: `${pia.user_pias.length} user account links (authors, evaluators, validators) from a PIA server were not imported; the names below were kept in the revision note.`,
    })
  }
  if (formatting) {
    notes.push({
      code: 'FORMATTING_IGNORED',
      severity: 'info',
      subject: 'Formatting',
      message:
        'Fonts, colours and other inline styling were not kept; paragraphs, line breaks and lists were.',
    })
  }

  const name = singleLine(text(pia.name, 'PIA name')) || 'Untitled PIA'
  const people3 = [
    ['author', pia.author_name],
    ['evaluator', pia.evaluator_name],
    ['validator', pia.validator_name],
  ]
    .map(([role, v]) => [role, singleLine(text(v, `PIA ${String(role)}`))] as const)
    .filter(([, v]) => v !== '')
    .map(([role, v]) => `${role} ${v}`)
  const revisionNote = [
    `Imported from CNIL PIA "${name}"`,
    people3.length ? people3.join(', ') : '',
    Number.isFinite(status) && PIA_STATUS[status] ? `status ${PIA_STATUS[status]}` : '',
    dateOf(pia.created_at) ? `created ${dateOf(pia.created_at)}` : '',
    dateOf(pia.updated_at) ? `updated ${dateOf(pia.updated_at)}` : '',
    str(pia.category) ? `category ${singleLine(text(pia.category, 'Category'))}` : '',
  ]
    .filter(Boolean)
    .join('; ')
  notes.push({
    code: 'METADATA',
    severity: 'info',
    subject: 'PIA details',
    message: `Kept in the first revision's note: ${revisionNote}.`,
  })

  return {
    ok: true,
    title: `DPIA: ${name}`,
    fields,
    attachments,
    notes: sortNotes(notes),
    counts: {
      answers: answerCount,
      measures: measures.length,
      risks: risks.length,
      actions: actions.length,
      attachments: attachments.length,
    },
    revisionNote,
  }
}

const ORDER: Record<ImportNoteSeverity, number> = { dropped: 0, review: 1, info: 2 }

function sortNotes(notes: ImportNote[]): ImportNote[] {
  return notes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => ORDER[a.n.severity] - ORDER[b.n.severity] || a.i - b.i)
    .map(({ n }) => n)
}

function short(s: string, n = 120): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > n ? `${t.slice(0, n - 1)}…` : t
}

const DROPPED_WORDS: Record<DroppedHtml['kind'], string> = {
  script: 'A script was removed',
  style: 'A style sheet was removed',
  'event-handler': 'An event handler was removed',
  'remote-content': 'Remote content was removed (never fetched)',
  'embedded-content': 'Embedded content was removed',
  'form-control': 'A form control was removed',
  'unsafe-link': 'A link target that is not a web address was removed (its text was kept)',
  comment: 'A conditional comment was removed',
}

function droppedNote(d: DroppedHtml, subject: string): ImportNote {
  return {
    code: 'HTML_DROPPED',
    severity: 'dropped',
    subject,
    message: `${DROPPED_WORDS[d.kind]}: ${d.what}.`,
    sample: d.sample,
  }
}
