// The verifier's policy from templates: required approving roles, and the template's rules
// judged as of the time the packet was signed (later expiry is a pre-sync concern, not a
// verification failure).
import type { VerifyPolicy } from '../bundle/verify-bundle'
import { requiredSignoffRoles } from './template-model'
import { TemplateRegistry } from './registry'
import { validatePacket } from './validate-packet'

export function templatePolicy(registry = new TemplateRegistry()): VerifyPolicy {
  return {
    requiredRoles: (ref) => {
      const t = registry.resolve(ref)
      return t ? requiredSignoffRoles(t) : undefined
    },
    packetIssues: (packet, signedAt) => {
      const t = registry.resolve(packet.template)
      return t ? validatePacket(packet, t, { now: signedAt }).issues : []
    },
  }
}
