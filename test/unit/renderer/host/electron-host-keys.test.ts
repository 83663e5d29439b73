// The Electron host's KeyVault over a fake bridge: each method calls its keys:* channel with the
// same arguments, and an error from main carrying "[CODE] message" becomes a HostError with that
// code (how WRONG_PASSPHRASE crosses IPC).
import { describe, expect, it, vi } from 'vitest'
import { HostError, WRONG_PASSPHRASE } from '../../../../src/core/host/host-api'
import type { EvwBridge } from '../../../../src/core/host/ipc-channels'
import { electronHost } from '../../../../src/renderer/host/electron-host'

const remote = (channel: string, message: string) =>
  new Error(`Error invoking remote method '${channel}': Error: ${message}`)

describe('electron host keys', () => {
  it('maps every method to its channel', async () => {
    const calls: [string, unknown[]][] = []
    const bridge = new Proxy(
      {},
      {
        get:
          (_t, channel: string) =>
          (...args: unknown[]) => {
            calls.push([channel, args])
            return Promise.resolve(channel === 'keys:unlock' ? 'ab'.repeat(16) : undefined)
          },
      },
    ) as EvwBridge
    const keys = electronHost(bridge).keys
    const msg = new Uint8Array([1, 2])
    await keys.keychain()
    await keys.list()
    await keys.create({ name: 'Dana', passphrase: 'p'.repeat(12) })
    await keys.unlock('k', 'pass')
    await keys.unlock('k', 'pass', 5000)
    await keys.sign('s', msg)
    await keys.lock('s')
    await keys.remove('k')
    await keys.deviceKey()
    await keys.deviceSign(msg)
    expect(calls).toEqual([
      ['keys:keychain', []],
      ['keys:list', []],
      ['keys:create', [{ name: 'Dana', passphrase: 'p'.repeat(12) }]],
      ['keys:unlock', ['k', 'pass']],
      ['keys:unlock', ['k', 'pass', 5000]],
      ['keys:sign', ['s', msg]],
      ['keys:lock', ['s']],
      ['keys:remove', ['k']],
      ['keys:device-key', []],
      ['keys:device-sign', [msg]],
    ])
  })

  it('turns "[CODE] message" from main into a HostError with that code', async () => {
    const bridge = {
      'keys:unlock': vi.fn(() =>
        Promise.reject(remote('keys:unlock', '[WRONG_PASSPHRASE] Wrong passphrase for "Dana".')),
      ),
      'keys:list': vi.fn(() => Promise.reject(remote('keys:list', 'disk full'))),
    } as unknown as EvwBridge
    const keys = electronHost(bridge).keys
    const err = await keys.unlock('k', 'x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HostError)
    expect(err).toMatchObject({ code: WRONG_PASSPHRASE, message: 'Wrong passphrase for "Dana".' })
    const plain = await keys.list().catch((e: unknown) => e)
    expect(plain).toMatchObject({ message: 'disk full', code: undefined })
  })
})
