import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './cli-error'

type Options = NonNullable<ParseArgsConfig['options']>

/** parseArgs with strict checking, turning its errors into usage errors (exit 2). */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nusage: ${usage}`)
  }
}

export function required<T>(value: T | undefined, what: string, usage: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}\nusage: ${usage}`)
  return value
}
