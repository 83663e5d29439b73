// The demo workspace's people who sign: fictional role holders whose keys are derived from
// fixed seeds written here. Their secrets are therefore public, so the demo's keyring says
// so on each entry, and nothing outside the demo workspace should ever trust these keys.

export interface DemoSigner {
  name: string
  /** Roles the demo keyring gives this key. */
  roles: string[]
  /** The 32-byte Ed25519 seed, as one repeated byte (public on purpose: this is a demo). */
  seedByte: number
}

export const DEMO_SIGNERS = {
  manager: { name: 'Morgan Achebe', roles: ['accountable-manager'], seedByte: 0xd1 },
  dpo: { name: 'Dana Okafor', roles: ['dpo'], seedByte: 0xd2 },
  legal: { name: 'Leila Haddad', roles: ['legal', 'ombuds'], seedByte: 0xd3 },
  seceng: { name: 'Sven Lindqvist', roles: ['seceng'], seedByte: 0xd4 },
} as const satisfies Record<string, DemoSigner>

export type DemoSignerId = keyof typeof DEMO_SIGNERS

/** The keyring note on every demo key. */
export const DEMO_KEY_NOTE =
  'Demo identity: its secret key is published in the Evidence Workbench source code. Trust it only inside the demo workspace.'

export const demoSeed = (signer: DemoSigner): Uint8Array => new Uint8Array(32).fill(signer.seedByte)

/** Who signs in a role in the demo. */
export function demoSignerFor(role: string): DemoSignerId | undefined {
  return (Object.keys(DEMO_SIGNERS) as DemoSignerId[]).find((id) =>
    (DEMO_SIGNERS[id].roles as readonly string[]).includes(role),
  )
}
